/*
 * Copyright 2026 The Shiftleft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { extractFlinkLineage } from './extractFlinkLineage';
import { column, controls, names } from './__testUtils__/lineageAssertions';

describe('conditional inputs per column', () => {
  const lineage = extractFlinkLineage(`
    INSERT INTO review_stats
    SELECT product_id,
      CASE WHEN cc_number IS NOT NULL THEN 'CARD' END AS pay_kind,
      CASE region WHEN 'EU' THEN vat_rate ELSE 0 END AS vat,
      IF(is_verified, rating, NULL) AS verified_rating,
      SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END) AS rated,
      COUNT(*) FILTER (WHERE helpful_votes > 10) AS helpful,
      AVG(rating) AS avg_rating
    FROM reviews
    WHERE deleted = FALSE
    GROUP BY product_id, cc_number, region, vat_rate, is_verified, rating`);

  it('lists the columns a condition reads as indirect inputs of that column only', () => {
    const row = (name: string) => {
      const c = column(lineage, name);
      return {
        sources: names(c.sources),
        conditional: names(c.conditionalSources ?? []),
      };
    };
    expect(row('pay_kind')).toEqual({
      sources: [],
      conditional: ['reviews.cc_number'],
    });
    expect(row('vat')).toEqual({
      sources: ['reviews.vat_rate'],
      conditional: ['reviews.region'],
    });
    expect(row('verified_rating')).toEqual({
      sources: ['reviews.rating'],
      conditional: ['reviews.is_verified'],
    });
    expect(row('rated')).toEqual({
      sources: [],
      conditional: ['reviews.rating'],
    });
    expect(row('helpful')).toEqual({
      sources: [],
      conditional: ['reviews.helpful_votes'],
    });
    // A WHERE filter decides rows for every column: it stays table-wide.
    expect(column(lineage, 'avg_rating').conditionalSources).toBeUndefined();
    expect(controls(lineage)).toEqual(
      expect.arrayContaining([
        'reviews.deleted(filter)',
        'reviews.cc_number(condition,group)',
        'reviews.helpful_votes(filter)',
      ]),
    );
  });

  it('follows conditional inputs through a CTE', () => {
    const through = extractFlinkLineage(`
      CREATE TABLE flagged AS
      WITH classified AS (
        SELECT id, CASE WHEN ssn IS NULL THEN 'anonymous' ELSE 'known' END AS kind
        FROM people
      )
      SELECT id, UPPER(kind) AS kind FROM classified`);
    expect(names(column(through, 'kind').conditionalSources!)).toEqual([
      'people.ssn',
    ]);
  });
});

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
import { errorOf, flows, tables } from './__testUtils__/lineageAssertions';

/*
 * Standard clauses that pick which or how many rows flow, and carry no
 * column lineage: LIMIT … OFFSET, OFFSET … FETCH, FETCH FIRST, TABLESAMPLE,
 * UNNEST … WITH ORDINALITY, and column alias lists on tables.
 */
describe('row clauses without column lineage', () => {
  it('accepts LIMIT n OFFSET m, OFFSET m ROWS FETCH NEXT n ROWS ONLY and FETCH FIRST n ROWS ONLY', () => {
    const forms = [
      'SELECT order_id, amount FROM orders ORDER BY amount DESC LIMIT 10 OFFSET 20',
      'SELECT order_id, amount FROM orders ORDER BY amount DESC OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY',
      'SELECT order_id, amount FROM orders ORDER BY amount DESC OFFSET 20 ROWS',
      'SELECT order_id, amount FROM orders ORDER BY amount DESC OFFSET 20',
      'SELECT order_id, amount FROM orders ORDER BY amount DESC FETCH FIRST 10 ROWS ONLY',
      'SELECT order_id, amount FROM orders ORDER BY amount DESC FETCH FIRST ROW ONLY',
    ];
    for (const sql of forms) {
      const lineage = extractFlinkLineage(sql);
      expect(flows(lineage)).toEqual([
        'order_id <- orders.order_id',
        'amount <- orders.amount',
      ]);
      expect(lineage.warnings).toEqual([]);
    }
  });

  it('reads FETCH FIRST inside a subquery of an INSERT, and keeps its text', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO top_scores
      SELECT player, score FROM (
        SELECT player, score FROM scores ORDER BY score DESC FETCH FIRST 10 ROWS ONLY)`);
    expect(tables(lineage)).toEqual({
      sources: ['scores'],
      sinks: ['top_scores'],
    });
    expect(flows(lineage)).toEqual([
      'player <- scores.player',
      'score <- scores.score',
    ]);
  });

  it('still rejects OFFSET and FETCH where LIMIT may not stand, or half written', () => {
    expect(errorOf('SELECT order_id FROM orders WHERE OFFSET 5 ROWS')).toMatch(
      /^Invalid Flink SQL at line 1, column 35:/,
    );
    expect(errorOf('SELECT order_id FROM orders FETCH FIRST 10 ROWS')).toMatch(
      /^Invalid Flink SQL at line 1, column 29:/,
    );
    expect(
      errorOf('SELECT order_id FROM orders LIMIT 5 OFFSET 2 OFFSET 1'),
    ).toMatch(/^Invalid Flink SQL at line 1, column 46:/);
  });

  it('accepts TABLESAMPLE before or after the alias, with REPEATABLE', () => {
    for (const from of [
      'orders TABLESAMPLE BERNOULLI(10) AS o',
      'orders AS o TABLESAMPLE SYSTEM (5) REPEATABLE (42)',
      '`shop`.`eu`.orders TABLESAMPLE BERNOULLI(0.5) o',
    ]) {
      const lineage = extractFlinkLineage(
        `INSERT INTO order_sample SELECT o.order_id, o.amount FROM ${from}`,
      );
      expect(flows(lineage)).toEqual([
        expect.stringMatching(/^order_id <- (shop\.eu\.)?orders\.order_id$/),
        expect.stringMatching(/^amount <- (shop\.eu\.)?orders\.amount$/),
      ]);
    }
    expect(errorOf('SELECT * FROM orders TABLESAMPLE RANDOM(10)')).toMatch(
      /^Invalid Flink SQL at line 1, column 22:/,
    );
  });

  it('reads UNNEST(…) WITH ORDINALITY: the ordinal is one more column of the array', () => {
    const lineage = extractFlinkLineage(`
      SELECT o.order_id, li.sku, li.pos
      FROM orders o CROSS JOIN UNNEST(o.line_items) WITH ORDINALITY AS li(sku, qty, pos)`);
    expect(flows(lineage)).toEqual([
      'order_id <- orders.order_id',
      'sku <- orders.line_items',
      'pos <- orders.line_items',
    ]);
    expect(errorOf('SELECT * FROM orders WITH ORDINALITY AS x(a)')).toMatch(
      /^Invalid Flink SQL at line 1, column 22:/,
    );
  });

  it('renames the columns of a table by an alias list; when they are unknown each name reads any of them', () => {
    const known = extractFlinkLineage(
      'SELECT c.id, c.mail FROM customers AS c(id, mail, phone)',
      { resolveTableColumns: () => ['customer_id', 'email', 'phone'] },
    );
    expect(flows(known)).toEqual([
      'id <- customers.customer_id',
      'mail <- customers.email',
    ]);
    expect(known.warnings).toEqual([]);

    const unknown = extractFlinkLineage(
      'SELECT c.id, c.mail FROM customers AS c(id, mail, phone)',
    );
    expect(flows(unknown)).toEqual([
      'id <- customers.*',
      'mail <- customers.*',
    ]);
    expect(unknown.warnings).toEqual([
      'The columns of c are not known, so each column named in AS c(id, mail, phone) is read as any of them',
    ]);

    // The system column stays reachable; a name the list does not give is not.
    const rowtime = extractFlinkLineage(
      'SELECT c.id, c.$rowtime FROM customers AS c(id, mail)',
    );
    expect(flows(rowtime)).toEqual([
      'id <- customers.*',
      '$rowtime <- customers.$rowtime',
    ]);
    expect(errorOf('SELECT c.phone FROM customers AS c(id, mail)')).toBe(
      "Invalid Flink SQL at line 1, column 8: column 'phone' not found in c",
    );

    const ptf = extractFlinkLineage(
      'SELECT ch.kind, ch.id FROM TABLE(TO_CHANGELOG(input => TABLE orders)) AS ch(kind, id)',
    );
    expect(tables(ptf).sources).toEqual(['orders']);
    expect(flows(ptf)).toEqual(['kind <- orders.*', 'id <- orders.*']);
  });
});

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
import {
  createSuspectedPiiMatcher,
  tracePii,
} from '@shiftleft/plugin-confluent-common';
import { extractFlinkLineage } from '@shiftleft/flink-sql-lineage';
import { findSuspectedPii } from './suspectedPii';

const SQL = `CREATE TABLE \`shop.contacts\` AS
SELECT c.customerid, c.customername AS full_name, UPPER(c.email) AS email_upper,
  CASE WHEN c.phone IS NULL THEN 'none' ELSE 'some' END AS phone_kind,
  c.segment
FROM \`shop.public.customers\` c`;

describe('findSuspectedPii', () => {
  const matcher = createSuspectedPiiMatcher();
  const lineage = extractFlinkLineage(SQL).columns;

  const find = (declared: string[], columns?: string[]) => {
    const trace = tracePii({
      sources: [
        {
          table: 'shop.public.customers',
          fields: declared.map(column => ({ column, tags: ['PII'] })),
        },
      ],
      statements: [{ name: 'contacts', lineage: { columns: lineage } }],
    });
    return findSuspectedPii({
      matcher,
      sources: [{ topic: 'shop.public.customers', columns }],
      declared,
      lineage: [lineage],
      trace,
    }).map(f => `${f.from}:${f.table}.${f.column}:${f.pattern}`);
  };

  it('suspects source columns the SQL reads and statement outputs, by name', () => {
    expect(find([])).toEqual([
      'source:shop.public.customers.customername:customer_name',
      'statement:shop.contacts.full_name:full_name',
      'source:shop.public.customers.email:email',
      // email_upper ends in no ignored suffix: still an email.
      'statement:shop.contacts.email_upper:email',
      // A condition on phone: phone_kind ends in an ignored suffix (a kind
      // of value, not the number), so only the source is suspected.
      'source:shop.public.customers.phone:phone',
    ]);
  });

  it('leaves out declared columns and everything the PII trace follows', () => {
    expect(find(['customername', 'email', 'phone'])).toEqual([]);
  });

  it('adds the database columns the SQL does not read', () => {
    expect(
      find(['customername', 'email', 'phone'], ['customerid', 'date_of_birth']),
    ).toEqual(['source:shop.public.customers.date_of_birth:date_of_birth']);
  });
});

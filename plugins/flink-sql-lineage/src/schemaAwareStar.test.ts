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
import { flows } from './__testUtils__/lineageAssertions';

describe('schema-aware *', () => {
  const known: Record<string, string[]> = {
    orders: ['order_id', 'customer_id', 'amount'],
    customers: ['customer_id', 'email', 'tier'],
  };
  const options = {
    resolveTableColumns: (table: { table: string }) => known[table.table],
  };

  it('expands SELECT *, expr and t.* to real columns with per-column lineage', () => {
    expect(
      flows(
        extractFlinkLineage(
          'CREATE TABLE doubled AS SELECT *, amount * 2 AS doubled FROM orders',
          options,
        ),
      ),
    ).toEqual([
      'order_id <- orders.order_id',
      'customer_id <- orders.customer_id',
      'amount <- orders.amount',
      'doubled <- orders.amount',
    ]);
    expect(
      flows(
        extractFlinkLineage(
          'INSERT INTO order_contacts SELECT o.*, c.email FROM orders o JOIN customers c ON o.customer_id = c.customer_id',
          options,
        ),
      ),
    ).toEqual([
      'order_id <- orders.order_id',
      'customer_id <- orders.customer_id',
      'amount <- orders.amount',
      'email <- customers.email',
    ]);
  });

  it('expands * through subqueries and beside an AI table function, which adds its own columns', () => {
    expect(
      flows(
        extractFlinkLineage(
          "CREATE MATERIALIZED TABLE explained AS SELECT * FROM (SELECT * FROM orders) o, LATERAL TABLE(AI_COMPLETE('explainer', o.amount))",
          options,
        ),
      ),
    ).toEqual([
      'order_id <- orders.order_id',
      'customer_id <- orders.customer_id',
      'amount <- orders.amount',
      'response <- orders.amount',
    ]);
  });

  it('reports * honestly when the columns are not known', () => {
    expect(
      flows(extractFlinkLineage('CREATE TABLE copy AS SELECT * FROM orders')),
    ).toEqual(['* <- orders.*']);
  });
});

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
import { TUTORIAL_STATEMENTS } from './__fixtures__/tutorialStatements';

/*
 * A sweep of statements in the kinds Confluent Cloud's Flink SQL
 * reference, quickstarts and tutorials show (written for this project, not
 * copied): deduplication and Top-N, window TVFs with named arguments,
 * interval, temporal and lookup joins, MATCH_RECOGNIZE, statement sets,
 * UNNEST, JSON functions, CTAS with DISTRIBUTED BY and watermarks, ALTER
 * TABLE, AI and search functions, materialized tables, and OVER aggregates
 * with ML_DETECT_ANOMALIES and ML_FORECAST (see
 * __fixtures__/tutorialStatements.ts). Each is read in full: its tables,
 * every column's sources, and no warning.
 */
describe('statements a new user writes from the tutorials', () => {
  it.each(TUTORIAL_STATEMENTS)('reads $name in full', c => {
    const known = c.columns;
    const lineage = extractFlinkLineage(
      c.sql,
      known ? { resolveTableColumns: t => known[t.table] } : {},
    );
    expect(lineage.kind).toBe(c.kind);
    expect(tables(lineage)).toEqual({ sources: c.sources, sinks: c.sinks });
    expect(flows(lineage)).toEqual(c.flows);
    expect(lineage.warnings).toEqual([]);
  });

  it('reads the ALTER TABLE forms of the tutorials as changes that move no data', () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      [
        "ALTER TABLE orders ADD (discount DOUBLE COMMENT 'percent', headers MAP<BYTES, BYTES> METADATA VIRTUAL)",
        'ADD',
        {
          columns: [
            expect.objectContaining({ name: 'discount', comment: 'percent' }),
            expect.objectContaining({
              name: 'headers',
              kind: 'metadata',
              virtual: true,
            }),
          ],
        },
      ],
      [
        'ALTER TABLE orders ADD total AS price * quantity',
        'ADD',
        {
          computedColumns: [{ name: 'total', expression: 'price * quantity' }],
        },
      ],
      [
        'ALTER TABLE orders MODIFY (amount DECIMAL(10, 2) NOT NULL)',
        'MODIFY',
        {
          columns: [
            expect.objectContaining({
              name: 'amount',
              type: 'DECIMAL(10, 2)',
              nullable: false,
            }),
          ],
        },
      ],
      [
        "ALTER TABLE clicks MODIFY WATERMARK FOR $rowtime AS $rowtime - INTERVAL '1' SECOND",
        'MODIFY_WATERMARK',
        {
          watermark: {
            column: '$rowtime',
            expression: "$rowtime - INTERVAL '1' SECOND",
          },
        },
      ],
      ['ALTER TABLE orders DROP WATERMARK', 'DROP_WATERMARK', {}],
      ['ALTER TABLE orders DROP PRIMARY KEY', 'DROP_PRIMARY_KEY', {}],
      [
        'ALTER TABLE orders DROP (discount, headers)',
        'DROP_COLUMNS',
        { names: ['discount', 'headers'] },
      ],
      [
        "ALTER TABLE orders SET ('changelog.mode' = 'retract')",
        'SET_OPTIONS',
        { options: { 'changelog.mode': 'retract' } },
      ],
      [
        "ALTER TABLE orders RESET ('kafka.retention.time')",
        'RESET_OPTIONS',
        { resetKeys: ['kafka.retention.time'] },
      ],
      [
        'ALTER TABLE orders ADD (coupon STRING AFTER amount, total AS price * qty FIRST)',
        'ADD',
        {
          columns: [expect.objectContaining({ name: 'coupon' })],
          computedColumns: [{ name: 'total', expression: 'price * qty' }],
        },
      ],
      [
        'ALTER TABLE orders ADD DISTRIBUTION BY HASH(order_id) INTO 4 BUCKETS',
        'ADD_DISTRIBUTION',
        { distributedBy: { columns: ['order_id'], buckets: 4 } },
      ],
      [
        'ALTER TABLE orders MODIFY DISTRIBUTION INTO 8 BUCKETS',
        'MODIFY_DISTRIBUTION',
        { distributedBy: { columns: [], buckets: 8 } },
      ],
      ['ALTER TABLE orders DROP DISTRIBUTION', 'DROP_DISTRIBUTION', {}],
      [
        'ALTER TABLE orders RENAME region TO sales_region',
        'RENAME_COLUMN',
        { renameColumn: { from: 'region', to: 'sales_region' } },
      ],
    ];
    for (const [sql, operation, details] of cases) {
      const lineage = extractFlinkLineage(sql);
      expect(lineage.kind).toBe('ALTER_TABLE');
      expect(lineage.alteration).toMatchObject({ operation, ...details });
      expect(lineage.sources).toEqual([]);
      expect(lineage.sinks).toEqual([]);
    }
    expect(errorOf('ALTER TABLE orders ADD (coupon STRING AFTER)')).toMatch(
      /^Invalid Flink SQL at line 1, column 44: unexpected '\)'/,
    );
    expect(errorOf('ALTER TABLE orders ADD DISTRIBUTION')).toMatch(
      /^Invalid Flink SQL at line 1, column 36: .*BY or INTO/,
    );
  });
});

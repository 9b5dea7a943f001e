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
import { flows, tables } from './__testUtils__/lineageAssertions';

describe('statements the library reads only in part', () => {
  it('keeps the table-level lineage through a process table function and names it in a warning', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO order_changes
      SELECT c.order_id, c.status
      FROM TABLE(TO_CHANGELOG(input => TABLE orders PARTITION BY order_id)) AS c`);
    expect(tables(lineage)).toEqual({
      sources: ['orders'],
      sinks: ['order_changes'],
    });
    expect(flows(lineage)).toEqual([
      'order_id <- orders.order_id',
      'status <- orders.status',
    ]);
    expect(lineage.warnings).toEqual([
      'TO_CHANGELOG(…) is not traced column by column: its output is read as the columns of orders',
    ]);

    const bare = extractFlinkLineage(
      'CREATE TABLE sessions AS SELECT * FROM session_builder(TABLE `prod`.`core`.clicks PARTITION BY user_id, gap => 30)',
    );
    expect(tables(bare)).toEqual({
      sources: ['prod.core.clicks'],
      sinks: ['sessions'],
    });
    expect(bare.warnings).toEqual([
      'session_builder(…) is not traced column by column: its output is read as the columns of `prod`.`core`.clicks',
    ]);
  });

  it('reads statements about models, agents, tools, connections and materialized tables as moving no data', () => {
    const cases: Array<[string, string, string | undefined]> = [
      [
        "CREATE MODEL `support_classifier` INPUT (body STRING) OUTPUT (label STRING) WITH ('provider' = 'openai', 'task' = 'classification')",
        'CREATE_MODEL',
        'support_classifier',
      ],
      [
        "CREATE AGENT triage_agent USING MODEL support_classifier USING PROMPT 'Sort tickets' USING TOOLS lookup WITH ('max_iterations' = '3')",
        'CREATE_AGENT',
        'triage_agent',
      ],
      [
        "CREATE TOOL lookup USING CONNECTION crm_mcp WITH ('type' = 'mcp')",
        'CREATE_TOOL',
        'lookup',
      ],
      [
        "CREATE CONNECTION crm_mcp WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com')",
        'CREATE_CONNECTION',
        'crm_mcp',
      ],
      [
        'DROP MODEL IF EXISTS support_classifier',
        'DROP_MODEL',
        'support_classifier',
      ],
      [
        'DROP MATERIALIZED TABLE large_payments',
        'DROP_MATERIALIZED_TABLE',
        'large_payments',
      ],
      [
        'ALTER MATERIALIZED TABLE large_payments SUSPEND',
        'ALTER_MATERIALIZED_TABLE',
        'large_payments',
      ],
      ['DESCRIBE EXTENDED orders', 'DESCRIBE', 'orders'],
      [
        'DESCRIBE MODEL support_classifier',
        'DESCRIBE_MODEL',
        'support_classifier',
      ],
      ['SHOW MATERIALIZED TABLES', 'SHOW_MATERIALIZED_TABLES', undefined],
      [
        'SHOW CREATE MATERIALIZED TABLE large_payments',
        'SHOW_CREATE_MATERIALIZED_TABLE',
        'large_payments',
      ],
    ];
    for (const [sql, kind, target] of cases) {
      const lineage = extractFlinkLineage(sql);
      expect([lineage.kind, lineage.target?.table]).toEqual([kind, target]);
      expect(lineage.sinks).toEqual([]);
      expect(lineage.sources).toEqual([]);
    }
  });
});

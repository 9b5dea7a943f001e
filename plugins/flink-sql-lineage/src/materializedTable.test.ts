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

describe('CREATE [OR ALTER] MATERIALIZED TABLE', () => {
  it('reports a materialized table as the sink, with its kind apart from CTAS', () => {
    const lineage = extractFlinkLineage(`
      CREATE MATERIALIZED TABLE large_payments AS
      SELECT payment_id, customer_id, amount
      FROM payments WHERE amount >= 1000`);
    expect(lineage.kind).toBe('CREATE_MATERIALIZED_TABLE');
    expect(lineage.sinkKind).toBe('materialized-table');
    expect(lineage.table).toMatchObject({
      name: { table: 'large_payments' },
      materialized: true,
    });
    expect(tables(lineage)).toEqual({
      sources: ['payments'],
      sinks: ['large_payments'],
    });
    expect(flows(lineage)).toEqual([
      'payment_id <- payments.payment_id',
      'customer_id <- payments.customer_id',
      'amount <- payments.amount',
    ]);

    const ctas = extractFlinkLineage(
      'CREATE TABLE large_payments AS SELECT payment_id FROM payments',
    );
    expect(ctas.kind).toBe('CREATE_TABLE_AS');
    expect(ctas.sinkKind).toBe('ctas');
    expect(ctas.table!.materialized).toBeUndefined();
  });

  it('reads CREATE OR ALTER as a new version of the same table', () => {
    const lineage = extractFlinkLineage(`
      CREATE OR ALTER MATERIALIZED TABLE \`prod-env\`.\`core-cluster\`.revenue_by_region AS
      SELECT region, SUM(total) AS revenue FROM sales GROUP BY region`);
    expect(lineage.table).toMatchObject({
      name: {
        catalog: 'prod-env',
        database: 'core-cluster',
        table: 'revenue_by_region',
      },
      materialized: true,
      orAlter: true,
    });
    expect(flows(lineage)).toEqual([
      'region <- sales.region',
      'revenue <- sales.total',
    ]);
    expect(errorOf('CREATE OR ALTER TABLE t AS SELECT a FROM s')).toMatch(
      /line 1, column 11: CREATE OR ALTER is only for MATERIALIZED TABLE/,
    );
  });

  it('renames the query columns by position with a column list', () => {
    const lineage = extractFlinkLineage(`
      CREATE MATERIALIZED TABLE shipment_status (shipment, state, updated)
      AS SELECT id, UPPER(status), \`$rowtime\` FROM shipments`);
    expect(flows(lineage)).toEqual([
      'shipment <- shipments.id',
      'state <- shipments.status',
      'updated <- shipments.$rowtime',
    ]);
    expect(lineage.table!.columns).toEqual([]);
    expect(
      errorOf('CREATE MATERIALIZED TABLE m (a, b) AS SELECT id FROM shipments'),
    ).toMatch(
      /line 1, column 29: the table lists 2 columns but the query returns 1/,
    );
  });

  it('takes a schema holding only a primary key, DISTRIBUTED BY, WITH and START_MODE before AS', () => {
    const lineage = extractFlinkLineage(`
      CREATE MATERIALIZED TABLE latest_balance (
        PRIMARY KEY (account_id) NOT ENFORCED
      )
      DISTRIBUTED BY HASH(account_id) INTO 6 BUCKETS
      WITH ('changelog.mode' = 'upsert', 'kafka.retention.time' = '7 d')
      START_MODE = RESUME_OR_FROM_NOW(INTERVAL '2' HOUR)
      AS SELECT account_id, LAST_VALUE(balance) AS balance
         FROM ledger GROUP BY account_id`);
    expect(lineage.table).toMatchObject({
      primaryKey: ['account_id'],
      distributedBy: { columns: ['account_id'], buckets: 6 },
      options: { 'changelog.mode': 'upsert', 'kafka.retention.time': '7 d' },
      startMode: "RESUME_OR_FROM_NOW(INTERVAL '2' HOUR)",
    });
    expect(flows(lineage)).toEqual([
      'account_id <- ledger.account_id',
      'balance <- ledger.balance',
    ]);
  });

  it('takes a schema holding only a watermark, and every start mode', () => {
    const lineage = extractFlinkLineage(`
      CREATE MATERIALIZED TABLE sensor_readings (
        WATERMARK FOR read_at AS read_at - INTERVAL '10' SECOND
      ) START_MODE = FROM_BEGINNING
      AS SELECT sensor_id, reading, \`$rowtime\` AS read_at FROM raw_readings`);
    expect(lineage.table!.watermark).toEqual({
      column: 'read_at',
      expression: "read_at - INTERVAL '10' SECOND",
    });
    expect(lineage.table!.startMode).toBe('FROM_BEGINNING');
    for (const mode of [
      'FROM_NOW',
      "FROM_NOW(INTERVAL '30' MINUTE)",
      "FROM_TIMESTAMP(TIMESTAMP '2026-06-01 00:00:00')",
      'RESUME_OR_FROM_BEGINNING',
      'RESUME_OR_FROM_NOW',
      "RESUME_OR_FROM_TIMESTAMP(TIMESTAMP '2026-06-01 00:00:00')",
    ]) {
      expect(
        extractFlinkLineage(
          `CREATE MATERIALIZED TABLE m START_MODE = ${mode} AS SELECT a FROM s`,
        ).table!.startMode,
      ).toBe(mode);
    }
    expect(
      errorOf(
        'CREATE MATERIALIZED TABLE m START_MODE = LATEST AS SELECT a FROM s',
      ),
    ).toMatch(
      /line 1, column 42: unexpected 'LATEST', expected FROM_BEGINNING/,
    );
    expect(
      errorOf(
        'CREATE MATERIALIZED TABLE m START_MODE = FROM_TIMESTAMP AS SELECT a FROM s',
      ),
    ).toMatch(/line 1, column 57: unexpected 'AS', expected '\('/);
  });

  it('traces through a CTE body, which is never a table', () => {
    const lineage = extractFlinkLineage(`
      CREATE MATERIALIZED TABLE churn_risk
      WITH ('kafka.partitions' = '3')
      AS WITH recent AS (
        SELECT user_id, last_login FROM logins WHERE last_login > CURRENT_TIMESTAMP - INTERVAL '30' DAY
      )
      SELECT u.user_id, u.email, r.last_login
      FROM users u LEFT JOIN recent r ON u.user_id = r.user_id`);
    expect(tables(lineage)).toEqual({
      sources: ['logins', 'users'],
      sinks: ['churn_risk'],
    });
    expect(flows(lineage)).toEqual([
      'user_id <- users.user_id',
      'email <- users.email',
      'last_login <- logins.last_login',
    ]);
  });

  it('declares typed columns that re-declare query columns, as CTAS does', () => {
    const lineage = extractFlinkLineage(`
      CREATE MATERIALIZED TABLE order_totals (
        order_id STRING NOT NULL,
        total DECIMAL(12, 2),
        PRIMARY KEY (order_id) NOT ENFORCED
      ) COMMENT 'per order' AS
      SELECT order_id, SUM(price * quantity) AS total FROM order_lines GROUP BY order_id`);
    expect(lineage.table!.columns.map(c => `${c.name} ${c.type}`)).toEqual([
      'order_id STRING',
      'total DECIMAL(12, 2)',
    ]);
    expect(lineage.table!.comment).toBe('per order');
    expect(flows(lineage)).toEqual([
      'order_id <- order_lines.order_id',
      'total <- order_lines.price, order_lines.quantity',
    ]);
  });

  it('needs AS SELECT', () => {
    expect(errorOf('CREATE MATERIALIZED TABLE m (a INT)')).toMatch(
      /CREATE MATERIALIZED TABLE needs AS SELECT/,
    );
  });
});

describe('ALTER MATERIALIZED TABLE', () => {
  it('reads … AS query as a new version of the table, with the lineage of the new query', () => {
    const lineage = extractFlinkLineage(`
      ALTER MATERIALIZED TABLE \`prod\`.\`eu\`.revenue_by_region
        (PRIMARY KEY (region) NOT ENFORCED)
        DISTRIBUTED BY (region) INTO 4 BUCKETS
        WITH ('changelog.mode' = 'upsert')
        START_MODE = RESUME_OR_FROM_BEGINNING
      AS WITH paid AS (SELECT region, total FROM sales WHERE status = 'PAID')
      SELECT region, SUM(total) AS revenue FROM paid GROUP BY region`);
    expect(lineage.kind).toBe('ALTER_MATERIALIZED_TABLE');
    expect(lineage.sinkKind).toBe('materialized-table');
    expect(tables(lineage)).toEqual({
      sources: ['sales'],
      sinks: ['prod.eu.revenue_by_region'],
    });
    expect(flows(lineage)).toEqual([
      'region <- sales.region',
      'revenue <- sales.total',
    ]);
    expect(lineage.table).toMatchObject({
      materialized: true,
      orAlter: true,
      primaryKey: ['region'],
      distributedBy: { columns: ['region'], buckets: 4 },
      startMode: 'RESUME_OR_FROM_BEGINNING',
    });
  });

  it('reads ADD, MODIFY WATERMARK, DROP WATERMARK, SET and RESET as ALTER TABLE does; SUSPEND and RESUME move no data', () => {
    const cases: Array<[string, string | undefined]> = [
      [
        'ALTER MATERIALIZED TABLE large_payments ADD (headers MAP<BYTES, BYTES> METADATA VIRTUAL)',
        'ADD',
      ],
      [
        "ALTER MATERIALIZED TABLE large_payments MODIFY WATERMARK FOR $rowtime AS $rowtime - INTERVAL '1' SECOND",
        'MODIFY_WATERMARK',
      ],
      [
        'ALTER MATERIALIZED TABLE large_payments DROP WATERMARK',
        'DROP_WATERMARK',
      ],
      [
        "ALTER MATERIALIZED TABLE large_payments SET ('kafka.retention.time' = '30 d')",
        'SET_OPTIONS',
      ],
      [
        "ALTER MATERIALIZED TABLE large_payments RESET ('kafka.retention.time')",
        'RESET_OPTIONS',
      ],
      ['ALTER MATERIALIZED TABLE large_payments SUSPEND', undefined],
      ['ALTER MATERIALIZED TABLE large_payments RESUME', undefined],
    ];
    for (const [sql, operation] of cases) {
      const lineage = extractFlinkLineage(sql);
      expect(lineage.kind).toBe('ALTER_MATERIALIZED_TABLE');
      expect(lineage.target).toEqual({ table: 'large_payments' });
      expect(lineage.alteration?.operation).toBe(operation);
      expect(lineage.sinks).toEqual([]);
      expect(lineage.sources).toEqual([]);
    }
  });

  it('rejects a changed definition without a query, and a broken query, where they are', () => {
    expect(
      errorOf(
        "ALTER MATERIALIZED TABLE large_payments WITH ('changelog.mode' = 'append')",
      ),
    ).toBe(
      'Invalid Flink SQL at line 1, column 1: ALTER MATERIALIZED TABLE needs AS SELECT, or ADD, MODIFY, DROP WATERMARK, SET, RESET, SUSPEND or RESUME',
    );
    expect(
      errorOf(
        'ALTER MATERIALIZED TABLE large_payments AS SELEC id FROM payments',
      ),
    ).toMatch(/^Invalid Flink SQL at line 1, column 44: unexpected 'SELEC'/);
  });
});

describe('sink kinds', () => {
  it('tells INSERT INTO, statement sets and views apart', () => {
    expect(extractFlinkLineage('INSERT INTO t SELECT a FROM s').sinkKind).toBe(
      'table',
    );
    expect(
      extractFlinkLineage(
        'EXECUTE STATEMENT SET BEGIN INSERT INTO t SELECT a FROM s; INSERT INTO u SELECT a FROM s; END',
      ).sinkKind,
    ).toBe('table');
    expect(
      extractFlinkLineage('CREATE VIEW v AS SELECT a FROM s').sinkKind,
    ).toBe('view');
    expect(extractFlinkLineage('SELECT a FROM s').sinkKind).toBeUndefined();
    expect(
      extractFlinkLineage('CREATE TABLE t (a INT)').sinkKind,
    ).toBeUndefined();
  });
});

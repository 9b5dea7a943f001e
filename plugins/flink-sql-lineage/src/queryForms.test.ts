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
import {
  column,
  controls,
  errorOf,
  flows,
  names,
  tables,
} from './__testUtils__/lineageAssertions';

describe('element access and constructors', () => {
  it('follows element access chains to the column they start from', () => {
    const lineage = extractFlinkLineage(`
      SELECT s.readings[1].celsius AS first_celsius,
        s.labels['site'].code AS site_code,
        s.readings[CARDINALITY(s.readings)] AS last_reading,
        (JSON_QUERY(s.payload, '$.meta' RETURNING MAP<STRING, MAP<STRING, STRING>>))['unit']['name'] AS unit_name
      FROM sensor_batches s`);
    expect(flows(lineage)).toEqual([
      'first_celsius <- sensor_batches.readings',
      'site_code <- sensor_batches.labels',
      'last_reading <- sensor_batches.readings',
      'unit_name <- sensor_batches.payload',
    ]);
    expect(column(lineage, 'first_celsius')).toMatchObject({
      expression: 's.readings[1].celsius',
      direct: false,
    });
  });

  it('traces MAP[…], ARRAY[…] and JSON_OBJECT(key VALUE value) to every value', () => {
    const lineage = extractFlinkLineage(`
      SELECT MAP['email', c.email, 'phone', c.phone] AS contacts,
        ARRAY[c.street, c.city] AS address_lines,
        JSON_OBJECT('id' VALUE c.id, 'name' VALUE c.full_name) AS doc
      FROM customers c`);
    expect(flows(lineage)).toEqual([
      'contacts <- customers.email, customers.phone',
      'address_lines <- customers.street, customers.city',
      'doc <- customers.id, customers.full_name',
    ]);
  });

  it('reads Debezium-style alias.`after`.`FIELD` as a field of a column, never a table name', () => {
    const lineage = extractFlinkLineage(
      "INSERT INTO user_names SELECT u.`after`.`ID` AS id, u.`after`.`FULL_NAME` AS name FROM `cdc.public.users` AS u WHERE u.`op` <> 'd'",
    );
    expect(tables(lineage)).toEqual({
      sources: ['`cdc.public.users`'],
      sinks: ['user_names'],
    });
    expect(flows(lineage)).toEqual([
      'id <- `cdc.public.users`.after:ID',
      'name <- `cdc.public.users`.after:FULL_NAME',
    ]);
    expect(column(lineage, 'name').direct).toBe(true);
  });
});

describe('window table functions', () => {
  it('accepts TUMBLE, HOP, CUMULATE and SESSION without the TABLE(…) wrapper', () => {
    for (const call of [
      "TUMBLE(TABLE page_views, DESCRIPTOR(viewed_at), INTERVAL '1' MINUTE)",
      "HOP(TABLE page_views, DESCRIPTOR(viewed_at), INTERVAL '1' MINUTE, INTERVAL '10' MINUTES)",
      "CUMULATE(TABLE page_views, DESCRIPTOR(viewed_at), INTERVAL '1' MINUTE, INTERVAL '1' HOUR)",
      "SESSION(TABLE page_views PARTITION BY page, DESCRIPTOR(viewed_at), INTERVAL '5' MINUTES)",
    ]) {
      const lineage = extractFlinkLineage(`
        INSERT INTO page_visitors
        SELECT w.window_start, w.page, COUNT(DISTINCT w.visitor) AS visitors
        FROM ${call} AS w
        GROUP BY w.window_start, w.window_end, w.page`);
      expect(flows(lineage)).toEqual([
        'window_start <- page_views.viewed_at',
        'page <- page_views.page',
        'visitors <- page_views.visitor',
      ]);
      expect(controls(lineage)).toContain('page_views.viewed_at(window,group)');
    }
  });

  it('accepts named arguments, with and without the wrapper', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO sessions_spent
      SELECT window_start, account, SUM(amount) AS spent
      FROM SESSION(DATA => TABLE payments PARTITION BY account,
        TIMECOL => DESCRIPTOR(paid_at), GAP => INTERVAL '30' SECONDS)
      GROUP BY window_start, window_end, account`);
    expect(flows(lineage)).toEqual([
      'window_start <- payments.paid_at',
      'account <- payments.account',
      'spent <- payments.amount',
    ]);
    expect(controls(lineage)).toContain('payments.account(partition,group)');
    const hop = extractFlinkLineage(`
      SELECT window_end, AVG(latency_ms) AS latency FROM TABLE(HOP(
        DATA => TABLE requests, TIMECOL => DESCRIPTOR(\`$rowtime\`),
        SLIDE => INTERVAL '1' MINUTES, SIZE => INTERVAL '5' MINUTES))
      GROUP BY window_start, window_end`);
    expect(flows(hop)).toEqual([
      'window_end <- requests.$rowtime',
      'latency <- requests.latency_ms',
    ]);
  });

  it('traces a window over a CTE through the CTE', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO revenue_per_minute
      WITH paid AS (
        SELECT order_id, price * quantity AS revenue, ordered_at
        FROM order_lines WHERE status = 'PAID'
      )
      SELECT window_start, SUM(revenue) AS revenue
      FROM TUMBLE(TABLE paid, DESCRIPTOR(ordered_at), INTERVAL '1' MINUTE)
      GROUP BY window_start, window_end`);
    expect(tables(lineage)).toEqual({
      sources: ['order_lines'],
      sinks: ['revenue_per_minute'],
    });
    expect(flows(lineage)).toEqual([
      'window_start <- order_lines.ordered_at',
      'revenue <- order_lines.price, order_lines.quantity',
    ]);
  });
});

describe('INSERT forms', () => {
  it('maps INSERT INTO t (columns) VALUES rows by position, and checks the count', () => {
    const lineage = extractFlinkLineage(
      "INSERT INTO currencies (code, `display name`) VALUES ('EUR', 'Euro'), ('CHF', 'Swiss franc')",
    );
    expect(lineage.kind).toBe('INSERT_INTO');
    expect(lineage.sources).toEqual([]);
    expect(lineage.columns.map(c => [c.column, c.sources])).toEqual([
      ['code', []],
      ['display name', []],
    ]);
    expect(
      errorOf("INSERT INTO currencies (code) VALUES ('EUR', 'Euro')"),
    ).toMatch(
      /line 1, column 24: INSERT INTO lists 1 columns but the query returns 2/,
    );
  });

  it('reads INSERT INTO t (WITH … SELECT …) with and without a column list', () => {
    for (const list of ['', '(region, total) ']) {
      const lineage = extractFlinkLineage(`
        INSERT INTO region_totals ${list}(
          WITH by_region AS (SELECT region, amount FROM sales)
          SELECT region, SUM(amount) AS total FROM by_region GROUP BY region
        )`);
      expect(tables(lineage)).toEqual({
        sources: ['sales'],
        sinks: ['region_totals'],
      });
      expect(flows(lineage)).toEqual([
        'region <- sales.region',
        'total <- sales.amount',
      ]);
    }
  });

  it('keeps a CTE inside one INSERT of a statement set to that INSERT; several INSERTs may share a sink', () => {
    const lineage = extractFlinkLineage(`
      EXECUTE STATEMENT SET
      BEGIN
        INSERT INTO all_events
          WITH web AS (SELECT event_id, payload FROM web_events)
          SELECT event_id, payload FROM web;
        INSERT INTO all_events SELECT event_id, body FROM web;
        INSERT INTO all_events SELECT id, data FROM mobile_events;
      END`);
    expect(lineage.kind).toBe('STATEMENT_SET');
    expect(tables(lineage)).toEqual({
      // In the second INSERT `web` is a table of its own.
      sources: ['web_events', 'web', 'mobile_events'],
      sinks: ['all_events'],
    });
    expect(
      lineage.columns.map(c => `${c.column} <- ${names(c.sources)}`),
    ).toEqual([
      'event_id <- web_events.event_id',
      'payload <- web_events.payload',
      'event_id <- web.event_id',
      'body <- web.body',
      'id <- mobile_events.id',
      'data <- mobile_events.data',
    ]);
  });
});

describe('hints, system columns and names', () => {
  it('ignores STATE_TTL hints after SELECT and OPTIONS hints between a table and its alias', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO enriched_orders
      SELECT /*+ STATE_TTL('o' = '6h', 'c' = '2d') */ o.order_id, c.tier
      FROM orders /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */ AS o
      JOIN customers /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */ c
        ON o.customer_id = c.customer_id`);
    expect(flows(lineage)).toEqual([
      'order_id <- orders.order_id',
      'tier <- customers.tier',
    ]);
  });

  it('reads unquoted $rowtime and mixed quoted and unquoted dashed names', () => {
    const rowtime = extractFlinkLineage(`
      SELECT order_id, $rowtime AS placed_at FROM orders
      WHERE $rowtime > TIMESTAMP '2026-01-01 00:00:00'`);
    expect(flows(rowtime)).toEqual([
      'order_id <- orders.order_id',
      'placed_at <- orders.$rowtime',
    ]);
    const lineage = extractFlinkLineage(`
      SELECT o.order_id, i.sku
      FROM \`examples\`.\`marketplace\`.orders o
      JOIN \`prod-env\`.\`eu-cluster\`.\`order-items\` i ON o.order_id = i.order_id`);
    expect(tables(lineage).sources).toEqual([
      'examples.marketplace.orders',
      '`prod-env`.`eu-cluster`.`order-items`',
    ]);
    expect(lineage.sources[1]).toEqual({
      catalog: 'prod-env',
      database: 'eu-cluster',
      table: 'order-items',
    });
    expect(lineage.warnings).toEqual([]);
  });
});

describe('built-in functions', () => {
  it('accepts built-ins the grammar lexes as keywords, and TRY_CAST', () => {
    const lineage = extractFlinkLineage(`
      SELECT CHAR_LENGTH(name) AS a, CHARACTER_LENGTH(name) AS b,
        SQRT(score) AS c, TRANSLATE(code, 'ab', 'xy') AS d,
        TRY_CAST(raw_amount AS DECIMAL(10, 2)) AS e
      FROM entries`);
    expect(flows(lineage)).toEqual([
      'a <- entries.name',
      'b <- entries.name',
      'c <- entries.score',
      'd <- entries.code',
      'e <- entries.raw_amount',
    ]);
    expect(column(lineage, 'e').expression).toBe(
      'TRY_CAST(raw_amount AS DECIMAL(10, 2))',
    );
  });
});

describe('time units and CTE scope', () => {
  it('reads FLOOR(ts TO unit) and CEIL(ts TO unit): the unit is no column', () => {
    const lineage = extractFlinkLineage(`
      SELECT FLOOR($rowtime TO HOUR) AS hour_start, CEIL(shipped_at TO DAY) AS ship_day,
        COUNT(*) AS shipments
      FROM shipments
      GROUP BY FLOOR($rowtime TO HOUR), CEIL(shipped_at TO DAY)`);
    expect(flows(lineage)).toEqual([
      'hour_start <- shipments.$rowtime',
      'ship_day <- shipments.shipped_at',
      'shipments <- ',
    ]);
    expect(column(lineage, 'ship_day').expression).toBe(
      'CEIL(shipped_at TO DAY)',
    );
    expect(lineage.warnings).toEqual([]);
  });

  it('keeps the CTEs of a WITH in scope for every branch of a UNION after it; they are never tables', () => {
    const lineage = extractFlinkLineage(`
      CREATE MATERIALIZED TABLE all_signups AS
      WITH web AS (SELECT user_id, 'web' AS channel FROM web_signups),
           app AS (SELECT user_id, 'app' AS channel FROM app_signups)
      SELECT user_id, channel FROM web
      UNION ALL SELECT user_id, channel FROM app
      UNION ALL SELECT user_id, channel FROM web`);
    expect(tables(lineage)).toEqual({
      sources: ['web_signups', 'app_signups'],
      sinks: ['all_signups'],
    });
    expect(flows(lineage)).toEqual([
      'user_id <- web_signups.user_id, app_signups.user_id',
      'channel <- ',
    ]);
  });
});

describe('MATCH_RECOGNIZE as Flink documents it', () => {
  it('reads PREV, FIRST and LAST with an offset, exact and reluctant quantifiers and MATCH_ROWTIME()', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO price_rebounds
      SELECT m.symbol, m.matched_at, m.first_up, m.last_down
      FROM trades
      MATCH_RECOGNIZE (
        PARTITION BY symbol ORDER BY $rowtime
        MEASURES MATCH_ROWTIME() AS matched_at, FIRST(UP.price) AS first_up,
          LAST(DOWN.price, 1) AS last_down
        ONE ROW PER MATCH
        AFTER MATCH SKIP TO NEXT ROW
        PATTERN (START_ROW DOWN{2} FLAT*? UP+? PEAK{1,3}?) WITHIN INTERVAL '1' HOUR
        DEFINE
          DOWN AS DOWN.price < PREV(DOWN.price),
          FLAT AS FLAT.price = PREV(FLAT.price, 1),
          UP AS UP.price > LAST(DOWN.price, 1),
          PEAK AS PEAK.volume > FIRST(UP.volume)
      ) AS m`);
    expect(tables(lineage)).toEqual({
      sources: ['trades'],
      sinks: ['price_rebounds'],
    });
    expect(flows(lineage)).toEqual([
      'symbol <- trades.symbol',
      'matched_at <- ',
      'first_up <- trades.price',
      'last_down <- trades.price',
    ]);
    expect(controls(lineage)).toEqual(
      expect.arrayContaining([
        'trades.symbol(partition)',
        'trades.$rowtime(order)',
        'trades.price(condition)',
        'trades.volume(condition)',
      ]),
    );
  });

  it('still rejects a quantifier without a pattern variable', () => {
    expect(
      errorOf(
        'SELECT * FROM t MATCH_RECOGNIZE (ORDER BY $rowtime MEASURES A.v AS v PATTERN (? A) DEFINE A AS A.v > 0)',
      ),
    ).toMatch(/^Invalid Flink SQL at line 1, column 79:/);
  });
});

describe('collection types', () => {
  it('reads the postfix forms `t ARRAY` and `t MULTISET` as ARRAY<t> and MULTISET<t>', () => {
    const created = extractFlinkLineage(`
      CREATE TABLE profiles (
        id STRING,
        tags STRING ARRAY NOT NULL,
        scores INT NOT NULL MULTISET,
        amounts DECIMAL(10, 2) ARRAY ARRAY,
        seen TIMESTAMP(3) WITH LOCAL TIME ZONE ARRAY,
        points ROW<x INT, y INT> ARRAY)`);
    expect(
      created.table!.columns.map(c => [c.name, c.type, c.nullable]),
    ).toEqual([
      ['id', 'STRING', true],
      ['tags', 'ARRAY<STRING>', false],
      ['scores', 'MULTISET<INT NOT NULL>', true],
      ['amounts', 'ARRAY<ARRAY<DECIMAL(10, 2)>>', true],
      ['seen', 'ARRAY<TIMESTAMP(3) WITH LOCAL TIME ZONE>', true],
      ['points', 'ARRAY<ROW<x INT, y INT>>', true],
    ]);

    const cast = extractFlinkLineage(
      'SELECT CAST(tag_csv AS STRING ARRAY) AS tags FROM profiles',
    );
    expect(column(cast, 'tags')).toMatchObject({
      sources: [{ table: { table: 'profiles' }, column: 'tag_csv' }],
      expression: 'CAST(tag_csv AS ARRAY<STRING>)',
    });
  });
});

describe('JSON predicates', () => {
  it('reads IS [NOT] JSON [OBJECT|ARRAY] as a test of the column', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO json_checks
      SELECT payload IS JSON AS is_json, payload IS JSON OBJECT AS is_object,
        payload IS NOT JSON ARRAY AS not_array
      FROM raw_events WHERE body IS NOT JSON`);
    expect(flows(lineage)).toEqual([
      'is_json <- raw_events.payload',
      'is_object <- raw_events.payload',
      'not_array <- raw_events.payload',
    ]);
    expect(column(lineage, 'not_array').expression).toBe(
      'payload IS NOT JSON ARRAY',
    );
    expect(controls(lineage)).toEqual(['raw_events.body(filter)']);
  });
});

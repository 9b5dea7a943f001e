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
import { FlinkSqlInputError as InputError } from './errors';
import { extractFlinkLineage } from './extractFlinkLineage';
import { formatTableRef } from './tableRef';
import type { ColumnLineage, FlinkLineage, SourceColumn } from './types';
import {
  ALTER_ORDERS_WATERMARK,
  ENRICHED_CUSTOMERS,
  PRODUCT_SALES,
  PRODUCTS_WITH_PK,
  THIRTY_DAY_CUSTOMER_SNAPSHOT,
} from './__fixtures__/workshop';

/** `table.column[:field]` strings, for compact assertions. */
function names(sources: SourceColumn[]): string[] {
  return sources.map(
    s =>
      `${formatTableRef(s.table)}.${s.column}${s.field ? `:${s.field}` : ''}`,
  );
}

function column(
  lineage: FlinkLineage,
  name: string,
  sink?: string,
): ColumnLineage {
  const found = lineage.columns.find(
    c =>
      c.column === name &&
      (sink === undefined || formatTableRef(c.sink) === sink),
  );
  if (!found) {
    throw new Error(
      `no column ${name} in ${lineage.columns.map(c => c.column).join(', ')}`,
    );
  }
  return found;
}

function control(lineage: FlinkLineage, sink?: string): string[] {
  return lineage.controlColumns
    .filter(c => sink === undefined || formatTableRef(c.sink) === sink)
    .flatMap(c =>
      c.columns.map(
        col =>
          `${formatTableRef(col.table)}.${col.column}(${col.usages.join(',')})`,
      ),
    );
}

function withoutSetLines(sql: string): string {
  return sql.replace(/^SET [^\n]*\n/gm, '');
}

/** Runs extraction expecting an InputError and returns its message. */
function errorOf(sql: string): string {
  let thrown: unknown;
  try {
    extractFlinkLineage(sql);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  return (thrown as Error).message;
}

describe('extractFlinkLineage: the workshop statements', () => {
  describe('enriched_customers', () => {
    const lineage = extractFlinkLineage(ENRICHED_CUSTOMERS);

    it('reads the kind, the SET properties, sinks and sources', () => {
      expect(lineage.kind).toBe('CREATE_TABLE_AS');
      expect(lineage.properties).toEqual({
        'client.statement-name': 'enriched-customer-materializer',
      });
      expect(lineage.sinks).toEqual([{ table: 'enriched_customers' }]);
      // The addresses table joined twice under two aliases is one source;
      // aliases and the CTAS sink are never sources.
      expect(lineage.sources).toEqual([
        { table: 'shiftleft.public.customers' },
        { table: 'shiftleft.public.addresses' },
      ]);
    });

    it('describes the declared table: types as written, key, watermark', () => {
      const table = lineage.table!;
      expect(table.name).toEqual({ table: 'enriched_customers' });
      expect(table.columns.map(c => [c.name, c.type, c.nullable])).toEqual([
        ['customerid', 'INT', false],
        ['customername', 'STRING', true],
        ['email', 'STRING', true],
        ['segment', 'STRING', true],
        [
          'shipping_address',
          'ROW<street STRING, city STRING, state STRING, postalcode STRING, country STRING>',
          true,
        ],
        [
          'billing_address',
          'ROW<street STRING, city STRING, state STRING, postalcode STRING, country STRING>',
          true,
        ],
        ['event_time', 'TIMESTAMP_LTZ(3)', true],
      ]);
      expect(table.primaryKey).toEqual(['customerid']);
      expect(table.watermark).toEqual({
        column: 'event_time',
        expression: "event_time - INTERVAL '5' SECOND",
      });
    });

    it('traces copied columns directly, including the $rowtime system column', () => {
      expect(names(column(lineage, 'email').sources)).toEqual([
        '`shiftleft.public.customers`.email',
      ]);
      expect(column(lineage, 'email').direct).toBe(true);
      expect(names(column(lineage, 'event_time').sources)).toEqual([
        '`shiftleft.public.customers`.$rowtime',
      ]);
      expect(column(lineage, 'event_time').direct).toBe(true);
    });

    it('traces ROW(...) columns field by field to the address columns', () => {
      const shipping = column(lineage, 'shipping_address');
      expect(shipping.direct).toBe(false);
      expect(shipping.transforms).toEqual(['ROW']);
      expect(names(shipping.sources)).toEqual([
        '`shiftleft.public.addresses`.street',
        '`shiftleft.public.addresses`.city',
        '`shiftleft.public.addresses`.state',
        '`shiftleft.public.addresses`.postalcode',
        '`shiftleft.public.addresses`.country',
      ]);
      // Field names come from the declared ROW type.
      expect(
        shipping.fields!.map(f => [f.name, names(f.sources)[0], f.direct]),
      ).toEqual([
        ['street', '`shiftleft.public.addresses`.street', true],
        ['city', '`shiftleft.public.addresses`.city', true],
        ['state', '`shiftleft.public.addresses`.state', true],
        ['postalcode', '`shiftleft.public.addresses`.postalcode', true],
        ['country', '`shiftleft.public.addresses`.country', true],
      ]);
    });

    it('keeps join and filter columns out of the value sources', () => {
      expect(control(lineage)).toEqual([
        '`shiftleft.public.customers`.shipping_address_id(join)',
        '`shiftleft.public.addresses`.addressid(join)',
        '`shiftleft.public.addresses`.__deleted(join)',
        '`shiftleft.public.customers`.billing_address_id(join)',
        '`shiftleft.public.customers`.__deleted(filter)',
      ]);
      const allSources = lineage.columns.flatMap(c => names(c.sources));
      expect(allSources).not.toContain(
        '`shiftleft.public.customers`.shipping_address_id',
      );
      expect(allSources).not.toContain(
        '`shiftleft.public.addresses`.__deleted',
      );
    });

    it('gives the same lineage without the SET lines (as the REST API receives it)', () => {
      const bare = extractFlinkLineage(withoutSetLines(ENRICHED_CUSTOMERS));
      expect(bare.properties).toEqual({});
      expect(bare.columns).toEqual(lineage.columns);
      expect(bare.table).toEqual(lineage.table);
    });
  });

  describe('products_with_pk', () => {
    const lineage = extractFlinkLineage(PRODUCTS_WITH_PK);

    it('handles backticked declarations, NOT NULL and the primary key', () => {
      expect(lineage.sinks).toEqual([{ table: 'products_with_pk' }]);
      expect(lineage.sources).toEqual([{ table: 'shiftleft.public.products' }]);
      expect(
        lineage.table!.columns.filter(c => !c.nullable).map(c => c.name),
      ).toEqual(['productid', 'brand', 'productname', 'category', 'price']);
      expect(lineage.table!.primaryKey).toEqual(['productid']);
    });

    it('maps every select item to its declared column; CAST is not a direct copy', () => {
      expect(lineage.columns.map(c => c.column)).toEqual([
        'productid',
        'brand',
        'productname',
        'category',
        'description',
        'color',
        'size',
        'price',
      ]);
      expect(column(lineage, 'brand').direct).toBe(true);
      const price = column(lineage, 'price');
      expect(names(price.sources)).toEqual([
        '`shiftleft.public.products`.price',
      ]);
      expect(price.direct).toBe(false);
      expect(price.expression).toBe('CAST(price AS INT)');
      expect(price.transforms).toEqual(['CAST']);
    });
  });

  describe('product_sales', () => {
    const lineage = extractFlinkLineage(PRODUCT_SALES);

    it('reads both SET properties and the four joined tables', () => {
      expect(lineage.properties).toEqual({
        'sql.state-ttl': '1 DAYS',
        'client.statement-name': 'product-sales-materializer',
      });
      expect(lineage.sources.map(formatTableRef)).toEqual([
        '`shiftleft.public.orders`',
        '`shiftleft.public.order_items`',
        'products_with_pk',
        'enriched_customers',
      ]);
      expect(lineage.table!.watermark).toEqual({
        column: 'orderdate',
        expression: "orderdate - INTERVAL '5' SECOND",
      });
    });

    it('follows temporal-join aliases and nested ROW field access', () => {
      expect(names(column(lineage, 'brand').sources)).toEqual([
        'products_with_pk.brand',
      ]);
      const city = column(lineage, 'shipping_address_city');
      expect(city.sources).toEqual([
        {
          table: { table: 'enriched_customers' },
          column: 'shipping_address',
          field: 'city',
        },
      ]);
      expect(city.direct).toBe(true);
      expect(names(column(lineage, 'billing_address_state').sources)).toEqual([
        'enriched_customers.billing_address:state',
      ]);
    });

    it('traces computed columns to every operand', () => {
      const total = column(lineage, 'total_amount');
      expect(names(total.sources)).toEqual([
        '`shiftleft.public.order_items`.quantity',
        'products_with_pk.price',
      ]);
      expect(total.direct).toBe(false);
      expect(total.expression).toBe('oi.quantity * p.price');
    });

    it('reports join keys, the temporal time attribute and filters as control columns', () => {
      expect(control(lineage)).toEqual(
        expect.arrayContaining([
          '`shiftleft.public.orders`.orderdate(join)',
          'products_with_pk.productid(join)',
          'enriched_customers.customerid(join)',
          'products_with_pk.productname(filter)',
          'products_with_pk.price(filter)',
        ]),
      );
    });
  });

  describe('thirty_day_customer_snapshot', () => {
    const lineage = extractFlinkLineage(THIRTY_DAY_CUSTOMER_SNAPSHOT);

    it('never reports the CTE as a source', () => {
      expect(lineage.sources).toEqual([{ table: 'product_sales' }]);
      expect(lineage.sinks).toEqual([
        { table: 'thirty_day_customer_snapshot' },
      ]);
    });

    it('traces through the CTE and its OVER window aggregates', () => {
      const total = column(lineage, 'total_amount');
      expect(names(total.sources)).toEqual(['product_sales.total_amount']);
      expect(total.direct).toBe(false);
      expect(total.transforms).toEqual(['SUM', 'OVER']);
      expect(names(column(lineage, 'number_of_orders').sources)).toEqual([
        'product_sales.orderid',
      ]);
      const key = column(lineage, 'customerid');
      expect(key.direct).toBe(false);
      expect(key.expression).toBe('COALESCE(customerid, 0)');
      const updated = column(lineage, 'updated_at');
      expect(names(updated.sources)).toEqual(['product_sales.orderdate']);
      expect(updated.direct).toBe(true);
    });

    it('reports the named window partition and order as control columns', () => {
      expect(control(lineage)).toEqual([
        'product_sales.customerid(partition)',
        'product_sales.orderdate(order)',
      ]);
      expect(lineage.table!.columns.map(c => c.type)).toEqual([
        'INT',
        'STRING',
        'INT',
        'BIGINT',
        'TIMESTAMP',
      ]);
    });
  });

  it('reads ALTER TABLE … MODIFY WATERMARK as a change without data flow', () => {
    const lineage = extractFlinkLineage(ALTER_ORDERS_WATERMARK);
    expect(lineage.kind).toBe('ALTER_TABLE');
    expect(lineage.sinks).toEqual([]);
    expect(lineage.sources).toEqual([]);
    expect(lineage.columns).toEqual([]);
    expect(lineage.alteration).toEqual({
      table: { table: 'shiftleft.public.orders' },
      operation: 'MODIFY_WATERMARK',
      watermark: { column: 'orderdate', expression: '`orderdate`' },
    });
  });
});

describe('extractFlinkLineage: everyday Flink SQL', () => {
  it('maps INSERT INTO with a column list by position', () => {
    const lineage = extractFlinkLineage(
      'INSERT INTO t (c, b) SELECT x, UPPER(y) FROM s',
    );
    expect(lineage.kind).toBe('INSERT_INTO');
    expect(
      lineage.columns.map(c => [c.column, names(c.sources)[0], c.direct]),
    ).toEqual([
      ['c', 's.x', true],
      ['b', 's.y', false],
    ]);
  });

  it('keeps the query names for INSERT INTO without a column list, or uses known sink columns', () => {
    const sql = 'INSERT INTO t SELECT x, y AS z FROM s';
    expect(extractFlinkLineage(sql).columns.map(c => c.column)).toEqual([
      'x',
      'z',
    ]);
    const known = extractFlinkLineage(sql, {
      resolveTableColumns: ref => (ref.table === 't' ? ['a', 'b'] : undefined),
    });
    expect(known.columns.map(c => [c.column, names(c.sources)[0]])).toEqual([
      ['a', 's.x'],
      ['b', 's.y'],
    ]);
  });

  it('resolves the $rowtime system column on tables whose columns are known, without adding it to *', () => {
    const lineage = extractFlinkLineage(
      'CREATE TABLE customer_events AS SELECT c.*, c.`$rowtime` AS event_time FROM customers c',
      { resolveTableColumns: () => ['id', 'email'] },
    );
    expect(lineage.columns.map(c => [c.column, c.sources])).toEqual([
      ['id', [{ table: { table: 'customers' }, column: 'id' }]],
      ['email', [{ table: { table: 'customers' }, column: 'email' }]],
      ['event_time', [{ table: { table: 'customers' }, column: '$rowtime' }]],
    ]);
  });

  it('reports `*` over a table with unknown columns honestly, and expands it when columns are known', () => {
    const star = extractFlinkLineage('INSERT INTO t SELECT * FROM s');
    expect(star.columns).toEqual([
      expect.objectContaining({
        column: '*',
        sources: [{ table: { table: 's' }, column: '*' }],
        direct: true,
      }),
    ]);
    const expanded = extractFlinkLineage('INSERT INTO t SELECT * FROM s', {
      resolveTableColumns: () => ['id', 'email'],
    });
    expect(expanded.columns.map(c => [c.column, names(c.sources)[0]])).toEqual([
      ['id', 's.id'],
      ['email', 's.email'],
    ]);
  });

  it('follows `*` through subqueries and CTEs', () => {
    const lineage = extractFlinkLineage(
      'INSERT INTO outp WITH a AS (SELECT id, email FROM users), b AS (SELECT * FROM a) ' +
        'SELECT contact FROM (SELECT id, UPPER(TRIM(email)) AS contact FROM b) sub',
    );
    expect(lineage.sources).toEqual([{ table: 'users' }]);
    const contact = column(lineage, 'contact');
    expect(names(contact.sources)).toEqual(['users.email']);
    expect(contact.direct).toBe(false);
    expect(contact.transforms).toEqual(['UPPER', 'TRIM']);
  });

  it('merges UNION ALL branches; a branch with a function is not direct', () => {
    const lineage = extractFlinkLineage(
      'INSERT INTO sink SELECT a, b FROM s1 UNION ALL SELECT x, UPPER(y) FROM s2',
    );
    expect(lineage.sources.map(formatTableRef)).toEqual(['s1', 's2']);
    expect(names(column(lineage, 'a').sources)).toEqual(['s1.a', 's2.x']);
    expect(column(lineage, 'a').direct).toBe(true);
    expect(column(lineage, 'b').direct).toBe(false);
  });

  it('treats subqueries in WHERE as filters', () => {
    const lineage = extractFlinkLineage(
      'INSERT INTO t SELECT id FROM s WHERE id IN (SELECT other_id FROM other WHERE active)',
    );
    expect(lineage.sources.map(formatTableRef)).toEqual(['s', 'other']);
    expect(names(column(lineage, 'id').sources)).toEqual(['s.id']);
    expect(control(lineage)).toEqual([
      's.id(filter)',
      'other.active(filter)',
      'other.other_id(filter)',
    ]);
  });

  it.each([
    ['TUMBLE', "TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)"],
    [
      'HOP',
      "HOP(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)",
    ],
    [
      'CUMULATE',
      "CUMULATE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)",
    ],
  ])('supports the %s window TVF', (fn, call) => {
    const lineage = extractFlinkLineage(
      `INSERT INTO w SELECT window_start, window_end, SUM(price) AS total FROM TABLE(${call}) GROUP BY window_start, window_end`,
    );
    expect(lineage.sources).toEqual([{ table: 'bid' }]);
    expect(names(column(lineage, 'window_start').sources)).toEqual([
      'bid.bidtime',
    ]);
    expect(column(lineage, 'window_start').transforms).toEqual([fn]);
    expect(names(column(lineage, 'total').sources)).toEqual(['bid.price']);
    expect(control(lineage)).toEqual(['bid.bidtime(window,group)']);
  });

  it('accepts an alias on a window TVF', () => {
    const lineage = extractFlinkLineage(
      "INSERT INTO w SELECT t.window_end, t.item FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' HOUR)) AS t",
    );
    expect(names(column(lineage, 'item').sources)).toEqual(['bid.item']);
  });

  it('runs EXECUTE STATEMENT SET with control columns per sink', () => {
    const lineage = extractFlinkLineage(`
      EXECUTE STATEMENT SET BEGIN
        INSERT INTO s1 SELECT id FROM a WHERE kind = 'x';
        INSERT INTO s2 SELECT id, CASE WHEN kind = 'y' THEN v ELSE 0 END AS v FROM b;
      END;`);
    expect(lineage.kind).toBe('STATEMENT_SET');
    expect(lineage.sinks.map(formatTableRef)).toEqual(['s1', 's2']);
    expect(lineage.sources.map(formatTableRef)).toEqual(['a', 'b']);
    expect(names(column(lineage, 'v', 's2').sources)).toEqual(['b.v']);
    expect(control(lineage, 's1')).toEqual(['a.kind(filter)']);
    expect(control(lineage, 's2')).toEqual(['b.kind(condition)']);
  });

  it('keeps backticked dotted names whole and splits three-part names', () => {
    const lineage = extractFlinkLineage(
      'INSERT INTO `env`.`cluster`.`out` SELECT id FROM `shiftleft.public.orders` JOIN `cat`.`db`.`dim` d ON id = d.order_id',
    );
    expect(lineage.sinks).toEqual([
      { catalog: 'env', database: 'cluster', table: 'out' },
    ]);
    expect(lineage.sources).toEqual([
      { table: 'shiftleft.public.orders' },
      { catalog: 'cat', database: 'db', table: 'dim' },
    ]);
  });

  it('keeps case-sensitive backticked names apart', () => {
    const lineage = extractFlinkLineage(
      'SELECT `Orders`.id AS a, orders.id AS b FROM `Orders`, orders',
    );
    expect(lineage.sources).toEqual([{ table: 'Orders' }, { table: 'orders' }]);
    expect(lineage.resultColumns!.map(c => names(c.sources)[0])).toEqual([
      'Orders.id',
      'orders.id',
    ]);
  });

  it('reads DISTRIBUTED BY … INTO n BUCKETS, DISTRIBUTED INTO and WITH options', () => {
    const create = extractFlinkLineage(
      "CREATE TABLE t (a INT, b STRING) DISTRIBUTED BY HASH(a) INTO 4 BUCKETS WITH ('changelog.mode' = 'upsert')",
    );
    expect(create.kind).toBe('CREATE_TABLE');
    expect(create.sinks).toEqual([]);
    expect(create.table!.distributedBy).toEqual({ columns: ['a'], buckets: 4 });
    expect(create.table!.options).toEqual({ 'changelog.mode': 'upsert' });
    const ctas = extractFlinkLineage(
      'CREATE TABLE t2 DISTRIBUTED INTO 3 BUCKETS AS SELECT id FROM x',
    );
    expect(ctas.kind).toBe('CREATE_TABLE_AS');
    expect(ctas.table!.distributedBy).toEqual({ columns: [], buckets: 3 });
    expect(ctas.sources).toEqual([{ table: 'x' }]);
  });

  it('supports interval joins and lookup joins', () => {
    const interval = extractFlinkLineage(
      "INSERT INTO j SELECT o.id, s.ship_time FROM Orders o, Shipments s WHERE o.id = s.order_id AND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time",
    );
    expect(interval.sources.map(formatTableRef)).toEqual([
      'Orders',
      'Shipments',
    ]);
    expect(control(interval)).toContain('Orders.order_time(filter)');
    const lookup = extractFlinkLineage(
      'INSERT INTO j SELECT o.id, c.name FROM orders AS o JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.cid = c.id',
    );
    expect(names(column(lookup, 'name').sources)).toEqual(['customers.name']);
    expect(control(lookup)).toEqual([
      'orders.proc_time(join)',
      'orders.cid(join)',
      'customers.id(join)',
    ]);
  });

  it('supports CROSS JOIN UNNEST', () => {
    const lineage = extractFlinkLineage(
      'INSERT INTO t SELECT order_id, tag FROM Orders CROSS JOIN UNNEST(tags) AS t (tag)',
    );
    expect(lineage.sources).toEqual([{ table: 'Orders' }]);
    expect(names(column(lineage, 'tag').sources)).toEqual(['Orders.tags']);
    expect(column(lineage, 'tag').direct).toBe(false);
  });

  it('supports MATCH_RECOGNIZE', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO alerts
      SELECT * FROM Ticker MATCH_RECOGNIZE (
        PARTITION BY symbol ORDER BY rowtime
        MEASURES START_ROW.rowtime AS start_tstamp, LAST(PRICE_DOWN.price) AS bottom_price
        ONE ROW PER MATCH
        AFTER MATCH SKIP TO LAST PRICE_UP
        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
        DEFINE PRICE_DOWN AS PRICE_DOWN.price < START_ROW.price, PRICE_UP AS PRICE_UP.price > 1
      ) MR`);
    expect(
      lineage.columns.map(c => [c.column, names(c.sources)[0], c.direct]),
    ).toEqual([
      ['symbol', 'Ticker.symbol', true],
      ['start_tstamp', 'Ticker.rowtime', true],
      ['bottom_price', 'Ticker.price', false],
    ]);
    expect(control(lineage)).toEqual([
      'Ticker.symbol(partition)',
      'Ticker.rowtime(order)',
      'Ticker.price(condition)',
    ]);
  });

  it('ignores comments anywhere', () => {
    const lineage = extractFlinkLineage(`-- leading
      SET 'sql.state-ttl' = '1 h'; /* between */
      INSERT /* a */ INTO t -- b
      SELECT /* c */ email /* d */ AS contact FROM users -- e
      /* trailing */`);
    expect(lineage.properties).toEqual({ 'sql.state-ttl': '1 h' });
    expect(column(lineage, 'contact').expression).toBe('email');
    expect(names(column(lineage, 'contact').sources)).toEqual(['users.email']);
  });

  it('follows CASE results, CAST, aggregates and IF, with conditions as control', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO t
      SELECT
        CASE WHEN tier = 'gold' THEN discount ELSE 0 END AS d,
        CAST(amount AS DECIMAL(10, 2)) AS a,
        COUNT(DISTINCT user_id) AS users,
        IF(active, name, alias) AS label,
        region
      FROM s GROUP BY region, tier, discount, amount, active, name, alias`);
    expect(names(column(lineage, 'd').sources)).toEqual(['s.discount']);
    expect(column(lineage, 'a').transforms).toEqual(['CAST']);
    expect(names(column(lineage, 'users').sources)).toEqual(['s.user_id']);
    expect(names(column(lineage, 'label').sources)).toEqual([
      's.name',
      's.alias',
    ]);
    expect(column(lineage, 'region').direct).toBe(true);
    expect(control(lineage)).toEqual(
      expect.arrayContaining([
        's.tier(condition,group)',
        's.active(condition,group)',
        's.region(group)',
      ]),
    );
  });

  it('accepts standard syntax the grammar lacks: SUBSTRING/TRIM/EXTRACT forms, MAP[] and ARRAY[], OVER without AS', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO t SELECT
        SUBSTRING(name FROM 1 FOR 3) AS s,
        TRIM(BOTH ' ' FROM name) AS trimmed,
        EXTRACT(YEAR FROM ts) AS y,
        MAP['k', v] AS m,
        ARRAY[a, b] AS arr,
        ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) rn
      FROM shop`);
    expect(
      lineage.columns.map(c => [c.column, names(c.sources).join('+')]),
    ).toEqual([
      ['s', 'shop.name'],
      ['trimmed', 'shop.name'],
      ['y', 'shop.ts'],
      ['m', 'shop.v'],
      ['arr', 'shop.a+shop.b'],
      ['rn', ''],
    ]);
    expect(column(lineage, 's').expression).toBe(
      'SUBSTRING(name FROM 1 FOR 3)',
    );
    expect(control(lineage)).toEqual([
      'shop.category(partition)',
      'shop.sales(order)',
    ]);
  });

  it('resolves columns through a Top-N subquery', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO topn
      SELECT product, sales FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS rn FROM shop
      ) WHERE rn <= 3`);
    expect(names(column(lineage, 'sales').sources)).toEqual(['shop.sales']);
    expect(column(lineage, 'sales').direct).toBe(true);
  });

  it('maps CTAS select items to declared columns by name, appending undeclared ones', () => {
    const lineage = extractFlinkLineage(
      'CREATE TABLE t (note STRING, id INT, PRIMARY KEY (id) NOT ENFORCED) AS SELECT name, id FROM s',
    );
    // FLIP-463: new declared columns first, then the query's columns in query order.
    expect(
      lineage.columns.map(c => [c.column, names(c.sources).join('+')]),
    ).toEqual([
      ['note', ''],
      ['name', 's.name'],
      ['id', 's.id'],
    ]);
  });

  it('reads SELECT, DDL without data flow and USE statements', () => {
    const select = extractFlinkLineage(
      'USE CATALOG env; USE cluster; SELECT a, b + 1 FROM t',
    );
    expect(select.kind).toBe('SELECT');
    expect(select.properties).toEqual({
      'sql.current-catalog': 'env',
      'sql.current-database': 'cluster',
    });
    expect(select.sinks).toEqual([]);
    expect(
      select.resultColumns!.map(c => [c.column, names(c.sources)[0], c.direct]),
    ).toEqual([
      ['a', 't.a', true],
      ['EXPR$1', 't.b', false],
    ]);
    const drop = extractFlinkLineage('DROP TABLE IF EXISTS `a`.`b`.`c`');
    expect(drop.kind).toBe('DROP_TABLE');
    expect(drop.target).toEqual({ catalog: 'a', database: 'b', table: 'c' });
    expect(extractFlinkLineage('SHOW TABLES').kind).toBe('SHOW_TABLES');
    expect(extractFlinkLineage("SET 'a' = 'b'")).toEqual(
      expect.objectContaining({
        kind: 'SET',
        properties: { a: 'b' },
        sinks: [],
        sources: [],
      }),
    );
  });

  it('reads CREATE VIEW as a sink with column lineage', () => {
    const lineage = extractFlinkLineage(
      'CREATE VIEW v (contact) AS SELECT LOWER(email) FROM users',
    );
    expect(lineage.kind).toBe('CREATE_VIEW');
    expect(lineage.sinks).toEqual([{ table: 'v' }]);
    expect(names(column(lineage, 'contact').sources)).toEqual(['users.email']);
  });

  it('reads the other ALTER TABLE forms', () => {
    expect(
      extractFlinkLineage("ALTER TABLE t SET ('changelog.mode' = 'append')")
        .alteration,
    ).toEqual({
      table: { table: 't' },
      operation: 'SET_OPTIONS',
      options: { 'changelog.mode': 'append' },
    });
    expect(
      extractFlinkLineage('ALTER TABLE t DROP WATERMARK').alteration!.operation,
    ).toBe('DROP_WATERMARK');
    expect(
      extractFlinkLineage(
        "ALTER TABLE t MODIFY WATERMARK FOR $rowtime AS $rowtime - INTERVAL '0.001' SECOND",
      ).alteration!.watermark,
    ).toEqual({
      column: '$rowtime',
      expression: "$rowtime - INTERVAL '0.001' SECOND",
    });
    expect(
      extractFlinkLineage(
        "ALTER TABLE t ADD (h STRING METADATA FROM 'headers' VIRTUAL)",
      ).alteration!.columns,
    ).toEqual([
      {
        name: 'h',
        type: 'STRING',
        nullable: true,
        kind: 'metadata',
        metadataKey: 'headers',
        virtual: true,
      },
    ]);
  });
});

describe('extractFlinkLineage: forms the grammar lacks', () => {
  it('traces OVER aggregates nested in larger expressions', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO stats
      SELECT
        k,
        COALESCE(SUM(x) OVER w, 0) AS running_total,
        SUM(a) OVER w / COUNT(*) OVER w AS mean_a,
        ROUND(AVG(x) OVER (PARTITION BY region ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS avg3,
        CASE WHEN ROW_NUMBER() OVER w = 1 THEN 'first' ELSE label END AS tag
      FROM readings
      WINDOW w AS (PARTITION BY k ORDER BY ts)`);
    expect(lineage.sinks).toEqual([{ table: 'stats' }]);
    expect(lineage.sources).toEqual([{ table: 'readings' }]);
    expect(
      lineage.columns.map(c => [
        c.column,
        names(c.sources).join('+'),
        c.direct,
      ]),
    ).toEqual([
      ['k', 'readings.k', true],
      ['running_total', 'readings.x', false],
      ['mean_a', 'readings.a', false],
      ['avg3', 'readings.x', false],
      ['tag', 'readings.label', false],
    ]);
    const total = column(lineage, 'running_total');
    expect(total.expression).toBe('COALESCE(SUM(x) OVER w, 0)');
    expect(total.transforms).toEqual(['COALESCE', 'SUM', 'OVER']);
    expect(column(lineage, 'mean_a').transforms).toEqual([
      '/',
      'SUM',
      'OVER',
      'COUNT',
      'OVER',
    ]);
    expect(column(lineage, 'avg3').expression).toBe(
      'ROUND(AVG(x) OVER (PARTITION BY region ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2)',
    );
    // The windows' PARTITION BY and ORDER BY columns decide, they are not copied.
    expect(control(lineage)).toEqual([
      'readings.k(partition)',
      'readings.ts(order)',
      'readings.region(partition)',
    ]);
  });

  it('reads aggregate FILTER (WHERE …) conditions as control columns', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO order_stats
      SELECT
        customer_id,
        COUNT(*) FILTER (WHERE status = 'shipped') AS shipped,
        SUM(amount) FILTER (WHERE status = 'paid' AND region = 'eu') AS paid_eu,
        COUNT(DISTINCT item) FILTER (WHERE qty > 1) OVER (PARTITION BY customer_id ORDER BY ts) AS multi
      FROM orders
      GROUP BY customer_id, item, ts`);
    expect(lineage.sources).toEqual([{ table: 'orders' }]);
    const shipped = column(lineage, 'shipped');
    expect(shipped.sources).toEqual([]);
    expect(shipped.direct).toBe(false);
    expect(shipped.transforms).toEqual(['COUNT', 'FILTER']);
    expect(shipped.expression).toBe(
      "COUNT(*) FILTER (WHERE status = 'shipped')",
    );
    const paid = column(lineage, 'paid_eu');
    expect(names(paid.sources)).toEqual(['orders.amount']);
    expect(paid.direct).toBe(false);
    const multi = column(lineage, 'multi');
    expect(names(multi.sources)).toEqual(['orders.item']);
    expect(multi.transforms).toEqual(['COUNT', 'FILTER', 'OVER']);
    expect(control(lineage)).toEqual([
      'orders.status(filter)',
      'orders.region(filter)',
      'orders.qty(filter)',
      'orders.customer_id(partition,group)',
      'orders.ts(order,group)',
      'orders.item(group)',
    ]);
  });

  it('supports the SESSION window TVF with PARTITION BY, positional and named', () => {
    const positional = extractFlinkLineage(`
      INSERT INTO user_sessions
      SELECT window_start, window_end, user_id, COUNT(*) AS clicks
      FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(click_time), INTERVAL '5' MINUTES))
      GROUP BY window_start, window_end, user_id`);
    expect(positional.sources).toEqual([{ table: 'clicks' }]);
    expect(positional.sinks).toEqual([{ table: 'user_sessions' }]);
    const start = column(positional, 'window_start');
    expect(names(start.sources)).toEqual(['clicks.click_time']);
    expect(start.direct).toBe(false);
    expect(start.transforms).toEqual(['SESSION']);
    expect(names(column(positional, 'user_id').sources)).toEqual([
      'clicks.user_id',
    ]);
    expect(column(positional, 'user_id').direct).toBe(true);
    expect(control(positional)).toEqual([
      'clicks.user_id(partition,group)',
      'clicks.click_time(window,group)',
    ]);

    const named = extractFlinkLineage(`
      INSERT INTO user_sessions
      SELECT s.window_end, s.user_id, s.device, SUM(s.amount) AS spent
      FROM TABLE(SESSION(DATA => TABLE clicks PARTITION BY (user_id, device),
                         TIMECOL => DESCRIPTOR(click_time), GAP => INTERVAL '30' SECONDS)) AS s
      GROUP BY s.window_start, s.window_end, s.user_id, s.device`);
    expect(
      named.columns.map(c => [c.column, names(c.sources).join('+'), c.direct]),
    ).toEqual([
      ['window_end', 'clicks.click_time', false],
      ['user_id', 'clicks.user_id', true],
      ['device', 'clicks.device', true],
      ['spent', 'clicks.amount', false],
    ]);
    expect(control(named)).toEqual([
      'clicks.user_id(partition,group)',
      'clicks.device(partition,group)',
      'clicks.click_time(window,group)',
    ]);
  });

  it('reads JSON_VALUE … RETURNING with ON EMPTY / ON ERROR defaults', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO events
      SELECT
        JSON_VALUE(payload, '$.user.id' RETURNING INT) AS user_id,
        JSON_VALUE(payload, '$.amount' RETURNING DECIMAL(10, 2)
                   DEFAULT fallback_amount ON EMPTY DEFAULT 0 ON ERROR) AS amount
      FROM raw_events`);
    const user = column(lineage, 'user_id');
    // The JSON path is a literal, not a column.
    expect(names(user.sources)).toEqual(['raw_events.payload']);
    expect(user.direct).toBe(false);
    expect(user.transforms).toEqual(['JSON_VALUE']);
    expect(user.expression).toBe(
      "JSON_VALUE(payload, '$.user.id' RETURNING INT)",
    );
    // A DEFAULT … ON EMPTY value flows into the column.
    expect(names(column(lineage, 'amount').sources)).toEqual([
      'raw_events.payload',
      'raw_events.fallback_amount',
    ]);
  });

  it('accepts NOT NULL and descriptions on the fields of nested types', () => {
    const lineage = extractFlinkLineage(`
      CREATE TABLE shipments (
        id INT,
        address ROW<street STRING NOT NULL, city STRING NOT NULL 'the city, in full', zip STRING>,
        tags ARRAY<STRING NOT NULL> NOT NULL,
        attrs MAP<STRING NOT NULL, ROW<v INT NULL>>,
        PRIMARY KEY (id) NOT ENFORCED
      ) AS SELECT id, ROW(o.street, UPPER(o.city), o.zip) AS address, tags, attrs FROM orders o`);
    expect(lineage.kind).toBe('CREATE_TABLE_AS');
    expect(lineage.sources).toEqual([{ table: 'orders' }]);
    expect(
      lineage.table!.columns.map(c => [c.name, c.type, c.nullable]),
    ).toEqual([
      ['id', 'INT', false],
      [
        'address',
        "ROW<street STRING NOT NULL, city STRING NOT NULL 'the city, in full', zip STRING>",
        true,
      ],
      ['tags', 'ARRAY<STRING NOT NULL>', false],
      ['attrs', 'MAP<STRING NOT NULL, ROW<v INT NULL>>', true],
    ]);
    const address = column(lineage, 'address');
    expect(address.direct).toBe(false);
    expect(
      address.fields!.map(f => [f.name, names(f.sources)[0], f.direct]),
    ).toEqual([
      ['street', 'orders.street', true],
      ['city', 'orders.city', false],
      ['zip', 'orders.zip', true],
    ]);
    expect(column(lineage, 'tags').direct).toBe(true);
  });

  it('accepts as names the keywords Flink does not reserve; reserved words need backticks', () => {
    const create = extractFlinkLineage(`
      CREATE TABLE events (
        metadata STRING,
        json STRING,
        headers MAP<STRING, BYTES> METADATA VIRTUAL,
        partitions INT
      )`);
    expect(
      create.table!.columns.map(c => [c.name, c.kind, c.virtual ?? false]),
    ).toEqual([
      ['metadata', 'physical', false],
      ['json', 'physical', false],
      ['headers', 'metadata', true],
      ['partitions', 'physical', false],
    ]);
    const insert = extractFlinkLineage(
      'INSERT INTO audit SELECT e.metadata, json AS doc, `value`, IF(e.partitions > 1, e.statistics, 0) AS stats FROM events AS e',
    );
    expect(
      insert.columns.map(c => [c.column, names(c.sources).join('+'), c.direct]),
    ).toEqual([
      ['metadata', 'events.metadata', true],
      ['doc', 'events.json', true],
      ['value', 'events.value', true],
      ['stats', 'events.statistics', false],
    ]);
    expect(control(insert)).toEqual(['events.partitions(condition)']);
    expect(errorOf('SELECT id, value FROM t')).toBe(
      "Invalid Flink SQL at line 1, column 12: 'value' is a reserved word in Flink SQL; write `value` to use it as a name",
    );
    expect(errorOf('SELECT e.metadata, e.timestamp FROM t e')).toBe(
      "Invalid Flink SQL at line 1, column 22: 'timestamp' is a reserved word in Flink SQL; write `timestamp` to use it as a name",
    );
  });
});

describe('extractFlinkLineage: invalid SQL', () => {
  it('gives the line and column of the first problem', () => {
    expect(errorOf('SELECT a,\n  b\nFROM t\nWHERE a = = 1')).toBe(
      "Invalid Flink SQL at line 4, column 11: unexpected '='",
    );
    expect(errorOf('SELECT a FROM t WHERE')).toBe(
      'Invalid Flink SQL at line 1, column 22: unexpected end of statement',
    );
  });

  it('does not let error recovery turn bad SQL into lineage', () => {
    // dt-sql-parser's own recovery lists tables for these.
    expect(errorOf('INSERT INTO t SELECT a FROM s WHERE')).toMatch(
      /^Invalid Flink SQL at line 1, column 36/,
    );
    expect(errorOf('CREATE TABLE x (a INT) AS SELECT a FROM')).toMatch(
      /line 1, column 40/,
    );
    expect(errorOf('SELECT a FROM t garbage more')).toMatch(
      /line 1, column 25: unexpected 'more'/,
    );
    expect(errorOf('ALTER TABLE t MODIFY WATERMARK orderdate')).toMatch(
      /line 1, column 32/,
    );
  });

  it('reports lexical problems', () => {
    expect(errorOf("SELECT 'open FROM t")).toBe(
      'Invalid Flink SQL at line 1, column 8: unterminated string literal',
    );
    expect(errorOf('SELECT `open FROM t')).toBe(
      'Invalid Flink SQL at line 1, column 8: unterminated quoted identifier',
    );
    expect(errorOf('SELECT a FROM t @ x')).toBe(
      "Invalid Flink SQL at line 1, column 17: unexpected '@'",
    );
  });

  it('either returns lineage or throws InputError for every truncation of a statement', () => {
    const outcomes = new Set<string>();
    for (let cut = 0; cut < PRODUCT_SALES.length; cut++) {
      if (!/[\n,(]/.test(PRODUCT_SALES[cut])) {
        continue;
      }
      try {
        extractFlinkLineage(PRODUCT_SALES.slice(0, cut));
        outcomes.add('lineage');
      } catch (error) {
        outcomes.add(
          error instanceof InputError ? 'InputError' : String(error),
        );
      }
    }
    expect([...outcomes].sort()).toEqual(['InputError', 'lineage']);
  });

  it('rejects empty input, several statements and mismatched column lists', () => {
    expect(errorOf('  -- nothing\n')).toBe(
      'Invalid Flink SQL: the statement is empty',
    );
    expect(errorOf('INSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;')).toMatch(
      /^Invalid Flink SQL at line 2, column 1: only one statement/,
    );
    expect(errorOf('INSERT INTO t (a, b) SELECT x FROM s')).toBe(
      'Invalid Flink SQL at line 1, column 15: INSERT INTO lists 2 columns but the query returns 1',
    );
    expect(errorOf('SELECT SUM(x) OVER w AS s FROM t')).toBe(
      "Invalid Flink SQL at line 1, column 20: window 'w' is not defined",
    );
  });

  it('locates errors in OVER, FILTER and SESSION clauses and rejects them where no call is', () => {
    expect(errorOf('SELECT SUM(x) OVER (PARTITION BY) FROM t')).toBe(
      "Invalid Flink SQL at line 1, column 33: unexpected ')'",
    );
    expect(errorOf('SELECT COUNT(*) FILTER (WHERE x =) FROM t')).toBe(
      "Invalid Flink SQL at line 1, column 34: unexpected ')'",
    );
    expect(
      errorOf(
        "SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY , DESCRIPTOR(ts), INTERVAL '1' MINUTE))",
      ),
    ).toBe("Invalid Flink SQL at line 1, column 50: unexpected ','");
    expect(
      errorOf('SELECT (a + b) OVER w FROM t WINDOW w AS (ORDER BY ts)'),
    ).toBe(
      'Invalid Flink SQL at line 1, column 16: OVER must follow an aggregate or window function call',
    );
    expect(errorOf("SELECT (a) FILTER (WHERE b = 'x') FROM t")).toBe(
      'Invalid Flink SQL at line 1, column 12: FILTER must follow an aggregate function call',
    );
    expect(errorOf('SELECT a, FROM t')).toBe(
      "Invalid Flink SQL at line 1, column 11: unexpected 'FROM'",
    );
  });
});

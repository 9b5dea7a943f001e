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
  client,
  paths,
  startTestEmulator,
  type TestClient,
} from './__testUtils__/http';
import { eventually } from './testUtils';
import type { ConfluentEmulator } from './types';

describe('Flink SQL statements (sql/v1)', () => {
  let emu: ConfluentEmulator;
  let flink: TestClient;
  let sr: TestClient;
  let kafka: TestClient;
  let statements: string;
  let properties: Record<string, string>;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: 'workshop' });
    flink = client(emu, emu.keys.flink);
    sr = client(emu, emu.keys.schemaRegistry);
    kafka = client(emu, emu.keys.kafka);
    statements = paths(emu).statements;
    properties = {
      'sql.current-catalog': emu.ids.environmentName,
      'sql.current-database': emu.ids.kafkaClusterName,
    };
  });

  afterAll(() => emu.stop());

  const get = (name: string) => flink.get(`${statements}/${name}`);
  const phaseIs = (phase: string) => (res: { body: any }) =>
    res.body.status?.phase === phase;
  const create = (
    name: string,
    statement: string,
    extra: Record<string, unknown> = {},
  ) =>
    flink.post(statements, { name, spec: { statement, properties, ...extra } });

  it('runs a CTAS: PENDING, then RUNNING, with its topic, schema, traits and advancing offsets', async () => {
    const created = await create(
      'vip-customers',
      "CREATE TABLE vip_customers AS SELECT customerid, customername, segment FROM `shiftleft.public.customers` WHERE segment = 'vip';",
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(
      `${emu.url}${statements}/vip-customers`,
    );
    expect(created.body).toMatchObject({
      api_version: 'sql/v1',
      kind: 'Statement',
      organization_id: emu.ids.organizationId,
      environment_id: emu.ids.environmentId,
      name: 'vip-customers',
      spec: {
        compute_pool_id: emu.ids.computePoolId,
        principal: emu.ids.serviceAccountId,
        stopped: false,
        properties,
      },
      status: { phase: 'PENDING' },
    });
    const firstVersion = created.body.metadata.resource_version;

    const running = await eventually(
      () => get('vip-customers'),
      phaseIs('RUNNING'),
    );
    expect(running.body.metadata.resource_version).not.toBe(firstVersion);
    expect(running.body.status.traits).toEqual({
      sql_kind: 'CREATE_TABLE_AS',
      is_bounded: false,
      is_append_only: true,
      schema: {
        columns: [
          { name: 'customerid', type: { type: 'INTEGER', nullable: false } },
          {
            name: 'customername',
            type: { type: 'VARCHAR', nullable: false, length: 2147483647 },
          },
          {
            name: 'segment',
            type: { type: 'VARCHAR', nullable: true, length: 2147483647 },
          },
        ],
      },
      connection_refs: [],
    });
    expect((await kafka.get(`${paths(emu).topics}/vip_customers`)).status).toBe(
      200,
    );
    const schema = await sr.get(
      '/subjects/vip_customers-value/versions/latest',
    );
    expect(JSON.parse(schema.body.schema)).toEqual({
      type: 'record',
      name: 'vip_customers_value',
      namespace: 'org.apache.flink.avro.generated.record',
      fields: [
        { name: 'customerid', type: 'int' },
        { name: 'customername', type: 'string' },
        { name: 'segment', type: ['null', 'string'], default: null },
      ],
    });

    const offsets =
      running.body.status.latest_offsets['shiftleft.public.customers'];
    expect(offsets).toMatch(/^partition:0,offset:\d+$/);
    const later = await eventually(
      () => get('vip-customers'),
      res =>
        res.body.status.latest_offsets['shiftleft.public.customers'] !==
        offsets,
    );
    const offsetOf = (text: string) => Number(/offset:(\d+)/.exec(text)![1]);
    expect(
      offsetOf(later.body.status.latest_offsets['shiftleft.public.customers']),
    ).toBeGreaterThan(offsetOf(offsets));
    expect(
      Date.parse(later.body.status.latest_offsets_timestamp),
    ).not.toBeNaN();
  });

  it('derives a CTAS output from the source columns through the column lineage', async () => {
    await create(
      'product-prices',
      'CREATE TABLE product_prices (PRIMARY KEY (productid) NOT ENFORCED) AS SELECT productid, price, CAST(price AS DOUBLE) AS price_double, UPPER(brand) AS brand_upper FROM `shiftleft.public.products`;',
    );
    const running = await eventually(
      () => get('product-prices'),
      phaseIs('RUNNING'),
    );
    expect(running.body.status.traits).toMatchObject({
      is_append_only: false,
      upsert_columns: [0],
    });
    expect(
      running.body.status.traits.schema.columns.map((c: any) => [
        c.name,
        c.type.type,
        c.type.nullable,
      ]),
    ).toEqual([
      ['productid', 'INTEGER', false],
      ['price', 'DECIMAL', false],
      ['price_double', 'DOUBLE', true],
      ['brand_upper', 'VARCHAR', true],
    ]);
    const key = JSON.parse(
      (await sr.get('/subjects/product_prices-key/versions/latest')).body
        .schema,
    );
    expect(key.fields).toEqual([{ name: 'productid', type: 'int' }]);
    const value = JSON.parse(
      (await sr.get('/subjects/product_prices-value/versions/latest')).body
        .schema,
    );
    expect(value.fields.map((f: any) => f.name)).toEqual([
      'price',
      'price_double',
      'brand_upper',
    ]);
    expect(value.fields[0].type).toEqual({
      type: 'bytes',
      logicalType: 'decimal',
      precision: 10,
      scale: 2,
    });
  });

  it('completes DDL: CREATE TABLE creates the topic and schema, ALTER TABLE changes it', async () => {
    await create(
      'create-audit',
      'CREATE TABLE audit_events (id BIGINT NOT NULL, note STRING, noted_at TIMESTAMP(3));',
    );
    const done = await eventually(
      () => get('create-audit'),
      phaseIs('COMPLETED'),
    );
    expect(done.body.status.traits.sql_kind).toBe('CREATE_TABLE');
    expect(done.body.status.end_time).toBeDefined();
    const value = JSON.parse(
      (await sr.get('/subjects/audit_events-value/versions/latest')).body
        .schema,
    );
    expect(value.fields).toEqual([
      { name: 'id', type: 'long' },
      { name: 'note', type: ['null', 'string'], default: null },
      {
        name: 'noted_at',
        type: ['null', { type: 'long', logicalType: 'local-timestamp-millis' }],
        default: null,
      },
    ]);
    await create(
      'alter-audit',
      'ALTER TABLE audit_events MODIFY WATERMARK FOR noted_at AS noted_at;',
    );
    const altered = await eventually(
      () => get('alter-audit'),
      phaseIs('COMPLETED'),
    );
    expect(altered.body.status.traits.sql_kind).toBe('ALTER_TABLE');
  });

  it('runs CREATE [OR ALTER] MATERIALIZED TABLE as a continuous query that creates its table', async () => {
    await create(
      'segment-customers',
      'CREATE MATERIALIZED TABLE segment_customers (customer, segment) START_MODE = FROM_BEGINNING AS SELECT customername, segment FROM `shiftleft.public.customers`;',
    );
    const running = await eventually(
      () => get('segment-customers'),
      phaseIs('RUNNING'),
    );
    expect(running.body.status.traits).toMatchObject({
      sql_kind: 'CREATE_MATERIALIZED_TABLE',
      is_bounded: false,
      schema: {
        columns: [
          { name: 'customer', type: { type: 'VARCHAR', nullable: false } },
          { name: 'segment', type: { type: 'VARCHAR', nullable: true } },
        ],
      },
    });
    const value = JSON.parse(
      (await sr.get('/subjects/segment_customers-value/versions/latest')).body
        .schema,
    );
    expect(value.fields.map((f: any) => f.name)).toEqual([
      'customer',
      'segment',
    ]);
    // OR ALTER on the existing table is accepted (a new version of its query).
    await create(
      'segment-customers-v2',
      "CREATE OR ALTER MATERIALIZED TABLE segment_customers (customer, segment) AS SELECT customername, segment FROM `shiftleft.public.customers` WHERE segment <> 'test';",
    );
    const altered = await eventually(
      () => get('segment-customers-v2'),
      phaseIs('RUNNING'),
    );
    expect(altered.body.status.traits.sql_kind).toBe(
      'CREATE_MATERIALIZED_TABLE',
    );
  });

  it('FAILS a CTAS whose table cannot be created, and creates nothing', async () => {
    await create(
      'bad-column-name',
      'CREATE TABLE weird_names AS SELECT customerid AS `customer-id` FROM `shiftleft.public.customers`;',
    );
    const failed = await eventually(
      () => get('bad-column-name'),
      phaseIs('FAILED'),
    );
    expect(failed.body.status.detail).toMatch(
      /^Failed to create the table: .*customer-id/,
    );
    expect((await kafka.get(`${paths(emu).topics}/weird_names`)).status).toBe(
      404,
    );
    expect((await sr.get('/subjects/weird_names-value/versions')).status).toBe(
      404,
    );
  });

  it('FAILS a statement that does not parse, with a detail and an exception', async () => {
    await create('broken-sql', 'SELECT FROM WHERE;');
    const failed = await eventually(() => get('broken-sql'), phaseIs('FAILED'));
    expect(failed.body.status.detail).toMatch(/^SQL parse failed/);
    expect(failed.body.status.end_time).toBeDefined();
    const exceptions = await flink.get(`${statements}/broken-sql/exceptions`);
    expect(exceptions.body).toMatchObject({
      api_version: 'sql/v1',
      kind: 'StatementExceptionList',
      data: [
        {
          kind: 'StatementException',
          name: expect.any(String),
          message: expect.stringContaining('SQL parse failed'),
          timestamp: expect.any(String),
        },
      ],
    });
  });

  it('FAILS a statement reading a table that does not exist in its catalog and database', async () => {
    await create(
      'reads-nothing',
      'CREATE TABLE nothing_copy AS SELECT * FROM `no_such_table`;',
    );
    const failed = await eventually(
      () => get('reads-nothing'),
      phaseIs('FAILED'),
    );
    expect(failed.body.status.detail).toContain(
      "Table (or view) 'no_such_table' does not exist",
    );
    expect((await kafka.get(`${paths(emu).topics}/nothing_copy`)).status).toBe(
      404,
    );

    // The same table in another database (cluster) is not found either.
    await flink.post(statements, {
      name: 'wrong-database',
      spec: {
        statement: 'SELECT * FROM `shiftleft.public.customers`;',
        properties: {
          'sql.current-catalog': 'shiftleft',
          'sql.current-database': 'other-cluster',
        },
      },
    });
    await eventually(() => get('wrong-database'), phaseIs('FAILED'));
  });

  it('resolves catalog and database by id as well as by display name', async () => {
    await flink.post(statements, {
      name: 'by-ids',
      spec: {
        statement: 'SELECT customerid FROM `shiftleft.public.customers`;',
        properties: {
          'sql.current-catalog': emu.ids.environmentId,
          'sql.current-database': emu.ids.kafkaClusterId,
        },
      },
    });
    const running = await eventually(
      () => get('by-ids'),
      res => res.body.status.phase !== 'PENDING',
    );
    expect(running.body.status.phase).toBe('RUNNING');
    expect(running.body.status.traits.sql_kind).toBe('SELECT');
  });

  it('stops and resumes with resource_version, answering 409 to a stale one', async () => {
    await create(
      'stoppable',
      'INSERT INTO vip_customers SELECT customerid, customername, segment FROM `shiftleft.public.customers`;',
    );
    const running = await eventually(
      () => get('stoppable'),
      phaseIs('RUNNING'),
    );
    const stale = running.body.metadata.resource_version;

    const stop = await flink.put(`${statements}/stoppable`, {
      ...running.body,
      spec: { ...running.body.spec, stopped: true },
    });
    expect(stop.status).toBe(202);
    expect(stop.text).toBe('');
    expect((await get('stoppable')).body.status.phase).toBe('STOPPING');
    const stopped = await eventually(
      () => get('stoppable'),
      phaseIs('STOPPED'),
    );
    expect(stopped.body.spec.stopped).toBe(true);
    expect(stopped.body.status.end_time).toBeDefined();
    const frozen = stopped.body.status.latest_offsets;
    await new Promise(resolve => setTimeout(resolve, 30));
    expect((await get('stoppable')).body.status.latest_offsets).toEqual(frozen);

    const conflict = await flink.put(`${statements}/stoppable`, {
      ...stopped.body,
      metadata: { ...stopped.body.metadata, resource_version: stale },
      spec: { ...stopped.body.spec, stopped: false },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors[0].status).toBe('409');

    const resume = await flink.put(`${statements}/stoppable`, {
      ...stopped.body,
      spec: { ...stopped.body.spec, stopped: false },
    });
    expect(resume.status).toBe(202);
    const resumed = await eventually(
      () => get('stoppable'),
      phaseIs('RUNNING'),
    );
    expect(resumed.body.status.end_time).toBeUndefined();
  });

  it('keeps the SQL and properties immutable and refuses stopping a statement that is not running', async () => {
    const current = await eventually(
      () => get('stoppable'),
      phaseIs('RUNNING'),
    );
    const changedSql = await flink.put(`${statements}/stoppable`, {
      ...current.body,
      spec: { ...current.body.spec, statement: 'SELECT 1;' },
    });
    expect(changedSql.status).toBe(400);
    expect(changedSql.body.errors[0].source).toEqual({
      pointer: '/spec/statement',
    });
    const changedProps = await flink.put(`${statements}/stoppable`, {
      ...current.body,
      spec: {
        ...current.body.spec,
        properties: { ...properties, 'sql.state-ttl': '1h' },
      },
    });
    expect(changedProps.status).toBe(400);
    const missingVersion = await flink.put(`${statements}/stoppable`, {
      name: 'stoppable',
      spec: { stopped: true },
    });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.errors[0].source.pointer).toBe(
      '/metadata/resource_version',
    );

    const ddl = await get('create-audit');
    const stopDdl = await flink.put(`${statements}/create-audit`, {
      ...ddl.body,
      spec: { ...ddl.body.spec, stopped: true },
    });
    expect(stopDdl.status).toBe(400);
  });

  it('deletes: DELETING, then gone (404)', async () => {
    expect((await flink.delete(`${statements}/by-ids`)).status).toBe(202);
    expect((await get('by-ids')).body.status.phase).toBe('DELETING');
    const gone = await eventually(
      () => get('by-ids'),
      res => res.status === 404,
    );
    expect(gone.body.errors[0]).toMatchObject({
      status: '404',
      code: 'resource_not_found',
    });
    expect((await flink.delete(`${statements}/by-ids`)).status).toBe(404);
  });

  it('validates create requests (422 with a pointer) and refuses duplicate names (409)', async () => {
    const invalid: Array<[unknown, string]> = [
      [{ name: 'Upper_Case', spec: { statement: 'SELECT 1;' } }, '/name'],
      [{ name: 'a'.repeat(101), spec: { statement: 'SELECT 1;' } }, '/name'],
      [{ name: 'no-sql', spec: {} }, '/spec/statement'],
      [{ spec: { statement: 'SELECT 1;' } }, '/name'],
      [
        {
          name: 'bad-pool',
          spec: { statement: 'SELECT 1;', compute_pool_id: 'lfcp-nope' },
        },
        '/spec/compute_pool_id',
      ],
      [
        {
          name: 'bad-props',
          spec: { statement: 'SELECT 1;', properties: { a: 1 } },
        },
        '/spec/properties/a',
      ],
    ];
    for (const [body, pointer] of invalid) {
      const res = await flink.post(statements, body);
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({
        status: '422',
        code: 'invalid_configuration',
        source: { pointer },
      });
    }
    const duplicate = await create('vip-customers', 'SELECT 1;');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].code).toBe('resource_already_exists');
    const unknownEnv = await flink.get(
      `/sql/v1/organizations/${emu.ids.organizationId}/environments/env-nope00/statements`,
    );
    expect(unknownEnv.status).toBe(404);
  });

  it('pages lists and filters by label_selector and compute pool', async () => {
    const all: string[] = [];
    let next = `${statements}?page_size=4`;
    while (next) {
      const page = await flink.get(next.replace(emu.url, ''));
      expect(page.body.kind).toBe('StatementList');
      expect(page.body.metadata.self).toBe(
        `${emu.url}${next.replace(emu.url, '')}`,
      );
      all.push(...page.body.data.map((s: any) => s.name));
      next = page.body.metadata.next;
    }
    expect(all).toContain('enriched-customer-materializer');
    expect(new Set(all).size).toBe(all.length);

    const names = async (query: string) =>
      (await flink.get(`${statements}?page_size=100&${query}`)).body.data
        .map((s: any) => s.name)
        .sort();
    expect(
      await names('label_selector=backstage.io/owner=customer-data-team'),
    ).toEqual(['enriched-customer-materializer']);
    expect(
      await names(
        'label_selector=backstage.io/owner,backstage.io/owner!=customer-data-team',
      ),
    ).toEqual(['product-sales-materializer']);
    expect(await names('label_selector=!backstage.io/owner')).not.toContain(
      'product-sales-materializer',
    );
    expect(
      await names(`spec.compute_pool_id=${emu.ids.computePoolId}`),
    ).toEqual([...all].sort());
    expect(await names('spec.compute_pool_id=lfcp-other')).toEqual([]);
    const bad = await flink.get(
      `${statements}?label_selector=${encodeURIComponent('a b=c')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].code).toBe('invalid_filter');
  });
});

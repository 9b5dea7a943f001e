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
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import {
  client,
  paths,
  startTestEmulator,
  type TestClient,
} from './__testUtils__/http';
import { eventually } from './testUtils';
import type { ConfluentEmulator } from './types';

const MASK = '****************';

function sinkConfig(topics: string, extra: Record<string, string> = {}) {
  return {
    'connector.class': 'PostgresSink',
    topics,
    'input.data.format': 'AVRO',
    'connection.host': 'warehouse.example.com',
    'connection.port': '5432',
    'connection.user': 'loader',
    'connection.password': 'sink-password-1',
    'db.name': 'analytics',
    'tasks.max': '1',
    'kafka.api.key': 'KAFKAKEY',
    'kafka.api.secret': 'kafka-secret-1',
    ...extra,
  };
}

describe('Connect v1', () => {
  let emu: ConfluentEmulator;
  let connect: TestClient;
  let connectors: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    connect = client(emu, emu.keys.cloud);
    connectors = paths(emu).connectors;
    await client(emu, emu.keys.kafka).post(paths(emu).topics, {
      topic_name: 'orders',
    });
  });

  afterAll(() => emu.stop());

  const status = (name: string) => connect.get(`${connectors}/${name}/status`);

  it('creates a connector: PROVISIONING with no tasks, then RUNNING', async () => {
    const created = await connect.post(connectors, {
      name: 'orders-sink',
      config: sinkConfig('orders'),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'orders-sink',
      type: 'sink',
      config: expect.objectContaining({
        name: 'orders-sink',
        'connector.class': 'PostgresSink',
        'connection.password': MASK,
        'kafka.api.key': 'KAFKAKEY',
        'kafka.api.secret': MASK,
        'cloud.environment': 'prod',
        'cloud.provider': 'aws',
        'kafka.endpoint': expect.stringMatching(/^SASL_SSL:\/\/pkc-.*:9092$/),
        'kafka.region': 'us-east-1',
      }),
      tasks: [],
    });
    expect((await status('orders-sink')).body).toEqual({
      name: 'orders-sink',
      type: 'sink',
      connector: { state: 'PROVISIONING', worker_id: 'orders-sink', trace: '' },
      tasks: [],
    });
    const running = await eventually(
      () => status('orders-sink'),
      res => res.body.connector.state === 'RUNNING',
    );
    expect(running.body.tasks).toEqual([
      { id: 0, state: 'RUNNING', worker_id: 'orders-sink', msg: '' },
    ]);
    expect((await connect.get(`${connectors}/orders-sink/tasks`)).body).toEqual(
      [
        {
          id: { connector: 'orders-sink', task: 0 },
          config: expect.objectContaining({ 'connection.password': MASK }),
        },
      ],
    );
    // Secrets never come back, in any response.
    for (const path of ['', '?expand=id,info,status']) {
      expect((await connect.get(`${connectors}${path}`)).text).not.toMatch(
        /sink-password-1|kafka-secret-1/,
      );
    }
    expect(
      (await connect.get(`${connectors}/orders-sink/config`)).text,
    ).not.toContain('sink-password-1');
  });

  it('lists names, or id/info/status with expand (comma-joined or repeated)', async () => {
    const names = await connect.get(connectors);
    expect(names.body).toEqual(['orders-sink']);
    for (const query of [
      'expand=id,info,status',
      'expand=id&expand=info&expand=status',
    ]) {
      const expanded = await connect.get(`${connectors}?${query}`);
      expect(expanded.body['orders-sink']).toEqual({
        id: { id: expect.stringMatching(/^lcc-[a-z0-9]+$/), id_type: 'ID' },
        info: expect.objectContaining({ name: 'orders-sink', type: 'sink' }),
        status: expect.objectContaining({
          connector: expect.objectContaining({ state: 'RUNNING' }),
        }),
      });
    }
    const statusOnly = await connect.get(`${connectors}?expand=status`);
    expect(Object.keys(statusOnly.body['orders-sink'])).toEqual(['status']);
  });

  it('pauses and resumes asynchronously (202)', async () => {
    const pause = await connect.put(`${connectors}/orders-sink/pause`);
    expect(pause.status).toBe(202);
    expect(pause.text).toBe('');
    await eventually(
      () => status('orders-sink'),
      res => res.body.connector.state === 'PAUSED',
    );
    expect((await status('orders-sink')).body.tasks[0].state).toBe('PAUSED');
    expect((await connect.put(`${connectors}/orders-sink/resume`)).status).toBe(
      202,
    );
    await eventually(
      () => status('orders-sink'),
      res => res.body.connector.state === 'RUNNING',
    );
  });

  it("answers Connect's errors: 409 duplicate, 400 invalid config, 500 unknown class, 404", async () => {
    const duplicate = await connect.post(connectors, {
      name: 'orders-sink',
      config: sinkConfig('orders'),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      error: { code: 409, message: 'Connector orders-sink already exists' },
    });

    const invalid = await connect.post(connectors, {
      name: 'broken',
      config: {
        ...sinkConfig('orders'),
        'insert.mode': 'MERGE',
        'db.name': '',
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe(400);
    expect(invalid.body.error.message).toContain(
      'Connector configuration is invalid and contains the following 2 error(s):',
    );
    expect(invalid.body.error.message).toContain(
      'Missing required configuration "db.name" which has no default value.',
    );
    expect(invalid.body.error.message).toContain(
      'Invalid value MERGE for configuration insert.mode: String must be one of: INSERT, UPSERT, UPDATE',
    );

    const unknownClass = await connect.post(connectors, {
      name: 'mystery',
      config: {
        'connector.class': 'MysterySource',
        'kafka.api.key': 'k',
        'kafka.api.secret': 's',
      },
    });
    expect(unknownClass.status).toBe(500);
    expect(unknownClass.body).toEqual({
      error_code: 500,
      message: expect.stringContaining('MysterySource'),
    });

    const missing = await connect.get(`${connectors}/nope/status`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { code: 404, message: expect.any(String) },
    });
    expect(
      (
        await connect.get(
          `/connect/v1/environments/env-nope00/clusters/lkc-8w3pvd/connectors`,
        )
      ).status,
    ).toBe(404);
    // Nothing was created by the failed requests.
    expect((await connect.get(connectors)).body).toEqual(['orders-sink']);
  });

  it('FAILS a sink of a topic that does not exist, with a trace', async () => {
    await connect.post(connectors, {
      name: 'ghost-sink',
      config: sinkConfig('ghost_topic'),
    });
    const failed = await eventually(
      () => status('ghost-sink'),
      res => res.body.connector.state === 'FAILED',
    );
    expect(failed.body.connector.trace).toMatch(
      /Topic\(s\) \[ghost_topic\] do not exist/,
    );
    expect(failed.body.tasks).toEqual([]);
  });

  it('creates or reconfigures with PUT config, and deletes', async () => {
    const put = await connect.put(
      `${connectors}/via-put/config`,
      sinkConfig('orders'),
    );
    expect(put.status).toBe(200);
    expect(put.body.name).toBe('via-put');
    await eventually(
      () => status('via-put'),
      res => res.body.connector.state === 'RUNNING',
    );
    const updated = await connect.put(
      `${connectors}/via-put/config`,
      sinkConfig('orders', { 'batch.sizes': '500' }),
    );
    expect(updated.body.config['batch.sizes']).toBe('500');
    expect((await status('via-put')).body.connector.state).toBe('PROVISIONING');

    const mismatch = await connect.put(`${connectors}/via-put/config`, {
      ...sinkConfig('orders'),
      name: 'other',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toMatch(
      /doesn't match connector name in the URL/,
    );

    const deleted = await connect.delete(`${connectors}/via-put`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ error: null });
    expect((await connect.get(`${connectors}/via-put`)).status).toBe(404);
  });

  it('FAILS when MaskField cannot mask a field of the records (sink, errors.tolerance=none)', async () => {
    const sr = client(emu, emu.keys.schemaRegistry);
    await client(emu, emu.keys.kafka).post(paths(emu).topics, {
      topic_name: 'payments',
    });
    await sr.post('/subjects/payments-value/versions', {
      schema: JSON.stringify({
        type: 'record',
        name: 'Payment',
        fields: [
          { name: 'id', type: 'int' },
          { name: 'card', type: 'string' },
        ],
      }),
    });
    const mask = (fields: string) => ({
      transforms: 'mask',
      'transforms.mask.type':
        'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.mask.fields': fields,
      'transforms.mask.replacement': 'XXXX',
      'errors.tolerance': 'none',
    });
    await connect.post(connectors, {
      name: 'mask-ok',
      config: sinkConfig('payments', mask('card')),
    });
    await connect.post(connectors, {
      name: 'mask-bad',
      config: sinkConfig('payments', mask('id')),
    });
    await eventually(
      () => status('mask-ok'),
      res => res.body.connector.state === 'RUNNING',
    );
    const failed = await eventually(
      () => status('mask-bad'),
      res => res.body.connector.state === 'FAILED',
    );
    expect(failed.body.connector.trace).toContain(
      'DataException: Unable to convert XXXX (class java.lang.String) to number',
    );
    expect(failed.body.tasks[0]).toMatchObject({ state: 'FAILED' });

    const empty = await connect.post(connectors, {
      name: 'mask-empty',
      config: sinkConfig('payments', {
        ...mask(''),
        'transforms.mask.fields': '',
      }),
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain(
      'Invalid value [] for configuration transforms.mask.fields: Empty list',
    );
  });
});

describe('PostgresCdcSourceV2 against PostgreSQL', () => {
  const database = `emu_cdc_${randomBytes(4).toString('hex')}`;
  const admin = () =>
    new Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
  let emu: ConfluentEmulator;
  let connect: TestClient;
  let sr: TestClient;
  let connectors: string;

  const cdcConfig = (extra: Record<string, string> = {}) => ({
    'connector.class': 'PostgresCdcSourceV2',
    'database.hostname': '127.0.0.1',
    'database.port': '5432',
    'database.user': 'postgres',
    'database.password': 'cdc-password-1',
    'database.dbname': database,
    'database.sslmode': 'disable',
    'topic.prefix': 'shop',
    'table.include.list': 'public.customers, public.orders',
    'after.state.only': 'true',
    'output.data.format': 'AVRO',
    'output.key.format': 'AVRO',
    'time.precision.mode': 'connect',
    'tasks.max': '1',
    'kafka.auth.mode': 'SERVICE_ACCOUNT',
    'kafka.service.account.id': 'sa-3nz8wq',
    ...extra,
  });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${database}`);
    await c.end();
    const db = new Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database,
    });
    await db.connect();
    await db.query(`
      CREATE TABLE public.customers (
        customerid integer PRIMARY KEY,
        customername varchar(100) NOT NULL,
        email varchar(200),
        balance numeric(12, 2),
        created_at timestamp(3) NOT NULL DEFAULT now(),
        birthday date,
        active boolean
      );
      CREATE TABLE public.orders (
        orderid bigint PRIMARY KEY,
        customerid integer NOT NULL,
        amount double precision,
        notes text
      );
      CREATE TABLE public.audit_log (id serial PRIMARY KEY, message text);
    `);
    await db.end();
    emu = await startTestEmulator();
    connect = client(emu, emu.keys.cloud);
    sr = client(emu, emu.keys.schemaRegistry);
    connectors = paths(emu).connectors;
  });

  afterAll(async () => {
    await emu.stop();
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.end();
  });

  const state = (name: string) => connect.get(`${connectors}/${name}/status`);

  it('reads the captured tables and registers the schemas Debezium would', async () => {
    const created = await connect.post(connectors, {
      name: 'shop-cdc',
      config: cdcConfig({
        transforms: 'maskPii',
        'transforms.maskPii.type':
          'org.apache.kafka.connect.transforms.MaskField$Value',
        'transforms.maskPii.fields': 'email',
        'transforms.maskPii.replacement': '****',
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.config['database.password']).toBe(MASK);
    const running = await eventually(
      () => state('shop-cdc'),
      res => res.body.connector.state !== 'PROVISIONING',
    );
    expect(running.body.connector).toEqual({
      state: 'RUNNING',
      worker_id: 'shop-cdc',
      trace: '',
    });

    const topics = await client(emu, emu.keys.kafka).get(paths(emu).topics);
    expect(topics.body.data.map((t: any) => t.topic_name).sort()).toEqual([
      'shop.public.customers',
      'shop.public.orders',
    ]);

    const value = await sr.get(
      '/subjects/shop.public.customers-value/versions/latest',
    );
    expect(JSON.parse(value.body.schema)).toEqual({
      type: 'record',
      name: 'Value',
      namespace: 'shop.public.customers',
      fields: [
        { name: 'customerid', type: 'int' },
        { name: 'customername', type: 'string' },
        { name: 'email', type: ['null', 'string'], default: null },
        {
          name: 'balance',
          type: [
            'null',
            {
              type: 'bytes',
              scale: 2,
              precision: 12,
              'connect.version': 1,
              'connect.parameters': {
                scale: '2',
                'connect.decimal.precision': '12',
              },
              'connect.name': 'org.apache.kafka.connect.data.Decimal',
              logicalType: 'decimal',
            },
          ],
          default: null,
        },
        {
          name: 'created_at',
          type: {
            type: 'long',
            'connect.version': 1,
            'connect.name': 'org.apache.kafka.connect.data.Timestamp',
            logicalType: 'timestamp-millis',
          },
        },
        {
          name: 'birthday',
          type: [
            'null',
            {
              type: 'int',
              'connect.version': 1,
              'connect.name': 'org.apache.kafka.connect.data.Date',
              logicalType: 'date',
            },
          ],
          default: null,
        },
        { name: 'active', type: ['null', 'boolean'], default: null },
        { name: '__deleted', type: ['null', 'string'], default: null },
      ],
      'connect.name': 'shop.public.customers.Value',
    });
    const key = await sr.get(
      '/subjects/shop.public.orders-key/versions/latest',
    );
    expect(JSON.parse(key.body.schema)).toEqual({
      type: 'record',
      name: 'Key',
      namespace: 'shop.public.orders',
      fields: [{ name: 'orderid', type: 'long' }],
      'connect.name': 'shop.public.orders.Key',
    });
  });

  it('registers new versions when tables evolve, and FAILS on an incompatible change', async () => {
    const db = new Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database,
    });
    await db.connect();
    try {
      await db.query(
        'ALTER TABLE public.customers ADD COLUMN loyalty_tier text',
      );
      const config = (await connect.get(`${connectors}/shop-cdc/config`)).body;
      // Reconfiguring restarts the connector, which reads the tables again.
      await connect.put(`${connectors}/shop-cdc/config`, {
        ...config,
        'database.password': 'cdc-password-1',
        'snapshot.mode': 'when_needed',
      });
      await eventually(
        () => state('shop-cdc'),
        res => res.body.connector.state === 'RUNNING',
      );
      expect(
        (await sr.get('/subjects/shop.public.customers-value/versions')).body,
      ).toEqual([1, 2]);

      await db.query(
        'ALTER TABLE public.customers ALTER COLUMN active TYPE integer USING NULL',
      );
      await connect.put(`${connectors}/shop-cdc/config`, {
        ...config,
        'database.password': 'cdc-password-1',
      });
      const failed = await eventually(
        () => state('shop-cdc'),
        res => res.body.connector.state === 'FAILED',
      );
      expect(failed.body.connector.trace).toContain(
        'Schema being registered is incompatible',
      );
      expect(failed.body.connector.trace).toContain('error code: 40901');
    } finally {
      await db.end();
    }
  });

  it('FAILS without creating anything when the database is unreachable', async () => {
    await connect.post(connectors, {
      name: 'unreachable-cdc',
      config: cdcConfig({ 'database.port': '1', 'topic.prefix': 'nowhere' }),
    });
    const failed = await eventually(
      () => state('unreachable-cdc'),
      res => res.body.connector.state === 'FAILED',
    );
    expect(failed.body.connector.trace).toContain(
      'Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct',
    );
    expect(failed.body.connector.trace).not.toContain('cdc-password-1');
    const subjects = await sr.get('/subjects');
    expect(
      subjects.body.filter((s: string) => s.startsWith('nowhere.')),
    ).toEqual([]);
  });

  it('FAILS with the database error for a wrong database name', async () => {
    await connect.post(connectors, {
      name: 'wrong-db-cdc',
      config: cdcConfig({
        'database.dbname': `${database}_missing`,
        'topic.prefix': 'wrongdb',
      }),
    });
    const failed = await eventually(
      () => state('wrong-db-cdc'),
      res => res.body.connector.state === 'FAILED',
    );
    expect(failed.body.connector.trace).toContain(
      `database "${database}_missing" does not exist`,
    );
  });

  it('FAILS when MaskField would mask a numeric column with text', async () => {
    await connect.post(connectors, {
      name: 'bad-mask-cdc',
      config: cdcConfig({
        'topic.prefix': 'badmask',
        transforms: 'maskPii',
        'transforms.maskPii.type':
          'org.apache.kafka.connect.transforms.MaskField$Value',
        'transforms.maskPii.fields': 'balance',
        'transforms.maskPii.replacement': '****',
      }),
    });
    const failed = await eventually(
      () => state('bad-mask-cdc'),
      res => res.body.connector.state === 'FAILED',
    );
    expect(failed.body.connector.trace).toContain(
      'Unable to convert **** (class java.lang.String) to number',
    );
    expect(
      (await sr.get('/subjects')).body.filter((s: string) =>
        s.startsWith('badmask.'),
      ),
    ).toEqual([]);
  });

  it("FAILS every CDC source when sourceDatabases is 'never'", async () => {
    const offline = await startTestEmulator({ sourceDatabases: 'never' });
    try {
      const c = client(offline, offline.keys.cloud);
      const p = paths(offline);
      await c.post(p.connectors, { name: 'offline-cdc', config: cdcConfig() });
      const failed = await eventually(
        () => c.get(`${p.connectors}/offline-cdc/status`),
        res => res.body.connector.state === 'FAILED',
      );
      expect(failed.body.connector.trace).toMatch(
        /The connection attempt failed/,
      );
      expect(
        (await client(offline, offline.keys.kafka).get(p.topics)).body.data,
      ).toEqual([]);
    } finally {
      await offline.stop();
    }
  });
});

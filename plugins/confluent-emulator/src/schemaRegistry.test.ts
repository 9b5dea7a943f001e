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
  startTestEmulator,
  type TestClient,
} from './__testUtils__/http';
import type { ConfluentEmulator } from './types';

const avro = (fields: object[], name = 'Order') =>
  JSON.stringify({ type: 'record', name, namespace: 'shop', fields });

describe('Schema Registry', () => {
  let emu: ConfluentEmulator;
  let sr: TestClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    sr = client(emu, emu.keys.schemaRegistry);
  });

  afterAll(() => emu.stop());

  it('registers AVRO, JSON and PROTOBUF schemas and returns {id}', async () => {
    const a = await sr.post('/subjects/orders-value/versions', {
      schema: avro([{ name: 'id', type: 'int' }]),
    });
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(
      /^application\/vnd\.schemaregistry\.v1\+json/,
    );
    expect(a.body).toEqual({ id: expect.any(Number) });
    expect(a.body.id).toBeGreaterThanOrEqual(100001);

    const json = await sr.post('/subjects/events-value/versions', {
      schemaType: 'JSON',
      schema: JSON.stringify({
        type: 'object',
        properties: { id: { type: 'integer' } },
      }),
    });
    expect(json.status).toBe(200);
    const proto = await sr.post('/subjects/users-value/versions', {
      schemaType: 'PROTOBUF',
      schema: 'syntax = "proto3";\nmessage User { string name = 1; }',
    });
    expect(proto.status).toBe(200);

    const byId = await sr.get(`/schemas/ids/${json.body.id}`);
    expect(byId.body).toEqual({
      schemaType: 'JSON',
      schema: JSON.stringify({
        type: 'object',
        properties: { id: { type: 'integer' } },
      }),
    });
    // AVRO is the default type, so it is left out, as Schema Registry does.
    expect(await sr.get(`/schemas/ids/${a.body.id}`)).toMatchObject({
      body: { schema: avro([{ name: 'id', type: 'int' }]) },
    });
    expect(
      (await sr.get(`/schemas/ids/${a.body.id}`)).body.schemaType,
    ).toBeUndefined();
    expect((await sr.get('/schemas/types')).body).toEqual([
      'JSON',
      'PROTOBUF',
      'AVRO',
    ]);
  });

  it('gives the same schema the same id, in the same subject without a new version', async () => {
    const schema = avro([{ name: 'sku', type: 'string' }], 'Product');
    const first = await sr.post('/subjects/products-value/versions', {
      schema,
    });
    const again = await sr.post('/subjects/products-value/versions', {
      schema: JSON.stringify(JSON.parse(schema), null, 2),
    });
    const elsewhere = await sr.post('/subjects/products-copy-value/versions', {
      schema,
    });
    expect(again.body.id).toBe(first.body.id);
    expect(elsewhere.body.id).toBe(first.body.id);
    expect((await sr.get('/subjects/products-value/versions')).body).toEqual([
      1,
    ]);
    expect(
      (await sr.get(`/schemas/ids/${first.body.id}/subjects`)).body.sort(),
    ).toEqual(['products-copy-value', 'products-value']);
  });

  it('adds versions that are backward compatible and refuses others (409 40901)', async () => {
    const v2 = await sr.post('/subjects/orders-value/versions', {
      schema: avro([
        { name: 'id', type: 'int' },
        { name: 'note', type: ['null', 'string'], default: null },
      ]),
    });
    expect(v2.status).toBe(200);
    expect((await sr.get('/subjects/orders-value/versions')).body).toEqual([
      1, 2,
    ]);
    const latest = await sr.get('/subjects/orders-value/versions/latest');
    expect(latest.body).toEqual({
      subject: 'orders-value',
      version: 2,
      id: v2.body.id,
      schema: expect.stringContaining('note'),
    });
    expect(
      (await sr.get('/subjects/orders-value/versions/1')).body.version,
    ).toBe(1);

    const incompatible = await sr.post('/subjects/orders-value/versions', {
      schema: avro([
        { name: 'id', type: 'int' },
        { name: 'required_without_default', type: 'string' },
      ]),
    });
    expect(incompatible.status).toBe(409);
    expect(incompatible.body.error_code).toBe(40901);
    expect(incompatible.body.message).toMatch(/incompatible/);
  });

  it('tests a schema for compatibility without registering it, at the configured level', async () => {
    const subject = 'payments-value';
    await sr.post(`/subjects/${subject}/versions`, {
      schema: avro(
        [
          { name: 'id', type: 'int' },
          { name: 'amount', type: 'double' },
        ],
        'Payment',
      ),
    });
    const check = (fields: object[], path = '/versions/latest', query = '') =>
      sr.post(`/compatibility/subjects/${subject}${path}${query}`, {
        schema: avro(fields, 'Payment'),
      });
    const id = { name: 'id', type: 'int' };
    const amount = { name: 'amount', type: 'double' };
    const optionalNote = {
      name: 'note',
      type: ['null', 'string'],
      default: null,
    };
    const requiredNote = { name: 'note', type: 'string' };

    // BACKWARD (the default): new readers must read the old data.
    expect((await check([id, amount, optionalNote])).body).toEqual({
      is_compatible: true,
    });
    expect((await check([id])).body).toEqual({ is_compatible: true });
    const added = await check(
      [id, amount, requiredNote],
      '/versions/1',
      '?verbose=true',
    );
    expect(added.status).toBe(200);
    expect(added.body.is_compatible).toBe(false);
    expect(added.body.messages).toEqual([
      expect.stringMatching(/BACKWARD.*oldSchemaVersion: 1.*note/),
    ]);
    // Without `verbose`, only the verdict.
    expect((await check([id, amount, requiredNote])).body).toEqual({
      is_compatible: false,
    });

    // FORWARD: old readers must read the new data, so dropping a field
    // they need breaks it.
    expect(
      (await sr.put('/config', { compatibility: 'FORWARD' })).body,
    ).toEqual({
      compatibility: 'FORWARD',
    });
    try {
      expect((await check([id], '/versions')).body).toEqual({
        is_compatible: false,
      });
      expect(
        (await check([id, amount, requiredNote], '/versions')).body,
      ).toEqual({
        is_compatible: true,
      });
    } finally {
      await sr.put('/config', { compatibility: 'BACKWARD' });
    }

    // A check registers nothing.
    expect((await sr.get(`/subjects/${subject}/versions`)).body).toEqual([1]);
    // A subject that does not exist: nothing to break, unless a version is named.
    expect(
      (
        await sr.post('/compatibility/subjects/nobody-value/versions', {
          schema: avro([id], 'Payment'),
        })
      ).body,
    ).toEqual({ is_compatible: true });
    const missing = await sr.post(
      '/compatibility/subjects/nobody-value/versions/latest',
      { schema: avro([id], 'Payment') },
    );
    expect([missing.status, missing.body.error_code]).toEqual([404, 40401]);
    const badLevel = await sr.put('/config', { compatibility: 'SIDEWAYS' });
    expect([badLevel.status, badLevel.body.error_code]).toEqual([422, 42203]);
  });

  it('answers errors with Schema Registry error codes', async () => {
    const cases: Array<[Promise<any>, number, number]> = [
      [sr.get('/subjects/missing-value/versions'), 404, 40401],
      [sr.get('/subjects/orders-value/versions/9'), 404, 40402],
      [sr.get('/schemas/ids/999999'), 404, 40403],
      [sr.get('/subjects/orders-value/versions/zero'), 422, 42202],
      [
        sr.post('/subjects/bad-value/versions', { schema: '{"type":"record"' }),
        422,
        42201,
      ],
      [
        sr.post('/subjects/bad-value/versions', {
          schema: avro([{ name: 'x', type: 'nope' }]),
        }),
        422,
        42201,
      ],
      [
        sr.post('/subjects/bad-value/versions', {
          schema: avro([]),
          schemaType: 'XML',
        }),
        422,
        42201,
      ],
    ];
    for (const [response, status, errorCode] of cases) {
      const res = await response;
      expect(res.status).toBe(status);
      expect(res.body).toEqual({
        error_code: errorCode,
        message: expect.any(String),
      });
    }
  });

  it('soft-deletes then permanently deletes subjects', async () => {
    await sr.post('/subjects/temp-value/versions', {
      schema: avro([{ name: 'a', type: 'int' }], 'Temp'),
    });
    expect(
      (await sr.delete('/subjects/temp-value?permanent=true')).body.error_code,
    ).toBe(40405);
    expect((await sr.delete('/subjects/temp-value')).body).toEqual([1]);
    expect((await sr.get('/subjects')).body).not.toContain('temp-value');
    expect((await sr.get('/subjects?deleted=true')).body).toContain(
      'temp-value',
    );
    expect(
      (await sr.delete('/subjects/temp-value?permanent=true')).body,
    ).toEqual([1]);
    expect((await sr.get('/subjects?deleted=true')).body).not.toContain(
      'temp-value',
    );
  });

  it('soft-deletes then permanently deletes one version, as Schema Registry answers', async () => {
    const v1 = avro([{ name: 'a', type: 'int' }], 'Versioned');
    const v2 = avro(
      [
        { name: 'a', type: 'int' },
        { name: 'b', type: ['null', 'string'], default: null },
      ],
      'Versioned',
    );
    await sr.post('/subjects/versioned-value/versions', { schema: v1 });
    const second = await sr.post('/subjects/versioned-value/versions', {
      schema: v2,
    });
    const code = async (path: string) => {
      const res = await sr.delete(path);
      return [res.status, res.body.error_code];
    };
    expect(await code('/subjects/nothing-value/versions/1')).toEqual([
      404, 40401,
    ]);
    expect(await code('/subjects/versioned-value/versions/7')).toEqual([
      404, 40402,
    ]);
    // Permanent only after a soft delete.
    expect(
      await code('/subjects/versioned-value/versions/2?permanent=true'),
    ).toEqual([404, 40407]);

    const soft = await sr.delete('/subjects/versioned-value/versions/2');
    expect([soft.status, soft.body]).toEqual([200, 2]);
    expect((await sr.get('/subjects/versioned-value/versions')).body).toEqual([
      1,
    ]);
    expect(
      (await sr.get('/subjects/versioned-value/versions?deleted=true')).body,
    ).toEqual([1, 2]);
    expect(
      (await sr.get('/subjects/versioned-value/versions/latest')).body.version,
    ).toBe(1);
    expect(
      (await sr.get('/subjects/versioned-value/versions/2')).body.error_code,
    ).toBe(40402);
    expect(
      (await sr.get('/subjects/versioned-value/versions/2?deleted=true')).body,
    ).toMatchObject({ version: 2, id: second.body.id });
    // The schema id still decodes data.
    expect((await sr.get(`/schemas/ids/${second.body.id}`)).status).toBe(200);
    expect(await code('/subjects/versioned-value/versions/2')).toEqual([
      404, 40406,
    ]);

    const gone = await sr.delete(
      '/subjects/versioned-value/versions/2?permanent=true',
    );
    expect([gone.status, gone.body]).toEqual([200, 2]);
    expect(
      (await sr.get('/subjects/versioned-value/versions?deleted=true')).body,
    ).toEqual([1]);
    // Registering it again makes a new version after every earlier number.
    await sr.post('/subjects/versioned-value/versions', { schema: v2 });
    expect((await sr.get('/subjects/versioned-value/versions')).body).toEqual([
      1, 2,
    ]);
  });

  it('looks a schema up in a subject (POST /subjects/{subject})', async () => {
    const schema = avro([{ name: 'id', type: 'int' }]);
    const found = await sr.post('/subjects/orders-value', { schema });
    expect(found.body).toMatchObject({ subject: 'orders-value', version: 1 });
    const missing = await sr.post('/subjects/orders-value', {
      schema: avro([{ name: 'zz', type: 'int' }]),
    });
    expect(missing.body.error_code).toBe(40403);
  });
});

describe('Schema Registry data contracts (metadata and rule sets)', () => {
  let emu: ConfluentEmulator;
  let sr: TestClient;
  const customer = avro(
    [
      { name: 'id', type: 'int' },
      { name: 'email', type: 'string' },
    ],
    'Customer',
  );
  const rules = {
    domainRules: [
      {
        name: 'checkEmail',
        type: 'CEL',
        mode: 'WRITE',
        expr: "message.email.contains('@')",
        params: { z: '1', a: '2' },
        tags: ['PII', 'EMAIL', 'PII'],
        unknownKey: 'dropped',
      },
    ],
  };

  beforeAll(async () => {
    emu = await startTestEmulator();
    sr = client(emu, emu.keys.schemaRegistry);
  });

  afterAll(() => emu.stop());

  it('keeps metadata and rule sets, normalised, and returns them on every read', async () => {
    const registered = await sr.post('/subjects/customers-value/versions', {
      schema: customer,
      metadata: {
        tags: { 'shop.Customer.email': ['PII', 'CONTACT', 'PII'] },
        properties: { owner: 'team-a', 'data.class': 'confidential' },
        sensitive: ['owner'],
      },
      ruleSet: rules,
    });
    expect(registered.status).toBe(200);
    const metadata = {
      tags: { 'shop.Customer.email': ['CONTACT', 'PII'] },
      properties: { 'data.class': 'confidential', owner: 'team-a' },
      sensitive: ['owner'],
    };
    const ruleSet = {
      domainRules: [
        {
          name: 'checkEmail',
          kind: 'TRANSFORM',
          mode: 'WRITE',
          type: 'CEL',
          tags: ['EMAIL', 'PII'],
          params: { a: '2', z: '1' },
          expr: "message.email.contains('@')",
          disabled: false,
        },
      ],
    };
    // A registration that sets a data contract answers the whole schema.
    expect(registered.body).toEqual({
      id: expect.any(Number),
      version: 1,
      metadata,
      ruleSet,
      schema: customer,
    });
    const { id } = registered.body;
    const expected = { metadata, ruleSet };
    expect(
      (await sr.get('/subjects/customers-value/versions/latest')).body,
    ).toEqual({
      subject: 'customers-value',
      version: 1,
      id,
      ...expected,
      schema: customer,
    });
    expect(
      (await sr.get('/subjects/customers-value/versions/1')).body,
    ).toMatchObject(expected);
    expect((await sr.get(`/schemas/ids/${id}`)).body).toEqual({
      ...expected,
      schema: customer,
    });
    expect(
      (await sr.get('/schemas?subjectPrefix=customers-value')).body,
    ).toEqual([
      {
        subject: 'customers-value',
        version: 1,
        id,
        ...expected,
        schema: customer,
      },
    ]);
    expect(
      (await sr.post('/subjects/customers-value', { schema: customer })).body,
    ).toMatchObject({ version: 1, id, ...expected });
    // `ruleType` keeps the schemas with a rule of that type.
    const withRules = async (type: string) =>
      (await sr.get(`/schemas?ruleType=${type}`)).body.map(
        (v: any) => v.subject,
      );
    expect(await withRules('CEL')).toEqual(['customers-value']);
    expect(await withRules('JSONATA')).toEqual([]);
    // Sent in another key order, it is the same contract.
    expect(
      (
        await sr.post('/subjects/customers-value/versions', {
          schema: customer,
          metadata: {
            sensitive: ['owner'],
            properties: { owner: 'team-a', 'data.class': 'confidential' },
            tags: { 'shop.Customer.email': ['CONTACT', 'PII'] },
          },
          ruleSet: rules,
        })
      ).body,
    ).toMatchObject({ id, version: 1 });
  });

  it('makes new metadata on the same schema a new id and version, and carries the latest over when none is sent', async () => {
    const v1 = await sr.post('/subjects/accounts-value/versions', {
      schema: customer,
    });
    expect(v1.body).toEqual({ id: expect.any(Number) });
    const tagged = await sr.post('/subjects/accounts-value/versions', {
      schema: customer,
      metadata: { tags: { 'Customer.email': ['PII'] } },
    });
    expect(tagged.body).toMatchObject({ version: 2 });
    expect(tagged.body.id).not.toBe(v1.body.id);
    // Registering the text alone again inherits version 2's metadata, so it
    // is version 2, not a new version without tags.
    const again = await sr.post('/subjects/accounts-value/versions', {
      schema: customer,
    });
    expect(again.body).toMatchObject({
      id: tagged.body.id,
      version: 2,
      metadata: { tags: { 'Customer.email': ['PII'] } },
    });
    expect((await sr.get('/subjects/accounts-value/versions')).body).toEqual([
      1, 2,
    ]);
    // The same text and metadata in another subject shares the id.
    const elsewhere = await sr.post('/subjects/accounts-copy-value/versions', {
      schema: customer,
      metadata: { tags: { 'Customer.email': ['PII'] } },
    });
    expect(elsewhere.body.id).toBe(tagged.body.id);
    // A lookup with metadata must match it; without, the text decides.
    expect(
      (
        await sr.post('/subjects/accounts-value', {
          schema: customer,
          metadata: { tags: { 'Customer.email': ['SECRET'] } },
        })
      ).body.error_code,
    ).toBe(40403);
    expect(
      (await sr.post('/subjects/accounts-value', { schema: customer })).body,
    ).toMatchObject({ version: 2, id: tagged.body.id });
  });

  it('refuses malformed metadata (422) and invalid rule sets (42210), registering nothing', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ metadata: { tags: { email: 'PII' } } }, 422, /metadata\.tags/],
      [{ metadata: { properties: { a: 1 } } }, 422, /metadata\.properties/],
      [{ metadata: 'PII' }, 422, /metadata/],
      [
        { ruleSet: { domainRules: [{ name: '1bad', type: 'CEL' }] } },
        42210,
        /Illegal initial character in rule name: 1bad/,
      ],
      [
        { ruleSet: { domainRules: [{ name: 'noType' }] } },
        42210,
        /Missing rule type/,
      ],
      [
        {
          ruleSet: {
            migrationRules: [{ name: 'up', type: 'JSONATA', mode: 'WRITE' }],
          },
        },
        42210,
        /Migration rules can only be UPGRADE, DOWNGRADE, UPDOWN/,
      ],
      [
        {
          ruleSet: {
            domainRules: [
              { name: 'twice', type: 'CEL' },
              { name: 'twice', type: 'CEL' },
            ],
          },
        },
        42210,
        /duplicate name 'twice'/,
      ],
    ];
    for (const [extra, errorCode, message] of cases) {
      const res = await sr.post('/subjects/invalid-contract-value/versions', {
        schema: customer,
        ...(extra as object),
      });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        error_code: errorCode,
        message: expect.stringMatching(message),
      });
    }
    expect((await sr.get('/subjects')).body).not.toContain(
      'invalid-contract-value',
    );
  });

  it('lists schemas a page at a time (GET /schemas), latest only, by prefix, with deleted ones on request', async () => {
    for (const n of [1, 2, 3]) {
      await sr.post(`/subjects/page-${n}-value/versions`, {
        schema: avro([{ name: 'id', type: 'int' }], `Page${n}`),
      });
    }
    await sr.post('/subjects/page-2-value/versions', {
      schema: avro(
        [
          { name: 'id', type: 'int' },
          { name: 'note', type: ['null', 'string'], default: null },
        ],
        'Page2',
      ),
    });
    const list = async (query: string) =>
      (await sr.get(`/schemas?subjectPrefix=page-&${query}`)).body.map(
        (s: any) => `${s.subject}@${s.version}`,
      );
    expect(await list('')).toEqual([
      'page-1-value@1',
      'page-2-value@1',
      'page-2-value@2',
      'page-3-value@1',
    ]);
    expect(await list('latestOnly=true')).toEqual([
      'page-1-value@1',
      'page-2-value@2',
      'page-3-value@1',
    ]);
    expect(await list('latestOnly=true&offset=1&limit=1')).toEqual([
      'page-2-value@2',
    ]);
    expect(await list('latestOnly=true&offset=2&limit=5')).toEqual([
      'page-3-value@1',
    ]);
    expect(await list('latestOnly=true&offset=3')).toEqual([]);
    // A limit that is not positive is the default (1000).
    expect(await list('latestOnly=true&limit=0')).toHaveLength(3);
    expect(await list('latestOnly=true&limit=-1')).toHaveLength(3);

    await sr.delete('/subjects/page-3-value');
    await sr.delete('/subjects/page-2-value/versions/2');
    expect(await list('latestOnly=true')).toEqual([
      'page-1-value@1',
      'page-2-value@1',
    ]);
    expect(await list('latestOnly=true&deleted=true')).toEqual([
      'page-1-value@1',
      'page-2-value@2',
      'page-3-value@1',
    ]);
    // Parameters that are not integers are a plain 404, as from JAX-RS.
    const bad = await sr.get('/schemas?offset=first');
    expect(bad.status).toBe(404);
    expect(bad.body).toEqual({
      error_code: 404,
      message: 'HTTP 404 Not Found',
    });
  });

  it('caps a page at 1000 schemas', async () => {
    const big = await startTestEmulator({
      seed: { large: { topics: 1100, statements: 0, connectors: 0 } },
    });
    try {
      const registry = client(big, big.keys.schemaRegistry);
      const subjects = (await registry.get('/subjects')).body as string[];
      expect(subjects.length).toBeGreaterThan(1000);
      expect(
        (await registry.get('/schemas?latestOnly=true&limit=5000')).body,
      ).toHaveLength(1000);
      const rest = await registry.get('/schemas?latestOnly=true&offset=1000');
      expect(rest.body.map((s: any) => s.subject)).toEqual(
        subjects.slice(1000),
      );
    } finally {
      await big.stop();
    }
  });
});

describe('Stream Catalog', () => {
  let emu: ConfluentEmulator;
  let catalog: TestClient;
  let kafka: TestClient;
  let topicName: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    catalog = client(emu, emu.keys.schemaRegistry);
    kafka = client(emu, emu.keys.kafka);
    await kafka.post(`/kafka/v3/clusters/${emu.ids.kafkaClusterId}/topics`, {
      topic_name: 'payments',
    });
    topicName = `${emu.ids.schemaRegistryId}:${emu.ids.kafkaClusterId}:payments`;
  });

  afterAll(() => emu.stop());

  it('creates tag definitions and tags topics', async () => {
    const defs = await catalog.post('/catalog/v1/types/tagdefs', [
      { name: 'PII', description: 'Personal data', entityTypes: ['cf_entity'] },
    ]);
    expect(defs.status).toBe(200);
    expect(defs.body[0]).toMatchObject({
      name: 'PII',
      category: 'CLASSIFICATION',
      entityTypes: ['cf_entity'],
    });
    const duplicate = await catalog.post('/catalog/v1/types/tagdefs', [
      { name: 'PII' },
    ]);
    expect(duplicate.body[0].error).toEqual({
      error_code: 409,
      message: expect.any(String),
    });

    const tagged = await catalog.post('/catalog/v1/entity/tags', [
      { entityType: 'kafka_topic', entityName: topicName, typeName: 'PII' },
    ]);
    expect(tagged.status).toBe(200);
    expect(tagged.body).toEqual([
      expect.objectContaining({
        typeName: 'PII',
        entityType: 'kafka_topic',
        entityName: topicName,
      }),
    ]);
    const read = await catalog.get(
      `/catalog/v1/entity/type/kafka_topic/name/${topicName}/tags`,
    );
    expect(read.body.map((t: any) => t.typeName)).toEqual(['PII']);

    const unknownTag = await catalog.post('/catalog/v1/entity/tags', [
      { entityType: 'kafka_topic', entityName: topicName, typeName: 'NOPE' },
    ]);
    expect(unknownTag.status).toBe(404);
    expect(unknownTag.body).toEqual({
      error_code: 404,
      message: expect.any(String),
    });
    const unknownEntity = await catalog.get(
      `/catalog/v1/entity/type/kafka_topic/name/${emu.ids.schemaRegistryId}:${emu.ids.kafkaClusterId}:nope/tags`,
    );
    expect(unknownEntity.status).toBe(404);
  });

  it('defines business metadata and sets and reads it on a topic', async () => {
    const def = await catalog.post('/catalog/v1/types/businessmetadatadefs', [
      {
        name: 'ownership',
        attributeDefs: [
          {
            name: 'owner',
            typeName: 'string',
            isOptional: false,
            cardinality: 'SINGLE',
          },
        ],
      },
    ]);
    expect(def.body[0]).toMatchObject({
      name: 'ownership',
      category: 'BUSINESS_METADATA',
    });
    const set = await catalog.post('/catalog/v1/entity/businessmetadata', [
      {
        typeName: 'ownership',
        entityType: 'kafka_topic',
        entityName: topicName,
        attributes: { owner: 'group:default/payments-team' },
      },
      {
        typeName: 'ownership',
        entityType: 'kafka_topic',
        entityName: topicName,
        attributes: { colour: 'x' },
      },
    ]);
    expect(set.body[0].error).toBeUndefined();
    expect(set.body[1].error.error_code).toBe(400);
    const read = await catalog.get(
      `/catalog/v1/entity/type/kafka_topic/name/${topicName}/businessmetadata`,
    );
    expect(read.body).toEqual([
      {
        typeName: 'ownership',
        attributes: { owner: 'group:default/payments-team' },
        entityType: 'kafka_topic',
        entityName: topicName,
      },
    ]);
  });

  it('finds topics by a business metadata attribute and returns it (search/attribute)', async () => {
    const search = async (query: string) => {
      const res = await catalog.get(`/catalog/v1/search/attribute?${query}`);
      expect(res.status).toBe(200);
      return res.body.entities as any[];
    };
    // `ownership.owner` was set on one topic by the test above.
    const owned = await search(
      'type=kafka_topic&attrName=ownership.owner&attr=ownership.owner&limit=500',
    );
    expect(owned).toEqual([
      expect.objectContaining({
        typeName: 'kafka_topic',
        attributes: {
          qualifiedName: topicName,
          name: topicName.split(':').pop(),
          'ownership.owner': 'group:default/payments-team',
        },
      }),
    ]);
    expect(
      await search(
        'type=kafka_topic&attrName=ownership.owner&attrValuePrefix=group:default/pay',
      ),
    ).toHaveLength(1);
    expect(
      await search(
        'type=kafka_topic&attrName=ownership.owner&attrValuePrefix=user:',
      ),
    ).toEqual([]);
    // search/basic returns the attribute for every topic that has it.
    const basic = await catalog.get(
      '/catalog/v1/search/basic?type=kafka_topic&attr=ownership.owner&limit=500',
    );
    expect(
      basic.body.entities.filter((e: any) => e.attributes['ownership.owner']),
    ).toHaveLength(1);
    const missing = await catalog.get(
      '/catalog/v1/search/attribute?type=kafka_topic',
    );
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      error_code: 400,
      message: 'attrName is required',
    });
  });

  it('shows field-level inline schema tags as sr_field tags', async () => {
    const { body } = await catalog.post('/subjects/people-value/versions', {
      schema: JSON.stringify({
        type: 'record',
        name: 'Person',
        namespace: 'crm',
        fields: [{ name: 'email', type: 'string', 'confluent:tags': ['PII'] }],
      }),
    });
    const field = `${emu.ids.schemaRegistryId}:.:${body.id}:crm.Person.email`;
    const tags = await catalog.get(
      `/catalog/v1/entity/type/sr_field/name/${field}/tags`,
    );
    expect(tags.body.map((t: any) => t.typeName)).toEqual(['PII']);
  });

  it('tags a field the schema declares (with its entity guid) and 404s a field it does not', async () => {
    const { body } = await catalog.post('/subjects/contacts-value/versions', {
      schema: JSON.stringify({
        type: 'record',
        name: 'Contact',
        namespace: 'crm',
        fields: [{ name: 'customer_name', type: 'string' }],
      }),
    });
    const base = `${emu.ids.schemaRegistryId}:.:${body.id}`;
    const field = `${base}:crm.Contact.customer_name`;
    const tagged = await catalog.post('/catalog/v1/entity/tags', [
      { entityType: 'sr_field', entityName: field, typeName: 'PII' },
    ]);
    expect(tagged.status).toBe(200);
    expect(tagged.body).toEqual([
      expect.objectContaining({
        typeName: 'PII',
        entityType: 'sr_field',
        entityName: field,
        entityGuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
        entityStatus: 'ACTIVE',
      }),
    ]);
    const read = await catalog.get(
      `/catalog/v1/entity/type/sr_field/name/${field}/tags`,
    );
    expect(read.body).toEqual([
      expect.objectContaining({
        typeName: 'PII',
        entityGuid: tagged.body[0].entityGuid,
      }),
    ]);

    // No such field (or record) in that schema: Atlas has no entity for it.
    for (const [type, name] of [
      ['sr_field', `${base}:crm.Contact.nope`],
      ['sr_field', `${base}:crm.Other.customer_name`],
      ['sr_record', `${base}:crm.Nope`],
    ]) {
      const res = await catalog.post('/catalog/v1/entity/tags', [
        { entityType: type, entityName: name, typeName: 'PII' },
      ]);
      expect(res.status).toBe(404);
      expect(res.body.message).toContain(`{qualifiedName=${name}}`);
    }
    const record = await catalog.get(
      `/catalog/v1/entity/type/sr_record/name/${base}:crm.Contact/tags`,
    );
    expect(record.status).toBe(200);
  });

  it('searches entities by type, tag and name, a page at a time (search/basic)', async () => {
    const { body } = await catalog.post('/subjects/leads-value/versions', {
      schema: JSON.stringify({
        type: 'record',
        name: 'Lead',
        namespace: 'crm',
        fields: [
          { name: 'email', type: 'string', 'confluent:tags': ['PII'] },
          { name: 'phone', type: 'string', 'confluent:tags': ['PII'] },
          { name: 'score', type: 'int' },
        ],
      }),
    });
    const lsrc = emu.ids.schemaRegistryId;
    const search = async (query: string) => {
      const res = await catalog.get(`/catalog/v1/search/basic?${query}`);
      expect(res.status).toBe(200);
      return res.body.entities as any[];
    };
    const pii = await search('type=sr_field&tag=PII&limit=500');
    const names = pii.map(e => e.attributes.qualifiedName);
    expect(names).toEqual(
      expect.arrayContaining([
        `${lsrc}:.:${body.id}:crm.Lead.email`,
        `${lsrc}:.:${body.id}:crm.Lead.phone`,
      ]),
    );
    expect(names).not.toContain(`${lsrc}:.:${body.id}:crm.Lead.score`);
    expect(pii.find(e => e.attributes.name === 'phone')).toMatchObject({
      typeName: 'sr_field',
      status: 'ACTIVE',
      displayText: 'phone',
      classificationNames: ['PII'],
      guid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // Pages in a stable order.
    const first = await search('type=sr_field&tag=PII&limit=1');
    const second = await search('type=sr_field&tag=PII&limit=1&offset=1');
    expect([...first, ...second]).toEqual(pii.slice(0, 2));
    // Every field, by name; topics by name.
    expect(
      (await search('type=sr_field&query=score')).map(
        e => e.attributes.qualifiedName,
      ),
    ).toEqual([`${lsrc}:.:${body.id}:crm.Lead.score`]);
    expect(
      (await search('type=kafka_topic&query=PAYMENTS')).map(
        e => e.attributes.name,
      ),
    ).toEqual(['payments']);

    const tooMany = await catalog.get(
      '/catalog/v1/search/basic?type=sr_field&limit=501',
    );
    expect(tooMany.status).toBe(400);
    const unknownTag = await catalog.get(
      '/catalog/v1/search/basic?type=sr_field&tag=Nope',
    );
    expect(unknownTag.status).toBe(400);
    expect(unknownTag.body.message).toContain('Nope');
  });
});

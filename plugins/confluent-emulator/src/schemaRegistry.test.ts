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
});

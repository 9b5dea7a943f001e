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
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ConfluentSchemaField,
  ConfluentSchemaResponse,
} from '@shiftleft/plugin-confluent-common';
import {
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
  schemaFieldQualifiedName,
} from '@shiftleft/plugin-confluent-node';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import request from 'supertest';
import {
  denyConfluent,
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import {
  OTHER_USER,
  OWNER,
  topicEntity,
  workshopEntities,
} from './__testUtils__/fixtures';

const TOPIC = 'shiftleft.public.customers';
const ROUTE = `/api/confluent/entities/api/default/${TOPIC}`;

const byPath = (body: ConfluentSchemaResponse) =>
  Object.fromEntries(body.fields.map(f => [f.path, f])) as Record<
    string,
    ConfluentSchemaField
  >;

describe('suspected PII on the schema card, and tagging it', () => {
  let emu: ConfluentEmulator;
  let upstream: ConfluentClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    upstream = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
  });
  afterAll(() => emu?.stop());
  afterEach(() => stopCardsBackends());

  /** The Stream Catalog tags of a field of the customers topic's schema. */
  const catalogTags = async (field: string) => {
    const { environmentId, schemaRegistryId } = emu.ids;
    const schema = await upstream
      .schemaRegistry(environmentId)
      .getLatestSchema(`${TOPIC}-value`);
    const record = JSON.parse(schema.schema);
    const recordName = record.namespace
      ? `${record.namespace}.${record.name}`
      : record.name;
    const tags = await upstream
      .catalog(environmentId)
      .getTags(
        CATALOG_ENTITY_TYPES.field,
        schemaFieldQualifiedName(
          schemaRegistryId,
          schema.id,
          recordName,
          field,
        ),
      )
      .catch(() => []);
    return tags.map(t => t.typeName);
  };

  const getSchema = async (server: any, user = OWNER) => {
    const res = await request(server)
      .get(`${ROUTE}/schema`)
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return byPath(res.body);
  };

  it('suspects columns that look personal and carry no PII tag, by name only', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const fields = await getSchema(server);
    expect(fields.customername.suspectedPii).toEqual({
      pattern: 'customer_name',
      taggable: true,
    });
    // Tagged and masked at the source: known, not suspected.
    expect(fields.email.protection).toBeDefined();
    expect(fields.email.suspectedPii).toBeUndefined();
    // A key and a plain attribute.
    expect(fields.customerid.suspectedPii).toBeUndefined();
    expect(fields.segment.suspectedPii).toBeUndefined();
    expect(fields.shipping_address_id.suspectedPii).toBeUndefined();
  });

  it('uses confluent.pii.suspectedPatterns', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      confluent: { pii: { suspectedPatterns: ['segment'] } },
    });
    const fields = await getSchema(server);
    expect(fields.segment.suspectedPii?.pattern).toBe('segment');
    expect(fields.customername.suspectedPii).toBeUndefined();
  });

  it('lets an owner tag a suspected column PII: the tag is in Stream Catalog and the card shows PII', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    // Read first, so the schema is cached: tagging must not serve it stale.
    expect((await getSchema(server)).customername.suspectedPii).toBeDefined();
    expect(await catalogTags('customername')).toEqual([]);

    const res = await request(server)
      .post(`${ROUTE}/schema/pii-tags`)
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send({ fields: ['customername'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: `api:default/${TOPIC}`,
      tag: 'PII',
      tagged: ['customername'],
    });
    expect(await catalogTags('customername')).toEqual(['PII']);

    const after = await getSchema(server);
    expect(after.customername.suspectedPii).toBeUndefined();
    expect(after.customername.protection).toMatchObject({ status: 'pii' });
    expect(after.customername.tags).toContainEqual({
      name: 'PII',
      source: 'stream-catalog',
    });
  });

  it('tags every suspected field of a product at once, nested record fields included', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const path = '/api/confluent/entities/api/default/enriched_customers';
    const read = async () => {
      const res = await request(server)
        .get(`${path}/schema`)
        .set('Authorization', mockCredentials.user.header(OWNER));
      expect(res.status).toBe(200);
      return res.body as ConfluentSchemaResponse;
    };
    const suspects = (await read()).fields
      .filter(f => f.suspectedPii?.taggable)
      .map(f => f.path);
    expect(suspects).toEqual(
      expect.arrayContaining([
        'customername',
        'shipping_address',
        'shipping_address.street',
        'billing_address.postalcode',
      ]),
    );
    const res = await request(server)
      .post(`${path}/schema/pii-tags`)
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send({ fields: suspects });
    expect(res.status).toBe(200);
    expect(res.body.tagged).toEqual(suspects);
    const after = byPath(await read());
    for (const p of suspects) {
      expect(after[p].suspectedPii).toBeUndefined();
      expect(after[p].protection?.status).toBe('pii');
    }
  });

  it('refuses a non-owner with 403 and changes nothing', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    emu.resetRequestCounts();
    const res = await request(server)
      .post(`${ROUTE}/schema/pii-tags`)
      .set('Authorization', mockCredentials.user.header(OTHER_USER))
      .send({ fields: ['shipping_address_id'] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      `Only the owners of api:default/${TOPIC} may tag its schema fields PII`,
    );
    expect(emu.requestCount('catalog')).toBe(0);
    expect(await catalogTags('shipping_address_id')).toEqual([]);
  });

  it('refuses when the policy denies confluent.schema.tag, even to an owner', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      policy: denyConfluent,
    });
    const res = await request(server)
      .post(`${ROUTE}/schema/pii-tags`)
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send({ fields: ['shipping_address_id'] });
    expect(res.status).toBe(403);
    expect(await catalogTags('shipping_address_id')).toEqual([]);
  });

  it('marks a field outside a named record suspected but not taggable, and refuses to tag it', async () => {
    await upstream
      .schemaRegistry(emu.ids.environmentId)
      .registerSchema('anon_contacts-value', {
        schemaType: 'JSON',
        // No title: its fields belong to no named record.
        schema: JSON.stringify({
          type: 'object',
          properties: { phone: { type: 'string' } },
        }),
      });
    const { server } = await startCardsBackend({
      emu,
      entities: [topicEntity(emu, 'anon_contacts', 'anon_contacts-value')],
    });
    const res = await request(server)
      .get('/api/confluent/entities/api/default/anon_contacts/schema')
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    expect(byPath(res.body).phone.suspectedPii).toEqual({
      pattern: 'phone',
      taggable: false,
    });
    const tag = await request(server)
      .post('/api/confluent/entities/api/default/anon_contacts/schema/pii-tags')
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send({ fields: ['phone'] });
    expect(tag.status).toBe(400);
    expect(tag.body.error.message).toContain('is not in a named record');
  });

  it.each([
    [{ fields: ['no_such_field'] }, "has no field 'no_such_field'"],
    [{ fields: [] }, 'Invalid request'],
    [{ fields: 'customername' }, 'Invalid request'],
    [{}, 'Invalid request'],
  ])('answers 400 for %j and tags nothing', async (body, text) => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .post(`${ROUTE}/schema/pii-tags`)
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(text);
    expect(await catalogTags('segment')).toEqual([]);
  });
});

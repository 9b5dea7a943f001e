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
  ConfluentClient,
  schemaFieldQualifiedName,
} from '@shiftleft/plugin-confluent-node';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import request from 'supertest';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OWNER, topicEntity, workshopEntities } from './__testUtils__/fixtures';

const byPath = (body: ConfluentSchemaResponse) =>
  Object.fromEntries(body.fields.map(f => [f.path, f])) as Record<
    string,
    ConfluentSchemaField
  >;

describe('schema flattening and masking provenance', () => {
  let emu: ConfluentEmulator;
  let upstream: ConfluentClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    upstream = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
  });

  afterAll(async () => {
    await emu.stop();
  });

  afterEach(async () => {
    await stopCardsBackends();
  });

  const schemaOf = async (entities: any[], path: string) => {
    const { server } = await startCardsBackend({ emu, entities });
    return request(server)
      .get(`/api/confluent/entities/${path}/schema`)
      .set('Authorization', mockCredentials.user.header(OWNER));
  };

  it('flattens the seeded Avro schema of enriched_customers, masked email explained', async () => {
    const res = await schemaOf(
      workshopEntities(emu),
      'api/default/enriched_customers',
    );
    expect(res.status).toBe(200);
    const body: ConfluentSchemaResponse = res.body;
    expect(body).toMatchObject({
      entityRef: 'api:default/enriched_customers',
      topic: 'enriched_customers',
      subject: 'enriched_customers-value',
      format: 'AVRO',
      version: 1,
      recordName:
        'org.apache.flink.avro.generated.record.enriched_customers_value',
      consoleUrl: `https://confluent.cloud/environments/${emu.ids.environmentId}/stream-governance/schema-registry/data-contracts/enriched_customers-value`,
    });
    expect(body.fields.map(f => f.path)).toEqual([
      'customername',
      'email',
      'segment',
      'shipping_address',
      'shipping_address.street',
      'shipping_address.city',
      'shipping_address.state',
      'shipping_address.postalcode',
      'shipping_address.country',
      'billing_address',
      'billing_address.street',
      'billing_address.city',
      'billing_address.state',
      'billing_address.postalcode',
      'billing_address.country',
      'event_time',
    ]);
    const fields = byPath(body);
    expect(fields.shipping_address).toMatchObject({
      type: 'record enriched_customers_value_shipping_address',
      nullable: true,
      hasChildren: true,
      depth: 0,
    });
    expect(fields['shipping_address.city']).toMatchObject({
      name: 'city',
      type: 'string',
      nullable: true,
      hasChildren: false,
      depth: 1,
    });
    expect(fields.event_time.type).toBe('long (timestamp-millis)');
    expect(fields.email.protection).toMatchObject({
      status: 'masked',
      replacement: '****',
      origins: [
        {
          entityRef: 'api:default/shiftleft.public.customers',
          column: 'email',
        },
      ],
    });
    expect(fields.email.protection!.chain.map(s => s.how)).toEqual([
      'schema-tag',
      'smt',
      'statement',
    ]);
    expect(fields.email.protection!.summary).toContain(
      'Masked by shiftleft-postgres-cdc-source (maskPii, MaskField$Value)',
    );
    expect(fields.email.protection!.summary).toContain(
      'Copied unchanged by enriched-customer-materializer',
    );
    // Nothing else is protected.
    expect(body.fields.filter(f => f.protection).map(f => f.path)).toEqual([
      'email',
    ]);
  });

  it("marks the CDC topic's tagged field as PII from its confluent:tags", async () => {
    const res = await schemaOf(
      workshopEntities(emu),
      'api/default/shiftleft.public.customers',
    );
    expect(res.status).toBe(200);
    const fields = byPath(res.body);
    expect(fields.customerid).toMatchObject({ type: 'int', nullable: false });
    // The seed tags it both inline and on its Stream Catalog field entity.
    expect(fields.email.tags).toEqual([
      { name: 'PII', source: 'schema' },
      { name: 'PII', source: 'stream-catalog' },
    ]);
    expect(fields.email.protection).toMatchObject({
      status: 'pii',
      chain: [
        { how: 'schema-tag', column: 'email' },
        { how: 'catalog-tag', column: 'email' },
      ],
    });
    expect(fields.segment.protection).toBeUndefined();
  });

  it('flattens a JSON Schema: $refs, nested objects, required, null branches, arrays and tags', async () => {
    const registry = upstream.schemaRegistry(emu.ids.environmentId);
    await registry.registerSchema('json_orders-value', {
      schemaType: 'JSON',
      schema: JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'Order',
        type: 'object',
        required: ['id', 'customer'],
        properties: {
          id: { type: 'integer', 'connect.type': 'int64' },
          note: {
            oneOf: [
              { type: 'null', title: 'Not included' },
              { type: 'string' },
            ],
          },
          customer: { $ref: '#/definitions/Customer' },
          lines: { type: 'array', items: { $ref: '#/definitions/Line' } },
          attributes: {
            type: 'object',
            additionalProperties: { type: 'string' },
          },
          placed_at: { type: ['string', 'null'], format: 'date-time' },
        },
        definitions: {
          Customer: {
            type: 'object',
            title: 'Customer',
            required: ['email'],
            properties: {
              email: {
                type: 'string',
                'confluent:tags': ['PII'],
                description: 'Where receipts go',
              },
              referrer: { $ref: '#/definitions/Customer' },
            },
          },
          Line: {
            type: 'object',
            properties: { sku: { type: 'string' }, qty: { type: 'integer' } },
          },
        },
      }),
    });
    const res = await schemaOf(
      [topicEntity(emu, 'json_orders', 'json_orders-value')],
      'api/default/json_orders',
    );
    expect(res.status).toBe(200);
    const body: ConfluentSchemaResponse = res.body;
    expect(body).toMatchObject({ format: 'JSON', recordName: 'Order' });
    expect(body.fields.map(f => f.path)).toEqual([
      'id',
      'note',
      'customer',
      'customer.email',
      'customer.referrer',
      'lines',
      'lines[].sku',
      'lines[].qty',
      'attributes',
      'placed_at',
    ]);
    const fields = byPath(body);
    expect(fields.id).toMatchObject({
      type: 'integer (int64)',
      nullable: false,
    });
    expect(fields.note).toMatchObject({ type: 'string', nullable: true });
    expect(fields.customer).toMatchObject({
      type: 'object Customer',
      nullable: false,
      hasChildren: true,
    });
    expect(fields['customer.email']).toMatchObject({
      type: 'string',
      nullable: false,
      doc: 'Where receipts go',
      tags: [{ name: 'PII', source: 'schema' }],
      protection: { status: 'pii' },
    });
    // A recursive definition is listed, not expanded forever.
    expect(fields['customer.referrer']).toMatchObject({
      type: 'object Customer',
      hasChildren: false,
    });
    expect(fields.lines.type).toBe('array<object>');
    expect(fields.attributes.type).toBe('map<string>');
    expect(fields.placed_at).toMatchObject({
      type: 'string (date-time)',
      nullable: true,
    });
  });

  it('flattens a Protobuf schema with an imported file, nested messages, repeated, maps, oneofs and tags', async () => {
    const registry = upstream.schemaRegistry(emu.ids.environmentId);
    const address = await registry.registerSchema('proto_address', {
      schemaType: 'PROTOBUF',
      schema: `syntax = "proto3";
package shiftleft.common;
message Address {
  string street = 1;
  string city = 2 [(confluent.field_meta) = { tags: ["PII"] }];
}
`,
    });
    expect(address.id).toEqual(expect.any(Number));
    await registry.registerSchema('proto_customers-value', {
      schemaType: 'PROTOBUF',
      references: [
        {
          name: 'shiftleft/address.proto',
          subject: 'proto_address',
          version: 1,
        },
      ],
      schema: `syntax = "proto3";
package shiftleft.v1;

import "shiftleft/address.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";

message Customer {
  int32 id = 1;
  // The customer's e-mail address.
  string email = 2 [(confluent.field_meta).tags = "PII"];
  optional string segment = 3;
  shiftleft.common.Address shipping = 4;
  repeated string phones = 5;
  map<string, int64> counters = 6;
  google.protobuf.Timestamp created = 7;
  google.protobuf.StringValue nickname = 8;
  oneof contact {
    string phone = 9;
    string fax = 10;
  }
}

message Unused { int32 x = 1; }
`,
    });
    const res = await schemaOf(
      [topicEntity(emu, 'proto_customers', 'proto_customers-value')],
      'api/default/proto_customers',
    );
    expect(res.status).toBe(200);
    const body: ConfluentSchemaResponse = res.body;
    expect(body).toMatchObject({
      format: 'PROTOBUF',
      recordName: 'shiftleft.v1.Customer',
    });
    expect(body.fields.map(f => f.path)).toEqual([
      'id',
      'email',
      'segment',
      'shipping',
      'shipping.street',
      'shipping.city',
      'phones',
      'counters',
      'created',
      'nickname',
      'phone',
      'fax',
    ]);
    const fields = byPath(body);
    expect(fields.id).toMatchObject({ type: 'int32', nullable: false });
    expect(fields.email).toMatchObject({
      type: 'string',
      nullable: false,
      doc: "The customer's e-mail address.",
      tags: [{ name: 'PII', source: 'schema' }],
      protection: { status: 'pii' },
    });
    expect(fields.segment).toMatchObject({ type: 'string', nullable: true });
    expect(fields.shipping).toMatchObject({
      type: 'message Address',
      nullable: true,
      hasChildren: true,
    });
    expect(fields['shipping.city']).toMatchObject({
      depth: 1,
      tags: [{ name: 'PII', source: 'schema' }],
    });
    expect(fields.phones).toMatchObject({
      type: 'repeated string',
      nullable: false,
    });
    expect(fields.counters.type).toBe('map<string, int64>');
    expect(fields.created).toMatchObject({
      type: 'google.protobuf.Timestamp',
      hasChildren: false,
      nullable: true,
    });
    expect(fields.nickname).toMatchObject({
      type: 'string (google.protobuf.StringValue)',
      nullable: true,
    });
    expect(fields.phone).toMatchObject({
      type: 'string (oneof contact)',
      nullable: true,
    });
  });

  it('resolves Avro references and reads Stream Catalog field tags', async () => {
    const registry = upstream.schemaRegistry(emu.ids.environmentId);
    await registry.registerSchema('avro_card', {
      schema: JSON.stringify({
        type: 'record',
        name: 'Card',
        namespace: 'com.acme',
        fields: [
          { name: 'number', type: 'string' },
          { name: 'expiry', type: { type: 'int', logicalType: 'date' } },
        ],
      }),
    });
    const payments = await registry.registerSchema('avro_payments-value', {
      references: [{ name: 'com.acme.Card', subject: 'avro_card', version: 1 }],
      schema: JSON.stringify({
        type: 'record',
        name: 'Payment',
        namespace: 'com.acme',
        fields: [
          { name: 'payer', type: 'string' },
          { name: 'card', type: ['null', 'com.acme.Card'], default: null },
          {
            name: 'amount',
            type: {
              type: 'bytes',
              logicalType: 'decimal',
              precision: 10,
              scale: 2,
            },
          },
          {
            name: 'kind',
            type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] },
          },
          { name: 'memo', type: ['null', 'string', 'long'] },
        ],
      }),
    });
    await upstream.catalog(emu.ids.environmentId).addTags([
      {
        typeName: 'PII',
        entityType: 'sr_field',
        entityName: schemaFieldQualifiedName(
          emu.ids.schemaRegistryId,
          payments.id,
          'com.acme.Card',
          'number',
        ),
      },
    ]);
    const res = await schemaOf(
      [topicEntity(emu, 'avro_payments', 'avro_payments-value')],
      'api/default/avro_payments',
    );
    expect(res.status).toBe(200);
    const fields = byPath(res.body);
    expect(Object.keys(fields)).toEqual([
      'payer',
      'card',
      'card.number',
      'card.expiry',
      'amount',
      'kind',
      'memo',
    ]);
    expect(fields.payer).toMatchObject({ tags: [], nullable: false });
    expect(fields.payer.protection).toBeUndefined();
    expect(fields.card).toMatchObject({ type: 'record Card', nullable: true });
    expect(fields['card.number']).toMatchObject({
      tags: [{ name: 'PII', source: 'stream-catalog' }],
      protection: {
        status: 'pii',
        chain: [{ how: 'catalog-tag', column: 'card', field: 'number' }],
      },
    });
    expect(fields['card.expiry'].type).toBe('int (date)');
    expect(fields.amount.type).toBe('bytes (decimal(10,2))');
    expect(fields.kind.type).toBe('enum Kind');
    expect(fields.memo).toMatchObject({
      type: 'union<string, long>',
      nullable: true,
    });
  });

  it("marks a field PII from the schema's metadata.tags (data contract)", async () => {
    const registry = upstream.schemaRegistry(emu.ids.environmentId);
    const schema = JSON.stringify({
      type: 'record',
      name: 'Customer',
      namespace: 'com.acme',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'email', type: 'string' },
        { name: 'segment', type: 'string' },
      ],
    });
    await registry.registerSchema('contract_customers-value', { schema });
    // Tagging the field in the data contract is a new version of the subject.
    const tagged = await registry.registerSchema('contract_customers-value', {
      schema,
      metadata: { tags: { 'Customer.email': ['PII'] } },
    });
    expect(tagged.version).toBe(2);
    const res = await schemaOf(
      [topicEntity(emu, 'contract_customers', 'contract_customers-value')],
      'api/default/contract_customers',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2 });
    const fields = byPath(res.body);
    expect(fields.email).toMatchObject({
      tags: [{ name: 'PII', source: 'schema-metadata' }],
      protection: { status: 'pii' },
    });
    expect(fields.id.protection).toBeUndefined();
    expect(fields.segment.protection).toBeUndefined();
  });

  it('keeps a schema for the cache period instead of reading it per viewer', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const get = () =>
      request(server)
        .get('/api/confluent/entities/api/default/enriched_customers/schema')
        .set('Authorization', mockCredentials.user.header(OWNER));
    expect((await get()).status).toBe(200);
    emu.resetRequestCounts();
    const again = await Promise.all([get(), get(), get()]);
    expect(again.every(r => r.status === 200)).toBe(true);
    expect(emu.requestCount('schemaRegistry')).toBe(0);
    expect(emu.requestCount('catalog')).toBe(0);
  });

  it('answers 404 for an entity without a topic and a subject without a schema', async () => {
    const none = await schemaOf(
      workshopEntities(emu),
      'component/default/plain-service',
    );
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('confluent.io/topic');

    const missing = await schemaOf(
      [topicEntity(emu, 'nothing_here', 'nothing_here-value')],
      'api/default/nothing_here',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain(
      'Confluent Schema Registry API answered 404',
    );
    // The client's cause (request paths, config keys) is not passed on.
    expect(missing.body.error.cause).toBeUndefined();
  });
});

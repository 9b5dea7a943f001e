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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  BUSINESS_METADATA_OWNERSHIP,
  CONFLUENT_EVENTS_TOPIC,
  ConfluentResourceEvent,
  readDataProductLineage,
  readExternalTable,
} from '@shiftleft/plugin-confluent-common';
import {
  schemaFieldQualifiedName,
  topicQualifiedName,
} from '@shiftleft/plugin-confluent-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CapturingLogger,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import { makeProvider, recordingConnection } from '../__testUtils__/harness';

// The first parse of a process pays the SQL grammar's warm-up.
jest.setTimeout(30_000);

function byRef(entities: Entity[]): Map<string, Entity> {
  return new Map(entities.map(e => [stringifyEntityRef(e), e]));
}

function get(entities: Entity[], ref: string): Entity {
  const found = byRef(entities).get(ref);
  if (!found) {
    throw new Error(
      `${ref} not emitted; got ${entities
        .map(e => stringifyEntityRef(e))
        .join(', ')}`,
    );
  }
  return found;
}

function owner(entities: Entity[], ref: string) {
  const entity = get(entities, ref);
  return [
    entity.spec?.owner,
    entity.metadata.annotations?.['confluent.io/owner-source'],
  ];
}

/** The downstream path from `from` to `to` through spec.feeds (BFS). */
function feedsPath(
  entities: Entity[],
  from: string,
  to: string,
): string[] | undefined {
  const index = byRef(entities);
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set(queue);
  while (queue.length) {
    const ref = queue.shift()!;
    if (ref === to) {
      const out = [ref];
      while (previous.has(out[0])) out.unshift(previous.get(out[0])!);
      return out;
    }
    for (const next of (index.get(ref)?.spec?.feeds as string[]) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        previous.set(next, ref);
        queue.push(next);
      }
    }
  }
  return undefined;
}

describe('ConfluentEntityProvider on the workshop', () => {
  let emu: ConfluentEmulator;
  let entities: Entity[];

  beforeAll(async () => {
    emu = await startTestEmulator();
    // The scaffolder's ownership record on a topic no labelled statement writes.
    const { client } = makeProvider(emu);
    await client.catalog(emu.ids.environmentId).setBusinessMetadata([
      {
        typeName: BUSINESS_METADATA_OWNERSHIP,
        entityType: 'kafka_topic',
        entityName: topicQualifiedName(
          emu.ids.schemaRegistryId,
          emu.ids.kafkaClusterId,
          'products_with_pk',
        ),
        attributes: { owner: 'group:default/sales-analytics-team' },
      },
    ]);
    const { provider } = makeProvider(emu);
    ({ entities } = await provider.read());
  });

  afterAll(() => emu.stop());

  it('emits every data product, statement, connector and external table with readable names', () => {
    const refs = entities.map(e => stringifyEntityRef(e)).sort();
    expect(refs).toEqual(
      [
        'api:default/enriched_customers',
        'api:default/product_sales',
        'api:default/products_with_pk',
        'api:default/shiftleft.public.addresses',
        'api:default/shiftleft.public.customers',
        'api:default/shiftleft.public.order_items',
        'api:default/shiftleft.public.orders',
        'api:default/shiftleft.public.products',
        'api:default/thirty_day_customer_snapshot',
        'component:default/customer-snapshot-materializer',
        'component:default/enriched-customer-materializer',
        'component:default/orders-watermark-ddl',
        'component:default/product-sales-materializer',
        'component:default/products-with-pk-materializer',
        'component:default/shiftleft-postgres-cdc-source',
        'component:default/shiftleft-postgres-sink',
        'component:default/shiftleft-redshift-sink',
        'component:default/shiftleft-snowflake-sink',
        'resource:default/postgres.onlinestoredb.public.addresses',
        'resource:default/postgres.onlinestoredb.public.customers',
        'resource:default/postgres.onlinestoredb.public.order_items',
        'resource:default/postgres.onlinestoredb.public.orders',
        'resource:default/postgres.onlinestoredb.public.products',
        'resource:default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
        'resource:default/redshift.mydb.public.product_sales',
        'resource:default/snowflake.production.public.product_sales',
        'system:default/lkc-8w3pvd',
      ].sort(),
    );
    expect(
      get(
        entities,
        'resource:default/snowflake.production.public.product_sales',
      ).metadata.name,
    ).toBe('snowflake.PRODUCTION.PUBLIC.PRODUCT_SALES');
    const product = get(entities, 'api:default/enriched_customers');
    expect(product.spec).toMatchObject({
      type: 'data-product',
      lifecycle: 'production',
      system: 'system:default/lkc-8w3pvd',
    });
    // The value schema, pretty-printed.
    expect(JSON.parse(product.spec!.definition as string).name).toBe(
      'enriched_customers_value',
    );
    expect(product.spec!.definition).toContain('\n  "fields": [');
    expect(
      get(entities, 'component:default/enriched-customer-materializer').spec
        ?.type,
    ).toBe('flink-statement');
    expect(
      get(entities, 'component:default/shiftleft-redshift-sink').spec?.type,
    ).toBe('kafka-connector');
    expect(
      readExternalTable(
        get(entities, 'resource:default/redshift.mydb.public.product_sales'),
      ),
    ).toEqual({
      system: 'redshift',
      host: 'shiftleft-redshift.c3vbx7tqp2ka.us-east-1.redshift.amazonaws.com',
      database: 'mydb',
      schema: 'public',
      table: 'product_sales',
    });
  });

  it('decides each owner by label, ownership record, inheritance, mapping, then default, and says how', () => {
    // Statement label, and the products of labelled statements.
    expect(
      owner(entities, 'component:default/enriched-customer-materializer'),
    ).toEqual(['group:default/customer-data-team', 'label']);
    expect(owner(entities, 'api:default/enriched_customers')).toEqual([
      'group:default/customer-data-team',
      'label',
    ]);
    expect(owner(entities, 'api:default/product_sales')).toEqual([
      'group:default/sales-analytics-team',
      'label',
    ]);
    // Business metadata on the topic, and on its statement's output.
    expect(owner(entities, 'api:default/products_with_pk')).toEqual([
      'group:default/sales-analytics-team',
      'metadata',
    ]);
    expect(
      owner(entities, 'component:default/products-with-pk-materializer'),
    ).toEqual(['group:default/sales-analytics-team', 'metadata']);
    // Connectors take their topics' owner: sources what they write, sinks what they read.
    expect(
      owner(entities, 'component:default/shiftleft-redshift-sink'),
    ).toEqual(['group:default/sales-analytics-team', 'inherited']);
    expect(
      owner(entities, 'component:default/shiftleft-postgres-sink'),
    ).toEqual(['group:default/customer-service-team', 'inherited']);
    expect(
      owner(entities, 'component:default/shiftleft-postgres-cdc-source'),
    ).toEqual(['group:default/platform-team', 'inherited']);
    expect(
      owner(
        entities,
        'resource:default/postgres.onlinestoredb.public.customers',
      ),
    ).toEqual(['group:default/platform-team', 'inherited']);
    // Name patterns from config.
    expect(
      owner(entities, 'component:default/customer-snapshot-materializer'),
    ).toEqual(['group:default/customer-service-team', 'mapping']);
    expect(owner(entities, 'api:default/thirty_day_customer_snapshot')).toEqual(
      ['group:default/customer-service-team', 'mapping'],
    );
    expect(owner(entities, 'api:default/shiftleft.public.customers')).toEqual([
      'group:default/platform-team',
      'mapping',
    ]);
    // Nothing else says: the configured default.
    expect(owner(entities, 'component:default/orders-watermark-ddl')).toEqual([
      'group:default/platform-team',
      'default',
    ]);
    expect(owner(entities, 'system:default/lkc-8w3pvd')).toEqual([
      'group:default/platform-team',
      'default',
    ]);
  });

  it('feeds data flow from the Postgres source tables to the warehouse tables, and emits the standard relations', () => {
    expect(
      feedsPath(
        entities,
        'resource:default/postgres.onlinestoredb.public.customers',
        'api:default/shiftleft.public.customers',
      ),
    ).toEqual([
      'resource:default/postgres.onlinestoredb.public.customers',
      'component:default/shiftleft-postgres-cdc-source',
      'api:default/shiftleft.public.customers',
    ]);
    expect(
      feedsPath(
        entities,
        'api:default/shiftleft.public.customers',
        'resource:default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
      ),
    ).toEqual([
      'api:default/shiftleft.public.customers',
      'component:default/enriched-customer-materializer',
      'api:default/enriched_customers',
      'component:default/product-sales-materializer',
      'api:default/product_sales',
      'component:default/customer-snapshot-materializer',
      'api:default/thirty_day_customer_snapshot',
      'component:default/shiftleft-postgres-sink',
      'resource:default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
    ]);
    expect(
      feedsPath(
        entities,
        'api:default/product_sales',
        'resource:default/snowflake.production.public.product_sales',
      ),
    ).toHaveLength(3);
    expect(
      feedsPath(
        entities,
        'api:default/product_sales',
        'resource:default/redshift.mydb.public.product_sales',
      ),
    ).toHaveLength(3);
    // Nothing flows upstream.
    expect(
      feedsPath(
        entities,
        'api:default/product_sales',
        'api:default/shiftleft.public.customers',
      ),
    ).toBeUndefined();

    expect(
      get(entities, 'component:default/product-sales-materializer').spec,
    ).toMatchObject({
      providesApis: ['api:default/product_sales'],
      consumesApis: expect.arrayContaining([
        'api:default/shiftleft.public.orders',
        'api:default/shiftleft.public.order_items',
        'api:default/products_with_pk',
        'api:default/enriched_customers',
      ]),
      system: 'system:default/lkc-8w3pvd',
    });
    expect(
      get(entities, 'component:default/shiftleft-postgres-cdc-source').spec,
    ).toMatchObject({
      providesApis: expect.arrayContaining([
        'api:default/shiftleft.public.customers',
      ]),
      dependsOn: expect.arrayContaining([
        'resource:default/postgres.onlinestoredb.public.customers',
      ]),
    });
    expect(
      get(entities, 'component:default/shiftleft-postgres-sink').spec,
    ).toMatchObject({
      consumesApis: ['api:default/thirty_day_customer_snapshot'],
      dependsOn: [
        'resource:default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
      ],
    });
  });

  it('annotates each entity with what the cards need, and links to the Confluent console', () => {
    const ids = emu.ids;
    expect(
      get(entities, 'api:default/product_sales').metadata.annotations,
    ).toMatchObject({
      'confluent.io/environment-id': ids.environmentId,
      'confluent.io/kafka-cluster-id': ids.kafkaClusterId,
      'confluent.io/topic': 'product_sales',
      'confluent.io/schema-registry-id': ids.schemaRegistryId,
      'confluent.io/schema-subject': 'product_sales-value',
      'confluent.io/statement-name': 'product-sales-materializer',
    });
    expect(
      get(entities, 'api:default/shiftleft.public.orders').metadata.annotations,
    ).toMatchObject({
      'confluent.io/connector-name': 'shiftleft-postgres-cdc-source',
    });
    const statement = get(
      entities,
      'component:default/product-sales-materializer',
    );
    expect(statement.metadata.annotations).toMatchObject({
      'confluent.io/statement-name': 'product-sales-materializer',
      'confluent.io/compute-pool-id': ids.computePoolId,
      'confluent.io/environment-id': ids.environmentId,
    });
    expect(statement.metadata.links?.[0]?.url).toBe(
      `https://confluent.cloud/environments/${ids.environmentId}/flink/statements/product-sales-materializer/activity`,
    );
    expect(
      get(entities, 'component:default/shiftleft-redshift-sink').metadata
        .annotations,
    ).toMatchObject({
      'confluent.io/connector-name': 'shiftleft-redshift-sink',
      'confluent.io/kafka-cluster-id': ids.kafkaClusterId,
    });
    for (const entity of entities) {
      expect(
        entity.metadata.annotations?.['confluent.io/owner-source'],
      ).toMatch(/^(label|metadata|inherited|mapping|default)$/);
      expect(
        entity.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toMatch(/^url:https:\/\/confluent\.cloud\//);
    }
  });

  it('keeps the masked email **** through enriched_customers with its proof, and flags nothing else', () => {
    const source = readDataProductLineage(
      get(entities, 'api:default/shiftleft.public.customers'),
    )!;
    expect(source.pii).toEqual([
      expect.objectContaining({
        column: 'email',
        status: 'masked',
        replacement: '****',
      }),
    ]);
    expect(source.pii[0].chain.map(s => s.how)).toEqual([
      'schema-tag',
      'catalog-tag',
      'smt',
    ]);
    expect(source.pii[0].chain[2]).toMatchObject({
      via: 'component:default/shiftleft-postgres-cdc-source',
      detail:
        'Masked by shiftleft-postgres-cdc-source (maskPii, MaskField$Value): the value is replaced with ****',
    });

    const enriched = readDataProductLineage(
      get(entities, 'api:default/enriched_customers'),
    )!;
    expect(enriched.pii.map(p => [p.column, p.status, p.replacement])).toEqual([
      ['email', 'masked', '****'],
    ]);
    expect(enriched.pii[0].chain.at(-1)).toMatchObject({
      entityRef: 'api:default/enriched_customers',
      column: 'email',
      how: 'statement',
      via: 'component:default/enriched-customer-materializer',
      direct: true,
      expression: 'c.email',
    });
    expect(enriched.pii[0].origins).toEqual([
      { entityRef: 'api:default/shiftleft.public.customers', column: 'email' },
    ]);
    expect(enriched.columns.find(c => c.column === 'email')).toMatchObject({
      sources: [
        {
          entityRef: 'api:default/shiftleft.public.customers',
          column: 'email',
        },
      ],
      direct: true,
    });
    expect(
      get(entities, 'api:default/enriched_customers').metadata.tags,
    ).toEqual(['masked-pii']);

    // The raw table holds the unmasked value.
    const table = readDataProductLineage(
      get(entities, 'resource:default/postgres.onlinestoredb.public.customers'),
    )!;
    expect(table.pii.map(p => [p.column, p.status])).toEqual([
      ['email', 'pii'],
    ]);

    // Downstream products never select email.
    for (const ref of [
      'api:default/product_sales',
      'api:default/thirty_day_customer_snapshot',
      'resource:default/redshift.mydb.public.product_sales',
    ]) {
      expect(readDataProductLineage(get(entities, ref))!.pii).toEqual([]);
    }
    // Column lineage down to ROW fields.
    expect(
      readDataProductLineage(
        get(entities, 'api:default/product_sales'),
      )!.columns.find(c => c.column === 'shipping_address_city'),
    ).toMatchObject({
      sources: [
        {
          entityRef: 'api:default/enriched_customers',
          column: 'shipping_address',
          field: 'city',
        },
      ],
      via: 'component:default/product-sales-materializer',
    });
  });
});

describe('ConfluentEntityProvider with changes and failures', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  it('marks values computed from a masked email as derived-from-masked, and columns carried on as such', async () => {
    const { provider, client } = makeProvider(emu);
    await client.flink(emu.ids.environmentId).createStatement({
      name: 'customer-contacts',
      statement:
        'CREATE TABLE customer_contacts AS SELECT c.customerid, UPPER(c.email) AS contact, c.segment FROM enriched_customers c;',
    });
    const { entities } = await provider.read();
    const lineage = readDataProductLineage(
      get(entities, 'api:default/customer_contacts'),
    )!;
    expect(lineage.pii.map(p => [p.column, p.status])).toEqual([
      ['contact', 'derived-from-masked'],
    ]);
    expect(lineage.pii[0].chain.map(s => s.via ?? s.how)).toEqual([
      'schema-tag',
      'catalog-tag',
      'component:default/shiftleft-postgres-cdc-source',
      'component:default/enriched-customer-materializer',
      'component:default/customer-contacts',
    ]);
    expect(lineage.pii[0].replacement).toBeUndefined();
  });

  it("expands SELECT * with the source's Schema Registry columns, and traces PII decided by a condition", async () => {
    const { provider, client } = makeProvider(emu);
    await client.flink(emu.ids.environmentId).createStatement({
      name: 'customer-copy',
      statement:
        "CREATE TABLE customer_copy AS SELECT *, CASE WHEN email LIKE '%@example.com' THEN 'test' ELSE 'real' END AS account_kind FROM enriched_customers;",
    });
    const { entities } = await provider.read();
    const lineage = readDataProductLineage(
      get(entities, 'api:default/customer_copy'),
    )!;
    expect(lineage.pii.map(p => [p.column, p.status])).toEqual([
      ['email', 'masked'],
      ['account_kind', 'derived-from-masked'],
    ]);
  });

  it("records a column's conditional inputs in spec.lineage, for the Lineage tab's dashed edges", async () => {
    const { provider, client } = makeProvider(emu);
    await client.flink(emu.ids.environmentId).createStatement({
      name: 'customer-kinds',
      statement:
        "CREATE TABLE customer_kinds AS SELECT customerid, CASE WHEN email LIKE '%@example.com' THEN 'test' ELSE 'real' END AS account_kind FROM enriched_customers;",
    });
    const { entities } = await provider.read();
    const lineage = readDataProductLineage(
      get(entities, 'api:default/customer_kinds'),
    )!;
    const kind = lineage.columns.find(c => c.column === 'account_kind')!;
    expect(kind.sources).toEqual([]);
    expect(kind.conditionalSources).toEqual([
      { entityRef: 'api:default/enriched_customers', column: 'email' },
    ]);
    expect(
      lineage.columns.find(c => c.column === 'customerid')!.conditionalSources,
    ).toBeUndefined();
  });

  it('logs and skips a statement whose SQL does not parse and a schema that cannot be read, and emits the rest', async () => {
    // A registry holding a corrupt schema: the emulator persists its state,
    // so break one schema in the file and start a second emulator on it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confluent-provider-'));
    const stateFile = path.join(dir, 'state.json');
    const first = await startTestEmulator({ stateFile });
    await first.stop();
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    const registry: any = Object.values(
      state.schemaRegistries ?? state.registries ?? {},
    ).find((r: any) => r.subjects?.['shiftleft.public.orders-value']);
    const [latest] =
      registry.subjects['shiftleft.public.orders-value'].slice(-1);
    registry.schemas[String(latest.id)].schema =
      '{"type":"record","name":"Broken","fields":[{"name":"x","type":"no_such_type"}]}';
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const broken = await startTestEmulator({ stateFile });
    try {
      const { provider, client, logger } = makeProvider(broken);
      await client.flink(broken.ids.environmentId).createStatement({
        name: 'typo-statement',
        statement: 'CREATE TABLE oops AS SELEC * FROM product_sales;',
      });
      const { entities, stats } = await provider.read();
      const warnings = logger.lines
        .filter(l => l.level === 'warn')
        .map(l => l.message);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^Skipping the lineage of statement typo-statement in env-q7m2xz: InputError: Invalid Flink SQL/,
          ),
          expect.stringMatching(
            /^Skipping the value schema of topic shiftleft.public.orders in env-q7m2xz: .*not a valid Avro schema/,
          ),
        ]),
      );
      expect(stats).toMatchObject({ statementsBroken: 1, schemasBroken: 1 });
      const typo = get(entities, 'component:default/typo-statement');
      expect(typo.spec?.feeds).toEqual([]);
      expect(typo.metadata.description).toMatch(/could not be analysed/);
      const orders = get(entities, 'api:default/shiftleft.public.orders');
      expect(orders.spec?.definition).toMatch(/could not be read/);
      // The rest of the lineage is intact.
      expect(
        feedsPath(
          entities,
          'api:default/shiftleft.public.orders',
          'resource:default/redshift.mydb.public.product_sales',
        ),
      ).toBeDefined();
    } finally {
      await broken.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes nothing in the catalog when Confluent cannot be reached', async () => {
    const gone = await startTestEmulator();
    let task: (() => Promise<void>) | undefined;
    const logger = new CapturingLogger();
    const { provider } = makeProvider(gone, {
      logger,
      confluent: { maxRetries: 0, requestTimeoutMs: 2000 },
      schedule: { run: async t => void (task = t.fn as () => Promise<void>) },
    });
    await gone.stop();
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection);

    // The scheduled task logs the failure and never applies an empty mutation.
    await expect(task!()).resolves.toBeUndefined();
    expect(mutations).toEqual([]);
    expect(
      logger.lines.filter(l => l.level === 'error').map(l => l.message),
    ).toEqual([
      expect.stringMatching(
        /^Confluent refresh failed; the catalog keeps its current entities: .*ServiceUnavailableError/,
      ),
    ]);
    await expect(provider.refresh()).rejects.toThrow(/Confluent/);
    expect(mutations).toEqual([]);
  });

  it('re-parses no statement and reads schemas and Stream Catalog in bulk, the same few requests on every refresh', async () => {
    const { provider, logger } = makeProvider(emu);
    emu.resetRequestCounts();
    const cold = await provider.read();
    expect(cold.stats).toMatchObject({
      statementsParsed: 5,
      statementsCached: 0,
      schemasFetched: 9,
    });
    // Every latest schema from one listing page (and the empty page that
    // proves the end), never a request per subject.
    expect(emu.requestCount('schemaRegistry')).toBe(2);
    // Owners from one attribute search (a page, or none when no topic has
    // an owner record, and the empty page that ends it); field tags from the
    // tag definitions and one search for PII fields (a page and the end).
    const coldCatalog = emu.requestCount('catalog');
    expect(coldCatalog).toBeLessThanOrEqual(2 + 1 + 2);
    emu.resetRequestCounts();
    const warm = await provider.read();
    expect(warm.stats).toMatchObject({
      statementsParsed: 0,
      statementsCached: 5,
      schemasFetched: 0,
      schemasCached: 9,
    });
    expect(emu.requestCount('schemaRegistry')).toBe(2);
    expect(emu.requestCount('catalog')).toBe(coldCatalog);
    expect(warm.entities).toEqual(cold.entities);
    expect(
      logger.lines.some(l => /statements 0 parsed, 5 cached/.test(l.message)),
    ).toBe(true);
  });

  it('reads a new schema version on the next refresh', async () => {
    const { provider, client } = makeProvider(emu);
    const before = await provider.read();
    const registry = client.schemaRegistry(emu.ids.environmentId);
    const latest = await registry.getLatestSchema('product_sales-value');
    const schema = JSON.parse(latest.schema);
    schema.fields.push({
      name: 'promo_code',
      type: ['null', 'string'],
      default: null,
    });
    await registry.registerSchema('product_sales-value', {
      schema: JSON.stringify(schema),
    });
    const after = await provider.read();
    expect(after.stats).toMatchObject({ schemasFetched: 1 });
    const definition = (entities: Entity[]) =>
      JSON.parse(
        get(entities, 'api:default/product_sales').spec!.definition as string,
      );
    expect(
      definition(before.entities).fields.map((f: any) => f.name),
    ).not.toContain('promo_code');
    expect(definition(after.entities).fields.map((f: any) => f.name)).toContain(
      'promo_code',
    );
  });

  it('reads owners on every refresh and event in one search, and keeps the last known owners while Stream Catalog fails', async () => {
    const events = DefaultEventsService.create({
      logger: new CapturingLogger(),
    });
    const { provider, client, logger } = makeProvider(emu, {
      events,
      // Without field tags, every Stream Catalog request is an owner search.
      provider: { streamCatalogFieldTags: false },
      confluent: { maxRetries: 0 },
    });
    const env = emu.ids.environmentId;
    const catalog = client.catalog(env);
    const setOwner = (topic: string, ownerRef: string) =>
      catalog.setBusinessMetadata([
        {
          typeName: BUSINESS_METADATA_OWNERSHIP,
          entityType: 'kafka_topic',
          entityName: catalog.topicQualifiedName(emu.ids.kafkaClusterId, topic),
          attributes: { owner: ownerRef },
        },
      ]);
    const { connection, mutations } = recordingConnection();
    try {
      await provider.connect(connection);
      await provider.refresh();
      const first = mutations[0];
      const entitiesOf = (m: (typeof mutations)[number]) =>
        m.type === 'full'
          ? m.entities.map(e => e.entity)
          : m.added.map(e => e.entity);
      expect(owner(entitiesOf(first), 'api:default/products_with_pk')).toEqual([
        'group:default/platform-team',
        'default',
      ]);

      // The scaffolder writes the record, then announces the topic: the
      // delta searches the owners once (a page and the empty page), and
      // the declared fingerprints once (none yet: one empty page).
      await setOwner('products_with_pk', 'group:default/sales-analytics-team');
      emu.resetRequestCounts();
      await events.publish({
        topic: CONFLUENT_EVENTS_TOPIC,
        eventPayload: {
          action: 'updated',
          kind: 'topic',
          environmentId: env,
          kafkaClusterId: emu.ids.kafkaClusterId,
          name: 'products_with_pk',
        } satisfies ConfluentResourceEvent,
      });
      expect(emu.requestCount('catalog')).toBe(3);
      expect(
        owner(entitiesOf(mutations.at(-1)!), 'api:default/products_with_pk'),
      ).toEqual(['group:default/sales-analytics-team', 'metadata']);

      // A new topic's owner, and an owner changed outside the suite without
      // an event, show on the next refresh.
      await client.kafka(env, emu.ids.kafkaClusterId).createTopic({
        name: 'partner_feed',
      });
      await setOwner('partner_feed', 'group:default/partner-team');
      await setOwner('products_with_pk', 'group:default/other-team');
      const { entities, stats } = await provider.read();
      expect(owner(entities, 'api:default/partner_feed')).toEqual([
        'group:default/partner-team',
        'metadata',
      ]);
      expect(owner(entities, 'api:default/products_with_pk')).toEqual([
        'group:default/other-team',
        'metadata',
      ]);
      expect(stats.ownershipRecords).toBeGreaterThanOrEqual(2);

      // Stream Catalog failing: the last known owners stay.
      emu.injectFaults({ api: 'catalog', status: 503, times: 100 });
      const failing = await provider.read();
      emu.clearFaults();
      expect(failing.entities).toEqual(entities);
      expect(
        logger.lines.some(l =>
          /^Could not read Stream Catalog topic owners/.test(l.message),
        ),
      ).toBe(true);
    } finally {
      provider.stop();
    }
  });

  it('fails the first refresh rather than emit entities without their owners when Stream Catalog cannot be searched', async () => {
    const { provider } = makeProvider(emu, { confluent: { maxRetries: 0 } });
    emu.injectFaults({ api: 'catalog', status: 503, times: 100 });
    try {
      await expect(provider.read()).rejects.toThrow(/Stream Catalog/);
    } finally {
      emu.clearFaults();
    }
    await expect(provider.read()).resolves.toMatchObject({
      entities: expect.any(Array),
    });
  });

  it('sees a Stream Catalog field tag added or removed in the console on the next refresh, keeping the last answer while the search fails', async () => {
    const { provider, client, logger } = makeProvider(emu, {
      // Matched against the catalog's tag definitions case-insensitively.
      provider: { piiTags: ['pii'] },
      confluent: { maxRetries: 0 },
    });
    const env = emu.ids.environmentId;
    const latest = await client
      .schemaRegistry(env)
      .getLatestSchema('shiftleft.public.addresses-value');
    const { name, namespace } = JSON.parse(latest.schema);
    const street = {
      typeName: 'PII',
      entityType: 'sr_field',
      entityName: schemaFieldQualifiedName(
        emu.ids.schemaRegistryId,
        latest.id,
        namespace ? `${namespace}.${name}` : name,
        'street',
      ),
    };
    const piiOf = (entities: Entity[]) =>
      readDataProductLineage(
        get(entities, 'api:default/shiftleft.public.addresses'),
      )!.pii.map(p => [p.column, p.chain.map(step => step.how)]);

    expect(piiOf((await provider.read()).entities)).toEqual([]);
    const catalog = client.catalog(env);
    await catalog.addTags([street]);
    expect(piiOf((await provider.read()).entities)).toEqual([
      ['street', ['catalog-tag']],
    ]);

    emu.injectFaults({ api: 'catalog', status: 503, times: 100 });
    const failing = await provider.read();
    emu.clearFaults();
    expect(piiOf(failing.entities)).toEqual([['street', ['catalog-tag']]]);
    expect(
      logger.lines.some(l =>
        /^Could not read Stream Catalog PII-tagged schema fields of env-q7m2xz; using the previous answer/.test(
          l.message,
        ),
      ),
    ).toBe(true);

    await catalog.removeTag('sr_field', street.entityName, 'PII');
    expect(piiOf((await provider.read()).entities)).toEqual([]);
  });

  it('applies a delta at once when the scaffolder publishes a change, and removes what was deleted', async () => {
    const events = DefaultEventsService.create({
      logger: new CapturingLogger(),
    });
    const { provider, client } = makeProvider(emu, { events });
    const { connection, mutations } = recordingConnection();
    try {
      await provider.connect(connection);
      await provider.refresh();
      expect(mutations.map(m => m.type)).toEqual(['full']);

      const flink = client.flink(emu.ids.environmentId);
      await flink.createStatement({
        name: 'vip-customers',
        statement:
          "CREATE TABLE vip_customers AS SELECT customerid, customername FROM enriched_customers WHERE segment = 'VIP';",
        labels: { 'backstage.io/owner': 'customer-data-team' },
      });
      const created: ConfluentResourceEvent = {
        action: 'created',
        kind: 'statement',
        environmentId: emu.ids.environmentId,
        name: 'vip-customers',
      };
      await events.publish({
        topic: CONFLUENT_EVENTS_TOPIC,
        eventPayload: created,
      });
      const delta = mutations[1];
      expect(delta).toMatchObject({ type: 'delta', removed: [] });
      const added =
        delta.type === 'delta' ? delta.added.map(d => d.entity) : [];
      expect(added.map(e => stringifyEntityRef(e)).sort()).toEqual([
        // enriched_customers now feeds the new statement too.
        'api:default/enriched_customers',
        'api:default/vip_customers',
        'component:default/vip-customers',
      ]);
      expect(owner(added, 'api:default/vip_customers')).toEqual([
        'group:default/customer-data-team',
        'label',
      ]);

      const before = mutations.length;
      await flink.deleteStatement('vip-customers');
      await new Promise(r => setTimeout(r, 100)); // DELETING, then gone
      await events.publish({
        topic: CONFLUENT_EVENTS_TOPIC,
        eventPayload: { ...created, action: 'deleted' },
      });
      const removal = mutations
        .slice(before)
        .find(m => m.type === 'delta' && m.removed.length);
      expect(removal).toMatchObject({
        type: 'delta',
        removed: expect.arrayContaining([
          {
            entityRef: 'component:default/vip-customers',
            locationKey: 'confluent-provider:default',
          },
        ]),
      });

      // A payload that is not a Confluent resource event changes nothing.
      const count = mutations.length;
      await events.publish({
        topic: CONFLUENT_EVENTS_TOPIC,
        eventPayload: { hello: 'world' },
      });
      expect(mutations).toHaveLength(count);
    } finally {
      provider.stop();
    }
  });
});

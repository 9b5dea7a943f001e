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
import { extractFlinkLineage } from '@shiftleft/flink-sql-lineage';
import { client, paths, startTestEmulator } from './__testUtils__/http';
import type { ConfluentEmulator } from './types';

async function allStatements(emu: ConfluentEmulator): Promise<any[]> {
  const flink = client(emu, emu.keys.flink);
  const result: any[] = [];
  let next = `${paths(emu).statements}?page_size=100`;
  while (next) {
    const page = await flink.get(next.replace(emu.url, ''));
    result.push(...page.body.data);
    next = page.body.metadata.next;
  }
  return result;
}

describe('the workshop seed', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: 'workshop' });
  });

  afterAll(() => emu.stop());

  it('has the workshop ids, names and keys of app-config.yaml', () => {
    expect(emu.ids).toMatchObject({
      organizationId: '5c9e2a4f-7d1b-4e8a-b3f6-0a2c4e6f8b1d',
      environmentId: 'env-q7m2xz',
      environmentName: 'shiftleft',
      kafkaClusterId: 'lkc-8w3pvd',
      kafkaClusterName: 'shiftleft-cluster',
      schemaRegistryId: 'lsrc-2xq9ld',
      computePoolId: 'lfcp-6r8k1v',
      serviceAccountId: 'sa-3nz8wq',
      serviceAccountName: 'shiftleft-app-manager',
    });
    expect(emu.keys.flink).toEqual({
      key: 'EMULATORFLINKKEY',
      secret: 'emulator-flink-secret',
    });
    const config = emu.backstageConfig().confluent;
    expect(config.organizationId).toBe(emu.ids.organizationId);
    expect(config.environments[0]).toMatchObject({
      id: 'env-q7m2xz',
      flink: {
        baseUrl: emu.url,
        computePoolId: 'lfcp-6r8k1v',
        principal: 'sa-3nz8wq',
      },
      schemaRegistry: { id: 'lsrc-2xq9ld', baseUrl: emu.url },
      kafkaClusters: [{ id: 'lkc-8w3pvd', restBaseUrl: emu.url }],
    });
  });

  it('runs the four materializers and completed the watermark DDL (the curl of the README)', async () => {
    const statements = await allStatements(emu);
    const byName = Object.fromEntries(statements.map(s => [s.name, s]));
    for (const name of [
      'enriched-customer-materializer',
      'products-with-pk-materializer',
      'product-sales-materializer',
      'customer-snapshot-materializer',
    ]) {
      expect(byName[name].status.phase).toBe('RUNNING');
      expect(byName[name].status.traits.sql_kind).toBe('CREATE_TABLE_AS');
      expect(byName[name].spec.statement).not.toMatch(/^\s*SET /m);
      expect(byName[name].spec.properties).toMatchObject({
        'sql.current-catalog': 'shiftleft',
        'sql.current-database': 'shiftleft-cluster',
      });
    }
    expect(byName['orders-watermark-ddl'].status.phase).toBe('COMPLETED');
    expect(
      byName['product-sales-materializer'].spec.properties['sql.state-ttl'],
    ).toBe('1 DAYS');
    expect(byName['enriched-customer-materializer'].metadata.labels).toEqual({
      'backstage.io/owner': 'customer-data-team',
    });
    expect(byName['product-sales-materializer'].metadata.labels).toEqual({
      'backstage.io/owner': 'sales-analytics-team',
    });
    expect(byName['products-with-pk-materializer'].metadata.labels).toEqual({});
    expect(
      byName['customer-snapshot-materializer'].status.traits,
    ).toMatchObject({
      is_append_only: false,
      upsert_columns: [0],
    });
  });

  it('has the CDC source with its masking SMT, and the three sinks, all RUNNING', async () => {
    const connect = client(emu, emu.keys.cloud);
    const list = await connect.get(
      `${paths(emu).connectors}?expand=info,status`,
    );
    expect(Object.keys(list.body).sort()).toEqual([
      'shiftleft-postgres-cdc-source',
      'shiftleft-postgres-sink',
      'shiftleft-redshift-sink',
      'shiftleft-snowflake-sink',
    ]);
    for (const connector of Object.values<any>(list.body)) {
      expect(connector.status.connector.state).toBe('RUNNING');
    }
    const source = list.body['shiftleft-postgres-cdc-source'].info.config;
    expect(source).toMatchObject({
      'connector.class': 'PostgresCdcSourceV2',
      'topic.prefix': 'shiftleft',
      'after.state.only': 'true',
      'output.data.format': 'AVRO',
      'database.password': '****************',
      'transforms.maskPii.type':
        'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.maskPii.fields': 'email',
      'transforms.maskPii.replacement': '****',
    });
    expect(list.body['shiftleft-snowflake-sink'].info.config).toMatchObject({
      'snowflake.ingestion.method': 'SNOWPIPE_STREAMING',
      'snowflake.enable.schematization': 'true',
      'snowflake.private.key': '****************',
      topics: 'product_sales',
    });
    expect(list.body['shiftleft-postgres-sink'].info.config).toMatchObject({
      'insert.mode': 'UPSERT',
      'pk.mode': 'record_key',
      'auto.create': 'true',
      topics: 'thirty_day_customer_snapshot',
      'connection.password': '****************',
    });
    expect(list.text).not.toMatch(/Admin123456/);
  });

  it('has the CDC topics with Debezium schemas, PII tagged, and the statement outputs', async () => {
    const topics = await client(emu, emu.keys.kafka).get(paths(emu).topics);
    expect(topics.body.data.map((t: any) => t.topic_name).sort()).toEqual([
      'enriched_customers',
      'product_sales',
      'products_with_pk',
      'shiftleft.public.addresses',
      'shiftleft.public.customers',
      'shiftleft.public.order_items',
      'shiftleft.public.orders',
      'shiftleft.public.products',
      'thirty_day_customer_snapshot',
    ]);
    const sr = client(emu, emu.keys.schemaRegistry);
    const customers = await sr.get(
      '/subjects/shiftleft.public.customers-value/versions/latest',
    );
    const fields = JSON.parse(customers.body.schema).fields;
    expect(fields.find((f: any) => f.name === 'email')).toEqual({
      name: 'email',
      type: ['null', 'string'],
      default: null,
      'confluent:tags': ['PII'],
    });
    expect(fields[fields.length - 1]).toEqual({
      name: '__deleted',
      type: ['null', 'string'],
      default: null,
    });
    const products = JSON.parse(
      (
        await sr.get(
          '/subjects/shiftleft.public.products-value/versions/latest',
        )
      ).body.schema,
    );
    expect(
      products.fields.find((f: any) => f.name === 'price').type,
    ).toMatchObject({
      type: 'bytes',
      logicalType: 'decimal',
      precision: 10,
      scale: 2,
    });
    expect(
      (await sr.get('/catalog/v1/types/tagdefs')).body.map((d: any) => d.name),
    ).toContain('PII');
    const sales = JSON.parse(
      (await sr.get('/subjects/product_sales-value/versions/latest')).body
        .schema,
    );
    expect(sales.fields.map((f: any) => f.name)).toEqual([
      'orderdate',
      'orderid',
      'productid',
      'orderitemid',
      'brand',
      'productname',
      'price',
      'customerid',
      'customername',
      'shipping_address_city',
      'shipping_address_state',
      'billing_address_state',
      'quantity',
      'total_amount',
    ]);
  });
});

describe('the large seed', () => {
  it('builds the default organization: 10,000 topics, 3,000 statements, 1,000 connectors', async () => {
    const started = Date.now();
    const emu = await startTestEmulator({ seed: { large: {} } });
    try {
      // A figure, not an assertion: CI machines differ.
      console.log(`large seed (defaults) ready in ${Date.now() - started} ms`);
      const topics = await client(emu, emu.keys.kafka).get(paths(emu).topics);
      expect(topics.body.data).toHaveLength(10_000);
      const connectors = await client(emu, emu.keys.cloud).get(
        paths(emu).connectors,
      );
      expect(connectors.body).toHaveLength(1_000);
      const statements = await allStatements(emu);
      expect(statements).toHaveLength(3_000);
      const labelled = statements.filter(
        s => s.metadata.labels['backstage.io/owner'],
      ).length;
      expect(labelled / statements.length).toBeGreaterThan(0.4);
      expect(new Set(statements.map(s => s.status.phase))).toEqual(
        new Set(['RUNNING', 'COMPLETED', 'FAILED', 'STOPPED', 'DEGRADED']),
      );
      const subjects = await client(emu, emu.keys.schemaRegistry).get(
        '/subjects',
      );
      const values = new Set(
        subjects.body.filter((s: string) => s.endsWith('-value')),
      );
      for (const topic of topics.body.data)
        expect(values.has(`${topic.topic_name}-value`)).toBe(true);
    } finally {
      await emu.stop();
    }
    // Building 14,000 resources takes seconds; more on a busy machine.
  }, 60_000);

  it('is deterministic and its SQL has the lineage its records claim', async () => {
    const sizes = { topics: 200, statements: 60, connectors: 20 };
    const a = await startTestEmulator({ seed: { large: sizes } });
    const b = await startTestEmulator({ seed: { large: sizes } });
    try {
      const [sa, sb] = [await allStatements(a), await allStatements(b)];
      expect(sa.map(s => [s.name, s.spec.statement, s.status.phase])).toEqual(
        sb.map(s => [s.name, s.spec.statement, s.status.phase]),
      );
      expect(sa).toHaveLength(60);
      const topics = new Set(
        (await client(a, a.keys.kafka).get(paths(a).topics)).body.data.map(
          (t: any) => t.topic_name,
        ),
      );
      expect(topics.size).toBe(200);
      for (const statement of sa) {
        const lineage = extractFlinkLineage(statement.spec.statement);
        for (const table of [...lineage.sources, ...lineage.sinks]) {
          expect(topics.has(table.table)).toBe(true);
        }
      }
      // The offsets a statement reports are those of the tables its SQL reads.
      const reading = sa.filter(s => s.status.latest_offsets);
      expect(reading.length).toBeGreaterThan(0);
      for (const statement of reading) {
        const sources = extractFlinkLineage(statement.spec.statement).sources;
        expect(Object.keys(statement.status.latest_offsets).sort()).toEqual(
          [...new Set(sources.map(t => t.table))].sort(),
        );
      }
      // Chained: some statements read what other statements write.
      const written = new Set(
        sa.flatMap(s =>
          extractFlinkLineage(s.spec.statement).sinks.map(t => t.table),
        ),
      );
      expect(
        sa.some(s =>
          extractFlinkLineage(s.spec.statement).sources.some(t =>
            written.has(t.table),
          ),
        ),
      ).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

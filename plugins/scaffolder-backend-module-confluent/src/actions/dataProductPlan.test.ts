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
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { createSuspectedPiiMatcher } from '@shiftleft/plugin-confluent-common';
import {
  actionContext,
  actionOptions,
  EmulatorAndDatabase,
  startEmulatorAndDatabase,
} from '../__testUtils__/actionContext';
import {
  templateDefaults,
  WORKSHOP_SNOWFLAKE_SINK,
} from '../__testUtils__/template';
import { ThrowawayPostgres } from '../__testUtils__/throwawayPostgres';
import { createConfluentConnectorCreateAction } from './connectorCreate';
import { createConfluentDataProductPlanAction } from './dataProductPlan';
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';

const OWNER = 'group:default/customer-data-team';
const DB_PASSWORD = 'plan-db-pass-93b1e4';
const SNOWFLAKE_KEY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjplansecret';
const SINKS = {
  'workshop-snowflake': {
    type: 'snowflake',
    url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
    user: 'confluent',
    privateKey: SNOWFLAKE_KEY,
    role: 'INGEST',
    database: 'PRODUCTION',
    schema: 'PUBLIC',
  },
};

describe('confluent:dataproduct:plan', () => {
  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;
  let pg: ThrowawayPostgres;
  let options: ReturnType<typeof actionOptions>;
  const defaults = templateDefaults();

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('shop');
    ({ emu, pg } = env);
    options = actionOptions(emu, { sinks: SINKS });
  }, 60_000);

  afterAll(() => env?.stop(), 60_000);

  /** The template's form with its defaults, for product `name`. */
  const product = (name: string, overrides: Record<string, any> = {}) => ({
    name,
    owner: OWNER,
    source: {
      database: {
        hostname: pg.host,
        port: pg.port,
        name: 'shop',
        user: pg.user,
        passwordSecret: 'dbPassword',
        sslMode: 'disable',
      },
      tables: defaults.tables,
      maskFields: defaults.maskFields,
      maskReplacement: defaults.maskReplacement,
      piiFields: defaults.piiFields,
      ...overrides.source,
    },
    statements: defaults.statements,
    sinks: [WORKSHOP_SNOWFLAKE_SINK, ...defaults.sinks],
    ...overrides,
    ...(overrides.source ? { source: { ...overrides.source } } : {}),
  });

  async function plan(
    input: ReturnType<typeof product>,
    extra: { isDryRun?: boolean; catalog?: any } = {},
  ) {
    const action = createConfluentDataProductPlanAction({
      ...options,
      catalog: extra.catalog,
    });
    const c = actionContext({
      input: input as any,
      secrets: { dbPassword: DB_PASSWORD },
      isDryRun: extra.isDryRun,
    });
    const error = await action.handler(c.ctx).then(
      () => undefined,
      e => e as Error,
    );
    return { ...c, error, plan: c.outputs.plan as any };
  }

  it("plans the template's workshop product, and the create steps carry it out exactly", async () => {
    const { outputs, plan: p, logger, error } = await plan(product('shop'));
    expect(error).toBeUndefined();
    expect(outputs.ready).toBe(true);
    expect(p.problems).toEqual([]);
    expect(p.source).toMatchObject({
      name: 'shop-postgres-cdc-source',
      action: 'create',
      topics: [
        'shop.public.customers',
        'shop.public.addresses',
        'shop.public.products',
        'shop.public.orders',
        'shop.public.order_items',
      ],
      config: expect.objectContaining({
        'database.password': '<secret secrets.dbPassword>',
        'transforms.maskPii.fields': 'email',
        'kafka.auth.mode': 'SERVICE_ACCOUNT',
      }),
    });
    expect(
      p.statements.map((s: any) => [s.name, s.action, s.reads, s.creates]),
    ).toEqual([
      [
        'shop-enriched-customers',
        'create',
        ['shop.public.customers', 'shop.public.addresses'],
        ['shop.enriched_customers'],
      ],
      ['shop-orders-watermark', 'create', ['shop.public.orders'], []],
      [
        'shop-products-with-pk',
        'create',
        ['shop.public.products'],
        ['shop.products_with_pk'],
      ],
      [
        'shop-product-sales',
        'create',
        [
          'shop.public.orders',
          'shop.public.order_items',
          'shop.products_with_pk',
          'shop.enriched_customers',
        ],
        ['shop.product_sales'],
      ],
      [
        'shop-customer-snapshot',
        'create',
        ['shop.product_sales'],
        ['shop.thirty_day_customer_snapshot'],
      ],
    ]);
    expect(p.statements[3].properties['sql.state-ttl']).toBe('1 DAYS');
    expect(p.statements[0].sql).toContain('FROM `shop.public.customers` c');
    expect(p.statements[0].lineage.columns).toContainEqual(
      expect.objectContaining({
        column: 'email',
        sources: ['`shop.public.customers`.email'],
        direct: true,
      }),
    );
    expect(
      p.sinks.map((s: any) => [s.name, s.connectorClass, s.targets]),
    ).toEqual([
      [
        'shop-product-sales-snowflake-sink',
        'SnowflakeSink',
        { 'shop.product_sales': 'SHOP_PRODUCT_SALES' },
      ],
      [
        'shop-thirty-day-customer-snapshot-postgres-sink',
        'PostgresSink',
        {
          'shop.thirty_day_customer_snapshot':
            'shop_thirty_day_customer_snapshot',
        },
      ],
    ]);
    // The snapshot is keyed: upserted by key into the source database.
    expect(p.sinks[1].config).toMatchObject({
      'insert.mode': 'UPSERT',
      'pk.mode': 'record_key',
      'connection.host': pg.host,
      'connection.password': '<secret secrets.dbPassword>',
    });
    expect(p.sinks[0].config['snowflake.private.key']).toBe(
      '<secret confluent.scaffolder.sinks.workshop-snowflake.privateKey>',
    );
    // Email is masked at the source and reaches no sink.
    expect(p.pii).toEqual([]);
    const everything = JSON.stringify(outputs) + logger.text();
    expect(everything).not.toContain(DB_PASSWORD);
    expect(everything).not.toContain(SNOWFLAKE_KEY);

    // Carry the plan out with the create actions, as the template does.
    const connector = createConfluentConnectorCreateAction(options);
    const statement = createConfluentFlinkStatementCreateAction(options);
    const run = (action: any, input: any) =>
      action.handler(
        actionContext({ input, secrets: { dbPassword: DB_PASSWORD } }).ctx,
      );
    const steps = outputs as any;
    await run(connector, { ...steps.source, owner: OWNER });
    for (const s of steps.statements)
      await run(statement, { ...s, owner: OWNER });
    for (const s of steps.sinks) await run(connector, { ...s, owner: OWNER });

    // Planned again, everything is adopted: nothing would be created twice.
    const again = await plan(product('shop'));
    expect(again.outputs.ready).toBe(true);
    expect(again.plan.source.action).toBe('adopt');
    expect(again.plan.statements.map((s: any) => s.action)).toEqual(
      Array(5).fill('adopt'),
    );
    expect(again.plan.sinks.map((s: any) => s.action)).toEqual([
      'adopt',
      'adopt',
    ]);
    expect(outputs.resources).toEqual({
      connectors: [
        'shop-postgres-cdc-source',
        'shop-product-sales-snowflake-sink',
        'shop-thirty-day-customer-snapshot-postgres-sink',
      ],
      statements: p.statements.map((s: any) => s.name),
      topics: [
        ...p.source.topics,
        'shop.enriched_customers',
        'shop.products_with_pk',
        'shop.product_sales',
        'shop.thirty_day_customer_snapshot',
      ],
    });
  });

  it('shows masked personal data reaching a sink, with the chain that proves it', async () => {
    const { plan: p, outputs } = await plan(
      product('shopa', {
        sinks: [{ type: 'postgres', table: '${product}.enriched_customers' }],
        statements: defaults.statements.slice(0, 1),
      }),
    );
    expect(outputs.ready).toBe(true);
    expect(p.pii).toEqual([
      {
        sink: 'shopa-enriched-customers-postgres-sink',
        reads: 'shopa.enriched_customers',
        target: 'postgres table shopa_enriched_customers',
        fields: [
          expect.objectContaining({
            column: 'email',
            status: 'masked',
            masked: true,
            replacement: '****',
            chain: [
              'Declared PII in the template of shopa',
              'Masked by shopa-postgres-cdc-source (maskPii (MaskField$Value)): the value is replaced with ****',
              'Copied unchanged by shopa-enriched-customers: c.email',
            ],
          }),
        ],
      },
    ]);
  });

  it('refuses to sink unmasked personal data: a problem in a real run, reported in a dry run', async () => {
    const input = product('shopb', {
      source: {
        ...product('shopb').source,
        piiFields: ['customername'],
      },
    });
    const real = await plan(input);
    expect(real.error?.name).toBe('InputError');
    expect(real.error?.message).toContain(
      'Unmasked personal data reaches snowflake table SHOPB_PRODUCT_SALES through shopb-product-sales-snowflake-sink: customername (pii)',
    );
    // Also the snapshot, two statements downstream.
    expect(real.error?.message).toContain(
      'Unmasked personal data reaches postgres table shopb_thirty_day_customer_snapshot through shopb-thirty-day-customer-snapshot-postgres-sink: customername (pii)',
    );
    const dry = await plan(input, { isDryRun: true });
    expect(dry.error).toBeUndefined();
    expect(dry.outputs.ready).toBe(false);
    expect(dry.plan.pii[0].fields).toContainEqual(
      expect.objectContaining({
        column: 'customername',
        masked: false,
        status: 'pii',
      }),
    );

    const allowed = await plan({ ...input, allowUnmaskedPii: true } as any);
    expect(allowed.error).toBeUndefined();
    expect(allowed.plan.warnings.join('\n')).toContain(
      'Unmasked personal data reaches snowflake table SHOPB_PRODUCT_SALES',
    );
  });

  it('lists every problem at once and creates nothing', async () => {
    const before = {
      connectors: await options.client
        .connect(emu.ids.environmentId, emu.ids.kafkaClusterId)
        .listConnectorNames(),
      statements: (
        await options.client.flink(emu.ids.environmentId).listStatements()
      ).length,
    };
    const { error, plan: p } = await plan(
      product('shopc', {
        statements: [
          {
            name: 'broken',
            sql: 'CREATE TABLE `${product}.x` AS SELECT FROM;',
          },
          {
            name: 'orphan',
            sql: 'CREATE TABLE `${product}.y` AS SELECT * FROM `${product}.nowhere`;',
          },
          { name: 'templated', sql: 'SELECT * FROM `${team}.t`;' },
          { name: 'unquoted', sql: 'SELECT * FROM ${product}_t;' },
        ],
        sinks: [
          { type: 'postgres', table: '${product}.never_created' },
          { type: 'redshift', table: '${product}.y' },
        ],
      }),
    );
    expect(error?.message).toMatch(/^The plan of shopc has 6 problems:/);
    expect(p.problems).toEqual([
      expect.stringMatching(
        /^Statement 'shopc-broken': Invalid Flink SQL at line 1, column/,
      ),
      "Flink statement 'shopc-orphan' reads `shopc.nowhere`, which is neither a topic in the cluster nor a table created earlier in this run (created earlier: shopc.public.customers, shopc.public.addresses, shopc.public.products, shopc.public.orders, shopc.public.order_items)",
      "Statement 'shopc-templated' uses the placeholder ${team}; only ${product} (the product name) is replaced",
      "Statement 'shopc-unquoted' uses ${product} outside backticks: write table names as `${product}.my_table`",
      'The postgres sink reads shopc.never_created, which is neither a topic in the cluster nor a table this product creates',
      'The redshift sink of shopc.y needs a destination configured under confluent.scaffolder.sinks (connection)',
    ]);
    expect(
      await options.client
        .connect(emu.ids.environmentId, emu.ids.kafkaClusterId)
        .listConnectorNames(),
    ).toEqual(before.connectors);
    expect(
      (await options.client.flink(emu.ids.environmentId).listStatements())
        .length,
    ).toBe(before.statements);
  });

  it('reports a statement name taken by other SQL', async () => {
    await options.client.flink(emu.ids.environmentId).createStatement({
      name: 'shopd-enriched-customers',
      statement: 'SELECT 1',
      properties: {
        'sql.current-catalog': emu.ids.environmentId,
        'sql.current-database': emu.ids.kafkaClusterId,
      },
    });
    const { plan: p } = await plan(product('shopd'), { isDryRun: true });
    expect(p.problems).toContain(
      "Flink statement 'shopd-enriched-customers' already exists with different SQL. Statements are immutable: choose another name, or delete the existing statement if it is yours.",
    );
  });

  it('rejects a bad product name before calling Confluent', async () => {
    emu.resetRequestCounts();
    const { error, plan: p } = await plan(product('Shop_E'));
    expect(p.problems).toEqual([
      expect.stringContaining("'Shop_E' is not a valid data product name"),
    ]);
    expect(error?.name).toBe('InputError');
    expect(emu.requestCount()).toBe(0);
  });

  it('stops when the task is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const action = createConfluentDataProductPlanAction(options);
    const { ctx, outputs } = actionContext({
      input: product('shoph') as any,
      secrets: { dbPassword: DB_PASSWORD },
      signal: controller.signal,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/abort/i);
    expect(outputs).toEqual({});
  });

  it('lists columns that look personal but are neither masked nor declared PII (names only)', async () => {
    const { plan: p, logger } = await plan(product('suspect'), {
      isDryRun: true,
    });
    const suspected = (p.suspectedPii as any[]).map(
      f => `${f.from}:${f.table}.${f.column}:${f.pattern}`,
    );
    // Read from the database and from the statements' SQL.
    expect(suspected).toEqual(
      expect.arrayContaining([
        'source:suspect.public.customers.customername:customer_name',
        'source:suspect.public.addresses.street:street',
        'source:suspect.public.addresses.postalcode:postal_code',
        'statement:suspect.enriched_customers.customername:customer_name',
      ]),
    );
    // Masked at the source (and so traced): known, not suspected.
    expect(suspected.filter(s => s.includes('.email:'))).toEqual([]);
    // Keys and plain attributes.
    expect(
      suspected.filter(s =>
        /\.(customerid|shipping_address_id|segment|city|brand):/.test(s),
      ),
    ).toEqual([]);
    // A suggestion, never a problem.
    expect(p.problems).toEqual([]);
    expect(logger.text()).toContain(
      'suspected PII): suspect.public.customers.customername (like customer_name)',
    );
  });

  it('leaves out what the template declares PII, and uses configured patterns', async () => {
    const declared = await plan(
      product('declared', {
        source: { ...product('declared').source, piiFields: ['customername'] },
        allowUnmaskedPii: true,
      }),
      { isDryRun: true },
    );
    expect(
      (declared.plan.suspectedPii as any[]).filter(
        f => f.column === 'customername',
      ),
    ).toEqual([]);

    const action = createConfluentDataProductPlanAction({
      ...options,
      suspectedPii: createSuspectedPiiMatcher({ patterns: ['segment'] }),
    });
    const c = actionContext({
      input: product('custom') as any,
      secrets: { dbPassword: DB_PASSWORD },
      isDryRun: true,
    });
    await action.handler(c.ctx);
    expect(
      (c.outputs.plan as any).suspectedPii.map(
        (f: any) => `${f.table}.${f.column}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'custom.public.customers.segment',
        'custom.enriched_customers.segment',
      ]),
    );
    expect(
      (c.outputs.plan as any).suspectedPii.every(
        (f: any) => f.pattern === 'segment',
      ),
    ).toBe(true);
  });

  describe('with PII the catalog recorded upstream', () => {
    const upstream = (status: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'shiftleft.public.customers',
        annotations: {
          'confluent.io/topic': 'shiftleft.public.customers',
          'confluent.io/environment-id': emu.ids.environmentId,
          'confluent.io/kafka-cluster-id': emu.ids.kafkaClusterId,
        },
      },
      spec: {
        type: 'kafka-topic',
        lineage: {
          producedBy: [],
          columns: [],
          pii: [
            {
              column: 'email',
              status,
              ...(status === 'masked' ? { replacement: '****' } : {}),
              origins: [],
              chain: [
                {
                  entityRef: 'api:default/shiftleft.public.customers',
                  column: 'email',
                  how: 'smt',
                  via: 'component:default/shiftleft-postgres-cdc-source',
                  detail: 'masked',
                },
              ],
            },
          ],
        },
      },
    });
    const reading = (name: string) =>
      product(name, {
        statements: [
          {
            name: 'contacts',
            sql: 'CREATE TABLE `${product}.contacts` AS SELECT c.customerid, c.email FROM `shiftleft.public.customers` c;',
          },
        ],
        sinks: [{ type: 'postgres', table: '${product}.contacts' }],
      });

    it('traces masked upstream fields as masked', async () => {
      const { plan: p, outputs } = await plan(reading('shopf'), {
        catalog: catalogServiceMock({ entities: [upstream('masked')] }),
      });
      expect(outputs.ready).toBe(true);
      expect(p.pii[0].fields[0]).toMatchObject({
        column: 'email',
        masked: true,
        replacement: '****',
      });
    });

    it('blocks unmasked upstream fields', async () => {
      const { plan: p } = await plan(reading('shopg'), {
        isDryRun: true,
        catalog: catalogServiceMock({ entities: [upstream('pii')] }),
      });
      expect(p.problems).toEqual([
        expect.stringContaining(
          'Unmasked personal data reaches postgres table shopg_contacts through shopg-contacts-postgres-sink: email (pii)',
        ),
      ]);
    });
  });
});

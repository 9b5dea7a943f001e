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
import { BUSINESS_METADATA_OWNERSHIP } from '@shiftleft/plugin-confluent-common';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  actionContext,
  actionOptions,
  CheckpointStore,
  EmulatorAndDatabase,
  startEmulatorAndDatabase,
} from '../__testUtils__/actionContext';
import {
  createWorkshopDatabase,
  ThrowawayPostgres,
} from '../__testUtils__/throwawayPostgres';
import { createConfluentConnectorCreateAction } from './connectorCreate';

const DB_PASSWORD = 'db-pass-a71f0c2e';
const SNOWFLAKE_KEY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjsecretkey';
const OWNER = 'group:default/customer-data-team';
const REDSHIFT_PASSWORD = 'redshift-pass-0c99aa1b';
const SINKS = {
  warehouse: {
    type: 'redshift',
    host: 'shiftleft-redshift.c3vbx7tqp2ka.us-east-1.redshift.amazonaws.com',
    database: 'mydb',
    user: 'admin',
    password: REDSHIFT_PASSWORD,
  },
  'analytics-snowflake': {
    type: 'snowflake',
    url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
    user: 'confluent',
    privateKey: SNOWFLAKE_KEY,
    role: 'INGEST',
    database: 'ANALYTICS',
    schema: 'PUBLIC',
  },
};

describe('confluent:connector:create', () => {
  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;
  let pg: ThrowawayPostgres;
  let action: ReturnType<typeof createConfluentConnectorCreateAction>;
  let options: ReturnType<typeof actionOptions>;

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('crm');
    ({ emu, pg } = env);
    options = actionOptions(emu, { sinks: SINKS });
    action = createConfluentConnectorCreateAction(options);
  }, 60_000);

  afterAll(() => env?.stop(), 60_000);

  afterEach(() => emu.clearFaults());

  const connect = () =>
    options.client.connect(emu.ids.environmentId, emu.ids.kafkaClusterId);

  const cdcInput = (name: string, extra: JsonObject = {}) => ({
    name,
    type: 'postgres-cdc-source' as const,
    owner: OWNER,
    source: {
      database: {
        hostname: pg.host,
        port: pg.port,
        name: 'crm',
        user: pg.user,
        passwordSecret: 'dbPassword',
        sslMode: 'disable' as const,
      },
      tables: ['customers', 'public.addresses'],
      topicPrefix: name,
      mask: { fields: ['email'] },
      ...extra,
    },
  });

  async function ownerOf(topic: string) {
    const catalog = options.client.catalog(emu.ids.environmentId);
    const metadata = await catalog.getBusinessMetadata(
      'kafka_topic',
      catalog.topicQualifiedName(emu.ids.kafkaClusterId, topic),
    );
    return metadata.find(m => m.typeName === BUSINESS_METADATA_OWNERSHIP)
      ?.attributes.owner;
  }

  it('creates a masking CDC source running as a service account, and records its owner', async () => {
    const { ctx, outputs, logger } = actionContext({
      input: cdcInput('crm1'),
      secrets: { dbPassword: DB_PASSWORD },
    });
    await action.handler(ctx);

    expect(outputs).toMatchObject({
      connectorName: 'crm1',
      connectorId: expect.stringMatching(/^lcc-/),
      action: 'create',
      state: 'RUNNING',
      topics: ['crm1.public.customers', 'crm1.public.addresses'],
      consoleUrl: `https://confluent.cloud/environments/${emu.ids.environmentId}/clusters/${emu.ids.kafkaClusterId}/connectors/details/crm1/overview`,
    });
    const submitted = await connect().getConnectorConfig('crm1');
    expect(submitted).toMatchObject({
      'connector.class': 'PostgresCdcSourceV2',
      'kafka.auth.mode': 'SERVICE_ACCOUNT',
      'kafka.service.account.id': emu.ids.serviceAccountId,
      'table.include.list': 'public\\.customers,public\\.addresses',
      'topic.prefix': 'crm1',
      'after.state.only': 'true',
      'output.data.format': 'AVRO',
      transforms: 'maskPii',
      'transforms.maskPii.type':
        'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.maskPii.fields': 'email',
      'transforms.maskPii.replacement': '****',
    });
    // No person's key: Confluent makes (and masks) the service account's.
    expect(submitted['kafka.api.key']).toBe('****************');
    expect(
      (outputs.config as Record<string, string>)['database.password'],
    ).toBe('<secret secrets.dbPassword>');
    // The emulator derived the topics from the real database's tables.
    const topics = await options.client
      .kafka(emu.ids.environmentId, emu.ids.kafkaClusterId)
      .listTopics();
    expect(topics.map(t => t.topic_name)).toEqual(
      expect.arrayContaining([
        'crm1.public.customers',
        'crm1.public.addresses',
      ]),
    );
    expect(await ownerOf('crm1.public.customers')).toBe(OWNER);
    expect(await ownerOf('crm1.public.addresses')).toBe(OWNER);
    expect(JSON.stringify(outputs)).not.toContain(DB_PASSWORD);
    expect(logger.text()).not.toContain(DB_PASSWORD);
  });

  it('tags the declared unmasked PII fields where the catalog reads them, once however often it runs', async () => {
    const input = cdcInput('crmpii', {
      // email is masked: masking already marks it, so it is not tagged.
      piiFields: ['customername', 'street', 'email'],
    });
    const checkpoints = new CheckpointStore();
    const first = actionContext({
      input,
      secrets: { dbPassword: DB_PASSWORD },
      checkpoints,
    });
    await action.handler(first.ctx);
    expect(first.outputs.piiTagged).toEqual([
      'crmpii.public.customers.customername',
      'crmpii.public.addresses.street',
    ]);

    // What the catalog provider searches: sr_field entities tagged PII.
    const catalog = options.client.catalog(emu.ids.environmentId);
    const registry = options.client.schemaRegistry(emu.ids.environmentId);
    const taggedFields = async () => {
      const found = await catalog.searchAll({
        types: ['sr_field'],
        tag: 'PII',
      });
      const names = found.map(e => String(e.attributes.qualifiedName));
      const out: string[] = [];
      for (const table of ['customers', 'addresses']) {
        const { id } = await registry.getLatestSchema(
          `crmpii.public.${table}-value`,
        );
        const prefix = `${emu.ids.schemaRegistryId}:.:${id}:`;
        out.push(
          ...names
            .filter(n => n.startsWith(prefix))
            .map(n => `${table}.${n.split('.').pop()}`),
        );
      }
      return out.sort();
    };
    expect(await taggedFields()).toEqual([
      'addresses.street',
      'customers.customername',
    ]);

    // A retry of the task, and a rerun of the step, change nothing.
    const retry = actionContext({ input, secrets: {}, checkpoints });
    await action.handler(retry.ctx);
    expect(retry.outputs.piiTagged).toEqual(first.outputs.piiTagged);
    const rerun = actionContext({ input, secrets: {} });
    await action.handler(rerun.ctx);
    expect(rerun.outputs).toMatchObject({ action: 'adopt' });
    expect(await taggedFields()).toEqual([
      'addresses.street',
      'customers.customername',
    ]);
  });

  it('refuses PII fields it could not tag, creating nothing', async () => {
    const before = await connect().listConnectorNames();
    const cases: Array<[JsonObject, string]> = [
      [
        { piiFields: ['full name'] },
        "'full name' is not a column name that can be tagged PII",
      ],
      [
        { piiFields: ['customername'], afterStateOnly: false, mask: null },
        'tagging PII fields needs afterStateOnly',
      ],
    ];
    for (const [extra, message] of cases) {
      const { ctx } = actionContext({
        input: cdcInput('crmbadpii', extra),
        secrets: { dbPassword: DB_PASSWORD },
      });
      const failure = action.handler(ctx);
      await expect(failure).rejects.toThrow(InputError);
      await expect(failure).rejects.toThrow(message);
    }
    expect(await connect().listConnectorNames()).toEqual(before);
  });

  it('adopts an identical connector instead of creating a second one', async () => {
    await action.handler(
      actionContext({
        input: cdcInput('crm2'),
        secrets: { dbPassword: DB_PASSWORD },
      }).ctx,
    );
    const before = await connect().listConnectorNames();
    const { ctx, outputs } = actionContext({
      input: cdcInput('crm2'),
      secrets: { dbPassword: DB_PASSWORD },
    });
    await action.handler(ctx);
    expect(outputs).toMatchObject({ action: 'adopt', state: 'RUNNING' });
    expect(await connect().listConnectorNames()).toEqual(before);
  });

  it('refuses a name taken by a connector with another config, changing nothing', async () => {
    await action.handler(
      actionContext({
        input: cdcInput('crm3'),
        secrets: { dbPassword: DB_PASSWORD },
      }).ctx,
    );
    const before = await connect().getConnectorConfig('crm3');
    const { ctx } = actionContext({
      input: cdcInput('crm3', { tables: ['customers', 'orders'] }),
      secrets: { dbPassword: DB_PASSWORD },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Connector 'crm3' already exists with a different config \(table\.include\.list is 'public\\\.customers,public\\\.addresses' \(wanted 'public\\\.customers,public\\\.orders'\)\)/,
    );
    expect(await connect().getConnectorConfig('crm3')).toEqual(before);
  });

  it.each([
    [
      'a table name outside the allowed set',
      () => cdcInput('bad1', { tables: ['customers; DROP TABLE x'] }),
      /not a table name/,
    ],
    [
      'masking Debezium envelopes',
      () => cdcInput('bad2', { afterStateOnly: false }),
      /masking needs afterStateOnly/,
    ],
    [
      'a secret in extraConfig',
      () => ({
        ...cdcInput('bad3'),
        extraConfig: { 'database.password': 'x' },
      }),
      /extraConfig may not set 'database.password'/,
    ],
    [
      'an identity override in extraConfig',
      () => ({
        ...cdcInput('bad4'),
        extraConfig: { 'kafka.auth.mode': 'KAFKA_API_KEY' },
      }),
      /extraConfig may not set 'kafka.auth.mode'/,
    ],
    [
      'an owner that is not a group',
      () => ({ ...cdcInput('bad5'), owner: 'user:default/jane' }),
      /The owner must be a group/,
    ],
    [
      'an invalid connector name',
      () => cdcInput('bad name!'),
      /not a valid connector name/,
    ],
    [
      'a person instead of a service account',
      () => ({ ...cdcInput('bad6'), serviceAccountId: 'u-abc123' }),
      /'u-abc123' is not a service account configured for group:default\/customer-data-team/,
    ],
  ])('rejects %s without calling Confluent', async (_what, input, message) => {
    emu.resetRequestCounts();
    const { ctx, outputs } = actionContext({
      input: input() as JsonObject,
      secrets: { dbPassword: DB_PASSWORD },
    });
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(emu.requestCount('connect')).toBe(0);
    expect(outputs).toEqual({});
  });

  it('fails with the connector trace, and a retry restarts it once the database is fixed', async () => {
    const checkpoints = new CheckpointStore();
    const input = cdcInput('crm4', {
      database: {
        hostname: pg.host,
        port: pg.port,
        name: 'crm4db',
        user: pg.user,
        passwordSecret: 'dbPassword',
        sslMode: 'disable',
      },
    });
    const first = actionContext({
      input,
      secrets: { dbPassword: DB_PASSWORD },
      checkpoints,
    });
    const error = await action.handler(first.ctx).then(
      () => undefined,
      e => e,
    );
    expect(error?.name).toBe('ConfluentResourceFailedError');
    expect(error.message).toMatch(
      /^Connector 'crm4' FAILED: .*database "crm4db" does not exist/,
    );
    expect(error.message).not.toContain(DB_PASSWORD);

    const drop = await createWorkshopDatabase(pg, 'crm4db');
    try {
      const retry = actionContext({
        input,
        secrets: { dbPassword: DB_PASSWORD },
        checkpoints,
      });
      await action.handler(retry.ctx);
      expect(retry.outputs).toMatchObject({
        action: 'restart',
        state: 'RUNNING',
      });
      const names = await connect().listConnectorNames();
      expect(names.filter(n => n === 'crm4')).toHaveLength(1);
    } finally {
      await connect().deleteConnector('crm4');
      await drop();
    }
  });

  it('needs the password secret to create, not to adopt (a retry resends no secrets)', async () => {
    const before = await connect().listConnectorNames();
    const { ctx } = actionContext({ input: cdcInput('crm7'), secrets: {} });
    await expect(action.handler(ctx)).rejects.toThrow(
      "Connector 'crm7' needs secrets.dbPassword, which this task was not given (a retry does not resend secrets): start the template over",
    );
    expect(await connect().listConnectorNames()).toEqual(before);

    await action.handler(
      actionContext({
        input: cdcInput('crm7'),
        secrets: { dbPassword: DB_PASSWORD },
      }).ctx,
    );
    const retry = actionContext({ input: cdcInput('crm7'), secrets: {} });
    await action.handler(retry.ctx);
    expect(retry.outputs).toMatchObject({ action: 'adopt', state: 'RUNNING' });
  });

  it('survives a 5xx on create: the retry creates exactly one connector', async () => {
    const checkpoints = new CheckpointStore();
    emu.injectFaults({
      api: 'connect',
      status: 500,
      methods: ['POST'],
      times: 1,
    });
    const first = actionContext({
      input: cdcInput('crm5'),
      secrets: { dbPassword: DB_PASSWORD },
      checkpoints,
    });
    await expect(action.handler(first.ctx)).rejects.toThrow(
      /Confluent Connect API .*createConnector.*500/,
    );
    expect(await connect().listConnectorNames()).not.toContain('crm5');

    const retry = actionContext({
      input: cdcInput('crm5'),
      secrets: { dbPassword: DB_PASSWORD },
      checkpoints,
    });
    await action.handler(retry.ctx);
    expect(retry.outputs).toMatchObject({ action: 'create', state: 'RUNNING' });
    expect(
      (await connect().listConnectorNames()).filter(n => n === 'crm5'),
    ).toHaveLength(1);

    // A third run of the same task skips the step's work entirely.
    const calls = emu.requestCount('connect');
    await action.handler(
      actionContext({
        input: cdcInput('crm5'),
        secrets: { dbPassword: DB_PASSWORD },
        checkpoints,
      }).ctx,
    );
    // Only the connector id lookup after the checkpoints.
    expect(emu.requestCount('connect') - calls).toBe(1);
  });

  it("reports Connect's validation errors (a 400) as bad input", async () => {
    const { ctx } = actionContext({
      input: {
        ...cdcInput('crm6'),
        extraConfig: { 'decimal.handling.mode': 'roman' },
      },
      secrets: { dbPassword: DB_PASSWORD },
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'Invalid value roman for configuration decimal.handling.mode',
      ),
    });
    expect(await connect().listConnectorNames()).not.toContain('crm6');
  });

  it('creates a Snowflake sink from a configured destination, its key staying in config', async () => {
    const { ctx, outputs, logger } = actionContext({
      input: {
        name: 'crm-sales-snowflake',
        type: 'snowflake-sink',
        owner: 'group:default/sales-analytics-team',
        sink: { topics: ['product_sales'], connection: 'analytics-snowflake' },
      },
    });
    await action.handler(ctx);
    expect(outputs).toMatchObject({
      action: 'create',
      state: 'RUNNING',
      topics: ['product_sales'],
    });
    const submitted = await connect().getConnectorConfig('crm-sales-snowflake');
    expect(submitted).toMatchObject({
      'connector.class': 'SnowflakeSink',
      'snowflake.ingestion.method': 'SNOWPIPE_STREAMING',
      'snowflake.enable.schematization': 'true',
      'snowflake.role.name': 'INGEST',
      'snowflake.topic2table.map': 'product_sales:PRODUCT_SALES',
      'kafka.auth.mode': 'SERVICE_ACCOUNT',
    });
    expect(
      (outputs.config as Record<string, string>)['snowflake.private.key'],
    ).toBe(
      '<secret confluent.scaffolder.sinks.analytics-snowflake.privateKey>',
    );
    expect(JSON.stringify(outputs) + logger.text()).not.toContain(
      SNOWFLAKE_KEY,
    );
    // A sink only reads the topic: its team is never recorded as the
    // topic's owner (that would take the topic over).
    expect(await ownerOf('product_sales')).toBeUndefined();
  });

  it('creates a Redshift sink from a configured destination, its password staying in config', async () => {
    const { ctx, outputs, logger } = actionContext({
      input: {
        name: 'crm-sales-redshift',
        type: 'redshift-sink',
        owner: 'group:default/sales-analytics-team',
        sink: { topics: ['product_sales'], connection: 'warehouse' },
      },
    });
    await action.handler(ctx);
    expect(outputs).toMatchObject({ action: 'create', state: 'RUNNING' });
    expect(
      await connect().getConnectorConfig('crm-sales-redshift'),
    ).toMatchObject({
      'connector.class': 'RedshiftSink',
      'aws.redshift.domain':
        'shiftleft-redshift.c3vbx7tqp2ka.us-east-1.redshift.amazonaws.com',
      'aws.redshift.port': '5439',
      'aws.redshift.database': 'mydb',
      'authentication.method': 'Password',
      'auto.create': 'true',
      'table.name.format': 'product_sales',
      'input.data.format': 'AVRO',
    });
    expect(
      (outputs.config as Record<string, string>)['aws.redshift.password'],
    ).toBe('<secret confluent.scaffolder.sinks.warehouse.password>');
    expect(JSON.stringify(outputs) + logger.text()).not.toContain(
      REDSHIFT_PASSWORD,
    );
  });

  it("leaves another team's topic owner alone when a sink reads it", async () => {
    const catalog = options.client.catalog(emu.ids.environmentId);
    await catalog.setBusinessMetadata([
      {
        typeName: BUSINESS_METADATA_OWNERSHIP,
        entityType: 'kafka_topic',
        entityName: catalog.topicQualifiedName(
          emu.ids.kafkaClusterId,
          'product_sales',
        ),
        attributes: { owner: 'group:default/sales-analytics-team' },
      },
    ]);
    const { ctx } = actionContext({
      input: {
        name: 'crm-sales-pg',
        type: 'postgres-sink',
        owner: OWNER,
        sink: {
          topics: ['product_sales'],
          database: {
            hostname: pg.host,
            port: pg.port,
            name: 'crm',
            user: pg.user,
            passwordSecret: 'dbPassword',
          },
          insertMode: 'INSERT',
        },
      },
      secrets: { dbPassword: DB_PASSWORD },
    });
    await action.handler(ctx);
    expect(await ownerOf('product_sales')).toBe(
      'group:default/sales-analytics-team',
    );
    expect(await connect().getConnectorConfig('crm-sales-pg')).toMatchObject({
      'connector.class': 'PostgresSink',
      'insert.mode': 'INSERT',
      'pk.mode': 'none',
      'auto.create': 'true',
      'table.name.format': 'product_sales',
    });
  });

  it('fails a sink whose topic does not exist with the trace', async () => {
    const { ctx } = actionContext({
      input: {
        name: 'crm-missing-sink',
        type: 'snowflake-sink',
        owner: OWNER,
        sink: { topics: ['no_such_topic'], connection: 'analytics-snowflake' },
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Connector 'crm-missing-sink' FAILED: .*Topic\(s\) \[no_such_topic\] do not exist/,
    );
  });

  it('names unknown sink destinations', async () => {
    const { ctx } = actionContext({
      input: {
        name: 'crm-x',
        type: 'redshift-sink',
        owner: OWNER,
        sink: { topics: ['product_sales'], connection: 'lake' },
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      "no sink destination 'lake' is configured under confluent.scaffolder.sinks (configured: warehouse, analytics-snowflake)",
    );
  });

  describe('dry run', () => {
    it('creates nothing and returns the config with secrets redacted', async () => {
      const before = await connect().listConnectorNames();
      const { ctx, outputs } = actionContext({
        input: cdcInput('crm-dry'),
        secrets: { dbPassword: DB_PASSWORD },
        isDryRun: true,
      });
      await action.handler(ctx);
      expect(outputs).toMatchObject({
        action: 'create',
        state: 'planned',
        topics: ['crm-dry.public.customers', 'crm-dry.public.addresses'],
        config: expect.objectContaining({
          'database.password': '<secret secrets.dbPassword>',
          'transforms.maskPii.fields': 'email',
        }),
      });
      expect(JSON.stringify(outputs)).not.toContain(DB_PASSWORD);
      expect(await connect().listConnectorNames()).toEqual(before);
    });

    it('says it would adopt an identical connector', async () => {
      const { ctx, outputs } = actionContext({
        input: cdcInput('crm1'),
        secrets: { dbPassword: DB_PASSWORD },
        isDryRun: true,
      });
      await action.handler(ctx);
      expect(outputs).toMatchObject({ action: 'adopt', state: 'RUNNING' });
    });
  });

  describe('waiting', () => {
    let slow: ConfluentEmulator;

    beforeAll(async () => {
      slow = await startTestEmulator({
        timings: { connectorProvisioningMs: 60_000 },
      });
    });
    afterAll(() => slow?.stop());

    const sinkInput = (name: string) => ({
      name,
      type: 'snowflake-sink' as const,
      owner: OWNER,
      sink: { topics: ['product_sales'], connection: 'analytics-snowflake' },
    });

    it('times out with the last state, and a retry keeps waiting without a duplicate', async () => {
      const slowAction = createConfluentConnectorCreateAction(
        actionOptions(slow, { sinks: SINKS, waitTimeout: 100 }),
      );
      const checkpoints = new CheckpointStore();
      await expect(
        slowAction.handler(
          actionContext({ input: sinkInput('slow1'), checkpoints }).ctx,
        ),
      ).rejects.toThrow(
        "Timed out after 100 ms waiting for connector 'slow1' to run; last state PROVISIONING",
      );
      await expect(
        slowAction.handler(
          actionContext({ input: sinkInput('slow1'), checkpoints }).ctx,
        ),
      ).rejects.toThrow(/Timed out/);
      const names = await actionOptions(slow)
        .client.connect(slow.ids.environmentId, slow.ids.kafkaClusterId)
        .listConnectorNames();
      expect(names.filter(n => n === 'slow1')).toHaveLength(1);
    });

    it('stops waiting when the task is cancelled', async () => {
      const slowAction = createConfluentConnectorCreateAction(
        actionOptions(slow, { sinks: SINKS, waitTimeout: 60_000 }),
      );
      const controller = new AbortController();
      const run = slowAction.handler(
        actionContext({ input: sinkInput('slow2'), signal: controller.signal })
          .ctx,
      );
      const client = actionOptions(slow).client.connect(
        slow.ids.environmentId,
        slow.ids.kafkaClusterId,
      );
      // Cancel once the connector exists and the action is waiting.
      for (let i = 0; i < 100; i++) {
        if ((await client.listConnectorNames()).includes('slow2')) break;
        await new Promise(r => setTimeout(r, 10));
      }
      controller.abort();
      await expect(run).rejects.toThrow(/abort/i);
    });
  });
});

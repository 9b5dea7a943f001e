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
import { serializeError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { actionContext, actionOptions } from '../__testUtils__/actionContext';
import { createConfluentConnectorCreateAction } from './connectorCreate';

/*
 * Issue 16.1, 16.2 and "Connector configs cannot be widened by input"
 * (issue 13): a step's input can neither point a configured destination's
 * credentials at another host nor switch off what the plan promises.
 */

const OWNER = 'group:default/customer-data-team';
const SINKS = {
  'platform-redshift': {
    type: 'redshift',
    host: 'warehouse.redshift.example.com',
    database: 'analytics',
    user: 'loader',
    password: 'redshift-pass-5e1d9a',
  },
  'platform-postgres': {
    type: 'postgres',
    host: 'reporting.db.example.com',
    database: 'reporting',
    user: 'loader',
    password: 'postgres-pass-7b2c41',
    sslMode: 'verify-full',
  },
  'platform-snowflake': {
    type: 'snowflake',
    url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
    user: 'loader',
    privateKey: 'snowflake-key-9f3e11aa',
    role: 'INGEST',
    database: 'ANALYTICS',
    schema: 'PUBLIC',
  },
};

/** Each sink type's connection keys, as a curious user would override them. */
const DESTINATION_KEYS: Array<[string, string, Record<string, string>]> = [
  [
    'redshift-sink',
    'platform-redshift',
    {
      'aws.redshift.domain': 'attacker.example.net',
      'aws.redshift.port': '443',
      'aws.redshift.user': 'someone',
      'aws.redshift.database': 'other',
      'authentication.method': 'IAM Roles',
    },
  ],
  [
    'postgres-sink',
    'platform-postgres',
    {
      'connection.host': 'attacker.example.net',
      'connection.port': '443',
      'connection.user': 'someone',
      'db.name': 'other',
      'ssl.mode': 'prefer',
      'connection.url': 'jdbc:postgresql://attacker.example.net/x',
    },
  ],
  [
    'snowflake-sink',
    'platform-snowflake',
    {
      'snowflake.url.name': 'https://attacker.example.net',
      'snowflake.user.name': 'someone',
      'snowflake.role.name': 'ACCOUNTADMIN',
      'snowflake.database.name': 'OTHER',
      'snowflake.schema.name': 'OTHER',
    },
  ],
];

describe('connector configs cannot be widened by input', () => {
  let emu: ConfluentEmulator;
  let action: ReturnType<typeof createConfluentConnectorCreateAction>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    action = createConfluentConnectorCreateAction(
      actionOptions(emu, { sinks: SINKS }),
    );
  }, 60_000);
  afterAll(() => emu?.stop());

  const connect = () =>
    actionOptions(emu).client.connect(
      emu.ids.environmentId,
      emu.ids.kafkaClusterId,
    );

  /** Runs the step; expects an InputError matching `message`, nothing sent. */
  async function expectRefused(input: JsonObject, message: RegExp) {
    const before = emu.requestCount('connect');
    const { ctx } = actionContext({
      input,
      secrets: { dbPassword: 'db-pass-3c9d' },
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    // Refused before Confluent is asked anything.
    expect(emu.requestCount('connect')).toBe(before);
  }

  const sinkInput = (type: string, connection: string, extra: JsonObject) => ({
    name: `sec-${type}`,
    type,
    owner: OWNER,
    sink: { topics: ['product_sales'], connection },
    ...extra,
  });

  describe.each(DESTINATION_KEYS)(
    '16.1: a %s to a configured destination',
    (type, connection, keys) => {
      it.each(Object.entries(keys))(
        'refuses extraConfig %s (its credentials stay with its host)',
        async (key, value) => {
          await expectRefused(
            sinkInput(type, connection, { extraConfig: { [key]: value } }),
            new RegExp(
              `extraConfig may not set '${key.replace(/\./g, '\\.')}'`,
            ),
          );
        },
      );
    },
  );

  it('16.1: refuses typed connection settings beside a configured destination (no SSL downgrade)', async () => {
    await expectRefused(
      {
        ...sinkInput('postgres-sink', 'platform-postgres', {}),
        sink: {
          topics: ['product_sales'],
          connection: 'platform-postgres',
          database: {
            hostname: 'reporting.db.example.com',
            name: 'reporting',
            user: 'loader',
            sslMode: 'disable',
          },
        },
      },
      /sink destination 'platform-postgres' is configured: leave out sink.database/,
    );
  });

  const cdcInput = (extraConfig: Record<string, string>) => ({
    name: 'sec-cdc',
    type: 'postgres-cdc-source',
    owner: OWNER,
    source: {
      database: {
        hostname: 'crm.db.example.com',
        name: 'crm',
        user: 'cdc',
        passwordSecret: 'dbPassword',
      },
      tables: ['customers'],
      topicPrefix: 'sec-cdc',
      mask: { fields: ['email'] },
    },
    extraConfig,
  });

  it.each([
    ['after.state.only', 'false'],
    ['database.hostname', 'internal.example.net'],
    ['database.dbname', 'payroll'],
    ['database.port', '6432'],
    ['connector.class', 'MySqlCdcSourceV2'],
    ['kafka.auth.mode', 'KAFKA_API_KEY'],
    ['kafka.api.key', 'KEY'],
    ['kafka.service.account.id', 'sa-orgadmin'],
    ['transforms', 'none'],
    ['transforms.maskPii.fields', 'nothing'],
    ['transforms.maskPii.replacement', 'x'],
    ['predicates', 'p'],
    ['table.include.list', 'public\\..*'],
    ['column.exclude.list', 'public.customers.email'],
    ['database.password', 'inline-secret'],
    ['tasks.max', '64'],
  ])(
    '16.2: refuses extraConfig %s on a masking CDC source',
    async (key, value) => {
      await expectRefused(
        cdcInput({ [key]: value }),
        new RegExp(
          `extraConfig may not set '${key.replace(/[.\\]/g, '\\$&')}'`,
        ),
      );
    },
  );

  it.each([
    ['slotName', 'dbz; DROP TABLE customers'],
    ['publicationName', 'pub" FOR ALL TABLES; --'],
  ])(
    'refuses a %s Debezium would write into SQL on the source database',
    async (key, value) => {
      const input = cdcInput({});
      await expectRefused(
        { ...input, source: { ...input.source, [key]: value } },
        new RegExp(`${key} must be a lowercase identifier`),
      );
    },
  );

  it('13: never quotes a secret typed where its name belongs', async () => {
    const typed = 'Hunter2 correct horse!';
    const input = cdcInput({});
    const { ctx } = actionContext({
      input: {
        ...input,
        source: {
          ...input.source,
          database: { ...input.source.database, passwordSecret: typed },
        },
      },
    });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    expect(error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('is not a secret name'),
    });
    expect(JSON.stringify(serializeError(error))).not.toContain('Hunter2');
  });

  it('16.2: takes an allowed tuning key, and the planned masking is what is submitted', async () => {
    const { ctx, outputs } = actionContext({
      input: cdcInput({ 'decimal.handling.mode': 'string' }),
      isDryRun: true,
    });
    await action.handler(ctx);
    expect(outputs.config).toMatchObject({
      'decimal.handling.mode': 'string',
      'after.state.only': 'true',
      'database.hostname': 'crm.db.example.com',
      transforms: 'maskPii',
      'transforms.maskPii.fields': 'email',
      'transforms.maskPii.replacement': '****',
    });
  });

  it('16.1: a sink to a configured destination submits exactly its connection keys', async () => {
    const { ctx } = actionContext({
      input: sinkInput('redshift-sink', 'platform-redshift', {
        extraConfig: { 'batch.size': '500' },
        waitForRunning: false,
      }),
    });
    await action.handler(ctx);
    expect(
      await connect().getConnectorConfig('sec-redshift-sink'),
    ).toMatchObject({
      'aws.redshift.domain': 'warehouse.redshift.example.com',
      'aws.redshift.port': '5439',
      'aws.redshift.user': 'loader',
      'aws.redshift.database': 'analytics',
      'batch.size': '500',
    });
  });
});

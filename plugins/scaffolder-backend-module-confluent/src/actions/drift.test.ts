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
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  connectorDrift,
  DeclaredConnector,
  DeclaredStatement,
  statementDrift,
} from '@shiftleft/plugin-confluent-common';
import {
  DeclaredFingerprints,
  liveStatement,
} from '@shiftleft/plugin-confluent-node';
import {
  actionContext,
  actionOptions,
  EmulatorAndDatabase,
  startEmulatorAndDatabase,
} from '../__testUtils__/actionContext';
import { createConfluentConnectorCreateAction } from './connectorCreate';
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';

/*
 * Drift from the scaffolder's side: what a run records, compared with what
 * runs after someone changes it through Confluent's API (the emulator's).
 */

const DB_PASSWORD = 'db-pass-drift-5c1e';
const SNOWFLAKE_KEY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCdriftkey0042';
const OWNER = 'group:default/customer-data-team';

describe('declared fingerprints and drift', () => {
  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;
  let options: ReturnType<typeof actionOptions>;

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('driftdb');
    emu = env.emu;
    options = actionOptions(emu, {
      sinks: {
        'analytics-snowflake': {
          type: 'snowflake',
          url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
          user: 'confluent',
          privateKey: SNOWFLAKE_KEY,
          role: 'INGEST',
          database: 'ANALYTICS',
          schema: 'PUBLIC',
        },
      },
    });
  }, 60_000);

  afterAll(() => env?.stop(), 60_000);

  const declared = async (key: string) =>
    (
      await new DeclaredFingerprints({ client: options.client }).readAll(
        emu.ids.environmentId,
      )
    ).get(key);

  const cdcInput = (name: string) => ({
    name,
    type: 'postgres-cdc-source' as const,
    owner: OWNER,
    source: {
      database: {
        hostname: env.pg.host,
        port: env.pg.port,
        name: 'driftdb',
        user: env.pg.user,
        passwordSecret: 'dbPassword',
        sslMode: 'disable' as const,
      },
      tables: ['customers'],
      topicPrefix: name,
      mask: { fields: ['email'] },
    },
  });

  it("detects a connector's masking SMT removed through Confluent's API, and nothing on an untouched one", async () => {
    const action = createConfluentConnectorCreateAction(options);
    for (const name of ['driftsrc', 'calmsrc']) {
      await action.handler(
        actionContext({
          input: cdcInput(name),
          secrets: { dbPassword: DB_PASSWORD },
        }).ctx,
      );
    }
    const connect = options.client.connect(
      emu.ids.environmentId,
      emu.ids.kafkaClusterId,
    );
    const fingerprint = (await declared(
      `connector:${emu.ids.environmentId}/${emu.ids.kafkaClusterId}/driftsrc`,
    )) as DeclaredConnector;
    expect(fingerprint).toMatchObject({
      kind: 'connector',
      name: 'driftsrc',
      declaredBy: 'user:default/tester',
      config: {
        transforms: 'maskPii',
        'transforms.maskPii.fields': 'email',
      },
      secretKeys: ['database.password'],
    });
    expect(fingerprint.config['database.password']).toBeUndefined();

    // Untouched: the live config (masked secrets, server keys) is in sync.
    const calm = (await declared(
      `connector:${emu.ids.environmentId}/${emu.ids.kafkaClusterId}/calmsrc`,
    )) as DeclaredConnector;
    const calmLive = await connect.getConnectorConfig('calmsrc');
    expect(connectorDrift(calm, { name: 'calmsrc', config: calmLive })).toEqual(
      expect.objectContaining({ drifted: false, differences: [] }),
    );

    // Someone removes the masking SMT with Connect's PUT /config.
    const live = await connect.getConnectorConfig('driftsrc');
    const changed = Object.fromEntries(
      Object.entries(live).filter(
        ([key]) =>
          key !== 'transforms' &&
          !key.startsWith('transforms.') &&
          !key.startsWith('kafka.api.'),
      ),
    );
    await connect.putConnectorConfig('driftsrc', {
      ...changed,
      'database.password': DB_PASSWORD,
    });
    const drift = connectorDrift(fingerprint, {
      name: 'driftsrc',
      config: await connect.getConnectorConfig('driftsrc'),
    });
    expect(drift.drifted).toBe(true);
    expect(drift.differences).toEqual([
      expect.objectContaining({
        change: 'smt-removed',
        key: 'maskPii',
        declared: 'org.apache.kafka.connect.transforms.MaskField$Value',
        message: expect.stringMatching(/SMT maskPii .*removed/),
      }),
    ]);
    expect(JSON.stringify(drift)).not.toContain(DB_PASSWORD);
  });

  it('records a sink on the topic it reads, without its key, and detects a config key changed', async () => {
    await createConfluentConnectorCreateAction(options).handler(
      actionContext({
        input: {
          name: 'drift-snowflake',
          type: 'snowflake-sink',
          owner: 'group:default/sales-analytics-team',
          sink: {
            topics: ['product_sales'],
            connection: 'analytics-snowflake',
          },
        },
      }).ctx,
    );
    const fingerprint = (await declared(
      `connector:${emu.ids.environmentId}/${emu.ids.kafkaClusterId}/drift-snowflake`,
    )) as DeclaredConnector;
    expect(fingerprint.config).toMatchObject({
      'connector.class': 'SnowflakeSink',
      'snowflake.role.name': 'INGEST',
      topics: 'product_sales',
    });
    expect(fingerprint.secretKeys).toEqual(['snowflake.private.key']);
    expect(JSON.stringify(fingerprint)).not.toContain(SNOWFLAKE_KEY);

    const connect = options.client.connect(
      emu.ids.environmentId,
      emu.ids.kafkaClusterId,
    );
    const live = await connect.getConnectorConfig('drift-snowflake');
    expect(
      connectorDrift(fingerprint, { name: 'drift-snowflake', config: live })
        .drifted,
    ).toBe(false);
    await connect.putConnectorConfig('drift-snowflake', {
      ...Object.fromEntries(
        Object.entries(live).filter(([key]) => !key.startsWith('kafka.api.')),
      ),
      'snowflake.private.key': SNOWFLAKE_KEY,
      'snowflake.role.name': 'ACCOUNTADMIN',
    });
    const drift = connectorDrift(fingerprint, {
      name: 'drift-snowflake',
      config: await connect.getConnectorConfig('drift-snowflake'),
    });
    expect(drift.differences).toEqual([
      expect.objectContaining({
        change: 'changed',
        key: 'snowflake.role.name',
        declared: 'INGEST',
        live: 'ACCOUNTADMIN',
      }),
    ]);
    expect(JSON.stringify(drift)).not.toContain(SNOWFLAKE_KEY);
  });

  it('detects a statement replaced outside the portal with a changed property', async () => {
    const action = createConfluentFlinkStatementCreateAction(options);
    const sql =
      'CREATE TABLE `drift.contacts` AS SELECT c.customerid, c.email FROM `shiftleft.public.customers` c;';
    await action.handler(
      actionContext({
        input: {
          name: 'drift-contacts',
          owner: OWNER,
          stateTtl: '1 DAYS',
          sql,
        },
      }).ctx,
    );
    const flink = options.client.flink(emu.ids.environmentId);
    const fingerprint = (await declared(
      `statement:${emu.ids.environmentId}/drift-contacts`,
    )) as DeclaredStatement;
    const before = await flink.getStatement('drift-contacts');
    expect(fingerprint).toMatchObject({
      kind: 'statement',
      uid: before.metadata.uid,
      properties: expect.objectContaining({ 'sql.state-ttl': '1 DAYS' }),
    });
    expect(statementDrift(fingerprint, liveStatement(before)).drifted).toBe(
      false,
    );

    // Statements are immutable: a property changes by deleting the
    // statement and submitting it again under the same name.
    await flink.deleteStatement('drift-contacts');
    for (let i = 0; i < 200; i++) {
      const gone = await flink
        .getStatement('drift-contacts')
        .then(() => false)
        .catch(() => true);
      if (gone) break;
      await new Promise(r => setTimeout(r, 25));
    }
    await flink.createStatement({
      name: 'drift-contacts',
      statement: before.spec.statement,
      properties: { ...before.spec.properties, 'sql.state-ttl': '2 DAYS' },
      computePoolId: before.spec.compute_pool_id,
      principal: before.spec.principal,
    });
    const after = await flink.getStatement('drift-contacts');
    const drift = statementDrift(fingerprint, liveStatement(after));
    expect(drift).toMatchObject({
      drifted: true,
      changedAt: after.metadata.created_at,
    });
    expect(drift.differences).toEqual([
      expect.objectContaining({ change: 'replaced' }),
      expect.objectContaining({
        change: 'changed',
        key: 'sql.state-ttl',
        declared: '1 DAYS',
        live: '2 DAYS',
      }),
    ]);
  });
});

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
import { JsonObject } from '@backstage/types';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { BUSINESS_METADATA_OWNERSHIP } from '@shiftleft/plugin-confluent-common';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  actionContext,
  actionOptions,
  CheckpointStore,
} from '../__testUtils__/actionContext';
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';

const OWNER = 'group:default/customer-data-team';

const ctas = (table: string, from = '`shiftleft.public.customers`') =>
  `CREATE TABLE \`${table}\` (
  PRIMARY KEY (customerid) NOT ENFORCED
) AS
SELECT c.customerid, c.customername, UPPER(c.email) AS contact
FROM ${from} c
WHERE c.__deleted IS NULL;`;

describe('confluent:flink:statement:create', () => {
  let emu: ConfluentEmulator;
  let options: ReturnType<typeof actionOptions>;
  let action: ReturnType<typeof createConfluentFlinkStatementCreateAction>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    options = actionOptions(emu);
    action = createConfluentFlinkStatementCreateAction(options);
  }, 60_000);

  afterAll(() => emu?.stop());
  afterEach(() => emu.clearFaults());

  const flink = () => options.client.flink(emu.ids.environmentId);
  const run = (
    input: JsonObject,
    extra: Parameters<typeof actionContext>[0] extends infer T
      ? Partial<T>
      : never = {},
  ) => {
    const c = actionContext({ input, ...extra });
    return action.handler(c.ctx).then(() => c);
  };

  it('submits a CTAS with its properties and owner label, waits until it runs, and records the owner', async () => {
    const { outputs } = await run({
      name: 'crm-contacts',
      owner: OWNER,
      stateTtl: '1 DAYS',
      sql: ctas('crm.contacts'),
    });
    expect(outputs).toMatchObject({
      statementName: 'crm-contacts',
      action: 'create',
      phase: 'RUNNING',
      sqlKind: 'CREATE_TABLE_AS',
      readsTables: ['shiftleft.public.customers'],
      createsTables: ['crm.contacts'],
      consoleUrl: `https://confluent.cloud/environments/${emu.ids.environmentId}/flink/statements/crm-contacts/activity`,
      properties: {
        'sql.current-catalog': emu.ids.environmentId,
        'sql.current-database': emu.ids.kafkaClusterId,
        'sql.state-ttl': '1 DAYS',
      },
    });
    expect(outputs.lineage).toMatchObject({
      kind: 'CREATE_TABLE_AS',
      sources: ['`shiftleft.public.customers`'],
      sinks: ['`crm.contacts`'],
      columns: expect.arrayContaining([
        {
          sink: '`crm.contacts`',
          column: 'contact',
          sources: ['`shiftleft.public.customers`.email'],
          direct: false,
          transforms: ['UPPER'],
        },
      ]),
    });
    const statement = await flink().getStatement('crm-contacts');
    expect(statement.metadata.labels).toEqual({
      'backstage.io/owner': 'customer-data-team',
    });
    expect(statement.spec.principal).toBe(emu.ids.serviceAccountId);
    expect(statement.spec.compute_pool_id).toBe(emu.ids.computePoolId);
    const catalog = options.client.catalog(emu.ids.environmentId);
    const metadata = await catalog.getBusinessMetadata(
      'kafka_topic',
      catalog.topicQualifiedName(emu.ids.kafkaClusterId, 'crm.contacts'),
    );
    expect(
      metadata.find(m => m.typeName === BUSINESS_METADATA_OWNERSHIP)
        ?.attributes,
    ).toEqual({ owner: OWNER });
  });

  it('runs DDL to COMPLETED', async () => {
    // ALTER TABLE changes a table: only its owner's team may run it.
    const catalog = options.client.catalog(emu.ids.environmentId);
    await catalog.setBusinessMetadata([
      {
        typeName: BUSINESS_METADATA_OWNERSHIP,
        entityType: 'kafka_topic',
        entityName: catalog.topicQualifiedName(
          emu.ids.kafkaClusterId,
          'shiftleft.public.orders',
        ),
        attributes: { owner: OWNER },
      },
    ]);
    const { outputs } = await run({
      name: 'crm-orders-watermark',
      owner: OWNER,
      sql: 'ALTER TABLE `shiftleft.public.orders` MODIFY WATERMARK FOR `orderdate` AS `orderdate`;',
    });
    expect(outputs).toMatchObject({
      phase: 'COMPLETED',
      sqlKind: 'ALTER_TABLE',
      readsTables: ['shiftleft.public.orders'],
      createsTables: [],
    });
  });

  it('takes the SET lines of pasted workshop SQL as properties', async () => {
    const { outputs } = await run({
      name: 'crm-set-lines',
      owner: OWNER,
      sql: `SET 'sql.state-ttl' = '12 HOURS';\nSET 'client.statement-name' = 'crm-set-lines';\n${ctas(
        'crm.set_lines',
      )}`,
    });
    expect(outputs.properties).toMatchObject({ 'sql.state-ttl': '12 HOURS' });
    const statement = await flink().getStatement('crm-set-lines');
    expect(statement.spec.statement.startsWith('CREATE TABLE')).toBe(true);
    expect(statement.spec.properties).not.toHaveProperty(
      'client.statement-name',
    );
  });

  it('adopts the same statement instead of submitting it twice', async () => {
    const input = { name: 'crm-twice', owner: OWNER, sql: ctas('crm.twice') };
    await run(input);
    const before = (await flink().listStatements()).length;
    const { outputs } = await run(input);
    expect(outputs).toMatchObject({ action: 'adopt', phase: 'RUNNING' });
    expect((await flink().listStatements()).length).toBe(before);
  });

  it.each([
    [
      'different SQL',
      { sql: ctas('crm.other') },
      "Flink statement 'crm-taken' already exists with different SQL",
    ],
    [
      'different properties',
      { stateTtl: '2 DAYS' },
      'already exists with the same SQL but different properties (sql.state-ttl)',
    ],
    [
      'another owner',
      { owner: 'group:default/sales-analytics-team' },
      "already exists, owned by 'customer-data-team', not 'sales-analytics-team'",
    ],
  ])(
    'refuses a name taken by a statement with %s',
    async (_what, change, message) => {
      const input = { name: 'crm-taken', owner: OWNER, sql: ctas('crm.taken') };
      await run(input).catch(() => undefined);
      const before = await flink().getStatement('crm-taken');
      await expect(run({ ...input, ...change })).rejects.toThrow(message);
      expect(
        (await flink().getStatement('crm-taken')).metadata.resource_version,
      ).toBe(before.metadata.resource_version);
    },
  );

  it.each([
    [
      'invalid SQL (with its line and column)',
      {
        sql: 'CREATE TABLE `crm.x` AS\nSELECT customerid,, email FROM `shiftleft.public.customers`;',
      },
      /Statement 'crm-bad': Invalid Flink SQL at line 2, column 19: unexpected ','$/,
    ],
    [
      'an invalid statement name',
      { name: 'CRM_Bad' },
      /'CRM_Bad' is not a valid Flink statement name/,
    ],
    [
      'a SET line naming another statement',
      { sql: `SET 'client.statement-name' = 'other';\n${ctas('crm.bad')}` },
      /sets client.statement-name to 'other'/,
    ],
    [
      'a malformed state TTL',
      { stateTtl: "1 DAY'; DROP" },
      /is not a duration/,
    ],
  ])('rejects %s without calling Confluent', async (_what, change, message) => {
    emu.resetRequestCounts();
    await expect(
      run({ name: 'crm-bad', owner: OWNER, sql: ctas('crm.bad'), ...change }),
    ).rejects.toThrow(message);
    expect(emu.requestCount()).toBe(0);
  });

  it('refuses to read a table that exists nowhere, submitting nothing', async () => {
    await expect(
      run({
        name: 'crm-orphan',
        owner: OWNER,
        sql: ctas('crm.orphan', '`crm.not_created`'),
      }),
    ).rejects.toThrow(
      "Flink statement 'crm-orphan' cannot run: reads `crm.not_created`, which is neither a topic in the cluster nor a table created earlier in this run",
    );
    await expect(flink().getStatement('crm-orphan')).rejects.toThrow(
      /404|not found/i,
    );
  });

  it('refuses to create a table that already exists', async () => {
    await expect(
      run({ name: 'crm-clash', owner: OWNER, sql: ctas('enriched_customers') }),
    ).rejects.toThrow(
      'creates enriched_customers, which already exists: choose another table name',
    );
  });

  it('fails with the statement exceptions, and a retry replaces the failed statement', async () => {
    const input = {
      name: 'crm-unknown-column',
      owner: OWNER,
      sql: 'CREATE TABLE `crm.bad_column` AS SELECT c.no_such_column FROM `shiftleft.public.customers` c;',
    };
    const checkpoints = new CheckpointStore();
    const error = await run(input, { checkpoints }).then(
      () => undefined,
      e => e,
    );
    expect(error?.name).toBe('ConfluentResourceFailedError');
    expect(error.message).toMatch(
      /^Flink statement 'crm-unknown-column' FAILED: .*no_such_column/s,
    );
    const first = await flink().getStatement('crm-unknown-column');

    // Still failing (the SQL is wrong), but not a second statement.
    await expect(run(input, { checkpoints })).rejects.toThrow(/FAILED/);
    const second = await flink().getStatement('crm-unknown-column');
    // Deleted and submitted again: a new statement, still only one.
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect(
      (await flink().listStatements()).filter(
        s => s.name === 'crm-unknown-column',
      ),
    ).toHaveLength(1);
  });

  it('survives a 5xx on submit: the retry submits exactly one statement', async () => {
    const input = { name: 'crm-flaky', owner: OWNER, sql: ctas('crm.flaky') };
    const checkpoints = new CheckpointStore();
    emu.injectFaults({
      api: 'flink',
      status: 500,
      methods: ['POST'],
      times: 1,
    });
    await expect(run(input, { checkpoints })).rejects.toThrow(
      /Confluent Flink SQL API .*createStatement.*500/,
    );
    const { outputs } = await run(input, { checkpoints });
    expect(outputs).toMatchObject({ action: 'create', phase: 'RUNNING' });
    expect(
      (await flink().listStatements()).filter(s => s.name === 'crm-flaky'),
    ).toHaveLength(1);
  });

  it("reports Confluent's 4xx as bad input, creating nothing", async () => {
    // A configured service account that does not exist in Confluent.
    const misconfigured = createConfluentFlinkStatementCreateAction(
      actionOptions(emu, {
        principals: [{ team: OWNER, serviceAccounts: ['sa-nope1'] }],
      }),
    );
    const { ctx } = actionContext({
      input: { name: 'crm-no-sa', owner: OWNER, sql: ctas('crm.no_sa') },
    });
    await expect(misconfigured.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        "Service account 'sa-nope1' does not exist",
      ),
    });
    await expect(flink().getStatement('crm-no-sa')).rejects.toThrow();
  });

  describe('dry run', () => {
    it('submits nothing and accepts tables created earlier in the run', async () => {
      emu.resetRequestCounts();
      const { outputs } = await run(
        {
          name: 'crm-dry',
          owner: OWNER,
          sql: ctas('crm.dry_result', '`crm.dry_upstream`'),
          createdTables: ['crm.dry_upstream'],
        },
        { isDryRun: true },
      );
      expect(outputs).toMatchObject({
        action: 'create',
        phase: 'planned',
        readsTables: ['crm.dry_upstream'],
        createsTables: ['crm.dry_result'],
      });
      await expect(flink().getStatement('crm-dry')).rejects.toThrow();
    });
  });

  describe('waiting', () => {
    let slow: ConfluentEmulator;
    beforeAll(async () => {
      slow = await startTestEmulator({
        timings: { statementPendingMs: 60_000 },
      });
    });
    afterAll(() => slow?.stop());

    it('times out while PENDING; the retry waits on the same statement', async () => {
      const slowAction = createConfluentFlinkStatementCreateAction(
        actionOptions(slow, { waitTimeout: 100 }),
      );
      const checkpoints = new CheckpointStore();
      const input = { name: 'crm-slow', owner: OWNER, sql: ctas('crm.slow') };
      for (let attempt = 0; attempt < 2; attempt++) {
        const c = actionContext({ input, checkpoints });
        await expect(slowAction.handler(c.ctx)).rejects.toThrow(
          "Timed out after 100 ms waiting for Flink statement 'crm-slow' to run; last state PENDING",
        );
      }
      const statements = await actionOptions(slow)
        .client.flink(slow.ids.environmentId)
        .listStatements();
      expect(statements.filter(s => s.name === 'crm-slow')).toHaveLength(1);
    });

    it('stops waiting when the task is cancelled', async () => {
      const slowAction = createConfluentFlinkStatementCreateAction(
        actionOptions(slow, { waitTimeout: 60_000 }),
      );
      const controller = new AbortController();
      const c = actionContext({
        input: { name: 'crm-cancel', owner: OWNER, sql: ctas('crm.cancel') },
        signal: controller.signal,
      });
      const running = slowAction.handler(c.ctx);
      const client = actionOptions(slow).client.flink(slow.ids.environmentId);
      for (let i = 0; i < 100; i++) {
        if (
          await client.getStatement('crm-cancel').then(
            () => true,
            () => false,
          )
        )
          break;
        await new Promise(r => setTimeout(r, 10));
      }
      controller.abort();
      await expect(running).rejects.toThrow(/abort/i);
    });
  });
});

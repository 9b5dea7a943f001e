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

/*
 * The module in the real scaffolder backend: the repository's template run
 * as a task against the emulator and a real PostgreSQL, a failure half-way,
 * the scaffolder's own retry, dry runs, and what reaches logs and outputs.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import request from 'supertest';
import { scaffolderModuleConfluent } from './module';
import { waitForTask } from './__testUtils__/tasks';
import {
  EmulatorAndDatabase,
  scaffolderConfluentConfig,
  startEmulatorAndDatabase,
} from './__testUtils__/actionContext';
import {
  loadTemplate,
  templateDefaults,
  WORKSHOP_SNOWFLAKE_SINK,
} from './__testUtils__/template';
import {
  createWorkshopDatabase,
  ThrowawayPostgres,
} from './__testUtils__/throwawayPostgres';

const DB_PASSWORD = 'task-db-password-5d21c8e7';
const SNOWFLAKE_KEY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjtasksecret';
const OWNER = 'group:default/customer-data-team';
const AUTH = mockCredentials.user.header();

type Server = Parameters<typeof request>[0];

describe('the streaming-data-product template in the scaffolder backend', () => {
  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;
  let pg: ThrowawayPostgres;
  let server: Server;
  let stopBackend: () => Promise<void>;
  const template = loadTemplate() as unknown as Entity;

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('shop');
    ({ emu, pg } = env);
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleConfluent,
        eventsServiceFactory,
        catalogServiceMock.factory({
          entities: [
            template,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'customer-data-team' },
              spec: { type: 'team', children: [] },
            },
            // The initiating user (mockCredentials.user()), a member of
            // the owning team: the actions check the owner against it.
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'mock', namespace: 'default' },
              spec: { memberOf: ['customer-data-team'] },
              relations: [
                {
                  type: 'memberOf',
                  targetRef: 'group:default/customer-data-team',
                },
              ],
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            scaffolder: { taskRecovery: { enabled: true } },
            confluent: scaffolderConfluentConfig(emu, {
              // The catalog here is a fixed mock: do not wait for entities.
              waitTimeout: 3000,
              sinks: {
                'workshop-snowflake': {
                  type: 'snowflake',
                  url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
                  user: 'confluent',
                  privateKey: SNOWFLAKE_KEY,
                  role: 'INGEST',
                  database: 'PRODUCTION',
                  schema: 'PUBLIC',
                },
              },
            }),
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  }, 120_000);

  afterAll(async () => {
    // Each cleanup runs even if another one fails.
    await Promise.allSettled([stopBackend?.()]);
    await Promise.allSettled([env?.stop()]);
  }, 60_000);

  afterEach(() => emu.clearFaults());

  /** The form, filled in as a user would: the defaults plus the database. */
  const values = (name: string) => ({
    ...templateDefaults(),
    sinks: [WORKSHOP_SNOWFLAKE_SINK, ...templateDefaults().sinks],
    name,
    owner: OWNER,
    dbHost: pg.host,
    dbPort: pg.port,
    dbName: 'shop',
    dbUser: pg.user,
    dbSslMode: 'disable',
    // What the Secret field leaves in the form: the value goes in `secrets`.
    dbPassword: '*'.repeat(DB_PASSWORD.length),
  });

  async function taskEvents(taskId: string) {
    const res = await request(server)
      .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      .set('Authorization', AUTH);
    return res.body as Array<{ type: string; body: any }>;
  }

  /**
   * The task's server-sent event stream, as the task page reads it, up to
   * the completion event (a recoverable task's stream stays open after it).
   */
  async function readEventStream(taskId: string): Promise<string> {
    const address = (server as any).address();
    const res = await fetch(
      `http://127.0.0.1:${address.port}/api/scaffolder/v2/tasks/${taskId}/eventstream`,
      { headers: { Authorization: AUTH } },
    );
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: completion')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await reader.cancel();
    return text;
  }

  const connectorNames = () =>
    request(`${emu.url}`)
      .get(
        `/connect/v1/environments/${emu.ids.environmentId}/clusters/${emu.ids.kafkaClusterId}/connectors`,
      )
      .auth(emu.keys.cloud.key, emu.keys.cloud.secret)
      .then(r => r.body as string[]);

  const statementNames = async () => {
    const names: string[] = [];
    let path:
      | string
      | undefined = `/sql/v1/organizations/${emu.ids.organizationId}/environments/${emu.ids.environmentId}/statements?page_size=100`;
    while (path) {
      const res: any = await request(emu.url)
        .get(path)
        .auth(emu.keys.flink.key, emu.keys.flink.secret);
      names.push(...res.body.data.map((s: { name: string }) => s.name));
      path = res.body.metadata.next
        ? new URL(res.body.metadata.next).pathname +
          new URL(res.body.metadata.next).search
        : undefined;
    }
    return names;
  };

  it('fails half-way with a clear message, and the retry finishes the job without duplicates', async () => {
    // The first Flink statement submitted fails once with a 500: the CDC
    // source exists by then.
    emu.injectFaults({
      api: 'flink',
      status: 500,
      methods: ['POST'],
      times: 1,
    });
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', AUTH)
      .send({
        templateRef: 'template:default/streaming-data-product',
        values: values('retry'),
        secrets: { dbPassword: DB_PASSWORD },
      });
    expect(created.body).toEqual({ id: expect.any(String) });
    const taskId = created.body.id;

    const failed = await waitForTask(server, taskId);
    expect(failed.status).toBe('failed');
    const events = await taskEvents(taskId);
    const completion = events.find(e => e.type === 'completion');
    expect(completion?.body.error.message).toMatch(
      /Confluent Flink SQL API .*createStatement.*statement 'retry-enriched-customers'.*500/,
    );
    expect(await connectorNames()).toContain('retry-postgres-cdc-source');
    expect(await statementNames()).not.toContain('retry-enriched-customers');

    // The task page's Retry button sends no secrets: the statements and the
    // Snowflake sink (credentials in config) get done, and the step that
    // needs the database password names it.
    const uiRetry = await request(server)
      .post(`/api/scaffolder/v2/tasks/${taskId}/retry`)
      .set('Authorization', AUTH)
      .send({});
    expect(uiRetry.status).toBe(201);
    expect((await waitForTask(server, taskId)).status).toBe('failed');
    const stopped = (await taskEvents(taskId)).find(
      e => e.type === 'completion',
    );
    expect(stopped?.body.error.message).toBe(
      "Connector 'retry-thirty-day-customer-snapshot-postgres-sink' needs secrets.dbPassword, which this task was not given (a retry does not resend secrets): start the template over — the form keeps its values and what exists is adopted",
    );
    expect(await statementNames()).toContain('retry-customer-snapshot');

    // The scaffolder's retry with the secrets finishes the job.
    const retried = await request(server)
      .post(`/api/scaffolder/v2/tasks/${taskId}/retry`)
      .set('Authorization', AUTH)
      .send({ secrets: { dbPassword: DB_PASSWORD } });
    expect(retried.status).toBe(201);
    const done = await waitForTask(server, taskId);
    expect(done.status).toBe('completed');

    const logs = (await taskEvents(taskId))
      .filter(e => e.type === 'log')
      .map(e => e.body.message as string);
    expect(logs).toContain(
      'Skipping step source because it was already completed in a previous run',
    );

    // Exactly one of each, in the emulator itself.
    const connectors = (await connectorNames()).filter(n =>
      n.startsWith('retry-'),
    );
    expect(connectors.sort()).toEqual([
      'retry-postgres-cdc-source',
      'retry-product-sales-snowflake-sink',
      'retry-thirty-day-customer-snapshot-postgres-sink',
    ]);
    const statements = (await statementNames()).filter(n =>
      n.startsWith('retry-'),
    );
    expect(statements.sort()).toEqual([
      'retry-customer-snapshot',
      'retry-enriched-customers',
      'retry-orders-watermark',
      'retry-product-sales',
      'retry-products-with-pk',
    ]);
  }, 120_000);

  it('stops at the preflight on a database without logical replication, with the fix', async () => {
    const dbName = `task_preflight_${Date.now()}`;
    const machine = await createWorkshopDatabase(
      { host: '127.0.0.1', port: 5432, user: 'postgres' },
      dbName,
    );
    try {
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', AUTH)
        .send({
          templateRef: 'template:default/streaming-data-product',
          values: { ...values('replica'), dbPort: 5432, dbName },
          secrets: { dbPassword: DB_PASSWORD },
        });
      expect(created.status).toBe(201);
      const task = await waitForTask(server, created.body.id);
      expect(task.status).toBe('failed');
      const events = await taskEvents(created.body.id);
      const completion = events.find(e => e.type === 'completion');
      expect(completion?.body.error).toEqual({
        name: 'CdcPreflightError',
        message: `127.0.0.1:5432/${dbName} is not ready for CDC: 1 check failed.\n- Logical replication is enabled (wal_level = logical): wal_level is 'replica'.\n  Fix: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.`,
      });
      expect((await connectorNames()).some(n => n.startsWith('replica-'))).toBe(
        false,
      );
    } finally {
      await machine();
    }
  }, 60_000);

  it('keeps every secret out of task logs, outputs and the dry-run plan', async () => {
    // A real run, start to end.
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', AUTH)
      .send({
        templateRef: 'template:default/streaming-data-product',
        values: values('secret'),
        secrets: { dbPassword: DB_PASSWORD },
      });
    const task = await waitForTask(server, created.body.id);
    expect(task.status).toBe('completed');
    const events = await taskEvents(created.body.id);
    const stream = await readEventStream(created.body.id);
    const taskText = JSON.stringify(task) + JSON.stringify(events) + stream;
    expect(taskText).toContain('secret-postgres-cdc-source');
    expect(taskText).not.toContain(DB_PASSWORD);
    expect(taskText).not.toContain(SNOWFLAKE_KEY);

    // The dry run the plan review shows.
    const dryRun = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', AUTH)
      .send({
        template,
        values: values('dryrun'),
        secrets: { dbPassword: DB_PASSWORD },
        directoryContents: [],
      });
    expect(dryRun.status).toBe(200);
    const plan = dryRun.body.output.plan;
    expect(dryRun.body.output.ready).toBe(true);
    expect(plan.source.config['database.password']).toBe(
      '<secret secrets.dbPassword>',
    );
    expect(plan.sinks[0].config['snowflake.private.key']).toBe(
      '<secret confluent.scaffolder.sinks.workshop-snowflake.privateKey>',
    );
    expect(dryRun.body.output.preflight.every((c: any) => c.passed)).toBe(true);
    const dryText = JSON.stringify(dryRun.body);
    expect(dryText).not.toContain(DB_PASSWORD);
    expect(dryText).not.toContain(SNOWFLAKE_KEY);
    // And it created nothing.
    expect((await connectorNames()).some(n => n.startsWith('dryrun-'))).toBe(
      false,
    );
    expect((await statementNames()).some(n => n.startsWith('dryrun-'))).toBe(
      false,
    );
  }, 120_000);

  it('returns a plan with its problems from a dry run, creating nothing', async () => {
    const dryRun = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', AUTH)
      .send({
        template,
        values: {
          ...values('unmasked'),
          maskFields: [],
          piiFields: ['email', 'customername'],
        },
        secrets: { dbPassword: DB_PASSWORD },
        directoryContents: [],
      });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.output.ready).toBe(false);
    expect(dryRun.body.output.plan.problems).toEqual([
      expect.stringContaining(
        'Unmasked personal data reaches snowflake table UNMASKED_PRODUCT_SALES',
      ),
      expect.stringContaining(
        'Unmasked personal data reaches postgres table unmasked_thirty_day_customer_snapshot',
      ),
    ]);
    const skipped = dryRun.body.steps
      .map((s: any) => s.id)
      .filter((id: string) =>
        ['source', 'statements', 'sinks', 'catalog'].includes(id),
      );
    expect(skipped).toHaveLength(4);
    expect((await connectorNames()).some(n => n.startsWith('unmasked-'))).toBe(
      false,
    );
  }, 60_000);
});

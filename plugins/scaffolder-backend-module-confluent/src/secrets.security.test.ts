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
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  CapturingLogger,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import request from 'supertest';
import { scaffolderModuleConfluent } from './module';
import { waitForTask } from './__testUtils__/tasks';
import { scaffolderConfluentConfig } from './__testUtils__/actionContext';

/*
 * Issue 13 "Secrets": a secret scan of a failing scaffolder run. Every
 * secret in flight (a task secret, configured destinations' credentials,
 * the Confluent API keys) is searched for in the backend's logs, the task
 * (its parameters and outputs), its events, the event stream the task page
 * reads, and the error that failed it.
 */

const DB_PASSWORD = 'scan-db-password  with-double-spaces';
const SNOWFLAKE_KEY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjscansecret';
const SNOWFLAKE_PASSPHRASE = 'scan-snowflake-passphrase-42';
const REDSHIFT_PASSWORD = 'scan-redshift-password-77';
const OWNER = 'group:default/customer-data-team';
const AUTH = mockCredentials.user.header();

/** Three connectors: two run, the third fails (its topic does not exist). */
const TEMPLATE = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'secret-scan' },
  spec: {
    owner: 'group:default/platform-team',
    type: 'test',
    parameters: [
      {
        properties: {
          dbPassword: { type: 'string', 'ui:field': 'Secret' },
        },
      },
    ],
    steps: [
      {
        id: 'postgres',
        action: 'confluent:connector:create',
        input: {
          name: 'scan-postgres-sink',
          type: 'postgres-sink',
          owner: OWNER,
          sink: {
            topics: ['product_sales'],
            database: {
              // A literal the allow-list takes (no DNS in a test); the
              // emulator stands in for the database anyway.
              hostname: '127.0.0.1',
              name: 'reporting',
              user: 'loader',
              passwordSecret: 'dbPassword',
            },
          },
        },
      },
      {
        id: 'snowflake',
        action: 'confluent:connector:create',
        input: {
          name: 'scan-snowflake-sink',
          type: 'snowflake-sink',
          owner: OWNER,
          sink: { topics: ['product_sales'], connection: 'scan-snowflake' },
        },
      },
      {
        id: 'redshift',
        action: 'confluent:connector:create',
        input: {
          name: 'scan-redshift-sink',
          type: 'redshift-sink',
          owner: OWNER,
          sink: { topics: ['no_such_topic'], connection: 'scan-redshift' },
        },
      },
    ],
  },
};

describe('secret scan of a failing scaffolder run', () => {
  let emu: ConfluentEmulator;
  let server: Parameters<typeof request>[0];
  let stopBackend: () => Promise<void>;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    emu = await startTestEmulator();
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleConfluent,
        eventsServiceFactory,
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => logger,
        }),
        catalogServiceMock.factory({
          entities: [
            TEMPLATE,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'customer-data-team' },
              spec: { type: 'team', children: [] },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'mock' },
              spec: { memberOf: ['customer-data-team'] },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            confluent: scaffolderConfluentConfig(emu, {
              waitTimeout: 3000,
              sinks: {
                'scan-snowflake': {
                  type: 'snowflake',
                  url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
                  user: 'loader',
                  privateKey: SNOWFLAKE_KEY,
                  privateKeyPassphrase: SNOWFLAKE_PASSPHRASE,
                  role: 'INGEST',
                  database: 'ANALYTICS',
                  schema: 'PUBLIC',
                },
                'scan-redshift': {
                  type: 'redshift',
                  host: 'warehouse.redshift.example.com',
                  database: 'analytics',
                  user: 'loader',
                  password: REDSHIFT_PASSWORD,
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
    await Promise.allSettled([stopBackend?.()]);
    await emu?.stop();
  }, 60_000);

  /** The event stream the task page reads, up to the completion event. */
  async function eventStream(taskId: string): Promise<string> {
    const { port } = (server as any).address();
    const res = await fetch(
      `http://127.0.0.1:${port}/api/scaffolder/v2/tasks/${taskId}/eventstream`,
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

  it('finds no secret in logs, task, events, event stream or error', async () => {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', AUTH)
      .send({
        templateRef: 'template:default/secret-scan',
        values: { dbPassword: '*'.repeat(8) },
        secrets: { dbPassword: DB_PASSWORD },
      });
    expect(created.status).toBe(201);
    const taskId = created.body.id;
    const task = await waitForTask(server, taskId);
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      .set('Authorization', AUTH);
    const completion = events.body.find((e: any) => e.type === 'completion');

    // The run failed where expected, after the secrets were in flight.
    expect(task.status).toBe('failed');
    expect(completion.body.error.message).toMatch(
      /Connector 'scan-redshift-sink' FAILED/,
    );
    const connect = emu.requestCount('connect');
    expect(connect).toBeGreaterThan(0);

    const basic = (key: { key: string; secret: string }) =>
      Buffer.from(`${key.key}:${key.secret}`).toString('base64');
    const secrets = [
      DB_PASSWORD,
      DB_PASSWORD.replace(/\s+/g, ' '),
      SNOWFLAKE_KEY,
      SNOWFLAKE_PASSPHRASE,
      REDSHIFT_PASSWORD,
      ...Object.values(emu.keys).flatMap(k => [k.secret, basic(k)]),
    ];
    const surfaces = {
      logs: logger.text(),
      task: JSON.stringify(task),
      events: JSON.stringify(events.body),
      eventStream: await eventStream(taskId),
    };
    // Each surface holds the run's story (so the scan reads real text).
    for (const text of Object.values(surfaces)) {
      expect(text).toContain('scan-snowflake-sink');
    }
    for (const [where, text] of Object.entries(surfaces)) {
      for (const secret of secrets) {
        expect({
          where,
          leaked: text.includes(secret) ? secret : undefined,
        }).toEqual({
          where,
          leaked: undefined,
        });
      }
    }
  }, 120_000);
});

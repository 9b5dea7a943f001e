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
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import request from 'supertest';
import { scaffolderModuleConfluent } from '../module';
import {
  EmulatorAndDatabase,
  scaffolderConfluentConfig,
  startEmulatorAndDatabase,
} from '../__testUtils__/actionContext';
import { loadTemplate, templateDefaults } from '../__testUtils__/template';
import { McpClients } from '../__testUtils__/mcp';
import { ThrowawayPostgres } from '../__testUtils__/throwawayPostgres';

/*
 * Planning and creating a data product as an agent does it: the scaffolder
 * module in a backend with Backstage's MCP actions backend, filtered as
 * app-config.yaml filters it, the repository's streaming-data-product
 * template in the catalog, the emulator and a real PostgreSQL with logical
 * replication, and an MCP client from the official SDK with a user's token.
 */

const OWNER_TEAM = 'group:default/customer-data-team';
const MEMBER = 'user:default/carla';
const STRANGER = 'user:default/sam';
const GROUPS: Record<string, string[]> = {
  [MEMBER]: [OWNER_TEAM],
  [STRANGER]: ['group:default/sales-analytics-team'],
};
const DB_PASSWORD = 'mcp-db-password-7c03b9e1';

/** A user entity as the catalog holds it, for the scaffolder's task user. */
const userEntity = (ref: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: ref.split('/')[1], namespace: 'default' },
  spec: { memberOf: GROUPS[ref].map(g => g.split('/')[1]) },
  relations: GROUPS[ref].map(targetRef => ({ type: 'memberOf', targetRef })),
});

describe('plan-data-product and create-data-product over MCP', () => {
  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;
  let pg: ThrowawayPostgres;
  let port: number;
  let stopBackend: () => Promise<void>;
  const mcp = new McpClients();

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('mcpshop');
    ({ emu, pg } = env);
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleConfluent,
        eventsServiceFactory,
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogServiceMock.factory({
          entities: [
            loadTemplate() as unknown as Entity,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'customer-data-team' },
              spec: { type: 'team', children: [] },
            },
            userEntity(MEMBER),
            userEntity(STRANGER),
          ],
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: any) {
              const ref = credentials.principal.userEntityRef as string;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
              };
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.example.com' },
            backend: {
              baseUrl: 'http://localhost:7007',
              // As app-config.yaml: of the scaffolder's actions, only the
              // suite's data-product tools.
              actions: {
                pluginSources: ['scaffolder'],
                filter: {
                  exclude: [
                    {
                      id: 'scaffolder:!(plan-data-product|create-data-product|plan-data-product-change|change-data-product)',
                    },
                  ],
                },
              },
            },
            // The catalog here is a fixed mock: do not wait for entities.
            confluent: scaffolderConfluentConfig(emu, { waitTimeout: 3000 }),
          },
        }),
      ],
    });
    port = (backend.server.address() as { port: number }).port;
    stopBackend = () => backend.stop();
  }, 120_000);

  afterAll(async () => {
    await mcp.closeAll();
    await Promise.allSettled([stopBackend?.()]);
    await Promise.allSettled([env?.stop()]);
  }, 60_000);

  const connect = (user: string) => mcp.connect(port, user);

  /** What an agent sends: the database; the rest is the template's defaults. */
  const product = (name: string) => ({
    name,
    owner: OWNER_TEAM,
    dbHost: pg.host,
    dbPort: pg.port,
    dbName: 'mcpshop',
    dbUser: pg.user,
    dbSslMode: 'disable',
    dbPassword: DB_PASSWORD,
  });

  const body = (result: any) => JSON.parse(result.content[0].text);

  const connectorNames = () =>
    request(emu.url)
      .get(
        `/connect/v1/environments/${emu.ids.environmentId}/clusters/${emu.ids.kafkaClusterId}/connectors`,
      )
      .auth(emu.keys.cloud.key, emu.keys.cloud.secret)
      .then(r => r.body as string[]);

  const statementNames = async () => {
    const res = await request(emu.url)
      .get(
        `/sql/v1/organizations/${emu.ids.organizationId}/environments/${emu.ids.environmentId}/statements?page_size=100`,
      )
      .auth(emu.keys.flink.key, emu.keys.flink.secret);
    return (res.body.data as Array<{ name: string }>).map(s => s.name);
  };

  it('lists the plan and the creation with their hints, the creation needing the password', async () => {
    const client = await connect(MEMBER);
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name).sort()).toEqual([
      'scaffolder.change-data-product',
      'scaffolder.create-data-product',
      'scaffolder.plan-data-product',
      'scaffolder.plan-data-product-change',
    ]);
    const plan = tools.find(t => t.name === 'scaffolder.plan-data-product')!;
    expect(plan.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
    const create = tools.find(
      t => t.name === 'scaffolder.create-data-product',
    )!;
    expect(create.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(create.inputSchema.required).toEqual(
      expect.arrayContaining(['name', 'owner', 'dbHost', 'dbPassword']),
    );
    expect(plan.inputSchema.required).not.toContain('dbPassword');
  });

  it('plans for a member of the owning team the way the template does, with the password redacted', async () => {
    const client = await connect(MEMBER);
    const result = await client.callTool({
      name: 'scaffolder.plan-data-product',
      arguments: product('planned'),
    });
    expect(result.isError).toBeFalsy();
    const { ready, plan } = body(result);
    expect(plan.problems).toEqual([]);
    expect(ready).toBe(true);
    expect(plan).toMatchObject({
      product: 'planned',
      owner: OWNER_TEAM,
      source: { name: 'planned-postgres-cdc-source' },
    });
    expect(plan.source.config['database.password']).toBe(
      '<secret secrets.dbPassword>',
    );
    // The template's default statements, in order.
    expect(plan.statements.map((s: any) => s.name)).toEqual([
      'planned-enriched-customers',
      'planned-orders-watermark',
      'planned-products-with-pk',
      'planned-product-sales',
      'planned-customer-snapshot',
    ]);
    expect(JSON.stringify(result)).not.toContain(DB_PASSWORD);

    // The very plan the template's review (its dry run) shows for the
    // same form.
    const { dbPassword, ...form } = product('planned');
    const dryRun = await request(`http://localhost:${port}`)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(MEMBER))
      .send({
        template: loadTemplate(),
        values: {
          ...templateDefaults(),
          ...form,
          dbPassword: '*'.repeat(dbPassword.length),
        },
        secrets: { dbPassword },
        directoryContents: [],
      });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.output.ready).toBe(true);
    expect(plan).toEqual(dryRun.body.output.plan);

    expect((await connectorNames()).some(n => n.startsWith('planned-'))).toBe(
      false,
    );
    expect((await statementNames()).some(n => n.startsWith('planned-'))).toBe(
      false,
    );
  });

  it('refuses to plan or create for a team the caller is not in, creating nothing', async () => {
    const client = await connect(STRANGER);
    const planned = await client.callTool({
      name: 'scaffolder.plan-data-product',
      arguments: product('stranger'),
    });
    expect(planned.isError).toBe(true);
    const created = await client.callTool({
      name: 'scaffolder.create-data-product',
      arguments: { ...product('stranger'), waitSeconds: 5 },
    });
    expect(created.isError).toBe(true);
    expect(JSON.stringify(created.content)).toMatch(
      /user:default\/sam is not a member of group:default\/customer-data-team/,
    );
    expect(JSON.stringify(created.content)).not.toContain(DB_PASSWORD);
    expect((await connectorNames()).some(n => n.startsWith('stranger-'))).toBe(
      false,
    );
    expect((await statementNames()).some(n => n.startsWith('stranger-'))).toBe(
      false,
    );
    // No task was even started for the stranger.
    const tasks = await request(`http://localhost:${port}`)
      .get('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(STRANGER));
    expect(tasks.body.totalTasks ?? tasks.body.tasks.length).toBe(0);
  });

  it('creates the product for a member by running the template as a task, and waits for it', async () => {
    const client = await connect(MEMBER);
    const result = await client.callTool({
      name: 'scaffolder.create-data-product',
      arguments: { ...product('agent'), waitSeconds: 120 },
    });
    expect(result.isError).toBeFalsy();
    const out = body(result);
    expect(out).toMatchObject({
      taskId: expect.any(String),
      status: 'completed',
    });
    expect(out.error).toBeUndefined();
    expect(out.taskUrl).toBe(
      `http://portal.example.com/create/tasks/${out.taskId}`,
    );
    expect(JSON.stringify(result)).not.toContain(DB_PASSWORD);

    // The task is the template's, started by the caller.
    const task = await request(`http://localhost:${port}`)
      .get(`/api/scaffolder/v2/tasks/${out.taskId}`)
      .set('Authorization', mockCredentials.user.header(MEMBER));
    expect(task.body.spec.templateInfo.entityRef).toBe(
      'template:default/streaming-data-product',
    );
    expect(task.body.createdBy).toBe(MEMBER);
    expect(task.body.spec.parameters).toMatchObject({
      name: 'agent',
      owner: OWNER_TEAM,
      dbPassword: '*'.repeat(DB_PASSWORD.length),
    });
    expect(JSON.stringify(task.body)).not.toContain(DB_PASSWORD);

    // What it created, once each, in the emulator.
    expect(
      (await connectorNames()).filter(n => n.startsWith('agent-')).sort(),
    ).toEqual([
      'agent-postgres-cdc-source',
      'agent-thirty-day-customer-snapshot-postgres-sink',
    ]);
    expect(
      (await statementNames()).filter(n => n.startsWith('agent-')).sort(),
    ).toEqual([
      'agent-customer-snapshot',
      'agent-enriched-customers',
      'agent-orders-watermark',
      'agent-product-sales',
      'agent-products-with-pk',
    ]);
  }, 150_000);
});

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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentEntityProvider } from '@shiftleft/plugin-catalog-backend-module-confluent';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { scaffolderModuleConfluent } from '../module';
import { scaffolderConfluentConfig } from '../__testUtils__/actionContext';
import { McpClients } from '../__testUtils__/mcp';

/*
 * The change as an agent sees it: the scaffolder module in a backend with
 * Backstage's MCP actions backend, configured as app-config.yaml does
 * (only the change tools of the scaffolder's actions), and an MCP client
 * from the official SDK with a user's token.
 */

const OWNER = 'user:default/carla';
const STRANGER = 'user:default/sam';
const GROUPS: Record<string, string[]> = {
  [OWNER]: ['group:default/customer-data-team'],
  [STRANGER]: ['group:default/sales-analytics-team'],
};

describe('the change tools over MCP', () => {
  jest.setTimeout(60_000);
  let emu: ConfluentEmulator;
  let port: number;
  let stopBackend: () => Promise<void>;
  const mcp = new McpClients();

  beforeAll(async () => {
    emu = await startTestEmulator();
    const confluent = scaffolderConfluentConfig(emu);
    const config = new ConfigReader({
      confluent,
      catalog: { providers: { confluent: {} } },
    });
    const [provider] = ConfluentEntityProvider.fromConfig(config, {
      client: ConfluentClient.fromConfig(config),
      logger: mockServices.logger.mock(),
      schedule: { run: async () => {} },
    });
    const { entities } = await provider.read();
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleConfluent,
        eventsServiceFactory,
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogServiceMock.factory({ entities }),
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
            backend: {
              baseUrl: 'http://localhost:7007',
              actions: {
                pluginSources: ['scaffolder'],
                filter: {
                  exclude: [
                    {
                      id: 'scaffolder:!(plan-data-product-change|change-data-product)',
                    },
                  ],
                },
              },
            },
            confluent,
          },
        }),
      ],
    });
    port = (backend.server.address() as { port: number }).port;
    stopBackend = () => backend.stop();
  }, 120_000);

  afterAll(async () => {
    await mcp.closeAll();
    await stopBackend?.();
    await emu?.stop();
  }, 60_000);

  const connect = (user: string) => mcp.connect(port, user);

  const sql = `CREATE TABLE enriched_customers (PRIMARY KEY (customerid) NOT ENFORCED) AS
SELECT c.customerid, c.customername, c.email, c.segment,
  ROW(sa.street, sa.city, sa.state, sa.postalcode, sa.country) AS shipping_address,
  ROW(ba.street, ba.city, ba.state, ba.postalcode, ba.country) AS billing_address,
  c.\`$rowtime\` AS event_time, UPPER(c.segment) AS segment_code
FROM \`shiftleft.public.customers\` c
LEFT JOIN \`shiftleft.public.addresses\` sa ON c.shipping_address_id = sa.addressid
LEFT JOIN \`shiftleft.public.addresses\` ba ON c.billing_address_id = ba.addressid;`;

  it('lists only the change tools of the scaffolder, with their hints', async () => {
    const client = await connect(OWNER);
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name).sort()).toEqual([
      'scaffolder.change-data-product',
      'scaffolder.plan-data-product-change',
    ]);
    const change = tools.find(
      t => t.name === 'scaffolder.change-data-product',
    )!;
    expect(change.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(change.inputSchema.required).toEqual(['product', 'sql']);
  });

  it('plans for the owner, and refuses the change to another team', async () => {
    const owner = await connect(OWNER);
    const planned = await owner.callTool({
      name: 'scaffolder.plan-data-product-change',
      arguments: { product: 'api:default/enriched_customers', sql },
    });
    expect(planned.isError).toBeFalsy();
    const body = JSON.parse((planned.content as any)[0].text);
    expect(body).toMatchObject({
      ready: true,
      plan: { compatibility: { verdict: 'compatible' }, impact: [] },
    });

    const flink = ConfluentClient.create({
      config: scaffolderConfluentConfig(emu),
    }).flink(emu.ids.environmentId);
    const before = (await flink.listStatements()).length;
    const stranger = await connect(STRANGER);
    const refused = await stranger.callTool({
      name: 'scaffolder.change-data-product',
      arguments: { product: 'api:default/enriched_customers', sql },
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(
      /Only members of group:default\/customer-data-team/,
    );
    expect((await flink.listStatements()).length).toBe(before);
  });
});

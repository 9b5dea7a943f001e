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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentEntityProvider } from '@shiftleft/plugin-catalog-backend-module-confluent';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import {
  actionOptions,
  scaffolderConfluentConfig,
} from '../__testUtils__/actionContext';
import { registerChangeActions } from './changeRegistryActions';

/*
 * The change as an agent reaches it through the actions registry: the
 * caller's identity decides, with the same owner rules as the template.
 */

const SQL = `CREATE TABLE enriched_customers (
  PRIMARY KEY (customerid) NOT ENFORCED
) AS
SELECT c.customerid, c.customername, c.email, c.segment,
  ROW(sa.street, sa.city, sa.state, sa.postalcode, sa.country) AS shipping_address,
  ROW(ba.street, ba.city, ba.state, ba.postalcode, ba.country) AS billing_address,
  c.\`$rowtime\` AS event_time, UPPER(c.segment) AS segment_code
FROM \`shiftleft.public.customers\` c
LEFT JOIN \`shiftleft.public.addresses\` sa ON c.shipping_address_id = sa.addressid
LEFT JOIN \`shiftleft.public.addresses\` ba ON c.billing_address_id = ba.addressid;`;

describe('change actions in the actions registry', () => {
  jest.setTimeout(60_000);
  let emu: ConfluentEmulator;
  let registryFor: (
    user: string,
    groups: string[],
  ) => ReturnType<typeof actionsRegistryServiceMock>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    const config = new ConfigReader({
      confluent: scaffolderConfluentConfig(emu),
      catalog: { providers: { confluent: {} } },
    });
    const [provider] = ConfluentEntityProvider.fromConfig(config, {
      client: ConfluentClient.fromConfig(config),
      logger: mockServices.logger.mock(),
      schedule: { run: async () => {} },
    });
    const { entities } = await provider.read();
    registryFor = (user, groups) => {
      const actionsRegistry = actionsRegistryServiceMock();
      registerChangeActions({
        ...actionOptions(emu),
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        actionsRegistry,
        userInfo: mockServices.userInfo({
          userEntityRef: user,
          ownershipEntityRefs: [user, ...groups],
        }),
        logger: mockServices.logger.mock(),
      });
      return actionsRegistry;
    };
  }, 60_000);
  afterAll(() => emu?.stop());

  it('lists the plan as read-only and the change as destructive and idempotent', async () => {
    const { actions } = await registryFor('user:default/carla', []).list();
    const byName = new Map(actions.map(a => [a.name, a]));
    expect(byName.get('plan-data-product-change')?.attributes).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
    });
    expect(byName.get('change-data-product')?.attributes).toEqual({
      readOnly: false,
      destructive: true,
      idempotent: true,
    });
  });

  it('plans for the owning team, and refuses a change to anyone else', async () => {
    const owner = registryFor('user:default/carla', [
      'group:default/customer-data-team',
    ]);
    const planned = await owner.invoke({
      id: 'test:plan-data-product-change',
      input: { product: 'api:default/enriched_customers', sql: SQL },
      credentials: mockCredentials.user('user:default/carla'),
    });
    expect(planned.output).toMatchObject({
      ready: true,
      plan: {
        schemaChanges: [{ column: 'segment_code', change: 'added' }],
        compatibility: { verdict: 'compatible' },
      },
    });

    const flink = actionOptions(emu).client.flink(emu.ids.environmentId);
    const before = (await flink.listStatements()).length;
    const stranger = registryFor('user:default/sam', [
      'group:default/sales-analytics-team',
    ]);
    await expect(
      stranger.invoke({
        id: 'test:change-data-product',
        input: { product: 'api:default/enriched_customers', sql: SQL },
        credentials: mockCredentials.user('user:default/sam'),
      }),
    ).rejects.toThrow(/Only members of group:default\/customer-data-team/);
    expect((await flink.listStatements()).length).toBe(before);
  });
});

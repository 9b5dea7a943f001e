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
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderServiceMock } from '@backstage/plugin-scaffolder-node/testUtils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { actionOptions } from '../__testUtils__/actionContext';
import { loadTemplate, templateDefaults } from '../__testUtils__/template';
import {
  registerDataProductActions,
  STREAMING_DATA_PRODUCT_TEMPLATE,
} from './dataProductRegistryActions';

/*
 * create-data-product against a mock scaffolder: what it asks the
 * scaffolder for, whom it refuses before asking, and how long it waits.
 * (dataProductMcp.test.ts runs it for real, over MCP.)
 */

const MEMBER = 'user:default/carla';
const TEAM = 'group:default/customer-data-team';
const PASSWORD = 'registry-test-password-51c2';

describe('create-data-product in the actions registry', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  }, 60_000);
  afterAll(() => emu?.stop());

  function setup(options: { groups?: string[]; entities?: Entity[] } = {}) {
    const actionsRegistry = actionsRegistryServiceMock();
    const scaffolder = scaffolderServiceMock.mock({
      scaffold: jest.fn().mockResolvedValue({ taskId: 'task-1' }),
      getTask: jest
        .fn()
        .mockResolvedValue({ id: 'task-1', status: 'processing' }),
      getLogs: jest.fn().mockResolvedValue([]),
    });
    registerDataProductActions({
      ...actionOptions(emu),
      catalog: catalogServiceMock({
        entities: options.entities ?? [loadTemplate() as unknown as Entity],
      }),
      auth: mockServices.auth(),
      actionsRegistry,
      userInfo: mockServices.userInfo({
        userEntityRef: MEMBER,
        ownershipEntityRefs: [MEMBER, ...(options.groups ?? [TEAM])],
      }),
      logger: mockServices.logger.mock(),
      scaffolder,
      appBaseUrl: 'https://portal.example.com/',
      pollIntervalMs: 20,
    });
    const create = (
      input: object,
      credentials = mockCredentials.user(MEMBER),
    ) =>
      actionsRegistry.invoke({
        id: 'test:create-data-product',
        input: {
          name: 'shop',
          owner: TEAM,
          dbHost: 'db.example.com',
          dbName: 'shop',
          dbUser: 'cdc',
          dbPassword: PASSWORD,
          ...input,
        },
        credentials,
      });
    return { scaffolder, create };
  }

  it('runs the template with its defaults, the given values and the password as a secret', async () => {
    const { scaffolder, create } = setup();
    const { output } = await create({ tables: ['customers'] });
    expect(output).toEqual({
      taskId: 'task-1',
      taskUrl: 'https://portal.example.com/create/tasks/task-1',
      status: 'processing',
    });
    expect(scaffolder.scaffold).toHaveBeenCalledTimes(1);
    const [request, { credentials }] = scaffolder.scaffold.mock.calls[0];
    expect(request).toEqual({
      templateRef: STREAMING_DATA_PRODUCT_TEMPLATE,
      values: {
        ...templateDefaults(),
        name: 'shop',
        owner: TEAM,
        dbHost: 'db.example.com',
        dbName: 'shop',
        dbUser: 'cdc',
        tables: ['customers'],
        dbPassword: '*'.repeat(PASSWORD.length),
      },
      secrets: { dbPassword: PASSWORD },
    });
    expect(credentials.principal).toMatchObject({ userEntityRef: MEMBER });
    expect(JSON.stringify(output)).not.toContain(PASSWORD);
  });

  it('refuses a caller outside the owning team, or a service, before any task', async () => {
    const stranger = setup({ groups: ['group:default/sales-analytics-team'] });
    await expect(stranger.create({})).rejects.toThrow(
      /user:default\/carla is not a member of group:default\/customer-data-team/,
    );
    expect(stranger.scaffolder.scaffold).not.toHaveBeenCalled();

    const service = setup();
    await expect(
      service.create({}, mockCredentials.service('plugin:catalog') as any),
    ).rejects.toThrow(/no initiating user/);
    expect(service.scaffolder.scaffold).not.toHaveBeenCalled();
  });

  it('says so when the template is not in the catalog', async () => {
    const { scaffolder, create } = setup({ entities: [] });
    await expect(create({})).rejects.toThrow(
      /template:default\/streaming-data-product is not in the catalog/,
    );
    expect(scaffolder.scaffold).not.toHaveBeenCalled();
  });

  it('waits no longer than waitSeconds, and reports how a finished task ended', async () => {
    const { scaffolder, create } = setup();
    const started = Date.now();
    const { output } = await create({ waitSeconds: 1 });
    const waited = Date.now() - started;
    expect(output).toMatchObject({ status: 'processing' });
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(5000);
    expect(scaffolder.getTask.mock.calls.length).toBeGreaterThan(2);

    scaffolder.getTask.mockResolvedValue({
      id: 'task-1',
      status: 'failed',
    } as any);
    scaffolder.getLogs.mockResolvedValue([
      {
        type: 'completion',
        body: {
          message: 'Run failed',
          error: { message: 'The plan of shop has 1 problem' },
        },
      } as any,
    ]);
    expect((await create({ waitSeconds: 30 })).output).toMatchObject({
      status: 'failed',
      error: 'The plan of shop has 1 problem',
    });
  });
});

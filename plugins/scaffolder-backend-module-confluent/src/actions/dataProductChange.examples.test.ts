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
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentEntityProvider } from '@shiftleft/plugin-catalog-backend-module-confluent';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import {
  actionContext,
  actionOptions,
  scaffolderConfluentConfig,
} from '../__testUtils__/actionContext';
import { exampleInput } from '../__testUtils__/examples';
import {
  createConfluentDataProductChangeAction,
  createConfluentDataProductPlanChangeAction,
} from './dataProductChange';
import {
  changeExamples,
  planChangeExamples,
} from './dataProductChange.examples';

describe('change action examples', () => {
  jest.setTimeout(60_000);
  let emu: ConfluentEmulator;
  let options: Parameters<typeof createConfluentDataProductChangeAction>[0];

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
    options = {
      ...actionOptions(emu),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    };
  }, 60_000);
  afterAll(() => emu?.stop());

  it.each(planChangeExamples)(
    'should plan example: $description',
    async example => {
      const action = createConfluentDataProductPlanChangeAction(options);
      const { ctx, outputs } = actionContext({
        input: exampleInput(action, example),
      });
      await action.handler(ctx);
      expect(outputs.changePlan).toMatchObject({
        product: 'api:default/enriched_customers',
        method: { kind: 'blue-green' },
      });
    },
  );

  it.each(changeExamples)(
    'should accept example: $description',
    async example => {
      const action = createConfluentDataProductChangeAction(options);
      const input = exampleInput(action, example);
      if (input.product !== 'api:default/enriched_customers') return;
      // A dry run: plans, changes nothing.
      const { ctx, outputs } = actionContext({ input, isDryRun: true });
      await action.handler(ctx);
      expect(outputs.changePlan).toMatchObject({ problems: [] });
      expect(outputs.statementName).toBeUndefined();
    },
  );
});

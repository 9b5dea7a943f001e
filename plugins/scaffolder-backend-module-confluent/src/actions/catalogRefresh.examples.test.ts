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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { actionContext, actionOptions } from '../__testUtils__/actionContext';
import { exampleInput } from '../__testUtils__/examples';
import { createConfluentCatalogRefreshAction } from './catalogRefresh';
import { examples } from './catalogRefresh.examples';

describe('confluent:catalog:refresh examples', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: 'empty' });
  });
  afterAll(() => emu?.stop());

  it.each(examples)('should handle example: $description', async example => {
    const events = mockServices.events.mock();
    const action = createConfluentCatalogRefreshAction({
      ...actionOptions(emu, { waitTimeout: 50 }),
      events,
      catalog: catalogServiceMock(),
    });
    const input = exampleInput(action, example);
    const { ctx, outputs } = actionContext({ input });
    await action.handler(ctx);
    const count = ['connectors', 'statements', 'topics']
      .map(k => ((input[k] as string[]) ?? []).length)
      .reduce((a, b) => a + b);
    expect(events.publish).toHaveBeenCalledTimes(count);
    expect(outputs.missing).toHaveLength(count);
  });
});

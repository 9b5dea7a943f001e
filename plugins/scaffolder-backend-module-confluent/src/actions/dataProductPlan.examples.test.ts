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
  actionContext,
  actionOptions,
  EmulatorAndDatabase,
  startEmulatorAndDatabase,
} from '../__testUtils__/actionContext';
import {
  EXAMPLE_SINKS,
  exampleInput,
  onTestServer,
} from '../__testUtils__/examples';
import { createConfluentDataProductPlanAction } from './dataProductPlan';
import { examples } from './dataProductPlan.examples';

describe('confluent:dataproduct:plan examples', () => {
  let env: EmulatorAndDatabase;

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('onlinestoredb');
  }, 60_000);
  afterAll(() => env?.stop(), 60_000);

  it.each(examples)('should handle example: $description', async example => {
    const action = createConfluentDataProductPlanAction(
      actionOptions(env.emu, { sinks: EXAMPLE_SINKS }),
    );
    const input = exampleInput(action, example) as any;
    // The example's database, on this test's server.
    input.source.database = onTestServer(input.source.database, env.pg);
    const { ctx, outputs } = actionContext({
      input,
      secrets: { dbPassword: 'example-password' },
    });
    await action.handler(ctx);
    expect(outputs.ready).toBe(true);
  });
});

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
import { createConfluentConnectorCreateAction } from './connectorCreate';
import { examples } from './connectorCreate.examples';

describe('confluent:connector:create examples', () => {
  let env: EmulatorAndDatabase;

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('onlinestoredb');
  }, 60_000);
  afterAll(() => env?.stop(), 60_000);

  it.each(examples)('should handle example: $description', async example => {
    const input = exampleInput(
      createConfluentConnectorCreateAction(actionOptions(env.emu)),
      example,
    );
    const action = createConfluentConnectorCreateAction(
      actionOptions(env.emu, { sinks: EXAMPLE_SINKS }),
    );
    // A CDC source reads its database: point it at this test's server.
    const source = input.source as any;
    if (source) source.database = onTestServer(source.database, env.pg);
    const { ctx, outputs } = actionContext({
      input,
      secrets: { dbPassword: 'example-password' },
    });
    await action.handler(ctx);
    expect(outputs).toMatchObject({ action: 'create', state: 'RUNNING' });
  });
});

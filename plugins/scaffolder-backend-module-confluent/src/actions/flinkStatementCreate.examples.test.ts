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
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { actionContext, actionOptions } from '../__testUtils__/actionContext';
import { exampleInput } from '../__testUtils__/examples';
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';
import { examples } from './flinkStatementCreate.examples';

describe('confluent:flink:statement:create examples', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  }, 60_000);
  afterAll(() => emu?.stop());

  // In order: the second example reads the table the first one creates.
  it.each(examples)('should handle example: $description', async example => {
    const action = createConfluentFlinkStatementCreateAction(
      actionOptions(emu),
    );
    const { ctx, outputs } = actionContext({
      input: exampleInput(action, example),
    });
    await action.handler(ctx);
    expect(outputs).toMatchObject({ action: 'create', phase: 'RUNNING' });
  });
});

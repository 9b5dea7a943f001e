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
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { createStatusReader, DueRead, Found } from './statusReader';

describe('createStatusReader', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(async () => {
    await emu.stop();
  });

  it('reads many statements of one environment through one list page, and one alone with a GET', async () => {
    const client = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
    const environmentId = emu.ids.environmentId;
    const names = (await client.flink(environmentId).listStatements())
      .map(s => s.name)
      .slice(0, 3);
    expect(names.length).toBe(3);
    const due = (previous?: Map<string, Found>): DueRead[] =>
      [...names, 'no-such-statement'].map(name => ({
        key: name,
        watch: {
          kind: 'statement',
          target: { environmentId, name },
          watchedAt: 0,
          users: {},
        },
        previous: previous?.get(name),
      }));
    const reader = createStatusReader({
      client,
      logger: mockServices.logger.mock(),
    });

    emu.resetRequestCounts();
    const first = await reader.read(due(), new AbortController().signal);
    const found = new Map<string, Found>();
    for (const [key, result] of first) {
      if ('value' in result) found.set(key, result.value);
    }
    expect(names.every(n => found.get(n)?.details)).toBe(true);
    expect(found.get('no-such-statement')?.missing).toMatch(
      /lists no statement no-such-statement/,
    );
    // One list page, plus each statement's exceptions on its first read.
    expect(emu.requestCount('flink')).toBe(1 + names.length);

    // Steady state: the exceptions are known, so one request in all.
    emu.resetRequestCounts();
    await reader.read(due(found), new AbortController().signal);
    expect(emu.requestCount('flink')).toBe(1);

    // A single statement is cheaper with its own GET.
    emu.resetRequestCounts();
    const [one] = due(found);
    const alone = await reader.read([one], new AbortController().signal);
    expect(alone.get(one.key)).toMatchObject({ value: { details: {} } });
    expect(emu.requestCount('flink')).toBe(1);
  });
});

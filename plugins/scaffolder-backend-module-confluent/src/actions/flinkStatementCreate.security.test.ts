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
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';

/*
 * Review finding (issue 13, "whatever else a careful review finds"): a step
 * could run its statement on any compute pool its principal can reach,
 * another team's capacity and bill included. Statements run on the
 * environment's configured pool.
 */
describe('compute pools come from configuration', () => {
  let emu: ConfluentEmulator;
  let options: ReturnType<typeof actionOptions>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    options = actionOptions(emu);
  }, 60_000);
  afterAll(() => emu?.stop());

  const input = (name: string, computePoolId?: string) => ({
    name,
    owner: 'group:default/customer-data-team',
    sql: `CREATE TABLE \`${name}\` AS SELECT customerid FROM \`shiftleft.public.customers\``,
    waitForRunning: false,
    ...(computePoolId ? { computePoolId } : {}),
  });

  it('refuses a pool other than the configured one, before Confluent is asked', async () => {
    const action = createConfluentFlinkStatementCreateAction(options);
    const before = emu.requestCount('flink');
    const { ctx } = actionContext({
      input: input('sec-pool-other', 'lfcp-otherteam'),
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        `Compute pool 'lfcp-otherteam' is not the one configured for ${emu.ids.environmentId}`,
      ),
    });
    expect(emu.requestCount('flink')).toBe(before);
  });

  it('runs on the configured pool, named or not', async () => {
    const action = createConfluentFlinkStatementCreateAction(options);
    await action.handler(actionContext({ input: input('sec-pool-a') }).ctx);
    await action.handler(
      actionContext({
        input: input('sec-pool-b', emu.ids.computePoolId),
      }).ctx,
    );
    const flink = options.client.flink(emu.ids.environmentId);
    for (const name of ['sec-pool-a', 'sec-pool-b']) {
      expect((await flink.getStatement(name)).spec.compute_pool_id).toBe(
        emu.ids.computePoolId,
      );
    }
  });
});

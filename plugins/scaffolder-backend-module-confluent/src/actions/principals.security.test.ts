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
import { createConfluentConnectorCreateAction } from './connectorCreate';
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';

/*
 * Issue 16.3: a step chose its own identity (`principal: sa-orgadmin` was
 * accepted and the statement ran as it). Identity now comes from
 * configuration: a step may only pick among its owning team's principals.
 */

const TEAM = 'group:default/customer-data-team';
const OTHER_TEAM = 'group:default/platform-team';

describe('principals come from configuration (16.3)', () => {
  let emu: ConfluentEmulator;
  let teamAccounts: string[];
  let options: ReturnType<typeof actionOptions>;

  /** A service account made in the emulator, as an admin would. */
  async function createServiceAccount(name: string): Promise<string> {
    const res = await fetch(`${emu.url}/iam/v2/service-accounts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(
          `${emu.keys.cloud.key}:${emu.keys.cloud.secret}`,
        ).toString('base64')}`,
      },
      body: JSON.stringify({ display_name: name }),
    });
    expect(res.status).toBe(201);
    return (await res.json()).id;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    teamAccounts = [
      await createServiceAccount('customer-data-team loader'),
      await createServiceAccount('customer-data-team flink'),
    ];
    options = actionOptions(emu, {
      principals: [
        { team: 'customer-data-team', serviceAccounts: teamAccounts },
      ],
    });
  }, 60_000);
  afterAll(() => emu?.stop());

  const statementInput = (
    name: string,
    extra: Record<string, string> = {},
  ) => ({
    name,
    owner: TEAM,
    sql: `CREATE TABLE \`${name}\` AS SELECT customerid FROM \`shiftleft.public.customers\``,
    waitForRunning: false,
    ...extra,
  });

  // Functions: the emulator's ids exist once it runs.
  it.each<[string, () => string]>([
    ['an admin service account', () => 'sa-orgadmin'],
    ["the environment's default", () => emu.ids.serviceAccountId],
    ['a person', () => 'u-abc123'],
  ])(
    'refuses a statement whose input picks %s, before Confluent is asked',
    async (_what, principal) => {
      const action = createConfluentFlinkStatementCreateAction(options);
      const before = emu.requestCount('flink');
      const { ctx } = actionContext({
        input: statementInput('sec-principal-refused', {
          principal: principal(),
        }),
      });
      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(
          `is not a service account configured for ${TEAM}`,
        ),
      });
      expect(emu.requestCount('flink')).toBe(before);
    },
  );

  it("runs a statement as the team's configured service account, or the one it picks among them", async () => {
    const action = createConfluentFlinkStatementCreateAction(options);
    await action.handler(
      actionContext({ input: statementInput('sec-p1') }).ctx,
    );
    await action.handler(
      actionContext({
        input: statementInput('sec-p2', { principal: teamAccounts[1] }),
      }).ctx,
    );
    const flink = options.client.flink(emu.ids.environmentId);
    expect((await flink.getStatement('sec-p1')).spec.principal).toBe(
      teamAccounts[0],
    );
    expect((await flink.getStatement('sec-p2')).spec.principal).toBe(
      teamAccounts[1],
    );
  });

  it("gives a team with no mapping only the environment's default", async () => {
    const action = createConfluentFlinkStatementCreateAction(options);
    const { ctx } = actionContext({
      input: {
        ...statementInput('sec-p3'),
        owner: OTHER_TEAM,
        principal: teamAccounts[0],
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      `configured: ${emu.ids.serviceAccountId}`,
    );
  });

  it('refuses a connector whose input picks a service account outside its team, before Confluent is asked', async () => {
    const action = createConfluentConnectorCreateAction(options);
    const before = emu.requestCount('connect');
    const { ctx } = actionContext({
      input: {
        name: 'sec-principal-sink',
        type: 'postgres-sink',
        owner: TEAM,
        serviceAccountId: emu.ids.serviceAccountId,
        sink: {
          topics: ['product_sales'],
          database: {
            hostname: 'reporting.db.example.com',
            name: 'reporting',
            user: 'loader',
            passwordSecret: 'dbPassword',
          },
        },
      },
      secrets: { dbPassword: 'db-pass-8d1e' },
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        `'${emu.ids.serviceAccountId}' is not a service account configured for ${TEAM}`,
      ),
    });
    expect(emu.requestCount('connect')).toBe(before);
  });

  it("renders a connector with the team's service account", async () => {
    const action = createConfluentConnectorCreateAction(options);
    const { ctx, outputs } = actionContext({
      input: {
        name: 'sec-principal-sink',
        type: 'postgres-sink',
        owner: TEAM,
        sink: {
          topics: ['product_sales'],
          database: {
            hostname: 'reporting.db.example.com',
            name: 'reporting',
            user: 'loader',
            passwordSecret: 'dbPassword',
          },
        },
      },
      isDryRun: true,
    });
    await action.handler(ctx);
    expect(outputs.config).toMatchObject({
      'kafka.auth.mode': 'SERVICE_ACCOUNT',
      'kafka.service.account.id': teamAccounts[0],
    });
  });
});

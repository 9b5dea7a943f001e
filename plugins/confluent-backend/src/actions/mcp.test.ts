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
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  startCardsBackend,
  stopCardsBackends,
} from '../__testUtils__/cardsBackend';
import { OTHER_USER, OWNER, workshopEntities } from '../__testUtils__/fixtures';

const STATEMENT = 'enriched-customer-materializer';
const PRODUCT = 'api:default/enriched_customers';

/**
 * The suite's actions as an agent reaches them: Backstage's MCP actions
 * backend in front of the real actions registry and service, an MCP client
 * from the official SDK speaking Streamable HTTP with a user's token.
 */
describe('Confluent actions over MCP', () => {
  let emu: ConfluentEmulator;
  let upstream: ConfluentClient;
  const clients: Client[] = [];

  beforeAll(async () => {
    emu = await startTestEmulator();
    upstream = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
  });

  afterAll(async () => {
    await emu.stop();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map(c => c.close()));
    await stopCardsBackends();
    await emu.reset();
  });

  async function connect(user: string, policy?: PermissionPolicy) {
    const { server } = await startCardsBackend({
      emu,
      policy,
      entities: workshopEntities(emu),
      features: [
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
      ],
      config: { backend: { actions: { pluginSources: ['confluent'] } } },
    });
    const { port } = server.address() as { port: number };
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://localhost:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(user) },
          },
        },
      ),
    );
    clients.push(client);
    return client;
  }

  const structured = (result: any) =>
    JSON.parse((result.content as Array<{ text: string }>)[0].text);

  it('lists the tools with their schemas and hints', async () => {
    const client = await connect(OWNER);
    const { tools } = await client.listTools();
    const byName = new Map(tools.map(t => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual([
      'confluent.explain-pii-flow',
      'confluent.get-statement-status',
      'confluent.resume-statement',
      'confluent.stop-statement',
    ]);
    const status = byName.get('confluent.get-statement-status')!;
    expect(status.inputSchema.required).toEqual(['entityRef']);
    expect(status.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('confluent.stop-statement')!.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
  });

  it("reads a data product's statement status as the calling user", async () => {
    const client = await connect(OTHER_USER);
    const result = await client.callTool({
      name: 'confluent.get-statement-status',
      arguments: { entityRef: PRODUCT },
    });
    expect(result.isError).toBeFalsy();
    const body = structured(result);
    expect(body.statements).toEqual([
      expect.objectContaining({ name: STATEMENT, phase: 'RUNNING' }),
    ]);
    // An agent gets no SQL text or statement properties either.
    expect(JSON.stringify(body)).not.toMatch(/SELECT|sql\.current/);
  });

  it('explains which columns carry PII and how they were masked', async () => {
    const client = await connect(OTHER_USER);
    const body = structured(
      await client.callTool({
        name: 'confluent.explain-pii-flow',
        arguments: { entityRef: PRODUCT },
      }),
    );
    const email = body.findings.find((f: any) => f.column === 'email');
    expect(email).toMatchObject({ entityRef: PRODUCT, status: 'masked' });
    expect(email.chain.join(' ')).toMatch(/MaskField/);
  });

  it('stops a statement for its owners and refuses everyone else', async () => {
    const stranger = await connect(OTHER_USER);
    const refused = await stranger.callTool({
      name: 'confluent.stop-statement',
      arguments: { entityRef: PRODUCT, statement: STATEMENT },
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/Only the owners/);
    const flink = upstream.flink(emu.ids.environmentId);
    expect((await flink.getStatement(STATEMENT)).spec.stopped).toBe(false);

    const owner = await connect(OWNER);
    const stopped = await owner.callTool({
      name: 'confluent.stop-statement',
      arguments: { entityRef: PRODUCT, statement: STATEMENT },
    });
    expect(stopped.isError).toBeFalsy();
    expect(structured(stopped).statement.stopped).toBe(true);
    expect((await flink.getStatement(STATEMENT)).spec.stopped).toBe(true);
  });

  it('hides the changing tools from users the policy does not let manage', async () => {
    const readOnly: PermissionPolicy = {
      async handle(request): Promise<PolicyDecision> {
        return {
          result:
            request.permission.name === 'confluent.actions.manage'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        };
      },
    };
    const client = await connect(OWNER, readOnly);
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name).sort()).toEqual([
      'confluent.explain-pii-flow',
      'confluent.get-statement-status',
    ]);
    const hidden = await client.callTool({
      name: 'confluent.stop-statement',
      arguments: { entityRef: PRODUCT, statement: STATEMENT },
    });
    expect(hidden.isError).toBe(true);
    const flink = upstream.flink(emu.ids.environmentId);
    expect((await flink.getStatement(STATEMENT)).spec.stopped).toBe(false);
  });

  it('answers a bad entity ref with a clear error', async () => {
    const client = await connect(OWNER);
    const result = await client.callTool({
      name: 'confluent.get-statement-status',
      arguments: { entityRef: 'not a ref' },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/not an entity ref/);
  });
});

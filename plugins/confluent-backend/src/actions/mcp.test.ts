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
import { Entity } from '@backstage/catalog-model';
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
import { REFS, workshopFlow } from '../__testUtils__/lineageFixtures';

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

  async function connect(
    user: string,
    options: {
      policy?: PermissionPolicy;
      entities?: Entity[];
      canRead?: (user: string, entityRef: string) => boolean;
      confluent?: object;
    } = {},
  ) {
    const { server } = await startCardsBackend({
      emu,
      policy: options.policy,
      canRead: options.canRead,
      entities: options.entities ?? workshopEntities(emu),
      confluent: options.confluent,
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
      'confluent.get-column-impact',
      'confluent.get-drift',
      'confluent.get-lineage',
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

  it('reads the drift of an entity as a read-only tool', async () => {
    const client = await connect(OTHER_USER);
    const { tools } = await client.listTools();
    expect(
      tools.find(t => t.name === 'confluent.get-drift')!.annotations,
    ).toMatchObject({ readOnlyHint: true });
    const result = await client.callTool({
      name: 'confluent.get-drift',
      arguments: { entityRef: PRODUCT },
    });
    expect(result.isError).toBeFalsy();
    expect(structured(result).resources).toEqual([
      expect.objectContaining({
        kind: 'statement',
        name: STATEMENT,
        declared: false,
        drifted: false,
      }),
    ]);
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

  it('reads the status once, leaving nothing polled on the agent’s behalf', async () => {
    const client = await connect(OWNER, {
      confluent: {
        status: { pollIntervalSeconds: 0.05, idleTimeoutSeconds: 60 },
      },
    });
    const result = await client.callTool({
      name: 'confluent.get-statement-status',
      arguments: { entityRef: PRODUCT },
    });
    expect(structured(result).statements[0].phase).toBe('RUNNING');
    emu.resetRequestCounts();
    // Six poll intervals: a watch would have been read every one of them.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(emu.requestCount('flink')).toBe(0);
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
    const client = await connect(OWNER, { policy: readOnly });
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name).sort()).toEqual([
      'confluent.explain-pii-flow',
      'confluent.get-column-impact',
      'confluent.get-drift',
      'confluent.get-lineage',
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

  it("traces a column's lineage both ways, with each hop's expression", async () => {
    const client = await connect(OTHER_USER, { entities: workshopFlow() });
    const body = structured(
      await client.callTool({
        name: 'confluent.get-lineage',
        arguments: {
          entityRef: REFS.productSales,
          column: 'customername',
          depth: 3,
        },
      }),
    );
    expect(body.upstream).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityRef: REFS.enriched,
          column: 'customername',
          via: REFS.salesStatement,
          direct: true,
        }),
        expect.objectContaining({
          entityRef: REFS.customers,
          column: 'customername',
        }),
      ]),
    );
    expect(body.downstream).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entityRef: REFS.snapshot }),
        expect.objectContaining({
          entityRef: REFS.sinkTable,
          column: 'customername',
          via: REFS.pgSink,
        }),
      ]),
    );

    const total = structured(
      await client.callTool({
        name: 'confluent.get-lineage',
        arguments: { entityRef: REFS.productSales, column: 'total_amount' },
      }),
    );
    expect(total.upstream).toEqual([
      expect.objectContaining({
        entityRef: REFS.orderItems,
        column: 'quantity',
        expression: 'oi.quantity * p.price',
      }),
      expect.objectContaining({ entityRef: REFS.products, column: 'price' }),
    ]);
  });

  it('lists the impact of changing a column, hiding what the caller may not read', async () => {
    const hideSnapshot = (_user: string, ref: string) => ref !== REFS.snapshot;
    const client = await connect(OTHER_USER, {
      entities: workshopFlow(),
      canRead: hideSnapshot,
    });
    const { impact, restricted } = structured(
      await client.callTool({
        name: 'confluent.get-column-impact',
        arguments: { entityRef: REFS.enriched, column: 'customername' },
      }),
    );
    expect(impact[0]).toMatchObject({
      entityRef: REFS.productSales,
      owner: 'group:default/sales-analytics-team',
      column: 'customername',
      hops: 1,
    });
    // The snapshot is there, but the caller learns only that something
    // they may not read is downstream, not what.
    expect(restricted).toBe(1);
    expect(JSON.stringify(impact)).not.toMatch(/thirty_day_customer_snapshot/);

    const everyone = await connect(OTHER_USER, { entities: workshopFlow() });
    const full = structured(
      await everyone.callTool({
        name: 'confluent.get-column-impact',
        arguments: { entityRef: REFS.enriched, column: 'customername' },
      }),
    );
    expect(full.restricted).toBe(0);
    expect(full.impact).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entityRef: REFS.snapshot, hops: 2 }),
        expect.objectContaining({
          entityRef: REFS.sinkTable,
          hops: 3,
          sinkTable: true,
        }),
      ]),
    );
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

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
  LineageGraphResponse,
  lineageDownstream,
  lineageUpstream,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import request from 'supertest';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import {
  processEntity,
  REFS,
  topic,
  withRelations,
  workshopFlow,
} from './__testUtils__/lineageFixtures';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const graphPath = (ref: string, query = '') => {
  const [kind, rest] = ref.split(':');
  return `/api/confluent/entities/${kind}/${rest}/lineage${query}`;
};

describe('GET /entities/:kind/:namespace/:name/lineage', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });
  afterEach(async () => {
    await stopCardsBackends();
  });

  async function graphOf(
    ref: string,
    query = '',
    options: {
      user?: string;
      canRead?: (user: string, ref: string) => boolean;
      entities?: ReturnType<typeof workshopFlow>;
    } = {},
  ) {
    const { server } = await startCardsBackend({
      emu,
      entities: options.entities ?? workshopFlow(),
      canRead: options.canRead,
    });
    const res = await request(server)
      .get(graphPath(ref, query))
      .set('Authorization', mockCredentials.user.header(options.user ?? ALICE));
    return res;
  }

  const node = (graph: LineageGraphResponse, id: string) =>
    graph.nodes.find(n => n.id === id);

  it('walks two dataset hops each way by default, statements and connectors included', async () => {
    const res = await graphOf(REFS.productSales);
    expect(res.status).toBe(200);
    const graph: LineageGraphResponse = res.body;
    const ids = graph.nodes.map(n => n.id).sort();
    expect(ids).toEqual(
      [
        REFS.productSales,
        REFS.salesStatement,
        REFS.enriched,
        REFS.orderItems,
        REFS.products,
        REFS.enrichStatement,
        REFS.customers,
        REFS.snapshotStatement,
        REFS.snapshot,
        REFS.pgSink,
        REFS.sinkTable,
      ].sort(),
    );
    // The source table is three hops up: the customers topic says so.
    expect(node(graph, REFS.customers)?.more).toEqual({ upstream: true });
    expect(node(graph, REFS.sourceTable)).toBeUndefined();
    expect(node(graph, REFS.productSales)?.depth).toBe(0);
    expect(node(graph, REFS.enriched)?.depth).toBe(-1);
    expect(node(graph, REFS.sinkTable)?.depth).toBe(2);
    expect(node(graph, REFS.pgSink)).toMatchObject({
      kind: 'process',
      connector: 'shiftleft-postgres-sink',
    });
    expect(node(graph, REFS.salesStatement)).toMatchObject({
      kind: 'process',
      statement: 'product-sales-materializer',
    });
  });

  it('joins columns hop by hop with the expression and the statement of each hop', async () => {
    const graph: LineageGraphResponse = (await graphOf(REFS.productSales)).body;
    const up = lineageUpstream(graph, {
      node: REFS.productSales,
      column: 'customername',
    });
    expect(up.map(h => `${h.node}.${h.column}`)).toEqual([
      `${REFS.enriched}.customername`,
      `${REFS.customers}.customername`,
    ]);
    expect(up[0].edge).toMatchObject({
      direct: true,
      via: REFS.salesStatement,
    });
    const down = lineageDownstream(graph, {
      node: REFS.productSales,
      column: 'customername',
    });
    expect(down.map(h => `${h.node}.${h.column}`)).toEqual([
      `${REFS.snapshot}.customername`,
      `${REFS.sinkTable}.customername`,
    ]);
    expect(down[1].edge?.via).toBe(REFS.pgSink);

    const total = lineageUpstream(graph, {
      node: REFS.productSales,
      column: 'total_amount',
    });
    expect(total.map(h => `${h.node}.${h.column}`).sort()).toEqual([
      `${REFS.products}.price`,
      `${REFS.orderItems}.quantity`,
    ]);
    expect(total[0].edge).toMatchObject({
      direct: false,
      expression: 'oi.quantity * p.price',
    });
    // The source datasets list the columns read from them.
    expect(node(graph, REFS.orderItems)?.columns).toEqual([
      { name: 'quantity' },
    ]);
  });

  it('marks inputs a condition only tests as indirect, value inputs as direct', async () => {
    const graph: LineageGraphResponse = (await graphOf(REFS.productSales)).body;
    const into = (column: string) =>
      graph.edges.filter(
        e => e.target === REFS.productSales && e.targetColumn === column,
      );
    // CASE WHEN oi.quantity >= 10 THEN 'bulk' ELSE 'single' END
    expect(into('order_size')).toEqual([
      expect.objectContaining({
        kind: 'column',
        source: REFS.orderItems,
        sourceColumn: 'quantity',
        input: 'indirect',
        direct: false,
        expression: "CASE WHEN oi.quantity >= 10 THEN 'bulk' ELSE 'single' END",
        via: REFS.salesStatement,
      }),
    ]);
    expect(into('total_amount').map(e => e.input)).toEqual([
      'direct',
      'direct',
    ]);
    expect(into('customername')).toEqual([
      expect.objectContaining({ input: 'direct', direct: true }),
    ]);
    // price is the value and its condition: one edge, a direct one.
    expect(into('list_price')).toEqual([
      expect.objectContaining({ sourceColumn: 'price', input: 'direct' }),
    ]);
    // The path of a column follows its indirect inputs too.
    expect(
      lineageUpstream(graph, {
        node: REFS.productSales,
        column: 'order_size',
      }).map(h => `${h.node}.${h.column}`),
    ).toEqual([`${REFS.orderItems}.quantity`]);
  });

  it('carries the PII status and chain the schema card shows', async () => {
    const graph: LineageGraphResponse = (
      await graphOf(REFS.enriched, '?depth=1')
    ).body;
    const email = node(graph, REFS.enriched)?.columns.find(
      c => c.name === 'email',
    );
    expect(email?.pii).toMatchObject({ status: 'masked', replacement: '****' });
    expect(email?.pii?.chain.map(s => s.how)).toEqual(['smt', 'statement']);
    const masked = lineageUpstream(graph, {
      node: REFS.enriched,
      column: 'email',
    });
    expect(masked.map(h => `${h.node}.${h.column}`)).toEqual([
      `${REFS.customers}.email`,
    ]);
  });

  it('follows the depth asked for: none, one hop, or all of it', async () => {
    const none: LineageGraphResponse = (
      await graphOf(REFS.productSales, '?depth=0')
    ).body;
    expect(none.nodes.map(n => n.id)).toEqual([REFS.productSales]);
    expect(none.nodes[0].more).toEqual({ upstream: true, downstream: true });

    const oneUp: LineageGraphResponse = (
      await graphOf(REFS.productSales, '?upstream=1&downstream=0')
    ).body;
    expect(oneUp.nodes.map(n => n.id).sort()).toEqual(
      [
        REFS.productSales,
        REFS.salesStatement,
        REFS.enriched,
        REFS.orderItems,
        REFS.products,
      ].sort(),
    );

    const all: LineageGraphResponse = (
      await graphOf(REFS.productSales, '?depth=all')
    ).body;
    expect(node(all, REFS.sourceTable)?.depth).toBe(-3);
    expect(node(all, REFS.cdc)?.depth).toBe(-2.5);
    expect(
      lineageUpstream(all, { node: REFS.productSales, column: 'customername' })
        .map(h => h.node)
        .pop(),
    ).toBe(REFS.sourceTable);
    expect(all.nodes.some(n => n.more)).toBe(false);
  });

  it('shows entities the caller may not read as restricted, nameless nodes and does not walk past them', async () => {
    const res = await graphOf(REFS.productSales, '?depth=all', {
      user: BOB,
      canRead: (user, ref) =>
        user === ALICE || ref !== 'api:default/enriched_customers',
    });
    expect(res.status).toBe(200);
    const graph: LineageGraphResponse = res.body;
    const hidden = graph.nodes.filter(n => n.kind === 'restricted');
    expect(hidden).toEqual([
      { id: 'restricted:1', kind: 'restricted', depth: -1, columns: [] },
    ]);
    // Nothing beyond it, and its name appears nowhere in the answer.
    expect(node(graph, REFS.enrichStatement)).toBeUndefined();
    expect(node(graph, REFS.customers)).toBeUndefined();
    expect(JSON.stringify(graph)).not.toContain('enriched_customers');
    // The edge into product_sales still shows where customername comes from.
    expect(
      lineageUpstream(graph, {
        node: REFS.productSales,
        column: 'customername',
      }),
    ).toEqual([
      expect.objectContaining({ node: 'restricted:1', column: undefined }),
    ]);
    // The rest of the flow is whole.
    expect(node(graph, REFS.sinkTable)).toBeDefined();

    // Alice reads it all.
    const alice: LineageGraphResponse = (
      await graphOf(REFS.productSales, '?depth=all', {
        canRead: (user, ref) =>
          user === ALICE || ref !== 'api:default/enriched_customers',
      })
    ).body;
    expect(alice.nodes.some(n => n.kind === 'restricted')).toBe(false);
    expect(node(alice, REFS.enriched)?.title).toBe('enriched_customers');
  });

  it('answers 404 for a root the caller may not read, and 400 for a bad depth', async () => {
    const denied = await graphOf(REFS.enriched, '', {
      user: BOB,
      canRead: (_user, ref) => ref !== REFS.enriched,
    });
    expect(denied.status).toBe(404);
    expect(JSON.stringify(denied.body)).not.toContain('customername');

    const bad = await graphOf(REFS.enriched, '?depth=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    const tooDeep = await graphOf(REFS.enriched, '?depth=1000');
    expect(tooDeep.status).toBe(400);
  });

  it('ends on cycles, listing each entity once', async () => {
    // a → s1 → b → s2 → a: a statement writing back into its own input.
    const a = 'api:default/cycle_a';
    const b = 'api:default/cycle_b';
    const s1 = 'component:default/cycle-s1';
    const s2 = 'component:default/cycle-s2';
    const entities = withRelations([
      topic('cycle_a', {
        producedBy: [s2],
        feeds: [s1],
        columns: [
          {
            column: 'x',
            sources: [{ entityRef: b, column: 'x' }],
            direct: true,
            via: s2,
          },
        ],
      }),
      processEntity('statement', 'cycle-s1', [b]),
      topic('cycle_b', {
        producedBy: [s1],
        feeds: [s2],
        columns: [
          {
            column: 'x',
            sources: [{ entityRef: a, column: 'x' }],
            direct: true,
            via: s1,
          },
        ],
      }),
      processEntity('statement', 'cycle-s2', [a]),
    ]);
    const res = await graphOf(a, '?depth=all', { entities });
    expect(res.status).toBe(200);
    const graph: LineageGraphResponse = res.body;
    expect(graph.nodes.map(n => n.id).sort()).toEqual([a, b, s1, s2].sort());
    expect(
      graph.edges
        .filter(e => e.kind === 'column')
        .map(e => e.id)
        .sort(),
    ).toEqual([`col:${a}.x->${b}.x`, `col:${b}.x->${a}.x`]);
    // The walk around the loop stops where it started.
    expect(
      lineageDownstream(graph, { node: a, column: 'x' }).map(h => h.node),
    ).toEqual([b]);
  });
});

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
import { screen } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { LineageGraphResponse } from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, dataProduct, renderCard } from '../../__testUtils__/render';
import { LineageGraphView } from './LineageGraphView';

const server = setupServer();
registerMswTestHooks(server);

// What React Flow needs from a browser that jsdom lacks.
beforeAll(() => {
  (globalThis as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  (globalThis as any).DOMMatrixReadOnly ??= class {
    m22 = 1;
  };
});

const A = 'api:default/payments';
const B = 'api:default/enriched_customers';
const S = 'component:default/payment-kinds';

const graph: LineageGraphResponse = {
  root: B,
  upstream: 2,
  downstream: 2,
  nodes: [
    {
      id: A,
      kind: 'dataset',
      depth: -1,
      entityRef: A,
      title: 'payments',
      columns: [{ name: 'id' }, { name: 'cc_number' }],
    },
    {
      id: S,
      kind: 'process',
      depth: -0.5,
      entityRef: S,
      title: 'kinds',
      columns: [],
    },
    {
      id: B,
      kind: 'dataset',
      depth: 0,
      entityRef: B,
      title: 'enriched_customers',
      columns: [{ name: 'id' }, { name: 'payment' }],
    },
  ],
  edges: [
    { id: 'f1', kind: 'flow', source: A, target: S },
    { id: 'f2', kind: 'flow', source: S, target: B },
    {
      id: 'direct-id',
      kind: 'column',
      source: A,
      sourceColumn: 'id',
      target: B,
      targetColumn: 'id',
      direct: true,
      input: 'direct',
      expression: 'id',
      via: S,
    },
    {
      id: 'indirect-payment',
      kind: 'column',
      source: A,
      sourceColumn: 'cc_number',
      target: B,
      targetColumn: 'payment',
      direct: false,
      input: 'indirect',
      expression: "CASE WHEN cc_number IS NOT NULL THEN 'CARD' END",
      via: S,
    },
  ],
};

describe('LineageGraphView', () => {
  it('says it is laying the graph out, then draws it, with the legend for dashed edges', async () => {
    server.use(
      http.get(`${BASE}/entities/API/default/enriched_customers/lineage`, () =>
        HttpResponse.json(graph),
      ),
      http.get(`${BASE}/entities/:kind/default/:name/statements`, () =>
        HttpResponse.json({
          statements: [],
          refresh: { pollIntervalSeconds: 0, watchLeaseSeconds: 0 },
        }),
      ),
    );
    await renderCard(<LineageGraphView entityRef={B} height={600} />, {
      entity: dataProduct(),
    });
    expect(
      await screen.findByText('Laying out 3 boxes and 4 columns…'),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('lineage-column-enriched_customers.payment'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('lineage-loading')).not.toBeInTheDocument();

    // React Flow draws edges once it has measured the handles, which
    // jsdom cannot do: their dashes are tested in edgeStyle.test.ts and in
    // Chromium (e2e-tests/lineage.spec.ts).
    expect(
      screen.getByText(/dashed: only tested by a condition/),
    ).toBeInTheDocument();
  });
});

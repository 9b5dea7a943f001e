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
import { LineageGraphResponse } from '@shiftleft/plugin-confluent-common';
import { BOX, layoutLineage } from './layout';

const dataset = (id: string, columns: string[], depth: number) => ({
  id,
  kind: 'dataset' as const,
  depth,
  entityRef: id,
  title: id,
  columns: columns.map(name => ({ name })),
});

// table → cdc → topic → statement → product, with column edges across.
const graph: Pick<LineageGraphResponse, 'nodes' | 'edges'> = {
  nodes: [
    dataset('resource:default/table', ['id', 'email'], -2),
    { id: 'component:default/cdc', kind: 'process', depth: -1.5, columns: [] },
    dataset('api:default/topic', ['id', 'email'], -1),
    { id: 'component:default/stmt', kind: 'process', depth: -0.5, columns: [] },
    dataset('api:default/product', ['id', 'email', 'total'], 0),
    { id: 'restricted:1', kind: 'restricted', depth: 1, columns: [] },
  ],
  edges: [
    {
      id: 'f1',
      kind: 'flow',
      source: 'resource:default/table',
      target: 'component:default/cdc',
    },
    {
      id: 'f2',
      kind: 'flow',
      source: 'component:default/cdc',
      target: 'api:default/topic',
    },
    {
      id: 'f3',
      kind: 'flow',
      source: 'api:default/topic',
      target: 'component:default/stmt',
    },
    {
      id: 'f4',
      kind: 'flow',
      source: 'component:default/stmt',
      target: 'api:default/product',
    },
    {
      id: 'f5',
      kind: 'flow',
      source: 'api:default/product',
      target: 'restricted:1',
    },
    ...['id', 'email'].flatMap(c => [
      {
        id: `t-${c}`,
        kind: 'column' as const,
        source: 'resource:default/table',
        sourceColumn: c,
        target: 'api:default/topic',
        targetColumn: c,
        direct: true,
      },
      {
        id: `p-${c}`,
        kind: 'column' as const,
        source: 'api:default/topic',
        sourceColumn: c,
        target: 'api:default/product',
        targetColumn: c,
        direct: true,
      },
    ]),
    {
      id: 'r',
      kind: 'column',
      source: 'api:default/product',
      sourceColumn: 'total',
      target: 'restricted:1',
      direct: false,
    },
  ],
};

describe('layoutLineage', () => {
  it('places the flow left to right, each box sized for its columns', async () => {
    const placed = await layoutLineage(graph);
    const x = (id: string) => placed.find(p => p.node.id === id)!.x;
    const order = [
      'resource:default/table',
      'component:default/cdc',
      'api:default/topic',
      'component:default/stmt',
      'api:default/product',
      'restricted:1',
    ].map(x);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order).size).toBe(order.length);
    const product = placed.find(p => p.node.id === 'api:default/product')!;
    expect(product.height).toBe(BOX.headerHeight + 3 * BOX.rowHeight);
    expect(product.width).toBe(BOX.datasetWidth);
  });
});

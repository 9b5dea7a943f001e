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
  LineageGraphEdge,
  LineageGraphResponse,
  lineageImpact,
  lineageImpactCsv,
  lineageUpstream,
} from './lineageGraph';

const edge = (
  source: string,
  sourceColumn: string,
  target: string,
  targetColumn: string,
  extra: Partial<LineageGraphEdge> = {},
): LineageGraphEdge => ({
  id: `${source}.${sourceColumn}->${target}.${targetColumn}`,
  kind: 'column',
  source,
  sourceColumn,
  target,
  targetColumn,
  direct: true,
  via: 's',
  ...extra,
});

// a.x → b.x (copied) → c.y (computed) → t.y (copied, a sink table)
const graph: LineageGraphResponse = {
  root: 'a',
  upstream: 2,
  downstream: 2,
  nodes: [
    {
      id: 'a',
      kind: 'dataset',
      depth: 0,
      entityRef: 'api:default/a',
      title: 'a',
      type: 'data-product',
      owner: 'group:default/x',
      columns: [{ name: 'x' }],
    },
    {
      id: 'b',
      kind: 'dataset',
      depth: 1,
      entityRef: 'api:default/b',
      title: 'b',
      type: 'data-product',
      owner: 'group:default/y',
      columns: [{ name: 'x' }],
    },
    {
      id: 'c',
      kind: 'dataset',
      depth: 2,
      entityRef: 'api:default/c',
      title: 'c',
      type: 'data-product',
      owner: 'group:default/y',
      columns: [{ name: 'y' }],
    },
    {
      id: 't',
      kind: 'dataset',
      depth: 3,
      entityRef: 'resource:default/t',
      title: 't',
      type: 'database-table',
      owner: 'group:default/z',
      columns: [{ name: 'y' }],
    },
    {
      id: 's',
      kind: 'process',
      depth: 0.5,
      entityRef: 'component:default/s',
      title: 's',
      columns: [],
    },
  ],
  edges: [
    edge('a', 'x', 'b', 'x'),
    edge('b', 'x', 'c', 'y', { direct: false, expression: '=HYPERLINK("x")' }),
    edge('c', 'y', 't', 'y'),
  ],
};

describe('lineageImpact', () => {
  it('lists every column downstream with its owner, distance and whether it is still a copy', () => {
    const rows = lineageImpact(graph, { node: 'a', column: 'x' });
    expect(
      rows.map(r => [r.entityRef, r.column, r.hops, r.direct, r.sinkTable]),
    ).toEqual([
      ['api:default/b', 'x', 1, true, false],
      ['api:default/c', 'y', 2, false, false],
      ['resource:default/t', 'y', 3, false, true],
    ]);
    expect(rows[1]).toMatchObject({
      owner: 'group:default/y',
      via: 'component:default/s',
    });
  });

  it('covers every column of an entity when no column is given', () => {
    expect(lineageImpact(graph, { node: 'b' }).map(r => r.entityRef)).toEqual([
      'api:default/c',
      'resource:default/t',
    ]);
  });

  it('writes CSV a spreadsheet cannot run as formulas', () => {
    const csv = lineageImpactCsv(
      lineageImpact(graph, { node: 'a', column: 'x' }),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'entityRef,title,type,owner,column,direct,expression,via,hops,sinkTable',
    );
    expect(lines[2]).toContain(',"\'=HYPERLINK(""x"")",');
    expect(lines[3]).toMatch(/,database-table,.*,true$/);
  });
});

describe('lineageUpstream', () => {
  it('walks back to the origin, nearest hop first', () => {
    expect(
      lineageUpstream(graph, { node: 't', column: 'y' }).map(
        h => `${h.node}.${h.column}`,
      ),
    ).toEqual(['c.y', 'b.x', 'a.x']);
  });
});

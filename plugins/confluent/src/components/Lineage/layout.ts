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
import type { ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type {
  LineageGraphNode,
  LineageGraphResponse,
} from '@shiftleft/plugin-confluent-common';
import {
  dropSharedWorkerLayoutEngine,
  inThreadLayoutEngine,
  LayoutEngine,
  LayoutWorkerError,
  sharedWorkerLayoutEngine,
} from './layoutEngine';

/*
 * The graph's layout, by ELK's layered algorithm (made for data-flow
 * diagrams with ports): datasets and processes in layers left to right, each
 * column a port at a fixed place on its box, so ELK orders boxes to keep the
 * column edges from crossing.
 */

/** Box geometry in pixels; the node components draw to the same sizes. */
export const BOX = {
  datasetWidth: 300,
  processWidth: 240,
  restrictedWidth: 200,
  headerHeight: 56,
  rowHeight: 30,
  processHeight: 72,
  restrictedHeight: 56,
};

/** A node's box with the position ELK gave it. */
export interface PlacedNode {
  node: LineageGraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxSize(node: LineageGraphNode): {
  width: number;
  height: number;
} {
  if (node.kind === 'process') {
    return { width: BOX.processWidth, height: BOX.processHeight };
  }
  if (node.kind === 'restricted') {
    return { width: BOX.restrictedWidth, height: BOX.restrictedHeight };
  }
  return {
    width: BOX.datasetWidth,
    height: BOX.headerHeight + Math.max(1, node.columns.length) * BOX.rowHeight,
  };
}

/** Port ids: `<node>|in|<column>`, `<node>|out|<column>`; no column → box. */
export function portId(node: string, side: 'in' | 'out', column?: string) {
  return `${node}|${side}|${column ?? ''}`;
}

/** The graph as ELK's input: boxes with a port per column, edges port to port. */
export function toElkGraph(
  graph: Pick<LineageGraphResponse, 'nodes' | 'edges'>,
): ElkNode {
  const children: ElkNode[] = graph.nodes.map(node => {
    const { width, height } = boxSize(node);
    const middle = node.kind === 'dataset' ? BOX.headerHeight / 2 : height / 2;
    const ports: ElkPort[] = [
      {
        id: portId(node.id, 'in'),
        x: 0,
        y: middle,
        layoutOptions: { 'elk.port.side': 'WEST' },
      },
      {
        id: portId(node.id, 'out'),
        x: width,
        y: middle,
        layoutOptions: { 'elk.port.side': 'EAST' },
      },
    ];
    node.columns.forEach((column, i) => {
      const y = BOX.headerHeight + (i + 0.5) * BOX.rowHeight;
      ports.push(
        {
          id: portId(node.id, 'in', column.name),
          x: 0,
          y,
          layoutOptions: { 'elk.port.side': 'WEST' },
        },
        {
          id: portId(node.id, 'out', column.name),
          x: width,
          y,
          layoutOptions: { 'elk.port.side': 'EAST' },
        },
      );
    });
    return {
      id: node.id,
      width,
      height,
      ports,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    };
  });
  const known = new Set(children.flatMap(c => c.ports!.map(p => p.id)));
  const edges = graph.edges
    .map(edge => ({
      id: edge.id,
      sources: [portId(edge.source, 'out', edge.sourceColumn)],
      targets: [portId(edge.target, 'in', edge.targetColumn)],
    }))
    .filter(e => known.has(e.sources[0]) && known.has(e.targets[0]));
  return {
    id: 'lineage',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '100',
      'elk.spacing.nodeNode': '32',
      // Brandes-Köpf placement with one sweep lays out a 100-box, 260-port
      // graph about 5 times faster than network simplex with the default
      // thoroughness (bench:lineage-graph), for a layout as readable.
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.thoroughness': '1',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    },
    children,
    edges,
  };
}

const inThread = inThreadLayoutEngine();

/**
 * Starts the page's layout worker ahead of the first layout, so it loads
 * ELK while the graph is read rather than after.
 */
export function warmUpLayout() {
  sharedWorkerLayoutEngine();
}

/** Options of {@link layoutLineage}. */
export interface LayoutLineageOptions {
  /**
   * Where ELK runs. Default: the page's shared Web Worker, or the calling
   * thread where there is none (jsdom, Node) or it failed.
   */
  engine?: LayoutEngine;
}

/** Lays the graph out left to right; resolves to every box's position. */
export async function layoutLineage(
  graph: Pick<LineageGraphResponse, 'nodes' | 'edges'>,
  options: LayoutLineageOptions = {},
): Promise<PlacedNode[]> {
  const input = toElkGraph(graph);
  let laid: ElkNode | undefined;
  const engine = options.engine ?? (await sharedWorkerLayoutEngine());
  if (engine) {
    try {
      laid = await engine.layout(input);
    } catch (error) {
      if (!(error instanceof LayoutWorkerError)) throw error;
      // The worker could not start or died: lay out here, and stop
      // trying the worker on this page.
      if (!options.engine) dropSharedWorkerLayoutEngine();
    }
  }
  laid ??= await inThread.layout(input);
  const byId = new Map(graph.nodes.map(n => [n.id, n]));
  return (laid.children ?? []).map(child => ({
    node: byId.get(child.id)!,
    x: child.x ?? 0,
    y: child.y ?? 0,
    width: child.width ?? 0,
    height: child.height ?? 0,
  }));
}

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
import { useCallback, useMemo } from 'react';
import { LineageGraphResponse } from '@shiftleft/plugin-confluent-common';
import { useTheme } from '@mui/material/styles';
import {
  Background,
  Controls,
  type Edge,
  type Node,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useConfluentT } from '../../translation';
import { lineageEdgeStyle } from './edgeStyle';
import { PlacedNode, portId } from './layout';
import { LineageSelection, NODE_TYPES, SelectionContext } from './nodes';

/** From this many boxes on, only what is on screen is drawn. */
const LARGE_GRAPH_NODES = 60;

/** Below this zoom the 14 px column labels would shrink under 12 px. */
const READABLE_ZOOM = 0.86;

/** The laid-out graph in React Flow, with the selected path highlighted. */
export function Canvas(props: {
  graph: LineageGraphResponse;
  placed: PlacedNode[];
  selection: LineageSelection;
  pathEdges: Set<string>;
}) {
  const { graph, placed, selection, pathEdges } = props;
  const theme = useTheme();
  const flow = useReactFlow();
  const t = useConfluentT();

  const nodes: Node[] = useMemo(
    () =>
      placed.map(p => ({
        id: p.node.id,
        type: p.node.kind,
        position: { x: p.x, y: p.y },
        data: { node: p.node, root: p.node.id === graph.root },
        draggable: false,
        selectable: false,
        connectable: false,
        width: p.width,
        height: p.height,
        // Not selectable or draggable, yet its columns and links are
        // clickable: React Flow would otherwise let clicks through.
        style: { pointerEvents: 'all' as const },
      })),
    [placed, graph.root],
  );

  const edges: Edge[] = useMemo(() => {
    const active = !!selection.selected;
    const palette = {
      flow: theme.palette.text.disabled,
      column: theme.palette.text.secondary,
      path: theme.palette.primary.main,
    };
    return graph.edges.map(edge => {
      const onPath = pathEdges.has(edge.id);
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        sourceHandle: portId(edge.source, 'out', edge.sourceColumn),
        targetHandle: portId(edge.target, 'in', edge.targetColumn),
        selectable: false,
        focusable: false,
        zIndex: onPath ? 10 : 0,
        style: lineageEdgeStyle(edge, { palette, onPath, active }),
        data: { kind: edge.kind, input: edge.input },
      };
    });
  }, [graph.edges, pathEdges, selection.selected, theme]);

  // The first view: everything when it fits at a readable zoom, otherwise
  // the root at the smallest readable zoom (fit-to-screen shows it all).
  const onInit = useCallback(() => {
    const root = placed.find(p => p.node.id === graph.root);
    const width = Math.max(...placed.map(p => p.x + p.width));
    const height = Math.max(...placed.map(p => p.y + p.height));
    const pane = document.querySelector('.react-flow');
    const fit = pane
      ? Math.min(
          pane.clientWidth / (width + 80),
          pane.clientHeight / (height + 80),
        )
      : 1;
    if (fit >= READABLE_ZOOM || !root) {
      flow.fitView({ padding: 0.05, maxZoom: 1, minZoom: READABLE_ZOOM });
    } else {
      // Centred on the root, but with its header in view when the root is
      // taller than the pane.
      const paneHeight = (pane?.clientHeight ?? 600) / READABLE_ZOOM;
      const y =
        root.height + 40 > paneHeight
          ? root.y - 20 + paneHeight / 2
          : root.y + root.height / 2;
      flow.setCenter(root.x + root.width / 2, y, { zoom: READABLE_ZOOM });
    }
  }, [flow, placed, graph.root]);

  return (
    <SelectionContext.Provider value={selection}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES as any}
        onInit={onInit}
        minZoom={0.1}
        maxZoom={2}
        // A large graph draws only the boxes and edges on screen, so
        // panning stays smooth; small ones draw everything at once.
        onlyRenderVisibleElements={placed.length > LARGE_GRAPH_NODES}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        aria-label={t('lineage.graphLabel')}
      >
        <Background gap={24} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.05 }} />
      </ReactFlow>
    </SelectionContext.Provider>
  );
}

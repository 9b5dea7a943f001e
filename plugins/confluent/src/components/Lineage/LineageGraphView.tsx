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
import { useCallback, useEffect, useMemo, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  LINEAGE_GRAPH_DEFAULT_DEPTH,
  lineageDownstream,
  LineageGraphResponse,
  lineageUpstream,
} from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import {
  Background,
  Controls,
  type Edge,
  type Node,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import useAsync from 'react-use/esm/useAsync';
import { confluentApiRef } from '../../api/ConfluentApi';
import { ColumnDetails } from './ColumnDetails';
import { lineageEdgeStyle } from './edgeStyle';
import { ImpactDownload } from './ImpactDownload';
import { layoutLineage, PlacedNode, portId, warmUpLayout } from './layout';
import {
  columnKey,
  LineageSelection,
  NODE_TYPES,
  SelectionContext,
} from './nodes';

/** The depths offered; `all` walks the whole flow. */
const DEPTHS: Array<number | 'all'> = [1, 2, 3, 5, 'all'];

/** From this many boxes on, only what is on screen is drawn. */
const LARGE_GRAPH_NODES = 60;

/** Below this zoom the 14 px column labels would shrink under 12 px. */
const READABLE_ZOOM = 0.86;

/** Props of {@link LineageGraphView}. */
export interface LineageGraphViewProps {
  /** The entity the graph is centred on. */
  entityRef: string;
  /** A column of it to select first (from `?column=` links). */
  column?: string;
  /** Called when the selection changes, to keep it in the URL. */
  onSelect?(selection?: { node: string; column: string }): void;
  /** The canvas height. Default: the window less the page chrome. */
  height?: number | string;
}

function Canvas(props: {
  graph: LineageGraphResponse;
  placed: PlacedNode[];
  selection: LineageSelection;
  pathEdges: Set<string>;
}) {
  const { graph, placed, selection, pathEdges } = props;
  const theme = useTheme();
  const flow = useReactFlow();

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
        aria-label="Column lineage graph"
      >
        <Background gap={24} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.05 }} />
      </ReactFlow>
    </SelectionContext.Provider>
  );
}

const countColumns = (graph: LineageGraphResponse) =>
  graph.nodes.reduce((n, node) => n + node.columns.length, 0);

function LoadingState(props: { text: string }) {
  return (
    <Box
      role="status"
      aria-live="polite"
      data-testid="lineage-loading"
      sx={{ p: 2 }}
    >
      <Typography sx={{ fontSize: 14, mb: 1 }} color="text.secondary">
        {props.text}
      </Typography>
      <Progress />
    </Box>
  );
}

function FitButton() {
  const flow = useReactFlow();
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<FitScreenIcon />}
      onClick={() => flow.fitView({ padding: 0.05, duration: 200 })}
    >
      Fit to screen
    </Button>
  );
}

/**
 * The column lineage graph around an entity: boxes for topics, tables,
 * statements and connectors laid out left to right by ELK, column-to-column
 * edges (inputs whose value flows in solid, inputs only a condition tests
 * dashed), and, for the selected column, its whole upstream and downstream
 * path with each hop's expression and the statement or connector that did
 * it. ELK runs in a Web Worker, so the page answers while a large graph is
 * laid out.
 * @public
 */
export function LineageGraphView(props: LineageGraphViewProps) {
  const { entityRef, onSelect } = props;
  const api = useApi(confluentApiRef);
  const [depth, setDepth] = useState<number | 'all'>(
    LINEAGE_GRAPH_DEFAULT_DEPTH,
  );
  const [selected, setSelected] = useState<
    { node: string; column: string } | undefined
  >();

  useEffect(warmUpLayout, []);
  const fetched = useAsync(
    () =>
      api.getLineageGraph(parseEntityRef(entityRef), {
        upstream: depth,
        downstream: depth,
      }),
    [api, entityRef, depth],
  );
  // Laid out apart from the fetch, in a Web Worker: a large graph takes ELK
  // a second or more, and the page stays responsive meanwhile.
  const laidOut = useAsync(async () => {
    const laying = fetched.value;
    return laying
      ? { graph: laying, placed: await layoutLineage(laying) }
      : undefined;
  }, [fetched.value]);
  // Until the layout of the graph just read is done, nothing is drawn: the
  // previous layout's boxes would not match its edges.
  const drawn =
    laidOut.value && laidOut.value.graph === fetched.value
      ? laidOut.value
      : undefined;
  const layingOut = !!fetched.value && !drawn && !laidOut.error;
  const state = {
    error: fetched.error ?? laidOut.error,
    value: drawn,
  };

  // A `?column=` link selects that column of the root once it is drawn.
  const graph = state.value?.graph;
  useEffect(() => {
    if (!graph) return;
    const root = graph.nodes.find(n => n.id === graph.root);
    setSelected(current => {
      if (current && graph.nodes.some(n => n.id === current.node)) {
        return current;
      }
      return props.column && root?.columns.some(c => c.name === props.column)
        ? { node: root.id, column: props.column }
        : undefined;
    });
  }, [graph, props.column]);

  const select = useCallback(
    (node: string, column: string) => {
      setSelected({ node, column });
      onSelect?.({ node, column });
    },
    [onSelect],
  );
  const clear = useCallback(() => {
    setSelected(undefined);
    onSelect?.(undefined);
  }, [onSelect]);

  const path = useMemo(() => {
    if (!graph || !selected) {
      return {
        upstream: [],
        downstream: [],
        keys: new Set<string>(),
        edges: new Set<string>(),
      };
    }
    const upstream = lineageUpstream(graph, selected);
    const downstream = lineageDownstream(graph, selected);
    const hops = [...upstream, ...downstream];
    return {
      upstream,
      downstream,
      keys: new Set(hops.map(h => columnKey(h.node, h.column ?? ''))),
      edges: new Set(hops.map(h => h.edge!.id)),
    };
  }, [graph, selected]);

  const selection: LineageSelection = useMemo(
    () => ({ selected, onPath: path.keys, select }),
    [selected, path.keys, select],
  );

  let body;
  if (fetched.loading) {
    body = <LoadingState text="Reading the lineage…" />;
  } else if (layingOut && fetched.value) {
    body = (
      <LoadingState
        text={`Laying out ${
          fetched.value.nodes.length
        } boxes and ${countColumns(fetched.value)} columns…`}
      />
    );
  } else if (state.error) {
    body = <ResponseErrorPanel error={state.error} />;
  } else if (
    state.value &&
    state.value.graph.nodes.length <= 1 &&
    !state.value.graph.nodes[0]?.columns.length
  ) {
    body = (
      <EmptyState
        missing="data"
        title="No lineage known"
        description="Nothing in Confluent reads or writes this entity, and no column lineage is recorded for it."
      />
    );
  } else if (state.value) {
    body = (
      <Box sx={{ display: 'flex', height: '100%' }}>
        <Box sx={{ flexGrow: 1, position: 'relative' }}>
          <Canvas
            graph={state.value.graph}
            placed={state.value.placed}
            selection={selection}
            pathEdges={path.edges}
          />
        </Box>
        {selected && (
          <ColumnDetails
            graph={state.value.graph}
            selected={selected}
            upstream={path.upstream}
            downstream={path.downstream}
            onClose={clear}
            actions={
              <ImpactDownload
                entityRef={
                  state.value.graph.nodes.find(n => n.id === selected.node)
                    ?.entityRef ?? entityRef
                }
                column={selected.column}
              />
            }
          />
        )}
      </Box>
    );
  }

  return (
    <ReactFlowProvider>
      <Stack spacing={1}>
        <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap">
          <FormControl size="small" sx={{ minWidth: 120 }}>
            <InputLabel id="lineage-depth-label">Depth</InputLabel>
            <Select
              labelId="lineage-depth-label"
              label="Depth"
              value={String(depth)}
              onChange={e =>
                setDepth(
                  e.target.value === 'all' ? 'all' : Number(e.target.value),
                )
              }
            >
              {DEPTHS.map(d => (
                <MenuItem key={d} value={String(d)}>
                  {d === 'all' ? 'Whole flow' : `${d} hop${d === 1 ? '' : 's'}`}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FitButton />
          {!selected && <ImpactDownload entityRef={entityRef} />}
          <Box sx={{ flexGrow: 1 }} />
          <Typography sx={{ fontSize: 13 }} color="text.secondary">
            Select a column to follow it. Solid: the value flows in; dashed:
            only tested by a condition.
          </Typography>
        </Stack>
        <Box
          sx={{
            height: props.height ?? 'calc(100vh - 280px)',
            minHeight: 480,
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            overflow: 'hidden',
          }}
        >
          {body}
        </Box>
      </Stack>
    </ReactFlowProvider>
  );
}

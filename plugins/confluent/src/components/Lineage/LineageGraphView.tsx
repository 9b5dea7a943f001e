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
import { useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Flex } from '@backstage/ui';
import {
  LINEAGE_GRAPH_DEFAULT_DEPTH,
  LineageGraphResponse,
} from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useConfluentT } from '../../translation';
import { Canvas } from './Canvas';
import { ColumnDetails } from './ColumnDetails';
import { ImpactDownload } from './ImpactDownload';
import { useLaidOutLineage, useLineageSelection } from './useLineageGraph';

/** The depths offered; `all` walks the whole flow. */
const DEPTHS: Array<number | 'all'> = [1, 2, 3, 5, 'all'];

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
  const t = useConfluentT();
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<FitScreenIcon />}
      onClick={() => flow.fitView({ padding: 0.05, duration: 200 })}
    >
      {t('lineage.fitToScreen')}
    </Button>
  );
}

/** The depth picker, Fit to screen, the impact download and the legend. */
function LineageToolbar(props: {
  depth: number | 'all';
  onDepth(depth: number | 'all'): void;
  /** The impact of the whole entity, when no column is selected. */
  download?: string;
}) {
  const t = useConfluentT();
  return (
    <Flex align="center" gap="4" style={{ flexWrap: 'wrap' }}>
      <FormControl size="small" sx={{ minWidth: 120 }}>
        <InputLabel id="lineage-depth-label">{t('lineage.depth')}</InputLabel>
        <Select
          labelId="lineage-depth-label"
          label={t('lineage.depth')}
          value={String(props.depth)}
          onChange={e =>
            props.onDepth(
              e.target.value === 'all' ? 'all' : Number(e.target.value),
            )
          }
        >
          {DEPTHS.map(d => (
            <MenuItem key={d} value={String(d)}>
              {d === 'all'
                ? t('lineage.wholeFlow')
                : t('lineage.hops', { count: d })}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FitButton />
      {props.download && <ImpactDownload entityRef={props.download} />}
      <span style={{ flexGrow: 1 }} />
      <Typography sx={{ fontSize: 13 }} color="text.secondary">
        {t('lineage.legend')}
      </Typography>
    </Flex>
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
  const { entityRef } = props;
  const t = useConfluentT();
  const [depth, setDepth] = useState<number | 'all'>(
    LINEAGE_GRAPH_DEFAULT_DEPTH,
  );
  const lineage = useLaidOutLineage(entityRef, depth);
  const graph = lineage.drawn?.graph;
  const { selected, clear, path, selection } = useLineageSelection({
    graph,
    column: props.column,
    onSelect: props.onSelect,
  });

  let body;
  if (lineage.loading) {
    body = <LoadingState text={t('lineage.reading')} />;
  } else if (lineage.laying) {
    body = (
      <LoadingState
        text={t('lineage.layingOut', {
          boxes: String(lineage.laying.nodes.length),
          columns: String(countColumns(lineage.laying)),
        })}
      />
    );
  } else if (lineage.error) {
    body = <ResponseErrorPanel error={lineage.error} />;
  } else if (
    lineage.drawn &&
    lineage.drawn.graph.nodes.length <= 1 &&
    !lineage.drawn.graph.nodes[0]?.columns.length
  ) {
    body = (
      <EmptyState
        missing="data"
        title={t('lineage.empty')}
        description={t('lineage.emptyDescription')}
      />
    );
  } else if (lineage.drawn) {
    const drawn = lineage.drawn;
    body = (
      <Box sx={{ display: 'flex', height: '100%' }}>
        <Box sx={{ flexGrow: 1, position: 'relative' }}>
          <Canvas
            graph={drawn.graph}
            placed={drawn.placed}
            selection={selection}
            pathEdges={path.edges}
          />
        </Box>
        {selected && (
          <ColumnDetails
            graph={drawn.graph}
            selected={selected}
            upstream={path.upstream}
            downstream={path.downstream}
            onClose={clear}
            actions={
              <ImpactDownload
                entityRef={
                  drawn.graph.nodes.find(n => n.id === selected.node)
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
      <Flex direction="column" gap="2">
        <LineageToolbar
          depth={depth}
          onDepth={setDepth}
          download={selected ? undefined : entityRef}
        />
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
      </Flex>
    </ReactFlowProvider>
  );
}

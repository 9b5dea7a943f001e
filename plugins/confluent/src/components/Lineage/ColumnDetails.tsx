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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  LineageColumnHop,
  LineageGraphEdge,
  LineageGraphResponse,
} from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import { ReactNode } from 'react';
import { piiLabel, PiiBadge } from './nodes';
import { ConfluentTranslate, useConfluentT } from '../../translation';

function Code(props: { children: ReactNode }) {
  return (
    <Box
      component="code"
      sx={{
        fontFamily: 'monospace',
        fontSize: 13,
        bgcolor: 'action.hover',
        px: 0.5,
        borderRadius: 0.5,
        wordBreak: 'break-word',
      }}
    >
      {props.children}
    </Box>
  );
}

/** How a hop's source feeds its target, in words. */
function hopVerb(t: ConfluentTranslate, edge: LineageGraphEdge): string {
  if (edge.input === 'indirect') return t('lineageColumn.verbIndirect');
  return edge.direct
    ? t('lineageColumn.verbCopied')
    : t('lineageColumn.verbComputed');
}

function Hop(props: {
  hop: LineageColumnHop;
  graph: LineageGraphResponse;
  direction: 'upstream' | 'downstream';
}) {
  const { hop, graph } = props;
  const t = useConfluentT();
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  const node = nodes.get(hop.node);
  const edge = hop.edge!;
  const via = edge.via ? nodes.get(edge.via) : undefined;
  // The hop's expression writes the edge's target column.
  const writes =
    props.direction === 'upstream'
      ? `${nodes.get(edge.target)?.title}.${edge.targetColumn}`
      : `${node?.title}.${hop.column}`;
  return (
    <Box
      component="li"
      data-testid="lineage-hop"
      sx={{ mb: 1.25, fontSize: 14 }}
    >
      <Typography sx={{ fontSize: 14, fontWeight: 600 }}>
        {node?.kind === 'restricted' ? (
          t('lineageColumn.restrictedEntity')
        ) : (
          <>
            {node?.title}
            {hop.column ? `.${hop.column}` : ''}
          </>
        )}{' '}
        <Typography
          component="span"
          sx={{ fontSize: 12 }}
          color="text.secondary"
        >
          {node?.type === 'database-table'
            ? t('lineageColumn.systemTable', { system: node.system ?? '' })
            : ''}
        </Typography>
      </Typography>
      <Typography sx={{ fontSize: 13 }} color="text.secondary" component="div">
        {t('lineageColumn.hop', { verb: hopVerb(t, edge), writes })}
        {edge.expression &&
          t('lineageColumn.hopAs', {
            expression: <Code>{edge.expression}</Code>,
          })}
        {via?.entityRef &&
          t('lineageColumn.hopBy', {
            entity: (
              <EntityRefLink entityRef={via.entityRef} title={via.title} />
            ),
          })}
      </Typography>
    </Box>
  );
}

/** The selected column: its provenance and everything it feeds, hop by hop. */
export function ColumnDetails(props: {
  graph: LineageGraphResponse;
  selected: { node: string; column: string };
  upstream: LineageColumnHop[];
  downstream: LineageColumnHop[];
  onClose(): void;
  actions?: ReactNode;
}) {
  const { graph, selected, upstream, downstream } = props;
  const t = useConfluentT();
  const node = graph.nodes.find(n => n.id === selected.node);
  const column = node?.columns.find(c => c.name === selected.column);
  return (
    <Box
      component="aside"
      aria-label={t('lineageColumn.label')}
      sx={{
        width: 380,
        flexShrink: 0,
        borderLeft: 1,
        borderColor: 'divider',
        p: 2,
        overflowY: 'auto',
      }}
    >
      <Stack direction="row" alignItems="flex-start" spacing={1}>
        <Typography
          component="h3"
          sx={{ fontSize: 16, fontWeight: 700, flexGrow: 1 }}
          data-testid="lineage-selected"
        >
          {node?.title}.{selected.column}
        </Typography>
        <IconButton
          size="small"
          aria-label={t('lineageColumn.clearSelection')}
          onClick={props.onClose}
        >
          <CloseIcon fontSize="small" />
        </IconButton>
      </Stack>
      {column?.pii && (
        <Box sx={{ mt: 1 }} data-testid="lineage-pii">
          <PiiBadge column={column} />
          <Typography sx={{ fontSize: 13, mt: 1 }}>
            {piiLabel(t, column.pii.status)}
            {column.pii.replacement !== undefined &&
              t('lineageColumn.piiValue', {
                replacement: column.pii.replacement,
              })}
          </Typography>
          <Box component="ol" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
            {column.pii.chain.map((step, i) => (
              <Typography component="li" sx={{ fontSize: 13 }} key={i}>
                {step.detail}
                {step.via && !step.via.startsWith('restricted:') && (
                  <>
                    {' '}
                    (<EntityRefLink entityRef={step.via} />)
                  </>
                )}
              </Typography>
            ))}
          </Box>
        </Box>
      )}
      {props.actions}
      <HopList direction="upstream" hops={upstream} graph={graph} />
      <HopList direction="downstream" hops={downstream} graph={graph} />
    </Box>
  );
}

/** The hops on one side of the selected column, nearest first. */
function HopList(props: {
  direction: 'upstream' | 'downstream';
  hops: LineageColumnHop[];
  graph: LineageGraphResponse;
}) {
  const { direction, hops, graph } = props;
  const t = useConfluentT();
  const count = hops.length;
  return (
    <>
      <Divider sx={{ my: 1.5 }} />
      <Typography component="h4" sx={{ fontSize: 14, fontWeight: 700, mb: 1 }}>
        {direction === 'upstream'
          ? t('lineageColumn.upstream', { count })
          : t('lineageColumn.downstream', { count })}
      </Typography>
      {hops.length === 0 ? (
        <Typography sx={{ fontSize: 13 }} color="text.secondary">
          {direction === 'upstream'
            ? t('lineageColumn.nothingUpstream')
            : t('lineageColumn.nothingDownstream')}
        </Typography>
      ) : (
        <Box
          component="ol"
          sx={{ m: 0, pl: 2.5 }}
          data-testid={`lineage-${direction}`}
        >
          {hops.map(hop => (
            <Hop
              key={`${hop.node}.${hop.column}`}
              hop={hop}
              graph={graph}
              direction={direction}
            />
          ))}
        </Box>
      )}
    </>
  );
}

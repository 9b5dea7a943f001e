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
import { createContext, useContext } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  isPiiMasked,
  LineageGraphColumn,
  LineageGraphNode,
  PiiStatus,
} from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import LockIcon from '@mui/icons-material/Lock';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Handle, NodeProps, Position, type Node } from '@xyflow/react';
import { BOX, portId } from './layout';
import { ProcessStatus } from './ProcessStatus';
import { ConfluentTranslate, useConfluentT } from '../../translation';

/** What the boxes need from the view: the selection and how to change it. */
export interface LineageSelection {
  selected?: { node: string; column: string };
  /** `node\u0000column` keys on the selected column's path. */
  onPath: Set<string>;
  select(node: string, column: string): void;
}

export const SelectionContext = createContext<LineageSelection>({
  onPath: new Set(),
  select: () => {},
});

export const columnKey = (node: string, column: string) =>
  `${node}\u0000${column}`;

/** The translation keys of the PII statuses' short labels. */
const PII_LABEL_KEY = {
  pii: 'lineage.pii.pii',
  'derived-from-pii': 'lineage.pii.derivedFromPii',
  masked: 'lineage.pii.masked',
  'derived-from-masked': 'lineage.pii.derivedFromMasked',
} as const satisfies Record<PiiStatus, string>;

/** The short label of a PII status, as the schema card words it. */
export function piiLabel(t: ConfluentTranslate, status: PiiStatus): string {
  return t(PII_LABEL_KEY[status]);
}

/** The PII / masked badge of a column. */
export function PiiBadge(props: { column: LineageGraphColumn }) {
  const { pii } = props.column;
  const t = useConfluentT();
  if (!pii) return null;
  const masked = isPiiMasked(pii.status);
  return (
    <Chip
      size="small"
      color={masked ? 'success' : 'error'}
      icon={masked ? <LockIcon /> : <PersonSearchIcon />}
      label={piiLabel(t, pii.status)}
      sx={{ height: 22, fontSize: 12 }}
    />
  );
}

/** The translation keys of the entity types a box names. */
const TYPE_LABEL_KEY = {
  'data-product': 'lineage.nodeType.dataProduct',
  'kafka-topic': 'lineage.nodeType.kafkaTopic',
  'database-table': 'lineage.nodeType.databaseTable',
  'flink-statement': 'lineage.nodeType.flinkStatement',
  'kafka-connector': 'lineage.nodeType.kafkaConnector',
} as const;

/** A box's type in words; an unknown type as the catalog spells it. */
function typeLabel(t: ConfluentTranslate, type?: string): string | undefined {
  return type && Object.prototype.hasOwnProperty.call(TYPE_LABEL_KEY, type)
    ? t(TYPE_LABEL_KEY[type as keyof typeof TYPE_LABEL_KEY])
    : type;
}

/** Invisible handles at a fixed place: edges attach, users never drag. */
function Handles(props: { id: string; column?: string; top: number }) {
  const style = { top: props.top, opacity: 0, pointerEvents: 'none' as const };
  return (
    <>
      <Handle
        type="target"
        position={Position.Left}
        id={portId(props.id, 'in', props.column)}
        style={style}
        isConnectable={false}
      />
      <Handle
        type="source"
        position={Position.Right}
        id={portId(props.id, 'out', props.column)}
        style={style}
        isConnectable={false}
      />
    </>
  );
}

function Header(props: { node: LineageGraphNode; root: boolean }) {
  const { node } = props;
  const t = useConfluentT();
  return (
    <Box
      sx={{
        height: BOX.headerHeight,
        px: 1.5,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        borderBottom: 1,
        borderColor: 'divider',
        bgcolor: props.root ? 'primary.main' : 'action.hover',
        color: props.root ? 'primary.contrastText' : 'text.primary',
        '& a': { color: 'inherit' },
      }}
    >
      <Typography
        sx={{ fontSize: 14, fontWeight: 700, lineHeight: 1.3 }}
        noWrap
        title={node.entityRef}
      >
        <EntityRefLink entityRef={node.entityRef!} title={node.title} />
      </Typography>
      <Typography sx={{ fontSize: 12, opacity: 0.85 }} noWrap>
        {[
          typeLabel(t, node.type),
          node.system,
          node.owner?.replace(/^group:default\//, ''),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
    </Box>
  );
}

function rowBackground(selected: boolean, onPath: boolean) {
  if (selected) return 'primary.light';
  return onPath ? 'action.selected' : 'transparent';
}

export type DatasetNodeType = Node<{ node: LineageGraphNode; root: boolean }>;

/** A topic or table: its columns, each one selectable. */
export function DatasetNode(props: NodeProps<DatasetNodeType>) {
  const { node, root } = props.data;
  const selection = useContext(SelectionContext);
  const t = useConfluentT();
  return (
    <Box
      data-testid={`lineage-node-${node.id}`}
      sx={{
        width: BOX.datasetWidth,
        bgcolor: 'background.paper',
        border: 2,
        borderColor: root ? 'primary.main' : 'divider',
        borderRadius: 1,
        overflow: 'hidden',
        boxShadow: 1,
      }}
    >
      <Handles id={node.id} top={BOX.headerHeight / 2} />
      <Header node={node} root={root} />
      {node.columns.length === 0 && (
        <Typography
          sx={{ fontSize: 13, px: 1.5, lineHeight: `${BOX.rowHeight}px` }}
          color="text.secondary"
        >
          {t('lineage.columnsNotKnown')}
        </Typography>
      )}
      {node.columns.map((column, i) => {
        const key = columnKey(node.id, column.name);
        const isSelected =
          selection.selected?.node === node.id &&
          selection.selected.column === column.name;
        const onPath = selection.onPath.has(key);
        const dimmed = !!selection.selected && !onPath && !isSelected;
        return (
          <Box
            key={column.name}
            component="button"
            type="button"
            className="nodrag"
            aria-pressed={isSelected}
            aria-label={`${node.title}.${column.name}`}
            data-testid={`lineage-column-${node.title}.${column.name}`}
            onClick={() => selection.select(node.id, column.name)}
            sx={{
              all: 'unset',
              boxSizing: 'border-box',
              display: 'flex',
              alignItems: 'center',
              gap: 1,
              width: '100%',
              height: BOX.rowHeight,
              px: 1.5,
              cursor: 'pointer',
              fontFamily: 'monospace',
              fontSize: 14,
              opacity: dimmed ? 0.45 : 1,
              bgcolor: rowBackground(isSelected, onPath),
              borderTop: i === 0 ? 0 : 1,
              borderColor: 'divider',
              '&:hover': { bgcolor: 'action.hover' },
              '&:focus-visible': { outline: 2, outlineColor: 'primary.main' },
            }}
          >
            <Handles
              id={node.id}
              column={column.name}
              top={BOX.headerHeight + (i + 0.5) * BOX.rowHeight}
            />
            <Box
              component="span"
              sx={{
                flexGrow: 1,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {column.name}
            </Box>
            <PiiBadge column={column} />
          </Box>
        );
      })}
    </Box>
  );
}

export type ProcessNodeType = Node<{ node: LineageGraphNode }>;

/** A statement or connector: its live state and a link to its page. */
export function ProcessNode(props: NodeProps<ProcessNodeType>) {
  const { node } = props.data;
  const t = useConfluentT();
  return (
    <Box
      data-testid={`lineage-node-${node.id}`}
      sx={{
        width: BOX.processWidth,
        height: BOX.processHeight,
        boxSizing: 'border-box',
        px: 1.5,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        gap: 0.5,
        bgcolor: 'background.paper',
        border: 1,
        borderStyle: 'dashed',
        borderColor: 'text.secondary',
        borderRadius: 4,
      }}
    >
      <Handles id={node.id} top={BOX.processHeight / 2} />
      <Typography sx={{ fontSize: 13, fontWeight: 600 }} noWrap>
        <EntityRefLink entityRef={node.entityRef!} title={node.title} />
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Typography sx={{ fontSize: 12 }} color="text.secondary">
          {typeLabel(t, node.type)}
        </Typography>
        <ProcessStatus node={node} />
      </Box>
    </Box>
  );
}

/** Something the viewer may not read: no name, no columns. */
export function RestrictedNode(props: NodeProps) {
  const t = useConfluentT();
  return (
    <Box
      sx={{
        width: BOX.restrictedWidth,
        height: BOX.restrictedHeight,
        boxSizing: 'border-box',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 1,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'action.disabledBackground',
      }}
    >
      <Handles id={props.id} top={BOX.restrictedHeight / 2} />
      <VisibilityOffIcon fontSize="small" />
      <Typography sx={{ fontSize: 13 }}>{t('lineage.restricted')}</Typography>
    </Box>
  );
}

export const NODE_TYPES = {
  dataset: DatasetNode,
  process: ProcessNode,
  restricted: RestrictedNode,
};

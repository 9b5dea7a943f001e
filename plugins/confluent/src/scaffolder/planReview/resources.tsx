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
import { ReactNode } from 'react';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Chip from '@mui/material/Chip';
import MuiTable from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { CodeSnippet } from '@backstage/core-components';
import { Flex } from '@backstage/ui';
import type {
  PlannedConnector,
  PlannedStatement,
} from '@shiftleft/plugin-confluent-common';
import { useConfluentT } from '../../translation';
import { sinkDestination } from '../plan';

/* The planned connectors and statements, one expandable line each. */

const ACTIONS = ['create', 'adopt', 'restart', 'replace'] as const;

function ActionChip({ action }: { action?: string }) {
  const t = useConfluentT();
  let color: 'primary' | 'default' | 'error' = 'default';
  if (action === 'create') color = 'primary';
  else if (!action) color = 'error';
  let label: string = t('planReview.action.invalid');
  if (action) {
    label = (ACTIONS as readonly string[]).includes(action)
      ? t(`planReview.action.${action as (typeof ACTIONS)[number]}`)
      : action;
  }
  return <Chip size="small" variant="outlined" color={color} label={label} />;
}

/** Keys and values, monospaced (a connector's config, a statement's properties). */
export function KeyValueTable({
  rows,
  label,
}: {
  rows: Array<[string, string]>;
  label: string;
}) {
  return (
    <MuiTable size="small" aria-label={label}>
      <TableBody>
        {rows.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell sx={{ fontFamily: 'monospace', width: '40%' }}>
              {key}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              {value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </MuiTable>
  );
}

/** A planned resource: one line, and its details when expanded. */
function PlannedResource(props: {
  name: string;
  kind?: string;
  action?: string;
  /** What it reads and writes. */
  flow: ReactNode;
  children: ReactNode;
}) {
  return (
    <Accordion disableGutters>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 500 }}>{props.name}</Typography>
          <Typography color="text.secondary">{props.kind}</Typography>
          <ActionChip action={props.action} />
          <Typography color="text.secondary" variant="body2">
            {props.flow}
          </Typography>
        </Flex>
      </AccordionSummary>
      <AccordionDetails>{props.children}</AccordionDetails>
    </Accordion>
  );
}

/** A planned connector: what it writes or reads, and its config. */
export function Connector({ connector }: { connector: PlannedConnector }) {
  const t = useConfluentT();
  const destination = sinkDestination(connector);
  return (
    <PlannedResource
      name={connector.name}
      kind={connector.connectorClass}
      action={connector.action}
      flow={`${
        connector.role === 'source'
          ? t('planReview.writes')
          : t('planReview.reads')
      }${connector.topics.join(', ')}${
        connector.targets
          ? ` → ${Object.values(connector.targets).join(', ')}`
          : ''
      }${destination ? t('planReview.in', { destination }) : ''}`}
    >
      <KeyValueTable
        label={t('planReview.configOf', { name: connector.name })}
        rows={Object.entries(connector.config).sort(([a], [b]) =>
          a.localeCompare(b),
        )}
      />
    </PlannedResource>
  );
}

/** How each column of a statement's output is made. */
function ColumnLineage({ statement }: { statement: PlannedStatement }) {
  const t = useConfluentT();
  if (!statement.lineage?.columns.length) return null;
  return (
    <MuiTable
      size="small"
      aria-label={t('planReview.columnLineageOf', { name: statement.name })}
    >
      <TableHead>
        <TableRow>
          <TableCell>{t('planReview.columnColumn')}</TableCell>
          <TableCell>{t('planReview.fromColumn')}</TableCell>
          <TableCell>{t('planReview.howColumn')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {statement.lineage.columns.map(c => (
          <TableRow key={`${c.sink}.${c.column}`}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{c.column}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              {c.sources.join(', ') || '—'}
            </TableCell>
            <TableCell>
              {c.direct
                ? t('planReview.copied')
                : c.transforms.join(', ') || t('planReview.computed')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </MuiTable>
  );
}

/** A planned Flink statement: what it reads and creates, its SQL and lineage. */
export function Statement({ statement }: { statement: PlannedStatement }) {
  const t = useConfluentT();
  return (
    <PlannedResource
      name={statement.name}
      kind={statement.lineage?.kind}
      action={statement.action}
      flow={`${t('planReview.statementFlow', {
        reads: statement.reads.join(', ') || t('planReview.nothing'),
      })}${
        statement.creates.length
          ? t('planReview.creates', { creates: statement.creates.join(', ') })
          : ''
      }`}
    >
      <CodeSnippet text={statement.sql} language="sql" showLineNumbers />
      <KeyValueTable
        label={t('planReview.propertiesOf', { name: statement.name })}
        rows={Object.entries(statement.properties)}
      />
      <ColumnLineage statement={statement} />
    </PlannedResource>
  );
}

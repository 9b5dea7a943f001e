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
  ConfluentStatementStatus,
  ConfluentStatementWarning,
} from '@shiftleft/plugin-confluent-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert, { AlertColor } from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useConfluentT } from '../cards';

/* What the card shows of one statement below its header, one part each. */

type Details = NonNullable<ConfluentStatementStatus['statement']>;

const WARNING_SEVERITY: Record<string, AlertColor> = {
  CRITICAL: 'error',
  MODERATE: 'warning',
  LOW: 'info',
};

/** A time in the viewer's locale. */
export function formatTime(at?: string) {
  return at ? new Date(at).toLocaleString() : undefined;
}

/** The statement's own warnings, one alert each. */
export function StatementWarnings(props: {
  warnings: ConfluentStatementWarning[];
}) {
  return (
    <>
      {props.warnings.map((w, i) => (
        <Alert
          key={`${w.reason}-${i}`}
          severity={WARNING_SEVERITY[w.severity] ?? 'warning'}
          variant="outlined"
        >
          <strong>{w.reason}</strong>: {w.message}
        </Alert>
      ))}
    </>
  );
}

/** Why there are no details: not found, or not readable. */
export function StatementReadError(props: {
  status: ConfluentStatementStatus;
}) {
  const { status } = props;
  const t = useConfluentT();
  if (!status.error) return null;
  return (
    <Alert severity={status.error.status === 404 ? 'warning' : 'error'}>
      {status.error.status === 404
        ? t('common.notFoundInConfluent', {
            kind: t('statementCard.kindStatement'),
            name: status.name,
          })
        : t('common.statusNotRead')}
      {status.error.message}
      {status.error.retrying ? t('common.retrying') : ''}
    </Alert>
  );
}

/** The details table: kind, pool, principal, times and latest offsets. */
export function StatementDetailsTable(props: {
  name: string;
  details: Details;
}) {
  const { name, details } = props;
  const t = useConfluentT();
  const rows = (
    [
      [t('statementCard.kind'), details.sqlKind],
      [t('statementCard.computePool'), details.computePoolId],
      [t('statementCard.principal'), details.principal],
      [t('statementCard.scaling'), details.scalingState],
      [
        t('statementCard.stateSize'),
        details.stateLimitState &&
          `${details.stateLimitState}${
            details.stateLimitDetail ? ` (${details.stateLimitDetail})` : ''
          }`,
      ],
      [t('statementCard.created'), formatTime(details.createdAt)],
      [t('statementCard.updated'), formatTime(details.updatedAt)],
      [t('statementCard.ended'), formatTime(details.endTime)],
    ] as Array<[string, string | undefined]>
  ).filter(([, v]) => v);
  return (
    <Table size="small" aria-label={t('statementCard.detailsLabel', { name })}>
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={{ width: '30%' }}>
              {label}
            </TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
        {details.latestOffsets.length > 0 && (
          <TableRow>
            <TableCell component="th" scope="row">
              {t('statementCard.latestOffsets')}
              {details.latestOffsetsAt && (
                <Typography variant="caption" display="block">
                  {t('statementCard.asOf', {
                    time: formatTime(details.latestOffsetsAt)!,
                  })}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {details.latestOffsets.map(o => (
                <Typography
                  key={o.topic}
                  variant="body2"
                  sx={{ fontFamily: 'monospace' }}
                >
                  {o.topic}:{' '}
                  {o.partitions
                    .map(p => `p${p.partition}@${p.offset}`)
                    .join(', ')}
                </Typography>
              ))}
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/** The latest exceptions, folded; nothing when there are none. */
export function StatementExceptions(props: { details: Details }) {
  const { exceptions } = props.details;
  const t = useConfluentT();
  if (exceptions.length === 0) return null;
  return (
    <Accordion disableGutters variant="outlined">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>
          {t('statementCard.latestExceptions', { count: exceptions.length })}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Stack spacing={1} divider={<Divider flexItem />}>
          {exceptions.map((e, i) => (
            <Box key={`${e.timestamp}-${i}`}>
              <Typography variant="caption" color="text.secondary">
                {formatTime(e.timestamp)} · {e.name}
              </Typography>
              <Typography
                variant="body2"
                sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
              >
                {e.message}
              </Typography>
            </Box>
          ))}
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}

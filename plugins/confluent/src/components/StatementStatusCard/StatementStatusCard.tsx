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
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity, useEntityOwnership } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ANNOTATION_CONFLUENT_STATEMENT,
  confluentStatementManagePermission,
  ConfluentRefreshHints,
  ConfluentStatementSignal,
  ConfluentStatementStatus,
  ConfluentStatementWarning,
} from '@shiftleft/plugin-confluent-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert, { AlertColor } from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentStatementAvailable } from '../../conditions';
import {
  ConsoleLink,
  LiveStatusCard,
  LiveStatusHeader,
  LoadingCard,
  MissingAnnotationCard,
} from '../cards';
import { LiveMode, StaleAlert, useLiveItem, useLiveResponse } from '../live';
import { StateChip, statementPhaseStyle } from '../states';

/** Phases a statement can be stopped in (PENDING cannot be stopped yet). */
const STOPPABLE = new Set(['RUNNING', 'DEGRADED', 'FAILING']);

const WARNING_SEVERITY: Record<string, AlertColor> = {
  CRITICAL: 'error',
  MODERATE: 'warning',
  LOW: 'info',
};

function formatTime(at?: string) {
  return at ? new Date(at).toLocaleString() : undefined;
}

function Warnings(props: { warnings: ConfluentStatementWarning[] }) {
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

/** Props of {@link StatementStatusView}. */
export interface StatementStatusViewProps {
  status: ConfluentStatementStatus;
  mode: LiveMode;
  hints?: ConfluentRefreshHints;
  /** Shown when the viewer may stop and resume the statement. */
  onStop?: () => Promise<ConfluentStatementStatus>;
  onResume?: () => Promise<ConfluentStatementStatus>;
}

/** One statement: its phase and everything the API says about it, live. */
export function StatementStatusView(props: StatementStatusViewProps) {
  const { mode, hints, onStop, onResume } = props;
  const alertApi = useApi(alertApiRef);
  const [status, setStatus] = useLiveItem<
    ConfluentStatementStatus,
    ConfluentStatementSignal
  >(
    props.status,
    props.status.channel,
    m => m.kind === 'statement' && m.status?.name === props.status.name,
  );
  const [confirmStop, setConfirmStop] = useState(false);
  const [busy, setBusy] = useState(false);
  const details = status.statement;
  const phase = details?.phase ?? 'UNKNOWN';

  const run = async (action: () => Promise<ConfluentStatementStatus>) => {
    setBusy(true);
    try {
      setStatus(await action());
    } catch (e) {
      alertApi.post({
        message: `Could not change ${status.name}: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1.5} data-testid={`confluent-statement-${status.name}`}>
      <LiveStatusHeader
        name={status.name}
        fetchedAt={status.fetchedAt}
        mode={mode}
        hints={hints}
      >
        {details && (
          <StateChip state={phase} style={statementPhaseStyle(phase)} />
        )}
      </LiveStatusHeader>

      {status.stale && status.error && (
        <StaleAlert error={status.error} fetchedAt={status.fetchedAt} />
      )}
      {!details && status.error && (
        <Alert severity={status.error.status === 404 ? 'warning' : 'error'}>
          {status.error.status === 404
            ? `Statement ${status.name} was not found in Confluent: `
            : 'The status could not be read: '}
          {status.error.message}
          {status.error.retrying ? '. Retrying.' : ''}
        </Alert>
      )}

      {details?.detail && (
        <Alert
          severity={
            phase === 'FAILED' || phase === 'FAILING' ? 'error' : 'info'
          }
        >
          {details.detail}
        </Alert>
      )}
      {details && <Warnings warnings={details.warnings} />}

      {details && (
        <Table size="small" aria-label={`Details of ${status.name}`}>
          <TableBody>
            {(
              [
                ['Kind', details.sqlKind],
                ['Compute pool', details.computePoolId],
                ['Principal', details.principal],
                ['Scaling', details.scalingState],
                [
                  'State size',
                  details.stateLimitState &&
                    `${details.stateLimitState}${
                      details.stateLimitDetail
                        ? ` (${details.stateLimitDetail})`
                        : ''
                    }`,
                ],
                ['Created', formatTime(details.createdAt)],
                ['Updated', formatTime(details.updatedAt)],
                ['Ended', formatTime(details.endTime)],
              ] as Array<[string, string | undefined]>
            )
              .filter(([, v]) => v)
              .map(([label, value]) => (
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
                  Latest offsets
                  {details.latestOffsetsAt && (
                    <Typography variant="caption" display="block">
                      as of {formatTime(details.latestOffsetsAt)}
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
      )}

      {details && details.exceptions.length > 0 && (
        <Accordion disableGutters variant="outlined">
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography>
              Latest exceptions ({details.exceptions.length})
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <Stack spacing={1} divider={<Divider flexItem />}>
              {details.exceptions.map((e, i) => (
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
      )}

      <Stack direction="row" spacing={1} alignItems="center">
        {onStop && details && STOPPABLE.has(phase) && !details.stopped && (
          <Button
            variant="outlined"
            color="warning"
            size="small"
            startIcon={<StopIcon />}
            disabled={busy}
            onClick={() => setConfirmStop(true)}
          >
            Stop
          </Button>
        )}
        {onResume && details && phase === 'STOPPED' && (
          <Button
            variant="outlined"
            size="small"
            startIcon={<PlayArrowIcon />}
            disabled={busy}
            onClick={() => run(onResume)}
          >
            Resume
          </Button>
        )}
        <Box sx={{ flexGrow: 1 }} />
        <ConsoleLink url={status.consoleUrl} />
      </Stack>

      <Dialog open={confirmStop} onClose={() => setConfirmStop(false)}>
        <DialogTitle>Stop {status.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The statement stops processing; what it writes stops updating until
            it is resumed.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmStop(false)}>Cancel</Button>
          <Button
            color="warning"
            onClick={() => {
              setConfirmStop(false);
              if (onStop) run(onStop);
            }}
          >
            Stop
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/**
 * The live status of the Flink statement(s) behind an entity: a data
 * product's producing statement, or a statement itself.
 * @public
 */
export function StatementStatusCard() {
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentStatementAvailable(entity);
  const ref = getCompoundEntityRef(entity);
  const { value, error, loading, refresh, mode } = useLiveResponse(
    () =>
      available
        ? api.getStatements(ref)
        : Promise.resolve({
            entityRef: stringifyEntityRef(entity),
            statements: [],
            refresh: { pollIntervalSeconds: 0, watchLeaseSeconds: 0 },
          }),
    stringifyEntityRef(entity),
  );
  const { allowed } = usePermission({
    permission: confluentStatementManagePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const { isOwnedEntity } = useEntityOwnership();
  // The backend also checks both: this only hides what would be refused.
  const canManage = allowed && isOwnedEntity(entity);

  const title =
    (value?.statements.length ?? 0) > 1
      ? 'Flink statements'
      : 'Flink statement';
  if (!available) {
    return (
      <MissingAnnotationCard
        title={title}
        annotation={ANNOTATION_CONFLUENT_STATEMENT}
      />
    );
  }
  if (loading) return <LoadingCard title={title} />;
  if (!value) {
    return <ResponseErrorPanel error={error!} title="Flink statement status" />;
  }
  return (
    <LiveStatusCard title={title} error={error}>
      {value.statements.map(status => (
        <StatementStatusView
          key={status.name}
          status={status}
          mode={mode}
          hints={value.refresh}
          onStop={
            canManage
              ? async () => {
                  const next = await api.stopStatement(ref, status.name);
                  refresh();
                  return next;
                }
              : undefined
          }
          onResume={
            canManage
              ? async () => {
                  const next = await api.resumeStatement(ref, status.name);
                  refresh();
                  return next;
                }
              : undefined
          }
        />
      ))}
    </LiveStatusCard>
  );
}

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
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ConfluentConnectorSignal,
  ConfluentConnectorStatus,
  ConfluentRefreshHints,
} from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentConnectorAvailable } from '../../conditions';
import {
  ConsoleLink,
  LiveStatusCard,
  LiveStatusHeader,
  LoadingCard,
  MissingAnnotationCard,
} from '../cards';
import { LiveMode, StaleAlert, useLiveItem, useLiveResponse } from '../live';
import { connectorStateStyle, StateChip } from '../states';

const Trace = (props: { text: string }) => (
  <Typography
    component="pre"
    variant="body2"
    sx={{
      fontFamily: 'monospace',
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      m: 0,
    }}
  >
    {props.text}
  </Typography>
);

/** One connector: its state, its tasks and their traces, live. */
export function ConnectorStatusView(props: {
  status: ConfluentConnectorStatus;
  mode: LiveMode;
  hints?: ConfluentRefreshHints;
}) {
  const { mode, hints } = props;
  const [status] = useLiveItem<
    ConfluentConnectorStatus,
    ConfluentConnectorSignal
  >(
    props.status,
    props.status.channel,
    m => m.kind === 'connector' && m.status?.name === props.status.name,
  );
  const connector = status.connector;
  return (
    <Stack spacing={1.5} data-testid={`confluent-connector-${status.name}`}>
      <LiveStatusHeader
        name={status.name}
        fetchedAt={status.fetchedAt}
        mode={mode}
        hints={hints}
      >
        {connector && (
          <StateChip
            state={connector.state}
            style={connectorStateStyle(connector.state)}
          />
        )}
        {connector?.type && (
          <Typography variant="caption" color="text.secondary">
            {connector.type}
          </Typography>
        )}
      </LiveStatusHeader>
      {status.stale && status.error && (
        <StaleAlert error={status.error} fetchedAt={status.fetchedAt} />
      )}
      {!connector && status.error && (
        <Alert severity={status.error.status === 404 ? 'warning' : 'error'}>
          {status.error.status === 404
            ? `Connector ${status.name} was not found in Confluent: `
            : 'The status could not be read: '}
          {status.error.message}
        </Alert>
      )}
      {connector?.trace && (
        <Alert severity="error">
          <Trace text={connector.trace} />
        </Alert>
      )}
      {connector && connector.tasks.length > 0 && (
        <Table size="small" aria-label={`Tasks of ${status.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Task</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Worker</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {connector.tasks.map(task => (
              <TableRow key={task.id}>
                <TableCell>{task.id}</TableCell>
                <TableCell>
                  <StateChip
                    state={task.state}
                    style={connectorStateStyle(task.state)}
                    size="small"
                  />
                  {task.trace && <Trace text={task.trace} />}
                </TableCell>
                <TableCell>{task.workerId}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {connector && connector.tasks.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No tasks yet.
        </Typography>
      )}
      <Box>
        <ConsoleLink url={status.consoleUrl} />
      </Box>
    </Stack>
  );
}

/**
 * The live status of the connector(s) behind an entity: a connector, or a
 * topic a connector produces.
 * @public
 */
export function ConnectorStatusCard() {
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentConnectorAvailable(entity);
  const { value, error, loading, mode } = useLiveResponse(
    () =>
      available
        ? api.getConnectors(getCompoundEntityRef(entity))
        : Promise.resolve({
            entityRef: stringifyEntityRef(entity),
            connectors: [],
            refresh: { pollIntervalSeconds: 0, watchLeaseSeconds: 0 },
          }),
    stringifyEntityRef(entity),
  );
  const title = 'Connector';
  if (!available) {
    return (
      <MissingAnnotationCard
        title={title}
        annotation={ANNOTATION_CONFLUENT_CONNECTOR}
      />
    );
  }
  if (loading) return <LoadingCard title={title} />;
  if (!value) {
    return <ResponseErrorPanel error={error!} title="Connector status" />;
  }
  return (
    <LiveStatusCard title={title} error={error}>
      {value.connectors.map(status => (
        <ConnectorStatusView
          key={status.name}
          status={status}
          mode={mode}
          hints={value.refresh}
        />
      ))}
    </LiveStatusCard>
  );
}

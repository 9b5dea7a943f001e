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
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Flex } from '@backstage/ui';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentConnectorAvailable } from '../../conditions';
import { ConnectorCardSection, sectionFilter } from '../sections';
import {
  ConsoleLink,
  LiveStatusCard,
  LiveStatusHeader,
  LoadingCard,
  MissingAnnotationCard,
  useConfluentT,
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
  /** What to show below the header. Default: every section. */
  sections?: readonly ConnectorCardSection[];
}) {
  const { mode, hints } = props;
  const t = useConfluentT();
  const show = sectionFilter(props.sections);
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
    <Flex
      direction="column"
      gap="3"
      data-testid={`confluent-connector-${status.name}`}
    >
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
            ? t('common.notFoundInConfluent', {
                kind: t('connectorCard.kindConnector'),
                name: status.name,
              })
            : t('common.statusNotRead')}
          {status.error.message}
        </Alert>
      )}
      {show('status') && connector?.trace && (
        <Alert severity="error">
          <Trace text={connector.trace} />
        </Alert>
      )}
      {show('tasks') && connector && connector.tasks.length > 0 && (
        <Table
          size="small"
          aria-label={t('connectorCard.tasksLabel', { name: status.name })}
        >
          <TableHead>
            <TableRow>
              <TableCell>{t('connectorCard.task')}</TableCell>
              <TableCell>{t('connectorCard.state')}</TableCell>
              <TableCell>{t('connectorCard.worker')}</TableCell>
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
      {show('tasks') && connector && connector.tasks.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('connectorCard.noTasks')}
        </Typography>
      )}
      {show('link') && (
        <div>
          <ConsoleLink url={status.consoleUrl} />
        </div>
      )}
    </Flex>
  );
}

/** Props of `ConnectorStatusCard` (the legacy export `EntityConfluentConnectorStatusCard`). @public */
export interface ConnectorStatusCardProps {
  /**
   * What to show of each connector besides its name, state and freshness:
   * `status` (its failure trace), `tasks` (the task table), `link` (to
   * Confluent Cloud). Default: all of them.
   */
  sections?: readonly ConnectorCardSection[];
}

/**
 * The live status of the connector(s) behind an entity: a connector, or a
 * topic a connector produces. `sections` chooses what it shows of each
 * connector (default: everything).
 * @public
 */
export function ConnectorStatusCard(props: ConnectorStatusCardProps = {}) {
  const { sections } = props;
  const t = useConfluentT();
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
  const title = t('connectorCard.title');
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
    return (
      <ResponseErrorPanel
        error={error!}
        title={t('connectorCard.errorTitle')}
      />
    );
  }
  return (
    <LiveStatusCard title={title} error={error}>
      {value.connectors.map(status => (
        <ConnectorStatusView
          key={status.name}
          status={status}
          mode={mode}
          hints={value.refresh}
          sections={sections}
        />
      ))}
    </LiveStatusCard>
  );
}

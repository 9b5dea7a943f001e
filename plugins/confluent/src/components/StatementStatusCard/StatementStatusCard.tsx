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
import { useEntity, useEntityOwnership } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Flex } from '@backstage/ui';
import {
  ANNOTATION_CONFLUENT_STATEMENT,
  confluentStatementManagePermission,
  ConfluentRefreshHints,
  ConfluentStatementSignal,
  ConfluentStatementStatus,
} from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentStatementAvailable } from '../../conditions';
import {
  ConsoleLink,
  LiveStatusCard,
  LiveStatusHeader,
  LoadingCard,
  MissingAnnotationCard,
  useConfluentT,
} from '../cards';
import { LiveMode, StaleAlert, useLiveItem, useLiveResponse } from '../live';
import { sectionFilter, StatementCardSection } from '../sections';
import { StateChip, statementPhaseStyle } from '../states';
import { StatementActions } from './StatementActions';
import {
  StatementDetailsTable,
  StatementExceptions,
  StatementReadError,
  StatementWarnings,
} from './StatementDetails';

/** Props of {@link StatementStatusView}. */
export interface StatementStatusViewProps {
  status: ConfluentStatementStatus;
  mode: LiveMode;
  hints?: ConfluentRefreshHints;
  /** What to show below the header. Default: every section. */
  sections?: readonly StatementCardSection[];
  /** Shown when the viewer may stop and resume the statement. */
  onStop?: () => Promise<ConfluentStatementStatus>;
  onResume?: () => Promise<ConfluentStatementStatus>;
}

/** One statement: its phase and everything the API says about it, live. */
export function StatementStatusView(props: StatementStatusViewProps) {
  const { mode, hints, onStop, onResume } = props;
  const show = sectionFilter(props.sections);
  const [status, setStatus] = useLiveItem<
    ConfluentStatementStatus,
    ConfluentStatementSignal
  >(
    props.status,
    props.status.channel,
    m => m.kind === 'statement' && m.status?.name === props.status.name,
  );
  const details = status.statement;
  const phase = details?.phase ?? 'UNKNOWN';

  return (
    <Flex
      direction="column"
      gap="3"
      data-testid={`confluent-statement-${status.name}`}
    >
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
      {!details && <StatementReadError status={status} />}

      {show('status') && details?.detail && (
        <Alert
          severity={
            phase === 'FAILED' || phase === 'FAILING' ? 'error' : 'info'
          }
        >
          {details.detail}
        </Alert>
      )}
      {show('status') && details && (
        <StatementWarnings warnings={details.warnings} />
      )}
      {show('details') && details && (
        <StatementDetailsTable name={status.name} details={details} />
      )}
      {show('exceptions') && details && (
        <StatementExceptions details={details} />
      )}
      {show('actions') && (
        <Flex align="center" gap="2">
          <StatementActions
            status={status}
            onChanged={setStatus}
            onStop={onStop}
            onResume={onResume}
          />
          <span style={{ flexGrow: 1 }} />
          <ConsoleLink url={status.consoleUrl} />
        </Flex>
      )}
    </Flex>
  );
}

/** Props of `StatementStatusCard` (the legacy export `EntityConfluentStatementStatusCard`). @public */
export interface StatementStatusCardProps {
  /**
   * What to show of each statement besides its name, phase and freshness:
   * `status` (the phase's detail and warnings), `details` (the table),
   * `exceptions`, `actions` (Stop, Resume and the Confluent Cloud link).
   * Default: all of them.
   */
  sections?: readonly StatementCardSection[];
}

/**
 * The live status of the Flink statement(s) behind an entity: a data
 * product's producing statement, or a statement itself. `sections`
 * chooses what it shows of each statement (default: everything).
 * @public
 */
export function StatementStatusCard(props: StatementStatusCardProps = {}) {
  const { sections } = props;
  const t = useConfluentT();
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

  const title = t('statementCard.title', {
    count: value?.statements.length ?? 1,
  });
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
    return (
      <ResponseErrorPanel
        error={error!}
        title={t('statementCard.errorTitle')}
      />
    );
  }
  return (
    <LiveStatusCard title={title} error={error}>
      {value.statements.map(status => (
        <StatementStatusView
          key={status.name}
          status={status}
          mode={mode}
          hints={value.refresh}
          sections={sections}
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

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
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ConfluentConnectorSignal,
  ConfluentConnectorStatus,
  ConfluentStatementSignal,
  ConfluentStatementStatus,
  LineageGraphNode,
} from '@shiftleft/plugin-confluent-common';
import Typography from '@mui/material/Typography';
import { confluentApiRef } from '../../api/ConfluentApi';
import { useLiveItem, useLiveResponse } from '../live';
import { connectorStateStyle, StateChip, statementPhaseStyle } from '../states';
import { useConfluentT } from '../../translation';

function StatementChip(props: { status: ConfluentStatementStatus }) {
  const [status] = useLiveItem<
    ConfluentStatementStatus,
    ConfluentStatementSignal
  >(
    props.status,
    props.status.channel,
    m => m.kind === 'statement' && m.status?.name === props.status.name,
  );
  const phase = status.statement?.phase ?? 'UNKNOWN';
  return (
    <StateChip state={phase} style={statementPhaseStyle(phase)} size="small" />
  );
}

function ConnectorChip(props: { status: ConfluentConnectorStatus }) {
  const [status] = useLiveItem<
    ConfluentConnectorStatus,
    ConfluentConnectorSignal
  >(
    props.status,
    props.status.channel,
    m => m.kind === 'connector' && m.status?.name === props.status.name,
  );
  const state = status.connector?.state ?? 'UNKNOWN';
  return (
    <StateChip state={state} style={connectorStateStyle(state)} size="small" />
  );
}

/**
 * The live state of a statement or connector box: the same status and
 * signals the status cards use, so the box changes when the pipeline does.
 */
export function ProcessStatus(props: { node: LineageGraphNode }) {
  const { node } = props;
  const api = useApi(confluentApiRef);
  const t = useConfluentT();
  const ref = parseEntityRef(node.entityRef!);
  const { value, error } = useLiveResponse<
    | { kind: 'statement'; items: ConfluentStatementStatus[]; refresh: any }
    | { kind: 'connector'; items: ConfluentConnectorStatus[]; refresh: any }
  >(
    () =>
      node.statement
        ? api.getStatements(ref).then(r => ({
            kind: 'statement' as const,
            items: r.statements,
            refresh: r.refresh,
          }))
        : api.getConnectors(ref).then(r => ({
            kind: 'connector' as const,
            items: r.connectors,
            refresh: r.refresh,
          })),
    node.entityRef!,
  );
  if (error) {
    return (
      <Typography variant="caption" color="text.secondary">
        {t('lineage.statusUnavailable')}
      </Typography>
    );
  }
  const first = value?.items[0];
  if (!value || !first) return null;
  return value.kind === 'statement' ? (
    <StatementChip status={first as ConfluentStatementStatus} />
  ) : (
    <ConnectorChip status={first as ConfluentConnectorStatus} />
  );
}

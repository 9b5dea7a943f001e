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
  ANNOTATION_CONFLUENT_DRIFT,
  ANNOTATION_CONFLUENT_DRIFT_SUMMARY,
  connectorDrift,
  declaredKey,
  driftSummary,
  ResourceDrift,
  statementDrift,
} from '@shiftleft/plugin-confluent-common';
import {
  ConnectorSnapshot,
  EnvironmentSnapshot,
  StatementSnapshot,
} from './snapshot';

function annotations(drift: ResourceDrift | undefined) {
  if (!drift) return {};
  return {
    [ANNOTATION_CONFLUENT_DRIFT]: drift.drifted ? 'drifted' : 'in-sync',
    ...(drift.drifted
      ? { [ANNOTATION_CONFLUENT_DRIFT_SUMMARY]: driftSummary(drift) }
      : {}),
  };
}

/**
 * The drift annotations of a statement entity: none when the portal did not
 * declare it, else `in-sync` or `drifted` with a summary (the Drift card
 * lists every difference through the backend).
 */
export function statementDriftAnnotations(
  env: EnvironmentSnapshot,
  statement: StatementSnapshot,
): Record<string, string> {
  const declared = env.declared?.get(
    declaredKey({
      kind: 'statement',
      name: statement.name,
      environmentId: env.environmentId,
    }),
  );
  if (declared?.kind !== 'statement' || !statement.live) return {};
  return annotations(statementDrift(declared, statement.live));
}

/**
 * The drift annotations of a data product: `drifted` when a statement or
 * connector producing it drifted (the summary names which), `in-sync` when
 * those the portal declared did not, none when it declared none.
 */
export function productDriftAnnotations(
  env: EnvironmentSnapshot,
  statements: StatementSnapshot[],
  connectors: ConnectorSnapshot[],
): Record<string, string> {
  const marks = [
    ...statements.map(
      s => [s.name, statementDriftAnnotations(env, s)] as const,
    ),
    ...connectors.map(
      c => [c.name, connectorDriftAnnotations(env, c)] as const,
    ),
  ].filter(([, a]) => a[ANNOTATION_CONFLUENT_DRIFT]);
  if (!marks.length) return {};
  const drifted = marks.filter(
    ([, a]) => a[ANNOTATION_CONFLUENT_DRIFT] === 'drifted',
  );
  if (!drifted.length) return { [ANNOTATION_CONFLUENT_DRIFT]: 'in-sync' };
  return {
    [ANNOTATION_CONFLUENT_DRIFT]: 'drifted',
    [ANNOTATION_CONFLUENT_DRIFT_SUMMARY]: drifted
      .map(([name, a]) => `${name}: ${a[ANNOTATION_CONFLUENT_DRIFT_SUMMARY]}`)
      .join(' | '),
  };
}

/** The drift annotations of a connector entity (see the statement's). */
export function connectorDriftAnnotations(
  env: EnvironmentSnapshot,
  connector: ConnectorSnapshot,
): Record<string, string> {
  const declared = env.declared?.get(
    declaredKey({
      kind: 'connector',
      name: connector.name,
      environmentId: env.environmentId,
      kafkaClusterId: connector.clusterId,
    }),
  );
  if (declared?.kind !== 'connector') return {};
  return annotations(
    connectorDrift(declared, {
      name: connector.name,
      config: connector.config,
    }),
  );
}

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
/*
 * The contract between the Confluent backend plugin and the entity cards for
 * live status: what the REST routes answer and what is pushed over
 * Backstage signals. Only what a viewer needs is here: no SQL text, no
 * statement properties (they may hold `sql.secrets.*`), no connector config.
 */

/**
 * The phases the Flink SQL API documents. The API treats the list as
 * extensible: a statement may report a phase not listed here, so code must
 * handle unknown values.
 * @public
 */
export const CONFLUENT_STATEMENT_PHASES = [
  'PENDING',
  'RUNNING',
  'DEGRADED',
  'FAILING',
  'FAILED',
  'STOPPING',
  'STOPPED',
  'COMPLETED',
  'DELETING',
] as const;

/**
 * A statement phase: one of {@link CONFLUENT_STATEMENT_PHASES} or a value
 * Confluent added later.
 * @public
 */
export type ConfluentStatementPhase =
  | (typeof CONFLUENT_STATEMENT_PHASES)[number]
  | (string & {});

/**
 * Why the state shown could not be refreshed: a summary of the upstream
 * failure (never a credential or a config value).
 * @public
 */
export interface ConfluentUpstreamError {
  /** One readable sentence, e.g. `Confluent Flink SQL API answered 429 (request id …)`. */
  message: string;
  /** The upstream HTTP status, when there was one. */
  status?: number;
  /** The upstream error code (`resource_not_found`, `40401`…). */
  code?: string;
  /** The upstream `X-Request-Id`, to quote to Confluent support. */
  requestId?: string;
  /** Whether the backend keeps retrying (429, 5xx, timeouts, network). */
  retrying: boolean;
}

/**
 * A warning the statement reports.
 * @public
 */
export interface ConfluentStatementWarning {
  /** `LOW`, `MODERATE` or `CRITICAL`. */
  severity: string;
  reason: string;
  message: string;
  createdAt?: string;
}

/**
 * One of the statement's most recent exceptions (newest first).
 * @public
 */
export interface ConfluentStatementException {
  /** The exception class, e.g. `java.lang.RuntimeException`. */
  name: string;
  message: string;
  timestamp: string;
}

/**
 * How far a statement has read one source topic.
 * @public
 */
export interface ConfluentTopicOffsets {
  topic: string;
  partitions: Array<{ partition: number; offset: number }>;
}

/**
 * What the Flink SQL API reports about a statement.
 * @public
 */
export interface ConfluentStatementDetails {
  phase: ConfluentStatementPhase;
  /** The phase's explanation (a failure's cause, for example). */
  detail?: string;
  warnings: ConfluentStatementWarning[];
  /** `OK`, `PENDING_SCALE_UP`, `PENDING_SCALE_DOWN`, `POOL_EXHAUSTED`. */
  scalingState?: string;
  scalingUpdatedAt?: string;
  /** `OK`, `APPROACHING_SOFT_LIMIT`, … */
  stateLimitState?: string;
  stateLimitDetail?: string;
  /** Per source topic, from `status.latest_offsets`. */
  latestOffsets: ConfluentTopicOffsets[];
  latestOffsetsAt?: string;
  createdAt?: string;
  updatedAt?: string;
  /** Set once the statement is COMPLETED, FAILED or STOPPED. */
  endTime?: string;
  principal?: string;
  computePoolId?: string;
  /** `spec.stopped`: the wanted state (the phase follows). */
  stopped: boolean;
  /** E.g. `CREATE_TABLE_AS`, `INSERT_INTO`. */
  sqlKind?: string;
  isBounded?: boolean;
  /** The 10 most recent exceptions, newest first. */
  exceptions: ConfluentStatementException[];
}

/**
 * The live status of one Flink statement, as the backend's shared poller
 * last saw it.
 * @public
 */
export interface ConfluentStatementStatus {
  environmentId: string;
  name: string;
  /** The signals channel this status is pushed on. */
  channel: string;
  /** The statement in the Confluent Cloud console. */
  consoleUrl: string;
  /** Absent when the statement was never read (not found, or failing from the start). */
  statement?: ConfluentStatementDetails;
  /** When {@link ConfluentStatementStatus.statement} was read (ISO 8601). */
  fetchedAt?: string;
  /** True when the last reads failed and an older state is shown. */
  stale: boolean;
  /** Why the last read failed; absent when it succeeded. */
  error?: ConfluentUpstreamError;
}

/**
 * One task of a connector.
 * @public
 */
export interface ConfluentConnectorTask {
  id: number;
  /** Free text: `RUNNING`, `FAILED`, `PAUSED`, … */
  state: string;
  workerId?: string;
  /** The error of a failed task. */
  trace?: string;
}

/**
 * What the Connect API reports about a connector.
 * @public
 */
export interface ConfluentConnectorDetails {
  /** `NONE`, `PROVISIONING`, `RUNNING`, `DEGRADED`, `FAILED`, `PAUSED`, `DELETED`. */
  state: string;
  type?: string;
  workerId?: string;
  /** The error of a failed connector. */
  trace?: string;
  tasks: ConfluentConnectorTask[];
}

/**
 * The live status of one connector, as the shared poller last saw it.
 * @public
 */
export interface ConfluentConnectorStatus {
  environmentId: string;
  kafkaClusterId: string;
  name: string;
  channel: string;
  consoleUrl: string;
  connector?: ConfluentConnectorDetails;
  fetchedAt?: string;
  stale: boolean;
  error?: ConfluentUpstreamError;
}

/**
 * How a viewer should keep a status fresh.
 * @public
 */
export interface ConfluentRefreshHints {
  /** How often the backend reads Confluent; the fallback polling period. */
  pollIntervalSeconds: number;
  /**
   * A watch lapses this long after the viewer's last request: a viewer that
   * relies on signals repeats the request well within it to keep the
   * backend polling.
   */
  watchLeaseSeconds: number;
}

/**
 * `GET /entities/:kind/:namespace/:name/statements`.
 * @public
 */
export interface ConfluentStatementsResponse {
  entityRef: string;
  statements: ConfluentStatementStatus[];
  refresh: ConfluentRefreshHints;
}

/**
 * `GET /entities/:kind/:namespace/:name/connectors`.
 * @public
 */
export interface ConfluentConnectorsResponse {
  entityRef: string;
  connectors: ConfluentConnectorStatus[];
  refresh: ConfluentRefreshHints;
}

/**
 * The message pushed on a statement's signals channel when its status
 * changes.
 * @public
 */
export interface ConfluentStatementSignal {
  kind: 'statement';
  status: ConfluentStatementStatus;
}

/**
 * The message pushed on a connector's signals channel when its status
 * changes.
 * @public
 */
export interface ConfluentConnectorSignal {
  kind: 'connector';
  status: ConfluentConnectorStatus;
}

/**
 * The signals channel of a statement's status.
 * @public
 */
export function confluentStatementChannel(
  environmentId: string,
  statementName: string,
): string {
  return `confluent:statement:${environmentId}:${statementName}`;
}

/**
 * The signals channel of a connector's status.
 * @public
 */
export function confluentConnectorChannel(
  environmentId: string,
  kafkaClusterId: string,
  connectorName: string,
): string {
  return `confluent:connector:${environmentId}:${kafkaClusterId}:${connectorName}`;
}

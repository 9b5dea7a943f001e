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
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ConfluentConnectorDetails,
  ConfluentStatementDetails,
  ConfluentStatementException,
  ConfluentTopicOffsets,
  ConfluentUpstreamError,
} from '@shiftleft/plugin-confluent-common';
import {
  ConnectorStatus,
  getConfluentErrorDetails,
  Statement,
  StatementException,
} from '@shiftleft/plugin-confluent-node';

/**
 * Parses `status.latest_offsets` values:
 * `partition:0,offset:100;partition:1,offset:200`. Malformed parts are
 * skipped rather than failing the whole status.
 */
export function parseLatestOffsets(
  latest: Record<string, string> | undefined,
): ConfluentTopicOffsets[] {
  return Object.entries(latest ?? {})
    .map(([topic, value]) => ({
      topic,
      partitions: String(value)
        .split(';')
        .map(part => {
          const fields = Object.fromEntries(
            part.split(',').map(kv => {
              const i = kv.indexOf(':');
              return [kv.slice(0, i).trim(), Number(kv.slice(i + 1))];
            }),
          );
          return { partition: fields.partition, offset: fields.offset };
        })
        .filter(
          p => Number.isInteger(p.partition) && Number.isFinite(p.offset),
        ),
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic));
}

/** What a viewer may see of a statement: no SQL text, no properties. */
export function statementDetails(
  statement: Statement,
  exceptions: StatementException[],
): ConfluentStatementDetails {
  const { status, spec, metadata } = statement;
  return {
    phase: status?.phase ?? 'UNKNOWN',
    ...(status?.detail ? { detail: status.detail } : {}),
    warnings: (status?.warnings ?? []).map(w => ({
      severity: w.severity,
      reason: w.reason,
      message: w.message,
      ...(w.created_at ? { createdAt: w.created_at } : {}),
    })),
    ...(status?.scaling_status?.scaling_state
      ? { scalingState: status.scaling_status.scaling_state }
      : {}),
    ...(status?.scaling_status?.last_updated
      ? { scalingUpdatedAt: status.scaling_status.last_updated }
      : {}),
    ...(status?.state_limit_status?.state_limit_state
      ? { stateLimitState: status.state_limit_status.state_limit_state }
      : {}),
    ...(status?.state_limit_status?.detail
      ? { stateLimitDetail: status.state_limit_status.detail }
      : {}),
    latestOffsets: parseLatestOffsets(status?.latest_offsets),
    ...(status?.latest_offsets_timestamp
      ? { latestOffsetsAt: status.latest_offsets_timestamp }
      : {}),
    ...(metadata?.created_at ? { createdAt: metadata.created_at } : {}),
    ...(metadata?.updated_at ? { updatedAt: metadata.updated_at } : {}),
    ...(status?.end_time ? { endTime: status.end_time } : {}),
    ...(spec?.principal ? { principal: spec.principal } : {}),
    ...(spec?.compute_pool_id ? { computePoolId: spec.compute_pool_id } : {}),
    stopped: spec?.stopped ?? false,
    ...(status?.traits?.sql_kind ? { sqlKind: status.traits.sql_kind } : {}),
    ...(typeof status?.traits?.is_bounded === 'boolean'
      ? { isBounded: status.traits.is_bounded }
      : {}),
    exceptions: exceptions.map(
      (e): ConfluentStatementException => ({
        name: e.name,
        message: e.message,
        timestamp: e.timestamp,
      }),
    ),
  };
}

/** What a viewer may see of a connector: its status, never its config. */
export function connectorDetails(
  status: ConnectorStatus,
): ConfluentConnectorDetails {
  return {
    state: status.connector?.state ?? 'NONE',
    ...(status.type ? { type: status.type } : {}),
    ...(status.connector?.worker_id
      ? { workerId: status.connector.worker_id }
      : {}),
    ...(status.connector?.trace ? { trace: status.connector.trace } : {}),
    tasks: (status.tasks ?? []).map(t => ({
      id: t.id,
      state: t.state,
      ...(t.worker_id ? { workerId: t.worker_id } : {}),
      ...(t.msg ? { trace: t.msg } : {}),
    })),
  };
}

/**
 * Whether an error from the client is worth retrying: rate limits, 5xx,
 * timeouts and network failures (the client maps them all to
 * `ServiceUnavailableError`).
 */
export function isRetryable(error: unknown): boolean {
  return (error as Error)?.name === 'ServiceUnavailableError';
}

/**
 * A summary of an upstream failure for the browser: the API, the status and
 * code, the request id and Confluent's own (already redacted) message. The
 * client's full message is not used because it names config keys, which a
 * viewer has no use for.
 */
export function summarizeUpstreamError(error: unknown): ConfluentUpstreamError {
  const details = getConfluentErrorDetails(error);
  const retrying = isRetryable(error);
  if (!details) {
    return {
      // Our own configuration errors name ids, never secrets; anything
      // else may come from anywhere, so only its kind is shown.
      message:
        isError(error) &&
        (error.name === 'NotFoundError' || error.name === 'InputError')
          ? error.message
          : 'Reading from Confluent failed',
      retrying,
    };
  }
  let outcome: string;
  if (details.failure === 'timeout') {
    outcome = 'timed out';
  } else if (details.failure === 'network') {
    outcome = `could not be reached${details.code ? ` (${details.code})` : ''}`;
  } else {
    const code =
      details.code && details.code !== String(details.status)
        ? ` ${details.code}`
        : '';
    outcome = `answered ${
      details.status ?? 'with an unreadable response'
    }${code}`;
  }
  const upstream = details.upstreamMessage
    ? `: ${details.upstreamMessage}`
    : '';
  return {
    message: `${details.apiTitle} ${outcome}${upstream}`,
    ...(details.status ? { status: details.status } : {}),
    ...(details.code ? { code: details.code } : {}),
    ...(details.requestId ? { requestId: details.requestId } : {}),
    retrying,
  };
}

/**
 * The error a route throws for a failed upstream call: the same kind (so
 * the status code is right) with the summary as its message and no cause.
 * The client's errors carry their cause, whose details name config keys and
 * request paths, and Backstage serializes causes into error responses.
 */
export function toPublicError(error: unknown): Error {
  if (!getConfluentErrorDetails(error)) {
    return isError(error) ? error : new Error(String(error));
  }
  const { message } = summarizeUpstreamError(error);
  switch ((error as Error).name) {
    case 'NotFoundError':
      return new NotFoundError(message);
    case 'ConflictError':
      return new ConflictError(message);
    case 'InputError':
      return new InputError(message);
    case 'NotAllowedError':
      return new NotAllowedError(message);
    default:
      // Rejected credentials are the backend's configuration problem, not
      // the viewer's: never answer 401, which means "sign in again".
      return new ServiceUnavailableError(message);
  }
}

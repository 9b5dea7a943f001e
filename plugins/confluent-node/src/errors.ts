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
  AuthenticationError,
  ConflictError,
  CustomErrorBase,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * The Confluent Cloud APIs the client talks to. The names match the
 * emulator's fault-injection names.
 * @public
 */
export type ConfluentApiName =
  | 'org'
  | 'iam'
  | 'fcpm'
  | 'connect'
  | 'flink'
  | 'schemaRegistry'
  | 'catalog'
  | 'kafka';

/** Human-readable API names used in error messages and logs. @public */
export const CONFLUENT_API_TITLES: Readonly<Record<ConfluentApiName, string>> =
  {
    org: 'Confluent Organization API',
    iam: 'Confluent IAM API',
    fcpm: 'Confluent Flink Compute Pool API',
    connect: 'Confluent Connect API',
    flink: 'Confluent Flink SQL API',
    schemaRegistry: 'Confluent Schema Registry API',
    catalog: 'Confluent Stream Catalog API',
    kafka: 'Confluent Kafka REST API',
  };

/**
 * How a call failed:
 * - `http`: the API answered with an error status;
 * - `item`: a batch call answered 200 but rejected some items (Stream Catalog);
 * - `timeout`: no answer within `confluent.requestTimeout`;
 * - `network`: the connection failed (refused, reset, DNS…);
 * - `invalid-response`: a success status with a body the client cannot read.
 * @public
 */
export type ConfluentFailureKind =
  | 'http'
  | 'item'
  | 'timeout'
  | 'network'
  | 'invalid-response';

/**
 * What the client knows about a failed Confluent call. Safe to log and to
 * return to a browser: it never holds credentials, and the upstream message
 * has every configured secret redacted.
 * @public
 */
export interface ConfluentApiErrorDetails {
  api: ConfluentApiName;
  /** E.g. `Confluent Flink SQL API`. */
  apiTitle: string;
  /** The client operation, e.g. `getStatement`. */
  operation: string;
  method: string;
  /** Request path without query string. */
  path: string;
  failure: ConfluentFailureKind;
  /** Upstream HTTP status; absent for timeouts and network failures. */
  status?: number;
  /** Upstream error code (`resource_not_found`, `40401`, …) or a network code (`ECONNREFUSED`). */
  code?: string;
  /** Upstream error message, redacted. */
  upstreamMessage?: string;
  /** The `X-Request-Id` of the last attempt, to quote to Confluent support. */
  requestId?: string;
  /** How many requests were sent, retries included. */
  attempts: number;
  /** The config key holding the credentials this call used. */
  credentialsConfigKey: string;
}

/**
 * The technical detail of a failed call, attached as the `cause` of the
 * `@backstage/errors` error the client throws. Use
 * {@link getConfluentErrorDetails} to read it from any thrown error.
 * @public
 */
export class ConfluentApiError extends CustomErrorBase {
  name = 'ConfluentApiError' as const;
  readonly details: ConfluentApiErrorDetails;

  constructor(message: string, details: ConfluentApiErrorDetails) {
    super(message);
    this.details = details;
  }

  /** Works across package copies, like the `@backstage/errors` checks. */
  static is(value: unknown): value is ConfluentApiError {
    return (
      isError(value) &&
      value.name === 'ConfluentApiError' &&
      typeof (value as { details?: unknown }).details === 'object'
    );
  }
}

/**
 * Finds the {@link ConfluentApiErrorDetails} of an error thrown by the client
 * (on the error itself or anywhere in its `cause` chain).
 * @public
 */
export function getConfluentErrorDetails(
  error: unknown,
): ConfluentApiErrorDetails | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && !seen.has(current)) {
    seen.add(current);
    if (ConfluentApiError.is(current)) {
      return current.details;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The readable parts of an upstream error body, whatever the API. */
export interface UpstreamErrorBody {
  code?: string;
  message?: string;
}

const MAX_UPSTREAM_MESSAGE = 500;

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Reads each API's own error body:
 * - v2 APIs (org, iam, fcpm, sql): `{"errors":[{code,title,detail,…}]}`;
 * - Connect: `{"error":{code,message}}`, `{"error_code",message}` or `{code,message}`;
 * - Schema Registry, Stream Catalog, Kafka REST: `{"error_code",message}`;
 * - Kafka REST 429: an HTML page (ignored: it says nothing useful).
 *
 * Messages are redacted with `redact` before they are whitespace-collapsed
 * and cut at 500 characters: shortening first would let a secret with
 * double spaces, or one straddling the cut, slip past the redactor.
 */
export function parseUpstreamError(
  body: unknown,
  redact: (text: string) => string = text => text,
): UpstreamErrorBody {
  const clip = (text: string) => {
    const trimmed = redact(text).replace(/\s+/g, ' ').trim();
    return trimmed.length > MAX_UPSTREAM_MESSAGE
      ? `${trimmed.slice(0, MAX_UPSTREAM_MESSAGE)}…`
      : trimmed;
  };
  const code = (value: unknown) => {
    const text = str(value);
    return text === undefined ? undefined : redact(text);
  };
  if (typeof body === 'string') {
    if (!body.trim() || /^\s*</.test(body)) return {};
    return { message: clip(body) };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const obj = body as Record<string, unknown>;

  if (Array.isArray(obj.errors) && obj.errors.length > 0) {
    const errors = obj.errors.filter(
      (e): e is Record<string, unknown> => !!e && typeof e === 'object',
    );
    const first = errors[0] ?? {};
    const messages = errors
      .map(e => str(e.detail) ?? str(e.title))
      .filter((m): m is string => !!m);
    return {
      code: code(first.code) ?? code(first.status),
      message: messages.length ? clip(messages.join('; ')) : undefined,
    };
  }
  if (obj.error && typeof obj.error === 'object') {
    const inner = obj.error as Record<string, unknown>;
    const message = str(inner.message);
    return {
      code: code(inner.code),
      message: message ? clip(message) : undefined,
    };
  }
  const message = str(obj.message);
  return {
    code: code(obj.error_code) ?? code(obj.code),
    message: message ? clip(message) : undefined,
  };
}

/** Statuses a retry may cure. */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 ||
    status === 429 ||
    (status >= 500 && status !== 501 && status !== 505)
  );
}

function requestIdPart(details: ConfluentApiErrorDetails): string {
  return details.requestId ? `, request id ${details.requestId}` : '';
}

function statusPart(details: ConfluentApiErrorDetails): string {
  const code =
    details.code && details.code !== String(details.status)
      ? ` ${details.code}`
      : '';
  return `${details.status}${code}${requestIdPart(details)}`;
}

function attemptsPart(details: ConfluentApiErrorDetails): string {
  return details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
}

/**
 * Builds the error the client throws: an `@backstage/errors` type chosen by
 * status, whose message names the API and the operation, with a
 * {@link ConfluentApiError} carrying the details as its cause.
 *
 * @param resource - what the call was about, e.g. `statement 'orders-enrich'`
 */
export function createConfluentError(
  details: ConfluentApiErrorDetails,
  resource?: string,
  redact: (text: string) => string = text => text,
): Error {
  const { apiTitle, operation, status } = details;
  const about = resource ? ` ${redact(resource)}` : '';

  const outcomes: Record<ConfluentFailureKind, string> = {
    timeout: 'timed out',
    network: `connection failed${details.code ? ` (${details.code})` : ''}`,
    'invalid-response': `unreadable response (${status})`,
    http: `${status}${
      details.code && details.code !== String(status) ? ` ${details.code}` : ''
    }`,
    item: `item rejected${details.code ? ` (${details.code})` : ''}`,
  };
  const technical = [
    `${operation}: ${details.method} ${details.path}`,
    outcomes[details.failure],
    details.upstreamMessage ? `"${details.upstreamMessage}"` : undefined,
  ]
    .filter(Boolean)
    .join(' → ');
  const hint =
    status === 401 || status === 403
      ? `; check ${details.credentialsConfigKey}.apiKey and apiSecret`
      : '';
  // Redacted before any error is built: a stack trace keeps the message an
  // error had when it was created.
  const cause = new ConfluentApiError(redact(`${technical}${hint}`), details);

  if (details.failure === 'timeout') {
    return new ServiceUnavailableError(
      `${apiTitle} did not answer ${operation}${about} in time${attemptsPart(
        details,
      )}`,
      cause,
    );
  }
  if (details.failure === 'network') {
    return new ServiceUnavailableError(
      `${apiTitle} is unreachable for ${operation}${about}${
        details.code ? ` (${details.code})` : ''
      }${attemptsPart(details)}`,
      cause,
    );
  }
  if (details.failure === 'invalid-response') {
    return new ServiceUnavailableError(
      `${apiTitle} sent an unreadable answer to ${operation}${about} (${statusPart(
        details,
      )})`,
      cause,
    );
  }

  switch (status) {
    case 401:
      return new AuthenticationError(
        `${apiTitle} rejected the credentials for ${operation}${about} (${statusPart(
          details,
        )})`,
        cause,
      );
    case 402:
    case 403:
      return new NotAllowedError(
        `${apiTitle} denied ${operation}${about} (${statusPart(details)})`,
        cause,
      );
    case 404:
      return new NotFoundError(
        `${apiTitle} found no${
          about || ' such resource'
        } for ${operation} (${statusPart(details)})`,
        cause,
      );
    case 409:
      return new ConflictError(
        `${apiTitle} reported a conflict on ${operation}${about} (${statusPart(
          details,
        )})`,
        cause,
      );
    case 429:
      return new ServiceUnavailableError(
        `${apiTitle} is rate limiting ${operation}${about} (${statusPart(
          details,
        )})${attemptsPart(details)}`,
        cause,
      );
    default:
  }
  if (status !== undefined && status >= 500) {
    return new ServiceUnavailableError(
      `${apiTitle} failed on ${operation}${about} with a server error (${statusPart(
        details,
      )})${attemptsPart(details)}`,
      cause,
    );
  }
  if (status === 408) {
    return new ServiceUnavailableError(
      `${apiTitle} timed out on ${operation}${about} (${statusPart(
        details,
      )})${attemptsPart(details)}`,
      cause,
    );
  }
  // 400, 422 and any other client error: the request itself was refused.
  return new InputError(
    `${apiTitle} rejected ${operation}${about} (${statusPart(details)})`,
    cause,
  );
}

/**
 * A read of one resource, with a missing resource (`NotFoundError`, a 404
 * from any Confluent API) as `undefined`; any other failure still throws.
 * @public
 */
export function orMissing<T>(read: Promise<T>): Promise<T | undefined> {
  return read.catch(error => {
    if (NotFoundError.is(error)) return undefined;
    throw error;
  });
}

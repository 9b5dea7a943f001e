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
import { LoggerService } from '@backstage/backend-plugin-api';
import axios, { AxiosInstance } from 'axios';
import {
  CONFLUENT_API_TITLES,
  ConfluentApiErrorDetails,
  ConfluentApiName,
  ConfluentFailureKind,
  createConfluentError,
  isRetryableStatus,
  parseUpstreamError,
} from '../errors';
import { SecretRedactor } from './redact';
import {
  abortReason,
  ConfluentRetryPolicy,
  retryDelayMs,
  sleep,
} from './retry';

/**
 * One HTTP response the client received, as handed to an
 * {@link ConfluentResponseObserver}. It holds no request headers, so no
 * credentials.
 * @public
 */
export interface ConfluentResponseInfo {
  api: ConfluentApiName;
  operation: string;
  method: string;
  /** The request path, without query string. */
  path: string;
  /** The query parameters sent (repeated parameters as arrays). */
  query: Record<string, string | string[]>;
  status: number;
  /** Lower-cased response headers. */
  headers: Record<string, string>;
  /** The parsed body (a string when it was not JSON). */
  body: unknown;
  requestId?: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/**
 * Sees every HTTP response the client receives, errors and retried ones
 * included. Meant for diagnostics and contract tests; it must not throw.
 * @public
 */
export type ConfluentResponseObserver = (
  response: ConfluentResponseInfo,
) => void;

/** Options common to every client call. @public */
export interface ConfluentCallOptions {
  /** Cancels the call, including any backoff wait in progress. */
  signal?: AbortSignal;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportOptions {
  api: ConfluentApiName;
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** The config key holding these credentials, for error hints. */
  credentialsConfigKey: string;
  timeoutMs: number;
  retry: ConfluentRetryPolicy;
  redactor: SecretRedactor;
  logger?: LoggerService;
  onResponse?: ConfluentResponseObserver;
  defaultHeaders?: Record<string, string>;
}

export interface TransportRequest extends ConfluentCallOptions {
  /** The client operation name, e.g. `getStatement`. */
  operation: string;
  method: HttpMethod;
  /** Path below the base URL, already URL-encoded. */
  path: string;
  /** Arrays are sent as repeated parameters (`a=1&a=2`). */
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Whether repeating the request is harmless. Defaults to true for GET, PUT
   * and DELETE and false for POST and PATCH.
   */
  idempotent?: boolean;
  /** What the call is about, for messages: `statement 'x'`. */
  resource?: string;
  /** More strings to keep out of messages (secrets in this request's body). */
  sensitive?: string[];
}

export interface TransportResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
  requestId?: string;
}

/** Marks our own per-attempt timeout, to tell it from a caller's abort. */
class AttemptTimeout {}

const USER_AGENT = 'shiftleft-backstage-confluent/0.1';

function toHeaderRecord(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const source =
    raw && typeof (raw as { toJSON?: unknown }).toJSON === 'function'
      ? (raw as { toJSON(): Record<string, unknown> }).toJSON()
      : ((raw ?? {}) as Record<string, unknown>);
  for (const [k, v] of Object.entries(source)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

type Query = Record<string, string | string[]>;

function cleanQuery(query: TransportRequest['query']): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = v.map(String);
    } else {
      out[k] = String(v);
    }
  }
  return out;
}

/** Only an error code such as ECONNREFUSED: axios messages are not trusted. */
function networkCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)
    ? code
    : undefined;
}

/**
 * The HTTP layer shared by every API client: one axios instance per base URL
 * and credential, with retries, timeouts, cancellation and error mapping.
 *
 * Axios errors carry the request config, Authorization header included, so
 * none ever leaves this class: statuses are handled without axios throwing
 * (`validateStatus`), and transport failures are rebuilt from their code.
 */
export class HttpTransport {
  readonly api: ConfluentApiName;
  readonly title: string;
  readonly #axios: AxiosInstance;
  readonly #options: TransportOptions;

  constructor(options: TransportOptions) {
    this.api = options.api;
    this.title = CONFLUENT_API_TITLES[options.api];
    this.#options = options;
    this.#axios = axios.create({
      baseURL: options.baseUrl,
      auth: { username: options.apiKey, password: options.apiSecret },
      headers: {
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
        ...options.defaultHeaders,
      },
      // A redirect could carry the credentials elsewhere; none is expected.
      maxRedirects: 0,
      validateStatus: () => true,
      // Repeated parameters, as the v2 APIs' `explode: true` filters expect.
      paramsSerializer: { indexes: null },
    });
  }

  async request<T>(req: TransportRequest): Promise<TransportResponse<T>> {
    const { retry, logger } = this.#options;
    const idempotent =
      req.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(req.method);
    const maxAttempts = idempotent ? retry.maxRetries + 1 : 1;
    const redactor = req.sensitive?.length
      ? this.#options.redactor.with(req.sensitive)
      : this.#options.redactor;
    const query = cleanQuery(req.query);

    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw abortReason(req.signal);

      const outcome = await this.#attempt(req, query);

      if (outcome.kind === 'response') {
        const { status, headers, data } = outcome;
        const requestId = headers['x-request-id'];
        this.#observe(req, query, status, headers, data, requestId, attempt);

        if (status >= 200 && status < 300) {
          if (typeof data === 'string' && data.trim() !== '') {
            throw this.#error(req, redactor, {
              failure: 'invalid-response',
              status,
              requestId,
              attempts: attempt,
            });
          }
          return {
            status,
            data: (data === '' ? undefined : data) as T,
            headers,
            requestId,
          };
        }

        const upstream = parseUpstreamError(data, text =>
          redactor.redact(text),
        );
        const failure: ConfluentFailureKind =
          status < 400 ? 'invalid-response' : 'http';
        if (
          failure === 'http' &&
          isRetryableStatus(status) &&
          attempt < maxAttempts
        ) {
          const { delayMs, source } = retryDelayMs({
            retry: attempt,
            status,
            headers,
            policy: retry,
          });
          logger?.warn(
            `${this.title} ${req.operation}: ${status}${
              upstream.code ? ` ${upstream.code}` : ''
            }${
              requestId ? ` (request id ${requestId})` : ''
            }; retry ${attempt} of ${retry.maxRetries} in ${delayMs} ms${
              source === 'server' ? ' as the server asked' : ''
            }`,
            {
              api: this.api,
              operation: req.operation,
              status,
              requestId,
              retry: attempt,
              delayMs,
            },
          );
          await sleep(delayMs, req.signal);
          continue;
        }
        throw this.#error(req, redactor, {
          failure,
          status,
          code: upstream.code,
          upstreamMessage: upstream.message,
          requestId,
          attempts: attempt,
        });
      }

      // Transport failure: aborted by the caller, timed out, or no connection.
      if (outcome.kind === 'aborted') throw abortReason(req.signal!);
      if (attempt < maxAttempts) {
        const { delayMs } = retryDelayMs({ retry: attempt, policy: retry });
        logger?.warn(
          `${this.title} ${req.operation}: ${
            outcome.kind === 'timeout'
              ? `no answer within ${this.#options.timeoutMs} ms`
              : `connection failed${outcome.code ? ` (${outcome.code})` : ''}`
          }; retry ${attempt} of ${retry.maxRetries} in ${delayMs} ms`,
          {
            api: this.api,
            operation: req.operation,
            code: outcome.code,
            retry: attempt,
            delayMs,
          },
        );
        await sleep(delayMs, req.signal);
        continue;
      }
      throw this.#error(req, redactor, {
        failure: outcome.kind,
        code: outcome.code,
        attempts: attempt,
      });
    }
  }

  /**
   * Builds the error for a success response whose body the client cannot
   * use (wrong shape). Used by the API clients after their own checks.
   */
  invalidResponse(
    req: Pick<TransportRequest, 'operation' | 'method' | 'path' | 'resource'>,
    res: Pick<TransportResponse<unknown>, 'status' | 'requestId'>,
    what: string,
  ): Error {
    return this.#error(req, this.#options.redactor, {
      failure: 'invalid-response',
      status: res.status,
      requestId: res.requestId,
      upstreamMessage: what,
      attempts: 1,
    });
  }

  /**
   * Builds the error for one rejected item of a batch call that answered 200
   * (Stream Catalog reports per-item `error` objects).
   */
  itemError(
    req: Pick<TransportRequest, 'operation' | 'method' | 'path' | 'resource'>,
    res: Pick<TransportResponse<unknown>, 'requestId'>,
    item: { error_code?: unknown; message?: unknown },
  ): Error {
    const code =
      typeof item.error_code === 'number' || typeof item.error_code === 'string'
        ? String(item.error_code)
        : undefined;
    // Catalog item codes follow the HTTP status × 100 convention (40901…).
    const status =
      code && /^\d{5}$/.test(code) ? Math.floor(Number(code) / 100) : 400;
    return this.#error(req, this.#options.redactor, {
      failure: 'item',
      status,
      code,
      upstreamMessage:
        typeof item.message === 'string'
          ? this.#options.redactor.redact(item.message)
          : undefined,
      requestId: res.requestId,
      attempts: 1,
    });
  }

  #error(
    req: Pick<TransportRequest, 'operation' | 'method' | 'path' | 'resource'>,
    redactor: SecretRedactor,
    partial: Pick<ConfluentApiErrorDetails, 'failure' | 'attempts'> &
      Partial<ConfluentApiErrorDetails>,
  ): Error {
    const details: ConfluentApiErrorDetails = {
      api: this.api,
      apiTitle: this.title,
      operation: req.operation,
      method: req.method,
      path: req.path,
      credentialsConfigKey: this.#options.credentialsConfigKey,
      ...partial,
    };
    return createConfluentError(details, req.resource, text =>
      redactor.redact(text),
    );
  }

  #observe(
    req: TransportRequest,
    query: Query,
    status: number,
    headers: Record<string, string>,
    body: unknown,
    requestId: string | undefined,
    attempt: number,
  ) {
    const { onResponse, logger } = this.#options;
    logger?.debug(
      `${this.title} ${req.operation}: ${req.method} ${req.path} → ${status}`,
      { api: this.api, operation: req.operation, status, requestId, attempt },
    );
    if (!onResponse) return;
    try {
      onResponse({
        api: this.api,
        operation: req.operation,
        method: req.method,
        path: req.path,
        query,
        status,
        headers,
        body,
        requestId,
        attempt,
      });
    } catch {
      // An observer must never break a call.
    }
  }

  async #attempt(
    req: TransportRequest,
    query: Query,
  ): Promise<
    | {
        kind: 'response';
        status: number;
        headers: Record<string, string>;
        data: unknown;
      }
    | { kind: 'aborted' | 'timeout' | 'network'; code?: string }
  > {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new AttemptTimeout()),
      this.#options.timeoutMs,
    );
    const onCallerAbort = () => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await this.#axios.request({
        method: req.method,
        url: req.path,
        params: query,
        data: req.body,
        headers: req.headers,
        signal: controller.signal,
      });
      return {
        kind: 'response',
        status: res.status,
        headers: toHeaderRecord(res.headers),
        data: res.data,
      };
    } catch (error) {
      if (req.signal?.aborted) return { kind: 'aborted' };
      if (controller.signal.reason instanceof AttemptTimeout) {
        return { kind: 'timeout' };
      }
      return { kind: 'network', code: networkCode(error) };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

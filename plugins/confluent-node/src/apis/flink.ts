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
import { ConflictError, InputError } from '@backstage/errors';
import { HttpTransport, ConfluentCallOptions } from '../http/transport';
import {
  ConfluentListOptions,
  ConfluentPage,
  ConfluentPageOptions,
  fetchV2Page,
  iterateV2,
  listAllV2,
} from '../http/pagination';
import { secretValuesOf } from '../http/redact';
import { abortReason } from '../http/retry';
import { expectObject, getObject, isObject, requireName, seg } from './common';

/**
 * Statement phases (an extensible enum: new values may appear).
 * Terminal: `COMPLETED`, `STOPPED`, `FAILED`.
 * @public
 */
export type StatementPhase =
  | 'PENDING'
  | 'RUNNING'
  | 'COMPLETED'
  | 'DELETING'
  | 'FAILING'
  | 'FAILED'
  | 'STOPPING'
  | 'STOPPED'
  | 'DEGRADED'
  | (string & {});

/**
 * A Flink SQL data type as reported in a statement's result schema.
 * @public
 */
export interface StatementDataType {
  type: string;
  nullable: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  key_type?: StatementDataType;
  value_type?: StatementDataType;
  element_type?: StatementDataType;
  fields?: Array<{
    name: string;
    field_type: StatementDataType;
    description?: string;
  }>;
  resolution?: string;
  fractional_precision?: number;
  class_name?: string;
}

/** @public */
export interface StatementColumn {
  name: string;
  type: StatementDataType;
}

/** @public */
export interface StatementTraits {
  /** E.g. `SELECT`, `CREATE_TABLE_AS`, `INSERT_INTO`. */
  sql_kind?: string;
  is_bounded?: boolean;
  is_append_only?: boolean;
  upsert_columns?: number[];
  schema?: { columns?: StatementColumn[] };
  connection_refs?: string[];
}

/** @public */
export interface StatementWarning {
  /** `LOW`, `MODERATE` or `CRITICAL`. */
  severity: string;
  created_at: string;
  reason: string;
  message: string;
}

/** @public */
export interface StatementSpec {
  /** The SQL text (immutable). */
  statement: string;
  properties?: Record<string, string>;
  compute_pool_id?: string;
  /** `sa-…`, `u-…`, `pool-…` or a CRN. */
  principal?: string;
  stopped?: boolean;
  execution_mode?: string;
  scaling?: { baseline_cfu?: number };
}

/** @public */
export interface StatementStatus {
  phase: StatementPhase;
  detail?: string;
  traits?: StatementTraits;
  warnings?: StatementWarning[];
  /** Per source topic: `partition:0,offset:100;partition:1,offset:200`. */
  latest_offsets?: Record<string, string>;
  latest_offsets_timestamp?: string;
  network_kind?: string;
  scaling_status?: { scaling_state?: string; last_updated?: string };
  state_limit_status?: {
    state_limit_state?: string;
    last_updated?: string;
    detail?: string;
  };
  end_time?: string;
  duration?: string;
  identity?: string;
}

/** @public */
export interface StatementMetadata {
  self: string;
  created_at?: string;
  updated_at?: string;
  uid?: string;
  /** Sent back on update; a stale value gets a 409. */
  resource_version?: string;
  labels?: Record<string, string>;
  resource_name?: string;
}

/**
 * A Flink SQL statement (`sql/v1`).
 * @public
 */
export interface Statement {
  api_version: 'sql/v1';
  kind: 'Statement';
  organization_id: string;
  environment_id: string;
  name: string;
  metadata: StatementMetadata;
  spec: StatementSpec;
  status: StatementStatus;
}

/**
 * One of the most recent exceptions of a statement.
 * @public
 */
export interface StatementException {
  kind?: 'StatementException';
  /** The exception class, e.g. `java.lang.RuntimeException`. */
  name: string;
  message: string;
  timestamp: string;
}

/**
 * Filters of the statement list.
 * @public
 */
export interface ListStatementsOptions extends ConfluentListOptions {
  /** E.g. `backstage.io/owner=team-a` or `user.confluent.io/hidden!=true`; comma-separated. */
  labelSelector?: string;
  /** Only statements of this compute pool. */
  computePoolId?: string;
}

/**
 * A new statement.
 * @public
 */
export interface CreateStatementRequest {
  /** Up to 100 characters of `a-z`, `0-9`, `-` and `.`; immutable. */
  name: string;
  /** The SQL text. */
  statement: string;
  /** E.g. `sql.current-catalog`, `sql.current-database`, `sql.state-ttl`. */
  properties?: Record<string, string>;
  /** Default: the environment's configured `flink.computePoolId`. */
  computePoolId?: string;
  /** Default: the environment's configured `flink.principal`. */
  principal?: string;
  labels?: Record<string, string>;
  /** Create it stopped. Default: `false`. */
  stopped?: boolean;
}

/**
 * Changes allowed while resuming a statement.
 * @public
 */
export interface ResumeStatementOptions extends ConfluentCallOptions {
  computePoolId?: string;
  principal?: string;
}

/**
 * Flink SQL statements of one environment (`sql/v1`, Flink API key).
 * @public
 */
export interface ConfluentFlinkApi {
  readonly organizationId: string;
  readonly environmentId: string;
  /** The configured default compute pool for new statements. */
  readonly defaultComputePoolId?: string;
  /** The configured default principal for new statements. */
  readonly defaultPrincipal?: string;
  /** Every statement matching the filters (follows every page). */
  listStatements(options?: ListStatementsOptions): Promise<Statement[]>;
  /** One page of statements, for callers that page themselves. */
  listStatementsPage(
    options?: ListStatementsOptions & ConfluentPageOptions,
  ): Promise<ConfluentPage<Statement>>;
  /** Every statement, fetched page by page as the loop advances. */
  iterateStatements(options?: ListStatementsOptions): AsyncIterable<Statement>;
  getStatement(
    name: string,
    options?: ConfluentCallOptions,
  ): Promise<Statement>;
  /** Creates a statement (never retried: a POST is not idempotent). */
  createStatement(
    request: CreateStatementRequest,
    options?: ConfluentCallOptions,
  ): Promise<Statement>;
  /**
   * Stops a statement: GET, set `spec.stopped`, PUT with the
   * `resource_version` just read; on a 409 (someone else changed it) read
   * again and retry. A statement already stopped is returned unchanged.
   */
  stopStatement(
    name: string,
    options?: ConfluentCallOptions,
  ): Promise<Statement>;
  /** Resumes a stopped statement, the same way as {@link ConfluentFlinkApi.stopStatement}. */
  resumeStatement(
    name: string,
    options?: ResumeStatementOptions,
  ): Promise<Statement>;
  /** Deletes a statement (the API answers 202; it passes through `DELETING`). */
  deleteStatement(name: string, options?: ConfluentCallOptions): Promise<void>;
  /** The 10 most recent exceptions, newest first. */
  listStatementExceptions(
    name: string,
    options?: ConfluentCallOptions,
  ): Promise<StatementException[]>;
}

const STATEMENT_NAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_STATEMENT_LENGTH = 131072;
/** Conflicting updates tolerated before giving up on stop/resume. */
const MAX_CONFLICT_RETRIES = 5;

function isStatement(value: unknown): value is Statement {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    isObject(value.spec) &&
    isObject(value.metadata)
  );
}

export class FlinkStatementsClient implements ConfluentFlinkApi {
  readonly organizationId: string;
  readonly environmentId: string;
  readonly defaultComputePoolId?: string;
  readonly defaultPrincipal?: string;
  readonly #http: HttpTransport;
  readonly #logger?: LoggerService;
  readonly #base: string;

  constructor(options: {
    http: HttpTransport;
    organizationId: string;
    environmentId: string;
    defaultComputePoolId?: string;
    defaultPrincipal?: string;
    logger?: LoggerService;
  }) {
    this.#http = options.http;
    this.#logger = options.logger;
    this.organizationId = options.organizationId;
    this.environmentId = options.environmentId;
    this.defaultComputePoolId = options.defaultComputePoolId;
    this.defaultPrincipal = options.defaultPrincipal;
    this.#base = `/sql/v1/organizations/${seg(
      options.organizationId,
    )}/environments/${seg(options.environmentId)}`;
  }

  listStatements(options: ListStatementsOptions = {}) {
    return listAllV2<Statement>(this.#http, this.#listReq(options), options);
  }

  listStatementsPage(
    options: ListStatementsOptions & ConfluentPageOptions = {},
  ) {
    return fetchV2Page<Statement>(this.#http, this.#listReq(options), options);
  }

  iterateStatements(options: ListStatementsOptions = {}) {
    return iterateV2<Statement>(this.#http, this.#listReq(options), options);
  }

  getStatement(name: string, options: ConfluentCallOptions = {}) {
    requireName(name, 'statement name');
    return getObject<Statement>(this.#http, {
      operation: 'getStatement',
      method: 'GET',
      path: this.#statementPath(name),
      resource: `statement '${name}'`,
      signal: options.signal,
    });
  }

  async createStatement(
    request: CreateStatementRequest,
    options: ConfluentCallOptions = {},
  ): Promise<Statement> {
    const problems: string[] = [];
    if (
      typeof request?.name !== 'string' ||
      !STATEMENT_NAME.test(request.name)
    ) {
      problems.push(
        'name must be lowercase letters, digits, "-" and "." (starting and ending with a letter or digit)',
      );
    } else if (request.name.length > 100) {
      problems.push('name must be at most 100 characters');
    }
    if (typeof request?.statement !== 'string' || !request.statement.trim()) {
      problems.push('statement must be non-empty SQL');
    } else if (request.statement.length > MAX_STATEMENT_LENGTH) {
      problems.push(
        `statement must be at most ${MAX_STATEMENT_LENGTH} characters`,
      );
    }
    if (problems.length) {
      throw new InputError(`Invalid Flink statement: ${problems.join('; ')}`);
    }

    const computePoolId = request.computePoolId ?? this.defaultComputePoolId;
    const principal = request.principal ?? this.defaultPrincipal;
    const req = {
      operation: 'createStatement',
      method: 'POST' as const,
      path: `${this.#base}/statements`,
      resource: `statement '${request.name}'`,
      signal: options.signal,
      sensitive: secretValuesOf(request.properties),
      body: {
        name: request.name,
        organization_id: this.organizationId,
        environment_id: this.environmentId,
        ...(request.labels ? { metadata: { labels: request.labels } } : {}),
        spec: {
          statement: request.statement,
          ...(request.properties ? { properties: request.properties } : {}),
          ...(computePoolId ? { compute_pool_id: computePoolId } : {}),
          ...(principal ? { principal } : {}),
          stopped: request.stopped ?? false,
        },
      },
    };
    const res = await this.#http.request<unknown>(req);
    return expectObject<Statement>(this.#http, req, res);
  }

  stopStatement(name: string, options: ConfluentCallOptions = {}) {
    return this.#setStopped('stopStatement', name, true, {}, options);
  }

  resumeStatement(name: string, options: ResumeStatementOptions = {}) {
    const changes: Partial<StatementSpec> = {};
    if (options.computePoolId) changes.compute_pool_id = options.computePoolId;
    if (options.principal) changes.principal = options.principal;
    return this.#setStopped('resumeStatement', name, false, changes, options);
  }

  async deleteStatement(name: string, options: ConfluentCallOptions = {}) {
    requireName(name, 'statement name');
    await this.#http.request({
      operation: 'deleteStatement',
      method: 'DELETE',
      path: this.#statementPath(name),
      resource: `statement '${name}'`,
      signal: options.signal,
    });
  }

  async listStatementExceptions(
    name: string,
    options: ConfluentCallOptions = {},
  ) {
    requireName(name, 'statement name');
    const req = {
      operation: 'listStatementExceptions',
      method: 'GET' as const,
      path: `${this.#statementPath(name)}/exceptions`,
      resource: `statement '${name}'`,
      signal: options.signal,
    };
    const res = await this.#http.request<unknown>(req);
    const body = expectObject<{ data?: unknown }>(this.#http, req, res);
    if (!Array.isArray(body.data)) {
      throw this.#http.invalidResponse(req, res, 'expected a data array');
    }
    return body.data as StatementException[];
  }

  async #setStopped(
    operation: string,
    name: string,
    stopped: boolean,
    changes: Partial<StatementSpec>,
    options: ConfluentCallOptions,
  ): Promise<Statement> {
    requireName(name, 'statement name');
    for (let conflicts = 0; ; conflicts++) {
      const current = await this.getStatement(name, options);
      if ((current.spec.stopped ?? false) === stopped) {
        return current;
      }
      const req = {
        operation,
        method: 'PUT' as const,
        path: this.#statementPath(name),
        resource: `statement '${name}'`,
        signal: options.signal,
        sensitive: secretValuesOf(current.spec.properties),
        // The whole statement goes back, as the CLI and Terraform send it;
        // the SQL text and properties cannot change, only `stopped` (and the
        // pool and principal while resuming).
        body: {
          api_version: current.api_version,
          kind: current.kind,
          name: current.name,
          organization_id: current.organization_id ?? this.organizationId,
          environment_id: current.environment_id ?? this.environmentId,
          metadata: current.metadata,
          spec: { ...current.spec, ...changes, stopped },
        },
      };
      try {
        const res = await this.#http.request<unknown>(req);
        // The spec documents 202 without a body; read the new state.
        return isStatement(res.data)
          ? res.data
          : await this.getStatement(name, options);
      } catch (error) {
        if (!ConflictError.is(error) || conflicts >= MAX_CONFLICT_RETRIES) {
          throw error;
        }
        if (options.signal?.aborted) throw abortReason(options.signal);
        this.#logger?.info(
          `Confluent Flink SQL API ${operation}: statement '${name}' changed since it was read (409, resource_version ${
            current.metadata.resource_version ?? 'unknown'
          }); reading it again`,
          {
            api: 'flink',
            operation,
            statement: name,
            conflicts: conflicts + 1,
          },
        );
      }
    }
  }

  #statementPath(name: string) {
    return `${this.#base}/statements/${seg(name)}`;
  }

  #listReq(options: ListStatementsOptions) {
    return {
      operation: 'listStatements',
      path: `${this.#base}/statements`,
      query: {
        label_selector: options.labelSelector,
        'spec.compute_pool_id': options.computePoolId,
      },
    };
  }
}

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
import { z } from 'zod';
import { HttpTransport, ConfluentCallOptions } from '../http/transport';
import { ConfluentListOptions, listAllV2 } from '../http/pagination';
import { getObject, requireName, seg } from './common';

// Response schemas: the fields the suite reads, as Confluent's Flink gateway
// API (`sql.v1.MaterializedTable…`) defines them; other fields pass through.

const metadataSchema = z
  .object({
    self: z.string(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
    uid: z.string().optional(),
    resource_version: z.string().optional(),
    resource_name: z.string().optional(),
  })
  .passthrough();

/**
 * Validates a materialized table read from the Flink gateway API; the
 * fields the suite reads, others pass through.
 *
 * @public
 */
export const materializedTableSchema = z
  .object({
    name: z.string(),
    organization_id: z.string(),
    environment_id: z.string(),
    metadata: metadataSchema,
    spec: z
      .object({
        kafka_cluster_id: z.string().optional(),
        compute_pool_id: z.string().optional(),
        principal: z.string().optional(),
        stopped: z.boolean().optional(),
        table_options: z.record(z.string()).optional(),
        query: z.string().optional(),
      })
      .passthrough(),
    status: z
      .object({
        phase: z.string().optional(),
        detail: z.string().optional(),
        creation_statement: z.string().optional(),
        version: z.number().int().optional(),
        latest_version: z.number().int().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const resourceChangeSchema = z
  .object({
    kind: z.string(),
    environment_locator: z.string(),
    database_locator: z.string(),
    name: z.string(),
    details: z.array(z.string()),
  })
  .passthrough();

/**
 * Validates one version of a materialized table read from the Flink gateway
 * API; the fields the suite reads, others pass through.
 *
 * @public
 */
export const materializedTableVersionSchema = z
  .object({
    name: z.string(),
    metadata: metadataSchema,
    spec: z
      .object({
        version: z.number().int(),
        statement: z.string(),
        changes: z.array(resourceChangeSchema).optional(),
      })
      .passthrough(),
  })
  .passthrough();

/**
 * A materialized table: a table that owns its continuous query, created and
 * evolved by `CREATE [OR ALTER] MATERIALIZED TABLE` (`sql.v1.MaterializedTable`).
 * @public
 */
export type MaterializedTable = z.infer<typeof materializedTableSchema>;

/**
 * One version of a materialized table: the statement that made it and what
 * changed since the version before (`sql.v1.MaterializedTableVersion`).
 * @public
 */
export type MaterializedTableVersion = z.infer<
  typeof materializedTableVersionSchema
>;

/**
 * Materialized tables of one environment (Flink SQL API `sql/v1`, Flink key).
 * @public
 */
export interface ConfluentMaterializedTablesApi {
  readonly organizationId: string;
  readonly environmentId: string;
  /** Every materialized table of the environment, page by page. */
  listMaterializedTables(
    options?: ConfluentListOptions,
  ): Promise<MaterializedTable[]>;
  /** One table, by the Kafka cluster (database) holding it and its name. */
  getMaterializedTable(
    kafkaClusterId: string,
    name: string,
    options?: ConfluentCallOptions,
  ): Promise<MaterializedTable>;
  /** Every version of a table, oldest first. */
  listMaterializedTableVersions(
    kafkaClusterId: string,
    name: string,
    options?: ConfluentListOptions,
  ): Promise<MaterializedTableVersion[]>;
}

export class FlinkMaterializedTablesClient
  implements ConfluentMaterializedTablesApi
{
  readonly organizationId: string;
  readonly environmentId: string;
  readonly #http: HttpTransport;
  readonly #base: string;

  constructor(options: {
    http: HttpTransport;
    organizationId: string;
    environmentId: string;
  }) {
    this.#http = options.http;
    this.organizationId = options.organizationId;
    this.environmentId = options.environmentId;
    this.#base = `/sql/v1/organizations/${seg(
      options.organizationId,
    )}/environments/${seg(options.environmentId)}`;
  }

  async listMaterializedTables(options: ConfluentListOptions = {}) {
    const req = {
      operation: 'listMaterializedTables',
      path: `${this.#base}/materialized-tables`,
    };
    const items = await listAllV2<unknown>(this.#http, req, options);
    return items.map(item =>
      this.#parse(materializedTableSchema, item, req, 'materialized table'),
    );
  }

  async getMaterializedTable(
    kafkaClusterId: string,
    name: string,
    options: ConfluentCallOptions = {},
  ) {
    const req = {
      operation: 'getMaterializedTable',
      method: 'GET' as const,
      path: this.#tablePath(kafkaClusterId, name),
      resource: `materialized table '${name}'`,
      signal: options.signal,
    };
    const body = await getObject<unknown>(this.#http, req);
    return this.#parse(
      materializedTableSchema,
      body,
      req,
      'materialized table',
    );
  }

  async listMaterializedTableVersions(
    kafkaClusterId: string,
    name: string,
    options: ConfluentListOptions = {},
  ) {
    const req = {
      operation: 'listMaterializedTableVersions',
      path: `${this.#tablePath(kafkaClusterId, name)}/versions`,
      resource: `materialized table '${name}'`,
    };
    const items = await listAllV2<unknown>(this.#http, req, options);
    return items
      .map(item =>
        this.#parse(
          materializedTableVersionSchema,
          item,
          req,
          'materialized table version',
        ),
      )
      .sort((a, b) => a.spec.version - b.spec.version);
  }

  #tablePath(kafkaClusterId: string, name: string) {
    requireName(kafkaClusterId, 'Kafka cluster id');
    requireName(name, 'materialized table name');
    return `${this.#base}/databases/${seg(
      kafkaClusterId,
    )}/materialized-tables/${seg(name)}`;
  }

  /** Validates one item of an answer; a malformed one is an invalid response. */
  #parse<T>(
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    value: unknown,
    req: { operation: string; path: string; resource?: string },
    what: string,
  ): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.#http.invalidResponse(
        { ...req, method: 'GET' },
        { status: 200 },
        `expected a ${what}: ${issue.path.join('.') || 'body'} ${
          issue.message
        }`,
      );
    }
    return parsed.data;
  }
}

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
import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ConfluentConnectorsResponse,
  ConfluentDriftResponse,
  ConfluentHistoryResponse,
  ConfluentSchemaResponse,
  ConfluentStatementsResponse,
  ConfluentStatementStatus,
  ConfluentTagPiiResponse,
  FlinkSqlValidation,
  ProductSqlResponse,
  LineageGraphResponse,
  LineageSearchResponse,
  SinkDestinationsResponse,
} from '@shiftleft/plugin-confluent-common';

/**
 * How far the lineage graph reaches: dataset hops each way (a number up to
 * `LINEAGE_GRAPH_MAX_DEPTH`, or `'all'`).
 * @public
 */
export interface LineageDepth {
  upstream: number | 'all';
  downstream: number | 'all';
}

/**
 * A search of the Data lineage page.
 * @public
 */
export interface LineageSearchQuery {
  /** An entity or a column: `customers`, `email`, `customers.email`. */
  query: string;
  owner?: string;
  piiOnly?: boolean;
}

/**
 * The Confluent cards' backend (`@shiftleft/plugin-confluent-backend`), as
 * seen from the browser.
 * @public
 */
export interface ConfluentApi {
  /** Live status of the entity's Flink statements; also renews the watch. */
  getStatements(
    entity: CompoundEntityRef,
  ): Promise<ConfluentStatementsResponse>;
  /** Live status of the entity's connectors; also renews the watch. */
  getConnectors(
    entity: CompoundEntityRef,
  ): Promise<ConfluentConnectorsResponse>;
  /**
   * How the entity's statements and connectors differ from what the portal
   * declared when it created them.
   */
  getDrift(entity: CompoundEntityRef): Promise<ConfluentDriftResponse>;
  /**
   * The entity's versions: a materialized table's, or the chain of
   * statements a blue/green change leaves (SQL for its owners only).
   * Optional, so API mocks without it keep working.
   */
  getVersionHistory?(
    entity: CompoundEntityRef,
  ): Promise<ConfluentHistoryResponse>;
  /** The entity's topic schema, with masked and PII fields explained. */
  getSchema(entity: CompoundEntityRef): Promise<ConfluentSchemaResponse>;
  /**
   * Tags fields of the entity's topic schema PII in Stream Catalog (owners
   * only); `fields` are dotted paths as the schema lists them.
   */
  tagSchemaPii(
    entity: CompoundEntityRef,
    fields: string[],
  ): Promise<ConfluentTagPiiResponse>;
  /** The column lineage graph around the entity. */
  getLineageGraph(
    entity: CompoundEntityRef,
    depth: LineageDepth,
  ): Promise<LineageGraphResponse>;
  /** Entities and columns for the Data lineage page. */
  searchLineage(query: LineageSearchQuery): Promise<LineageSearchResponse>;
  /** Stops one of the entity's statements (owners only). */
  stopStatement(
    entity: CompoundEntityRef,
    statement: string,
  ): Promise<ConfluentStatementStatus>;
  /** Resumes one of the entity's stopped statements (owners only). */
  resumeStatement(
    entity: CompoundEntityRef,
    statement: string,
  ): Promise<ConfluentStatementStatus>;
  /** The problems of a Flink SQL statement, located; parses only. */
  validateSql(sql: string): Promise<FlinkSqlValidation>;
  /**
   * The sink destinations configured for the scaffolder
   * (`confluent.scaffolder.sinks`): names and types only.
   */
  listSinkDestinations(): Promise<SinkDestinationsResponse>;
  /**
   * The SQL of the statement producing a data product now (its owners
   * only). Optional, so API mocks without it keep working.
   */
  getProductSql?(entity: CompoundEntityRef): Promise<ProductSqlResponse>;
}

/**
 * The API ref of {@link ConfluentApi}.
 * @public
 */
export const confluentApiRef = createApiRef<ConfluentApi>({
  id: 'plugin.confluent.service',
});

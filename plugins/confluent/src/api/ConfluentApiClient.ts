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
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import { ConfluentApi, LineageDepth, LineageSearchQuery } from './ConfluentApi';

/**
 * The default {@link ConfluentApi}: the backend plugin `confluent` through
 * the discovery API, with the user's identity from the fetch API.
 * @public
 */
export class ConfluentApiClient implements ConfluentApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getStatements(entity: CompoundEntityRef) {
    return this.#request<ConfluentStatementsResponse>(entity, '/statements');
  }

  getConnectors(entity: CompoundEntityRef) {
    return this.#request<ConfluentConnectorsResponse>(entity, '/connectors');
  }

  getDrift(entity: CompoundEntityRef) {
    return this.#request<ConfluentDriftResponse>(entity, '/drift');
  }

  getVersionHistory(entity: CompoundEntityRef) {
    return this.#request<ConfluentHistoryResponse>(entity, '/history');
  }

  getSchema(entity: CompoundEntityRef) {
    return this.#request<ConfluentSchemaResponse>(entity, '/schema');
  }

  tagSchemaPii(entity: CompoundEntityRef, fields: string[]) {
    return this.#request<ConfluentTagPiiResponse>(
      entity,
      '/schema/pii-tags',
      'POST',
      { fields },
    );
  }

  getLineageGraph(entity: CompoundEntityRef, depth: LineageDepth) {
    const query = new URLSearchParams({
      upstream: String(depth.upstream),
      downstream: String(depth.downstream),
    });
    return this.#request<LineageGraphResponse>(entity, `/lineage?${query}`);
  }

  async searchLineage(query: LineageSearchQuery) {
    const params = new URLSearchParams({ q: query.query });
    if (query.owner) params.set('owner', query.owner);
    if (query.piiOnly) params.set('pii', 'true');
    return this.#fetch<LineageSearchResponse>(`/lineage/search?${params}`);
  }

  stopStatement(entity: CompoundEntityRef, statement: string) {
    return this.#request<ConfluentStatementStatus>(
      entity,
      `/statements/${encodeURIComponent(statement)}/stop`,
      'POST',
    );
  }

  resumeStatement(entity: CompoundEntityRef, statement: string) {
    return this.#request<ConfluentStatementStatus>(
      entity,
      `/statements/${encodeURIComponent(statement)}/resume`,
      'POST',
    );
  }

  getProductSql(entity: CompoundEntityRef) {
    return this.#request<ProductSqlResponse>(entity, '/sql');
  }

  async validateSql(sql: string): Promise<FlinkSqlValidation> {
    const base = await this.#discoveryApi.getBaseUrl('confluent');
    const response = await this.#fetchApi.fetch(`${base}/sql/validate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sql }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as FlinkSqlValidation;
  }

  async listSinkDestinations(): Promise<SinkDestinationsResponse> {
    const base = await this.#discoveryApi.getBaseUrl('confluent');
    const response = await this.#fetchApi.fetch(
      `${base}/scaffolder/sink-destinations`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as SinkDestinationsResponse;
  }

  async #request<T>(
    entity: CompoundEntityRef,
    path: string,
    method: 'GET' | 'POST' = 'GET',
    body?: unknown,
  ): Promise<T> {
    const ref = [entity.kind, entity.namespace, entity.name]
      .map(p => encodeURIComponent(p))
      .join('/');
    return this.#fetch<T>(`/entities/${ref}${path}`, method, body);
  }

  async #fetch<T>(
    path: string,
    method: 'GET' | 'POST' = 'GET',
    body?: unknown,
  ): Promise<T> {
    const base = await this.#discoveryApi.getBaseUrl('confluent');
    const response = await this.#fetchApi.fetch(
      `${base}${path}`,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

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
import { ConflictError, InputError } from '@backstage/errors';
import { getConfluentErrorDetails } from '../errors';
import { HttpTransport, ConfluentCallOptions } from '../http/transport';
import { expectObject, getObject, requireName, seg } from './common';

/**
 * A Kafka topic (Kafka REST v3).
 * @public
 */
export interface KafkaTopic {
  kind: 'KafkaTopic';
  metadata: { self: string; resource_name?: string | null };
  cluster_id: string;
  topic_name: string;
  is_internal: boolean;
  replication_factor: number;
  partitions_count: number;
  partitions?: { related: string };
  configs?: { related: string };
  partition_reassignments?: { related: string };
  authorized_operations?: string[];
}

/**
 * A new topic.
 * @public
 */
export interface CreateTopicRequest {
  name: string;
  /** Default: the cluster's default (6 on Confluent Cloud). */
  partitionsCount?: number;
  replicationFactor?: number;
  /** Topic configs, e.g. `{ 'cleanup.policy': 'compact' }`. */
  configs?: Record<string, string>;
  /** Only check the request; create nothing. */
  validateOnly?: boolean;
}

/**
 * Topics of one Kafka cluster (Kafka REST v3, Kafka API key).
 * @public
 */
export interface ConfluentKafkaApi {
  readonly environmentId: string;
  readonly kafkaClusterId: string;
  /** Every topic; internal ones only when asked. */
  listTopics(
    options?: ConfluentCallOptions & { includeInternal?: boolean },
  ): Promise<KafkaTopic[]>;
  getTopic(topic: string, options?: ConfluentCallOptions): Promise<KafkaTopic>;
  /**
   * Creates a topic (never retried: a POST is not idempotent). An existing
   * topic (Kafka REST error 40002, sent as a 400) throws a ConflictError.
   */
  createTopic(
    request: CreateTopicRequest,
    options?: ConfluentCallOptions,
  ): Promise<KafkaTopic>;
  deleteTopic(topic: string, options?: ConfluentCallOptions): Promise<void>;
}

/** Pages of a topic list followed at most; a real cluster sends one. */
const MAX_TOPIC_PAGES = 1000;

export class KafkaRestClient implements ConfluentKafkaApi {
  readonly environmentId: string;
  readonly kafkaClusterId: string;
  readonly #http: HttpTransport;
  readonly #base: string;

  constructor(
    http: HttpTransport,
    environmentId: string,
    kafkaClusterId: string,
  ) {
    this.#http = http;
    this.environmentId = environmentId;
    this.kafkaClusterId = kafkaClusterId;
    this.#base = `/kafka/v3/clusters/${seg(kafkaClusterId)}/topics`;
  }

  async listTopics(
    options: ConfluentCallOptions & { includeInternal?: boolean } = {},
  ) {
    const topics: KafkaTopic[] = [];
    let path: string | undefined = this.#base;
    for (let page = 0; path && page < MAX_TOPIC_PAGES; page++) {
      const req = {
        operation: 'listTopics',
        method: 'GET' as const,
        path,
        signal: options.signal,
      };
      const res = await this.#http.request<unknown>(req);
      const body = expectObject<{
        data?: unknown;
        metadata?: { next?: unknown };
      }>(this.#http, req, res);
      if (!Array.isArray(body.data)) {
        throw this.#http.invalidResponse(req, res, 'expected a data array');
      }
      topics.push(...(body.data as KafkaTopic[]));
      path = this.#nextPath(body.metadata?.next, path);
    }
    return options.includeInternal
      ? topics
      : topics.filter(t => !t.is_internal);
  }

  getTopic(topic: string, options: ConfluentCallOptions = {}) {
    requireName(topic, 'topic name');
    return getObject<KafkaTopic>(this.#http, {
      operation: 'getTopic',
      method: 'GET',
      path: `${this.#base}/${seg(topic)}`,
      resource: `topic '${topic}'`,
      signal: options.signal,
    });
  }

  async createTopic(
    request: CreateTopicRequest,
    options: ConfluentCallOptions = {},
  ) {
    const name = requireName(request?.name, 'topic name');
    for (const key of ['partitionsCount', 'replicationFactor'] as const) {
      const value = request[key];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        throw new InputError(
          `Topic '${name}' ${key} must be a positive integer`,
        );
      }
    }
    const req = {
      operation: 'createTopic',
      method: 'POST' as const,
      path: this.#base,
      resource: `topic '${name}'`,
      signal: options.signal,
      body: {
        topic_name: name,
        ...(request.partitionsCount !== undefined
          ? { partitions_count: request.partitionsCount }
          : {}),
        ...(request.replicationFactor !== undefined
          ? { replication_factor: request.replicationFactor }
          : {}),
        ...(request.configs
          ? {
              configs: Object.entries(request.configs).map(([n, value]) => ({
                name: n,
                value,
              })),
            }
          : {}),
        ...(request.validateOnly ? { validate_only: true } : {}),
      },
    };
    let res;
    try {
      res = await this.#http.request<unknown>(req);
    } catch (error) {
      const details = getConfluentErrorDetails(error);
      if (details?.code === '40002') {
        throw new ConflictError(
          `${details.apiTitle}: topic '${name}' already exists (${
            details.status
          } 40002${
            details.requestId ? `, request id ${details.requestId}` : ''
          })`,
          (error as { cause?: unknown }).cause,
        );
      }
      throw error;
    }
    return expectObject<KafkaTopic>(this.#http, req, res);
  }

  async deleteTopic(topic: string, options: ConfluentCallOptions = {}) {
    requireName(topic, 'topic name');
    await this.#http.request({
      operation: 'deleteTopic',
      method: 'DELETE',
      path: `${this.#base}/${seg(topic)}`,
      resource: `topic '${topic}'`,
      signal: options.signal,
    });
  }

  /**
   * Only the path of `metadata.next` is used, on this client's own base URL,
   * so the credentials never go to a host the server names.
   */
  #nextPath(next: unknown, current: string): string | undefined {
    if (typeof next !== 'string' || !next.trim()) return undefined;
    try {
      const url = new URL(next, 'http://relative.invalid');
      const path = `${url.pathname}${url.search}`;
      return url.pathname.startsWith('/kafka/v3/') && path !== current
        ? path
        : undefined;
    } catch {
      return undefined;
    }
  }
}

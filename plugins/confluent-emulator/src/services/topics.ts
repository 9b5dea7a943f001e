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
import { ApiError } from '../http/errors';
import type { KafkaClusterRecord, TopicRecord } from '../state/model';
import type { EmulatorStore } from '../state/store';

// Confluent Cloud's defaults for a topic created without settings.
export const DEFAULT_PARTITIONS = 6;
const REPLICATION_FACTOR = 3;

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** Kafka topics per cluster. */
export class TopicService {
  readonly #store: EmulatorStore;

  constructor(store: EmulatorStore) {
    this.#store = store;
  }

  cluster(clusterId: string): KafkaClusterRecord {
    const cluster = this.#store.cluster(clusterId);
    if (!cluster) {
      throw new ApiError(404, `Cluster ${clusterId} cannot be found.`, {
        errorCode: 404,
      });
    }
    return cluster;
  }

  list(clusterId: string): TopicRecord[] {
    this.cluster(clusterId);
    return Object.values(this.#store.topicsOf(clusterId)).sort(
      (a, b) => a.seq - b.seq,
    );
  }

  get(clusterId: string, name: string): TopicRecord | undefined {
    return this.#store.topicsOf(clusterId)[name];
  }

  require(clusterId: string, name: string): TopicRecord {
    this.cluster(clusterId);
    const topic = this.get(clusterId, name);
    if (!topic) {
      throw new ApiError(
        404,
        'This server does not host this topic-partition.',
        {
          errorCode: 40403,
        },
      );
    }
    return topic;
  }

  /** Creates a topic; 40002 when it exists, as Kafka REST answers. */
  create(
    clusterId: string,
    name: string,
    options: {
      partitionsCount?: number;
      replicationFactor?: number;
      configs?: Record<string, string>;
      validateOnly?: boolean;
    } = {},
  ): TopicRecord {
    this.cluster(clusterId);
    if (!TOPIC_NAME.test(name) || name === '.' || name === '..') {
      throw new ApiError(
        400,
        `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
        { errorCode: 40002 },
      );
    }
    if (this.get(clusterId, name)) {
      throw new ApiError(400, `Topic '${name}' already exists.`, {
        errorCode: 40002,
      });
    }
    const partitionsCount = options.partitionsCount ?? DEFAULT_PARTITIONS;
    if (!Number.isInteger(partitionsCount) || partitionsCount < 1) {
      throw new ApiError(400, 'Number of partitions must be larger than 0.', {
        errorCode: 40002,
      });
    }
    const replicationFactor = options.replicationFactor ?? REPLICATION_FACTOR;
    if (replicationFactor !== REPLICATION_FACTOR) {
      throw new ApiError(
        400,
        `Replication factor: ${replicationFactor} larger than available brokers: ${REPLICATION_FACTOR}.`,
        { errorCode: 40002 },
      );
    }
    const topic: TopicRecord = {
      name,
      seq: this.#store.nextSeq(),
      partitionsCount,
      replicationFactor,
      configs: options.configs ?? {},
      createdAt: new Date().toISOString(),
    };
    if (!options.validateOnly) {
      this.#store.topicsOf(clusterId)[name] = topic;
      this.#store.changed();
    }
    return topic;
  }

  /** Creates the topic unless it exists (statements and connectors do this). */
  ensure(
    clusterId: string,
    name: string,
    partitionsCount?: number,
  ): TopicRecord {
    return (
      this.get(clusterId, name) ??
      this.create(clusterId, name, { partitionsCount })
    );
  }

  delete(clusterId: string, name: string) {
    this.require(clusterId, name);
    delete this.#store.topicsOf(clusterId)[name];
    this.#store.changed();
  }
}

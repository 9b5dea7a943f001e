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
import type {
  EmulatorState,
  EnvironmentRecord,
  KafkaClusterRecord,
  SchemaRegistryRecord,
  TopicRecord,
} from './model';

/**
 * Holds the state and tells the persistence layer about changes. Every
 * mutation goes through a service that calls {@link EmulatorStore.changed}.
 */
export class EmulatorStore {
  #state: EmulatorState;
  readonly #onChange: () => void;

  constructor(state: EmulatorState, onChange: () => void) {
    this.#state = state;
    this.#onChange = onChange;
  }

  get state(): EmulatorState {
    return this.#state;
  }

  replace(state: EmulatorState) {
    this.#state = state;
    this.changed();
  }

  changed() {
    this.#onChange();
  }

  /** The next value of the state's monotonic counter. */
  nextSeq(): number {
    const seq = this.#state.nextSeq;
    this.#state.nextSeq += 1;
    return seq;
  }

  /** A short resource version (`metadata.resource_version`), always new. */
  nextResourceVersion(): string {
    return this.nextSeq().toString(36);
  }

  environment(id: string): EnvironmentRecord | undefined {
    return this.#state.environments[id];
  }

  /** The environment a Flink catalog name refers to: display name or id. */
  environmentByCatalogName(name: string): EnvironmentRecord | undefined {
    return (
      this.#state.environments[name] ??
      Object.values(this.#state.environments).find(e => e.displayName === name)
    );
  }

  cluster(id: string): KafkaClusterRecord | undefined {
    return this.#state.kafkaClusters[id];
  }

  clustersOf(environmentId: string): KafkaClusterRecord[] {
    return Object.values(this.#state.kafkaClusters).filter(
      c => c.environmentId === environmentId,
    );
  }

  /** The cluster a Flink database name refers to within an environment. */
  clusterByDatabaseName(
    environmentId: string,
    name: string,
  ): KafkaClusterRecord | undefined {
    return this.clustersOf(environmentId).find(
      c => c.id === name || c.displayName === name,
    );
  }

  schemaRegistryOf(environmentId: string): SchemaRegistryRecord | undefined {
    return Object.values(this.#state.schemaRegistries).find(
      r => r.environmentId === environmentId,
    );
  }

  topicsOf(clusterId: string): Record<string, TopicRecord> {
    let topics = this.#state.topics[clusterId];
    if (!topics) {
      topics = {};
      this.#state.topics[clusterId] = topics;
    }
    return topics;
  }
}

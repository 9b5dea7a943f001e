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
/*
 * What one read of Confluent returns for an environment, and how a Flink
 * table reference resolves to a topic of a configured Kafka cluster.
 */
import type {
  DeclaredFingerprint,
  LiveStatement,
} from '@shiftleft/plugin-confluent-common';
import type { FlinkLineage, TableRef } from '@shiftleft/flink-sql-lineage';
import type { ConnectorFlow } from './connectors';
import type { ReadSchema } from './schemas';

/** A connector as read. */
export interface ConnectorSnapshot {
  name: string;
  id?: string;
  clusterId: string;
  /** The config as Connect returns it (secrets masked by Connect). */
  config: Record<string, string>;
  flow?: ConnectorFlow;
}

/** A statement as read and analysed. */
export interface StatementSnapshot {
  name: string;
  uid: string;
  labels: Record<string, string>;
  properties: Record<string, string>;
  computePoolId?: string;
  sqlKind?: string;
  lineage?: FlinkLineage;
  /** Why the lineage is missing (unparseable SQL). */
  error?: string;
  /** Output column names Confluent reports in the statement's traits. */
  outputColumns?: string[];
  /** What drift compares with the declared fingerprint. */
  live?: LiveStatement;
}

/** A Flink materialized table as read, with its versions. */
export interface MaterializedTableSnapshot {
  name: string;
  clusterId: string;
  /** The version whose query runs. */
  version: number;
  latestVersion: number;
  phase?: string;
  query?: string;
  versions: Array<{
    version: number;
    statement: string;
    createdAt?: string;
    changes: string[];
  }>;
}

/** A Kafka cluster as read. */
export interface ClusterSnapshot {
  id: string;
  topics: string[];
  connectors: ConnectorSnapshot[];
}

/** One environment as read. */
export interface EnvironmentSnapshot {
  environmentId: string;
  displayName?: string;
  schemaRegistryId?: string;
  clusters: ClusterSnapshot[];
  statements: StatementSnapshot[];
  /** Latest value schema per topic name (Schema Registry is per environment). */
  schemas: Map<string, ReadSchema>;
  /** Topics whose value schema could not be read, with the reason. */
  schemaErrors: Map<string, string>;
  /** `backstage_ownership` owner per `<clusterId>/<topic>`. */
  ownership: Map<string, string>;
  /** Stream Catalog tags per topic, per `column` or `column.field`. */
  fieldTags: Map<string, Map<string, string[]>>;
  /** Declared fingerprints by `declaredKey` (what the scaffolder created). */
  declared?: Map<string, DeclaredFingerprint>;
  /** Materialized tables per `<clusterId>/<table>` (their topic). */
  materializedTables: Map<string, MaterializedTableSnapshot>;
}

/** A topic of a configured cluster. */
export interface TopicAddress {
  environmentId: string;
  clusterId: string;
  topic: string;
}

/** `<env>/<lkc>/<topic>`: the identity of a topic across environments. */
export function topicKey(address: TopicAddress): string {
  return `${address.environmentId}/${address.clusterId}/${address.topic}`;
}

/**
 * Resolves Flink table references the way Confluent does: the catalog is an
 * environment and the database a Kafka cluster, each by id or display name,
 * defaulting to the statement's `sql.current-catalog` /
 * `sql.current-database`. Kafka cluster display names are not known to the
 * client (no cluster API), so a database that is not a configured cluster
 * id resolves to the one cluster of the environment, or to the cluster that
 * has the topic, or to the first configured cluster.
 */
export class TopicResolver {
  readonly #environments: EnvironmentSnapshot[];

  constructor(environments: EnvironmentSnapshot[]) {
    this.#environments = environments;
  }

  #environment(
    name: string | undefined,
    fallback: EnvironmentSnapshot,
  ): EnvironmentSnapshot | undefined {
    if (!name) {
      return fallback;
    }
    return this.#environments.find(
      e => e.environmentId === name || e.displayName === name,
    );
  }

  resolve(
    ref: TableRef,
    context: { environmentId: string; properties: Record<string, string> },
  ): TopicAddress | undefined {
    const home = this.#environments.find(
      e => e.environmentId === context.environmentId,
    );
    if (!home) {
      return undefined;
    }
    // An explicit catalog must be a known environment; the statement's
    // default catalog is its own environment whatever it is called.
    const env = ref.catalog
      ? this.#environment(ref.catalog, home)
      : this.#environment(context.properties['sql.current-catalog'], home) ??
        home;
    if (!env || env.clusters.length === 0) {
      return undefined;
    }
    const database = ref.database ?? context.properties['sql.current-database'];
    const cluster =
      env.clusters.find(c => c.id === database) ??
      (env.clusters.length === 1
        ? env.clusters[0]
        : env.clusters.find(c => c.topics.includes(ref.table)) ??
          env.clusters[0]);
    return {
      environmentId: env.environmentId,
      clusterId: cluster.id,
      topic: ref.table,
    };
  }
}

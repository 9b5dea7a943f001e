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
 * The data-flow graph of what was read: topics, Flink statements,
 * connectors and the external tables connectors capture or write, linked
 * by who reads and writes what. Every later step (names, owners, PII,
 * entities) works on this graph, never on the snapshots directly.
 */
import {
  type ConfluentOwnerSource,
  ExternalTable,
} from '@shiftleft/plugin-confluent-common';
import {
  ColumnLineage,
  formatTableRef,
  SourceColumn,
  TableRef,
} from '@shiftleft/flink-sql-lineage';
import {
  ConnectorSnapshot,
  EnvironmentSnapshot,
  StatementSnapshot,
  topicKey,
  TopicResolver,
} from '../snapshot';

/** Who owns a node, and how that was decided. */
export interface Owner {
  ref: string;
  source: ConfluentOwnerSource;
}

/** A Kafka topic, listed in its cluster or only named by a statement or connector. */
export interface TopicNode {
  key: string;
  env: EnvironmentSnapshot;
  clusterId: string;
  topic: string;
  listed: boolean;
  /** Statement and connector node keys writing it. */
  producers: string[];
  /** Statement and connector node keys reading it. */
  readers: string[];
  ref: string;
  owner: Owner;
}

/** A Flink statement with its lineage rewritten to topic keys. */
export interface StatementNode {
  key: string;
  env: EnvironmentSnapshot;
  statement: StatementSnapshot;
  reads: string[];
  writes: string[];
  /** The column lineage with table refs rewritten to topic keys. */
  columns: ColumnLineage[];
  /** Topic keys of ALTER/CREATE TABLE targets (no data flow). */
  targets: string[];
  clusterId?: string;
  ref: string;
  owner: Owner;
}

/** A database table a connector captures (CDC source) or writes (sink). */
export interface TableNode {
  key: string;
  table: ExternalTable;
  /** Connector node keys reading the table (CDC sources). */
  readBy: string[];
  /** Connector node keys writing it (sinks), each with the topic it writes from. */
  writtenBy: Array<{ connector: string; topic: string }>;
  ref: string;
  owner: Owner;
}

/** A managed connector and the topics and tables it moves data between. */
export interface ConnectorNode {
  key: string;
  env: EnvironmentSnapshot;
  connector: ConnectorSnapshot;
  type?: 'source' | 'sink';
  topics: string[];
  tables: string[];
  ref: string;
  owner: Owner;
}

/** The graph of all environments, nodes by key. */
export interface FlowGraph {
  environments: EnvironmentSnapshot[];
  topics: Map<string, TopicNode>;
  statements: Map<string, StatementNode>;
  connectors: Map<string, ConnectorNode>;
  tables: Map<string, TableNode>;
}

/**
 * The owner of a node until ownership is resolved; refs are likewise empty
 * until names are allocated, as both need the whole graph first.
 */
export const PENDING_OWNER: Owner = { ref: '', source: 'default' };

/**
 * Marks a table a statement names that no listed cluster holds: kept in the
 * statement's column lineage (so positions stay stable) but never a topic.
 */
const UNRESOLVED = '\u0000unresolved:';

/** The node key of an external table. */
export function tableNodeKey(table: ExternalTable): string {
  return [
    table.system,
    table.host ?? '',
    table.database ?? '',
    table.schema ?? '',
    table.table,
  ].join('\u0000');
}

/** `database.schema.table`, leaving out the parts a connector does not name. */
export function tableDisplayName(table: ExternalTable): string {
  return [table.database, table.schema, table.table].filter(Boolean).join('.');
}

/**
 * Builds the data-flow graph of the given environments: listed topics
 * first, then statements and connectors with the topics and tables they
 * name (topics created on the way are marked as not listed).
 */
export function buildFlowGraph(environments: EnvironmentSnapshot[]): FlowGraph {
  const graph: FlowGraph = {
    environments,
    topics: new Map(),
    statements: new Map(),
    connectors: new Map(),
    tables: new Map(),
  };
  for (const env of environments) {
    for (const cluster of env.clusters) {
      for (const topic of cluster.topics) {
        topicNode(graph, env, cluster.id, topic, true);
      }
    }
  }
  const resolver = new TopicResolver(environments);
  for (const env of environments) {
    for (const statement of env.statements) {
      addStatement(graph, resolver, env, statement);
    }
  }
  for (const env of environments) {
    for (const cluster of env.clusters) {
      for (const connector of cluster.connectors) {
        addConnector(graph, env, cluster.id, connector);
      }
    }
  }
  return graph;
}

function topicNode(
  graph: FlowGraph,
  env: EnvironmentSnapshot,
  clusterId: string,
  topic: string,
  listed: boolean,
): TopicNode {
  const key = topicKey({ environmentId: env.environmentId, clusterId, topic });
  let node = graph.topics.get(key);
  if (!node) {
    node = {
      key,
      env,
      clusterId,
      topic,
      listed,
      producers: [],
      readers: [],
      ref: '',
      owner: PENDING_OWNER,
    };
    graph.topics.set(key, node);
  }
  return node;
}

function addStatement(
  graph: FlowGraph,
  resolver: TopicResolver,
  env: EnvironmentSnapshot,
  statement: StatementSnapshot,
) {
  const key = `statement\u0000${env.environmentId}\u0000${statement.name}`;
  const context = {
    environmentId: env.environmentId,
    properties: statement.properties,
  };
  const toTopic = (ref: TableRef): string => {
    const address = resolver.resolve(ref, context);
    if (!address) {
      return `${UNRESOLVED}${formatTableRef(ref)}`;
    }
    const target = graph.environments.find(
      e => e.environmentId === address.environmentId,
    )!;
    return topicNode(graph, target, address.clusterId, address.topic, false)
      .key;
  };
  const lineage = statement.lineage;
  const writes = [...new Set((lineage?.sinks ?? []).map(toTopic))];
  const reads = [...new Set((lineage?.sources ?? []).map(toTopic))];
  const columns = (lineage?.columns ?? []).map(column =>
    mapColumnTables(column, toTopic),
  );
  const targets = [
    lineage?.alteration?.table,
    lineage?.kind === 'CREATE_TABLE' ? lineage.table?.name : undefined,
  ]
    .filter((t): t is TableRef => !!t)
    .map(toTopic)
    .filter(t => !t.startsWith(UNRESOLVED));
  // A statement belongs to the cluster it writes to; one that writes nothing
  // to the cluster of its session's default database.
  const clusterId =
    [...writes, ...targets]
      .map(t => graph.topics.get(t)?.clusterId)
      .find(Boolean) ?? resolver.resolve({ table: '' }, context)?.clusterId;
  graph.statements.set(key, {
    key,
    env,
    statement,
    reads: reads.filter(t => !t.startsWith(UNRESOLVED)),
    writes: writes.filter(t => !t.startsWith(UNRESOLVED)),
    columns,
    targets,
    ...(clusterId ? { clusterId } : {}),
    ref: '',
    owner: PENDING_OWNER,
  });
  for (const t of writes) graph.topics.get(t)?.producers.push(key);
  for (const t of reads) graph.topics.get(t)?.readers.push(key);
}

/**
 * A column lineage with every table (sink, sources, conditional and field
 * sources) replaced by `toTable(table)`.
 */
export function mapColumnTables(
  column: ColumnLineage,
  toTable: (ref: TableRef) => string,
): ColumnLineage {
  const rewrite = (source: SourceColumn): SourceColumn => ({
    ...source,
    table: { table: toTable(source.table) },
  });
  return {
    ...column,
    sink: { table: toTable(column.sink) },
    sources: column.sources.map(rewrite),
    ...(column.conditionalSources
      ? { conditionalSources: column.conditionalSources.map(rewrite) }
      : {}),
    ...(column.fields
      ? {
          fields: column.fields.map(f => ({
            ...f,
            sources: f.sources.map(rewrite),
          })),
        }
      : {}),
  };
}

function addConnector(
  graph: FlowGraph,
  env: EnvironmentSnapshot,
  clusterId: string,
  connector: ConnectorSnapshot,
) {
  const key = `connector\u0000${env.environmentId}\u0000${clusterId}\u0000${connector.name}`;
  const node: ConnectorNode = {
    key,
    env,
    connector,
    ...(connector.flow ? { type: connector.flow.type } : {}),
    topics: [],
    tables: [],
    ref: '',
    owner: PENDING_OWNER,
  };
  for (const link of connector.flow?.links ?? []) {
    const topic = topicNode(graph, env, clusterId, link.topic, false);
    if (!node.topics.includes(topic.key)) node.topics.push(topic.key);
    if (node.type === 'source') topic.producers.push(key);
    else topic.readers.push(key);
    if (link.table) {
      const tKey = tableNodeKey(link.table);
      let table = graph.tables.get(tKey);
      if (!table) {
        table = {
          key: tKey,
          table: link.table,
          readBy: [],
          writtenBy: [],
          ref: '',
          owner: PENDING_OWNER,
        };
        graph.tables.set(tKey, table);
      }
      if (!node.tables.includes(tKey)) node.tables.push(tKey);
      if (node.type === 'source') table.readBy.push(key);
      else table.writtenBy.push({ connector: key, topic: topic.key });
    }
  }
  graph.connectors.set(key, node);
}

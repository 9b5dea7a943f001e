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
 * Entity names for every node of the graph, allocated in a stable order so
 * that a topic keeps its name from one refresh to the next even when
 * another environment gains a topic of the same name.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NameAllocator } from '../naming';
import { FlowGraph, tableDisplayName } from './graph';

/** The names given to a graph's nodes and clusters. */
export interface EntityRefs {
  /** The name of each entity ref, with its case kept. */
  names: Map<string, string>;
  /** The System ref of each `<environmentId>/<clusterId>`. */
  systems: Map<string, string>;
  /** How each entity ref reads in PII explanations and ownership rules. */
  display: Map<string, string>;
}

/**
 * Sets the `ref` of every node of the graph: systems first, listed topics
 * before the ones only named by statements and connectors, then
 * statements, connectors and tables.
 */
export function assignEntityRefs(graph: FlowGraph): EntityRefs {
  const { environments, topics, statements, connectors, tables } = graph;
  const allocator = new NameAllocator();
  // Refs are case-insensitive (and lowercased by stringifyEntityRef), names
  // keep their case: `snowflake.PRODUCTION.PUBLIC.PRODUCT_SALES`.
  const names = new Map<string, string>();
  const ref = (kind: string, base: string, identity: string) => {
    const name = allocator.allocate(kind, base, identity);
    const entityRef = stringifyEntityRef({ kind, namespace: 'default', name });
    names.set(entityRef, name);
    return entityRef;
  };
  const systems = new Map<string, string>();
  for (const env of environments) {
    for (const cluster of env.clusters) {
      const identity = `${env.environmentId}/${cluster.id}`;
      systems.set(identity, ref('system', cluster.id, identity));
    }
  }
  const orderedTopics = [...topics.values()].sort(
    (a, b) =>
      Number(b.listed) - Number(a.listed) ||
      environments.indexOf(a.env) - environments.indexOf(b.env) ||
      a.clusterId.localeCompare(b.clusterId) ||
      a.topic.localeCompare(b.topic),
  );
  for (const node of orderedTopics) {
    node.ref = ref('api', node.topic, node.key);
  }
  for (const node of statements.values()) {
    node.ref = ref('component', node.statement.name, node.key);
  }
  for (const node of connectors.values()) {
    node.ref = ref('component', node.connector.name, node.key);
  }
  const orderedTables = [...tables.values()].sort((a, b) =>
    a.key.localeCompare(b.key),
  );
  for (const node of orderedTables) {
    node.ref = ref(
      'resource',
      `${node.table.system}.${tableDisplayName(node.table)}`,
      node.key,
    );
  }
  const display = new Map<string, string>();
  for (const t of topics.values()) display.set(t.ref, t.topic);
  for (const s of statements.values()) display.set(s.ref, s.statement.name);
  for (const c of connectors.values()) display.set(c.ref, c.connector.name);
  for (const t of tables.values()) {
    display.set(t.ref, `${t.table.system} table ${tableDisplayName(t.table)}`);
  }
  return { names, systems, display };
}

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
 * A managed connector as a Component: a source provides the topics it
 * fills, a sink consumes the topics it drains; both depend on their tables.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ENTITY_TYPE_CONNECTOR,
  SPEC_FEEDS,
} from '@shiftleft/plugin-confluent-common';
import { connectorDriftAnnotations } from '../drift';
import { ConnectorNode, tableDisplayName } from './graph';
import {
  baseEntity,
  systemRefOf,
  topicRefOf,
  TransformContext,
} from './context';

/** The Component entity of a connector. */
export function connectorToComponent(
  context: TransformContext,
  node: ConnectorNode,
): Entity {
  const { env, connector } = node;
  const { graph } = context;
  const url = context.links.connector(
    env.environmentId,
    connector.clusterId,
    connector.name,
  );
  const entity = baseEntity(context, {
    kind: 'Component',
    entityRef: node.ref,
    env,
    owner: node.owner,
    location: url,
    annotations: {
      [ANNOTATION_CONFLUENT_CONNECTOR]: connector.name,
      [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: connector.clusterId,
      ...connectorDriftAnnotations(env, connector),
    },
  });
  const topicNames = node.topics.map(t => graph.topics.get(t)!.topic);
  const tableNames = node.tables.map(t =>
    tableDisplayName(graph.tables.get(t)!.table),
  );
  const tableRefs = node.tables.map(t => graph.tables.get(t)!.ref);
  const topicRefs = node.topics.map(t => topicRefOf(context, t));
  const plugin =
    connector.flow?.plugin ??
    connector.config['connector.class'] ??
    'connector';
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      ...(entity.metadata.name !== connector.name
        ? { title: connector.name }
        : {}),
      description: connectorDescription(
        plugin,
        node.type,
        topicNames,
        tableNames,
      ),
      links: [{ url, title: 'Connector in Confluent Cloud', icon: 'cloud' }],
    },
    spec: {
      type: ENTITY_TYPE_CONNECTOR,
      lifecycle: context.lifecycle,
      owner: node.owner.ref,
      system: systemRefOf(context, env.environmentId, connector.clusterId),
      ...(node.type === 'source'
        ? { providesApis: [...topicRefs] }
        : { consumesApis: [...topicRefs] }),
      dependsOn: [...tableRefs],
      [SPEC_FEEDS]: node.type === 'source' ? topicRefs : tableRefs,
    },
  };
}

function connectorDescription(
  plugin: string,
  type: 'source' | 'sink' | undefined,
  topicNames: string[],
  tableNames: string[],
): string {
  const tables = tableNames.join(', ');
  const topics = topicNames.join(', ');
  if (type === 'source') {
    return `${plugin} source${tables ? ` reading ${tables}` : ''}${
      topics ? ` into ${topics}` : ''
    }.`;
  }
  if (type === 'sink') {
    return `${plugin} sink of ${topics || 'no topic'}${
      tables ? ` into ${tables}` : ''
    }.`;
  }
  return `${plugin} connector.`;
}

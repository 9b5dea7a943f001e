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
 * A Flink statement as a Component: it provides the topics it writes and
 * consumes the topics it reads.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_COMPUTE_POOL_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  ENTITY_TYPE_FLINK_STATEMENT,
  SPEC_FEEDS,
} from '@shiftleft/plugin-confluent-common';
import { statementDriftAnnotations } from '../drift';
import type { StatementNode } from './graph';
import {
  baseEntity,
  systemRefOf,
  topicRefOf,
  TransformContext,
} from './context';

/** The Component entity of a Flink statement. */
export function statementToComponent(
  context: TransformContext,
  node: StatementNode,
): Entity {
  const { env, statement } = node;
  const { links, graph } = context;
  const url = links.statement(env.environmentId, statement.name);
  const entity = baseEntity(context, {
    kind: 'Component',
    entityRef: node.ref,
    env,
    owner: node.owner,
    location: url,
    annotations: {
      [ANNOTATION_CONFLUENT_STATEMENT]: statement.name,
      [ANNOTATION_CONFLUENT_COMPUTE_POOL_ID]: statement.computePoolId,
      [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: node.clusterId,
      ...statementDriftAnnotations(env, statement),
    },
  });
  const kind = statement.lineage?.kind ?? statement.sqlKind ?? 'statement';
  const writes = node.writes.map(t => graph.topics.get(t)!.topic);
  const targets = node.targets.map(t => graph.topics.get(t)!.topic);
  const topicRef = (key: string) => topicRefOf(context, key);
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      ...(entity.metadata.name !== statement.name
        ? { title: statement.name }
        : {}),
      description: statementDescription(kind, statement.error, writes, targets),
      links: [
        { url, title: 'Statement in Confluent Cloud', icon: 'cloud' },
        ...(statement.computePoolId
          ? [
              {
                url: links.computePool(
                  env.environmentId,
                  statement.computePoolId,
                ),
                title: `Compute pool ${statement.computePoolId}`,
                icon: 'dashboard',
              },
            ]
          : []),
      ],
    },
    spec: {
      type: ENTITY_TYPE_FLINK_STATEMENT,
      lifecycle: context.lifecycle,
      owner: node.owner.ref,
      ...(node.clusterId
        ? { system: systemRefOf(context, env.environmentId, node.clusterId) }
        : {}),
      providesApis: node.writes.map(topicRef),
      consumesApis: node.reads.map(topicRef),
      [SPEC_FEEDS]: node.writes.map(topicRef),
    },
  };
}

function statementDescription(
  kind: string,
  error: string | undefined,
  writes: string[],
  targets: string[],
): string {
  if (error) {
    return `Flink SQL statement; its SQL could not be analysed: ${error}`;
  }
  if (writes.length) {
    return `Flink SQL ${kind} writing ${writes.join(', ')}.`;
  }
  if (targets.length) {
    return `Flink SQL ${kind} on ${targets.join(', ')}.`;
  }
  return `Flink SQL ${kind}.`;
}

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
 * A System per Kafka cluster, grouping its topics, statements and
 * connectors.
 */
import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID } from '@shiftleft/plugin-confluent-common';
import type { ClusterSnapshot, EnvironmentSnapshot } from '../snapshot';
import { baseEntity, systemRefOf, TransformContext } from './context';

/** The System entity of one Kafka cluster. */
export function clusterToSystem(
  context: TransformContext,
  env: EnvironmentSnapshot,
  cluster: ClusterSnapshot,
): Entity {
  const url = context.links.kafkaCluster(env.environmentId, cluster.id);
  const owner =
    context.owners.mapped(cluster.id, 'System') ?? context.owners.fallback;
  const entity = baseEntity(context, {
    kind: 'System',
    entityRef: systemRefOf(context, env.environmentId, cluster.id)!,
    env,
    owner,
    location: url,
    annotations: { [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: cluster.id },
  });
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      title: `${env.displayName ?? env.environmentId} / ${cluster.id}`,
      description: `Kafka cluster ${cluster.id} of Confluent environment ${
        env.displayName
          ? `${env.displayName} (${env.environmentId})`
          : env.environmentId
      }: its topics, Flink statements and connectors.`,
      links: [
        { url, title: 'Kafka cluster in Confluent Cloud', icon: 'cloud' },
      ],
    },
    spec: { owner: owner.ref },
  };
}

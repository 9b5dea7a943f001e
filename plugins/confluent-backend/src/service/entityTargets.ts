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
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_SCHEMA_SUBJECT,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentEnvironmentInfo } from '@shiftleft/plugin-confluent-node';
import { ConnectorTarget, StatementTarget } from './StatusService';

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key]?.trim();
  return value ? value : undefined;
}

/**
 * The most names one annotation may list. Each is watched and polled
 * upstream for as long as someone looks, so an entity listing thousands
 * would turn one page view into thousands of Confluent requests.
 */
export const MAX_ANNOTATED_NAMES = 50;

function names(entity: Entity, key: string): string[] {
  const listed = [
    ...new Set(
      (annotation(entity, key) ?? '')
        .split(',')
        .map(n => n.trim())
        .filter(Boolean),
    ),
  ];
  if (listed.length > MAX_ANNOTATED_NAMES) {
    throw new InputError(
      `${stringifyEntityRef(entity)} lists ${
        listed.length
      } names in ${key}; at most ${MAX_ANNOTATED_NAMES} are read`,
    );
  }
  return listed;
}

/**
 * The environment of an entity: its annotation, or the only configured
 * environment when it has none.
 */
export function entityEnvironment(
  entity: Entity,
  environments: ReadonlyArray<ConfluentEnvironmentInfo>,
): ConfluentEnvironmentInfo {
  const id = annotation(entity, ANNOTATION_CONFLUENT_ENVIRONMENT_ID);
  if (id) {
    const env = environments.find(e => e.id === id);
    if (!env) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} names Confluent environment '${id}', which is not configured`,
      );
    }
    return env;
  }
  if (environments.length === 1) {
    return environments[0];
  }
  throw new InputError(
    `${stringifyEntityRef(
      entity,
    )} has no ${ANNOTATION_CONFLUENT_ENVIRONMENT_ID} annotation, and ${
      environments.length
    } environments are configured`,
  );
}

/** The Flink statements behind an entity, from its annotation. */
export function statementTargets(
  entity: Entity,
  environments: ReadonlyArray<ConfluentEnvironmentInfo>,
): StatementTarget[] {
  const statementNames = names(entity, ANNOTATION_CONFLUENT_STATEMENT);
  if (statementNames.length === 0) {
    return [];
  }
  const env = entityEnvironment(entity, environments);
  return statementNames.map(name => ({ environmentId: env.id, name }));
}

/** The connectors behind an entity, from its annotation. */
export function connectorTargets(
  entity: Entity,
  environments: ReadonlyArray<ConfluentEnvironmentInfo>,
): ConnectorTarget[] {
  const connectorNames = names(entity, ANNOTATION_CONFLUENT_CONNECTOR);
  if (connectorNames.length === 0) {
    return [];
  }
  const env = entityEnvironment(entity, environments);
  let kafkaClusterId = annotation(
    entity,
    ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  );
  if (!kafkaClusterId) {
    if (env.kafkaClusters.length !== 1) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} has no ${ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID} annotation, and environment ${
          env.id
        } has ${env.kafkaClusters.length} Kafka clusters configured`,
      );
    }
    kafkaClusterId = env.kafkaClusters[0].id;
  }
  return connectorNames.map(name => ({
    environmentId: env.id,
    kafkaClusterId: kafkaClusterId!,
    name,
  }));
}

/** The topic and value subject behind an entity, when it has one. */
export function schemaTarget(
  entity: Entity,
  environments: ReadonlyArray<ConfluentEnvironmentInfo>,
): { environmentId: string; topic?: string; subject: string } | undefined {
  const topic = annotation(entity, ANNOTATION_CONFLUENT_TOPIC);
  const subject =
    annotation(entity, ANNOTATION_CONFLUENT_SCHEMA_SUBJECT) ??
    (topic ? `${topic}-value` : undefined);
  if (!subject) {
    return undefined;
  }
  const env = entityEnvironment(entity, environments);
  return { environmentId: env.id, ...(topic ? { topic } : {}), subject };
}

/**
 * The owners of an entity as full entity refs: its `ownedBy` relations,
 * else `spec.owner` (a group unless it says otherwise).
 */
export function entityOwners(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
  if (related.length > 0) {
    return related;
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return [];
  }
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ).toLocaleLowerCase('en-US'),
    ];
  } catch {
    return [];
  }
}

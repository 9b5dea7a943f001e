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
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_SCHEMA_SUBJECT,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_DATABASE_TABLE,
  ENTITY_TYPE_FLINK_STATEMENT,
  ENTITY_TYPE_KAFKA_TOPIC,
  readMaterializedTable,
} from '@shiftleft/plugin-confluent-common';

const has = (entity: Entity, annotation: string) =>
  Boolean(entity.metadata.annotations?.[annotation]?.trim());

/**
 * Whether a Flink statement is behind the entity (a statement, or a data
 * product a statement produces): the statement status card applies.
 * @public
 */
export function isConfluentStatementAvailable(entity: Entity): boolean {
  return has(entity, ANNOTATION_CONFLUENT_STATEMENT);
}

/**
 * Whether a connector is behind the entity: the connector status card
 * applies.
 * @public
 */
export function isConfluentConnectorAvailable(entity: Entity): boolean {
  return has(entity, ANNOTATION_CONFLUENT_CONNECTOR);
}

/**
 * Whether a statement or connector is behind the entity: the drift card
 * applies (it says so when the portal did not create them).
 * @public
 */
export function isConfluentDriftAvailable(entity: Entity): boolean {
  return (
    has(entity, ANNOTATION_CONFLUENT_STATEMENT) ||
    has(entity, ANNOTATION_CONFLUENT_CONNECTOR)
  );
}

/**
 * Whether the entity is a Flink materialized table (the provider wrote its
 * versions): the materialized table card applies.
 * @public
 */
export function isConfluentMaterializedTableAvailable(entity: Entity): boolean {
  return readMaterializedTable(entity) !== undefined;
}

/**
 * Whether the entity has versions to list: statements behind it (a
 * blue/green change adds one to the chain) or a materialized table. The
 * version history card applies.
 * @public
 */
export function isConfluentVersionHistoryAvailable(entity: Entity): boolean {
  return (
    has(entity, ANNOTATION_CONFLUENT_STATEMENT) ||
    isConfluentMaterializedTableAvailable(entity)
  );
}

/**
 * Whether the entity is a topic with a schema: the schema card applies.
 * @public
 */
export function isConfluentSchemaAvailable(entity: Entity): boolean {
  return (
    has(entity, ANNOTATION_CONFLUENT_TOPIC) ||
    has(entity, ANNOTATION_CONFLUENT_SCHEMA_SUBJECT)
  );
}

const LINEAGE_TYPES: ReadonlySet<unknown> = new Set([
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_KAFKA_TOPIC,
  ENTITY_TYPE_FLINK_STATEMENT,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_DATABASE_TABLE,
]);

/**
 * Whether the entity is one the suite creates (a data product or topic API,
 * a statement or connector Component, a table Resource): the Lineage tab
 * applies.
 * @public
 */
export function isConfluentLineageAvailable(entity: Entity): boolean {
  return LINEAGE_TYPES.has(entity.spec?.type);
}

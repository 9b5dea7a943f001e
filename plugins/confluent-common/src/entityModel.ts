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
 * The catalog model shared by every package of the suite. The entity provider
 * writes these annotations, relations and spec fields; the scaffolder writes
 * the ownership markers the provider reads; the cards and the backend read
 * the annotations to find the Confluent resource behind an entity.
 *
 * Kinds (all standard Backstage kinds):
 *   - API, spec.type `data-product`: a topic produced by a statement or a
 *     connector; spec.definition holds its value schema.
 *   - API, spec.type `kafka-topic`: a topic nothing in Confluent produces.
 *   - Component, spec.type `flink-statement`: a Flink SQL statement.
 *   - Component, spec.type `kafka-connector`: a managed connector.
 *   - Resource, spec.type `database-table`: an external source or sink table
 *     (PostgreSQL, Redshift, Snowflake).
 */

/** Annotation: the Confluent environment id (`env-…`). @public */
export const ANNOTATION_CONFLUENT_ENVIRONMENT_ID =
  'confluent.io/environment-id';
/** Annotation: the Kafka cluster id (`lkc-…`). @public */
export const ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID =
  'confluent.io/kafka-cluster-id';
/** Annotation: the topic behind a data product or topic entity. @public */
export const ANNOTATION_CONFLUENT_TOPIC = 'confluent.io/topic';
/** Annotation: the Schema Registry cluster id (`lsrc-…`). @public */
export const ANNOTATION_CONFLUENT_SCHEMA_REGISTRY_ID =
  'confluent.io/schema-registry-id';
/** Annotation: the value schema subject of a topic (`<topic>-value`). @public */
export const ANNOTATION_CONFLUENT_SCHEMA_SUBJECT =
  'confluent.io/schema-subject';
/**
 * Annotation: a Flink statement name. On a statement entity, the statement
 * itself; on a data product, the statement that produces it. Several names
 * are comma-separated.
 * @public
 */
export const ANNOTATION_CONFLUENT_STATEMENT = 'confluent.io/statement-name';
/** Annotation: the Flink compute pool id (`lfcp-…`). @public */
export const ANNOTATION_CONFLUENT_COMPUTE_POOL_ID =
  'confluent.io/compute-pool-id';
/**
 * Annotation: a connector name. On a connector entity, the connector itself;
 * on a data product, the connector that produces it.
 * @public
 */
export const ANNOTATION_CONFLUENT_CONNECTOR = 'confluent.io/connector-name';
/**
 * Annotation: how the owner was chosen: `label` (statement label), `metadata`
 * (Stream Catalog business metadata on the topic), `inherited` (a connector
 * takes its topics' owner), `mapping` (configured name pattern) or `default`.
 * @public
 */
export const ANNOTATION_CONFLUENT_OWNER_SOURCE = 'confluent.io/owner-source';

/** Entity spec.type of a topic produced by a statement or a connector. @public */
export const ENTITY_TYPE_DATA_PRODUCT = 'data-product';
/** Entity spec.type of a topic that nothing in Confluent produces. @public */
export const ENTITY_TYPE_KAFKA_TOPIC = 'kafka-topic';
/** Entity spec.type of a Flink statement. @public */
export const ENTITY_TYPE_FLINK_STATEMENT = 'flink-statement';
/** Entity spec.type of a managed connector. @public */
export const ENTITY_TYPE_CONNECTOR = 'kafka-connector';
/** Entity spec.type of an external source or sink table. @public */
export const ENTITY_TYPE_DATABASE_TABLE = 'database-table';

/**
 * Data-flow relations: `A feeds B` means records flow from A into B.
 * The pair reads left to right in the catalog graph:
 * table → CDC connector → topic → statement → data product → sink → table.
 * @public
 */
export const RELATION_FEEDS = 'feeds';
/** The reverse of {@link RELATION_FEEDS}: `B fedBy A`. @public */
export const RELATION_FED_BY = 'fedBy';

/**
 * Flink statement label the scaffolder writes and the provider reads: the
 * owner's entity ref in short form (`team-a` for `group:default/team-a`).
 * Label values must match `[a-z0-9]([-a-z0-9_.]*[a-z0-9])?`.
 * @public
 */
export const LABEL_OWNER = 'backstage.io/owner';

/**
 * Stream Catalog business metadata the scaffolder writes on a topic
 * (entity type `kafka_topic`, qualified name `<lsrc>:<lkc>:<topic>`) and the
 * provider reads: attribute `owner` holds the owner entity ref.
 * Connect has no labels, so a connector inherits its topics' owner.
 * @public
 */
export const BUSINESS_METADATA_OWNERSHIP = 'backstage_ownership';

/**
 * The Stream Catalog tag that marks personal data: the scaffolder tags the
 * fields a team declares as PII with it, and the provider reads it (and any
 * other configured `piiTags`).
 * @public
 */
export const CONFLUENT_PII_TAG = 'PII';

/**
 * How an entity's owner was chosen, the value of
 * {@link ANNOTATION_CONFLUENT_OWNER_SOURCE}, in the order the provider tries
 * them: the statement label, the topic's business metadata, a connector
 * inheriting its topics' owner, a configured name pattern, the default.
 * @public
 */
export type ConfluentOwnerSource =
  | 'label'
  | 'metadata'
  | 'inherited'
  | 'mapping'
  | 'default';

/**
 * Annotation on a `database-table` Resource: the database system it lives in
 * (`postgres`, `redshift` or `snowflake`).
 * @public
 */
export const ANNOTATION_CONFLUENT_DATABASE_SYSTEM =
  'confluent.io/database-system';

/**
 * Spec field holding the entity refs this entity feeds (records flow from
 * this entity into them), written by the entity provider on the upstream
 * entity. The catalog module's processor turns it into {@link RELATION_FEEDS}
 * on this entity and {@link RELATION_FED_BY} on each target.
 * @public
 */
export const SPEC_FEEDS = 'feeds';

/**
 * Spec field holding the column lineage and PII provenance of a data
 * product, a topic or an external table (`DataProductLineage`, read with
 * `readDataProductLineage`).
 * @public
 */
export const SPEC_LINEAGE = 'lineage';

/**
 * Spec field of a `database-table` Resource describing the external table
 * (`ExternalTable`, read with `readExternalTable`).
 * @public
 */
export const SPEC_EXTERNAL_TABLE = 'table';

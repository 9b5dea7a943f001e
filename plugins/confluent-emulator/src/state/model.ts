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
 * The emulator's whole state: plain JSON-serialisable records, so the state
 * file is a dump of this object. Records hold what Confluent Cloud stores;
 * the API modules render them in each API's wire format.
 */

/** Bumped when the shape changes; a state file of another version is ignored. */
export const STATE_FORMAT_VERSION = 1;

export interface EmulatorState {
  formatVersion: number;
  /** Monotonic counter: list order, page tokens, resource versions, ids. */
  nextSeq: number;
  organization: OrganizationRecord;
  environments: Record<string, EnvironmentRecord>;
  serviceAccounts: Record<string, ServiceAccountRecord>;
  computePools: Record<string, ComputePoolRecord>;
  kafkaClusters: Record<string, KafkaClusterRecord>;
  schemaRegistries: Record<string, SchemaRegistryRecord>;
  apiKeys: ApiKeyRecord[];
  /** Topics by cluster id, then topic name. */
  topics: Record<string, Record<string, TopicRecord>>;
  /** Statements by environment id, then statement name. */
  statements: Record<string, Record<string, StatementRecord>>;
  /** Connectors by cluster id, then connector name. */
  connectors: Record<string, Record<string, ConnectorRecord>>;
  /**
   * Materialized tables by environment id, then `<clusterId>/<name>`.
   * Optional: state files written before they existed have none.
   */
  materializedTables?: Record<string, Record<string, MaterializedTableRecord>>;
}

export interface OrganizationRecord {
  id: string;
  seq: number;
  displayName: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnvironmentRecord {
  id: string;
  seq: number;
  displayName: string;
  streamGovernancePackage: string;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceAccountRecord {
  id: string;
  seq: number;
  displayName: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface ComputePoolRecord {
  id: string;
  seq: number;
  environmentId: string;
  displayName: string;
  cloud: string;
  region: string;
  maxCfu: number;
  defaultPool: boolean;
  /** PROVISIONING until this time, PROVISIONED after. */
  provisionedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface KafkaClusterRecord {
  id: string;
  environmentId: string;
  displayName: string;
  /** Upper case, as FCPM writes it (`AWS`). */
  cloud: string;
  region: string;
  /** `pkc-….<region>.<cloud>.confluent.cloud:9092`, for connector configs. */
  bootstrapEndpoint: string;
}

export type ApiKeyKind = 'cloud' | 'flink' | 'schemaRegistry' | 'kafka';

export interface ApiKeyRecord {
  key: string;
  secret: string;
  kind: ApiKeyKind;
  /** The principal owning the key (`sa-…`). */
  ownerId: string;
  /** The scope: environment (Flink), `lsrc-…` (SR) or `lkc-…` (Kafka). */
  resourceId?: string;
}

export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/**
 * Data-contract metadata of a schema, normalised as Schema Registry keeps it:
 * keys sorted, tag names and sensitive names sorted and unique, empty parts
 * left out.
 */
export interface SchemaMetadataRecord {
  tags?: Record<string, string[]>;
  properties?: Record<string, string>;
  sensitive?: string[];
}

/** One data-contract rule, as registered. */
export type SchemaRuleRecord = Record<string, unknown> & {
  name: string;
  type: string;
  kind?: string;
  mode?: string;
};

/** A data-contract rule set, as registered. */
export interface SchemaRuleSetRecord {
  migrationRules?: SchemaRuleRecord[];
  domainRules?: SchemaRuleRecord[];
  encodingRules?: SchemaRuleRecord[];
  enableAt?: string;
}

export interface StoredSchema {
  id: number;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
  /** Absent in state files written before data contracts were kept. */
  metadata?: SchemaMetadataRecord;
  ruleSet?: SchemaRuleSetRecord;
  /**
   * The schema, its references, metadata and rule set in normalised form:
   * registering the same again gives the same id.
   */
  canonical: string;
}

export interface SubjectVersion {
  version: number;
  id: number;
  deleted: boolean;
}

export interface TagDefRecord {
  name: string;
  description: string;
  entityTypes: string[];
  color?: string;
  guid: string;
  createTime: number;
  updateTime: number;
  version: number;
}

export interface BusinessMetadataAttributeDef {
  name: string;
  typeName: string;
  isOptional: boolean;
  cardinality: string;
  options?: Record<string, string>;
}

export interface BusinessMetadataDefRecord {
  name: string;
  description: string;
  attributeDefs: BusinessMetadataAttributeDef[];
  guid: string;
  createTime: number;
  updateTime: number;
  version: number;
}

export interface SchemaRegistryRecord {
  id: string;
  environmentId: string;
  nextSchemaId: number;
  compatibility: string;
  schemas: Record<string, StoredSchema>;
  subjects: Record<string, SubjectVersion[]>;
  tagDefs: Record<string, TagDefRecord>;
  businessMetadataDefs: Record<string, BusinessMetadataDefRecord>;
  /** Tags by `<entityType>|<qualifiedName>`, then tag name. */
  entityTags: Record<
    string,
    Record<string, { attributes: Record<string, unknown> }>
  >;
  /** Business metadata by `<entityType>|<qualifiedName>`, then definition name. */
  entityBusinessMetadata: Record<
    string,
    Record<string, Record<string, unknown>>
  >;
}

export interface TopicRecord {
  name: string;
  seq: number;
  partitionsCount: number;
  replicationFactor: number;
  configs: Record<string, string>;
  createdAt: string;
  /** Set by `ALTER TABLE … MODIFY WATERMARK`: the Flink watermark. */
  watermark?: { column: string; expression: string };
}

/** A column's Flink type as `sql/v1` renders it (`DataType`). */
export interface FlinkDataTypeJson {
  type: string;
  nullable: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  key_type?: FlinkDataTypeJson;
  value_type?: FlinkDataTypeJson;
  element_type?: FlinkDataTypeJson;
  fields?: Array<{ name: string; field_type: FlinkDataTypeJson }>;
}

export interface StatementTraitsJson {
  sql_kind: string;
  is_bounded: boolean;
  is_append_only: boolean;
  upsert_columns?: number[];
  schema?: { columns: Array<{ name: string; type: FlinkDataTypeJson }> };
  connection_refs?: string[];
}

export type StatementPhase =
  | 'PENDING'
  | 'RUNNING'
  | 'COMPLETED'
  | 'DELETING'
  | 'FAILING'
  | 'FAILED'
  | 'STOPPING'
  | 'STOPPED'
  | 'DEGRADED';

export interface StatementException {
  name: string;
  message: string;
  timestamp: string;
}

export interface StatementWarning {
  severity: 'LOW' | 'MODERATE' | 'CRITICAL';
  created_at: string;
  reason: string;
  message: string;
}

export interface StatementRecord {
  seq: number;
  name: string;
  uid: string;
  organizationId: string;
  environmentId: string;
  createdAt: string;
  updatedAt: string;
  resourceVersion: string;
  labels: Record<string, string>;
  spec: {
    statement: string;
    properties: Record<string, string>;
    computePoolId: string;
    principal: string;
    stopped: boolean;
  };
  phase: StatementPhase;
  detail: string;
  traits?: StatementTraitsJson;
  /** Topics the statement reads (offsets advance on these while it runs). */
  sourceTopics: Array<{ clusterId: string; topic: string }>;
  /** Run time accumulated before the current run, and when that run began. */
  offsets: { runMs: number; runningSince?: number };
  endTime?: string;
  exceptions: StatementException[];
  warnings: StatementWarning[];
  /** The next lifecycle step and when it is due (epoch ms). */
  transition?: { action: 'start' | 'stop' | 'delete'; dueAt: number };
}

/** One version of a materialized table: the statement that made it. */
export interface MaterializedTableVersionRecord {
  version: number;
  /** The full CREATE [OR ALTER] MATERIALIZED TABLE statement. */
  statement: string;
  createdAt: string;
  /** The statement whose run created this version. */
  statementName: string;
  /** Output columns (`name: TYPE`), to describe what the next version changes. */
  columns: string[];
}

/** A materialized table: created and evolved by its statements. */
export interface MaterializedTableRecord {
  seq: number;
  name: string;
  uid: string;
  organizationId: string;
  environmentId: string;
  clusterId: string;
  createdAt: string;
  updatedAt: string;
  resourceVersion: string;
  /** The statement running the current version's query. */
  statementName: string;
  computePoolId: string;
  principal: string;
  tableOptions: Record<string, string>;
  watermark?: { column: string; expression: string };
  primaryKey?: string[];
  /** Versions, oldest first; the last is current. */
  versions: MaterializedTableVersionRecord[];
}

export type ConnectorState =
  | 'PROVISIONING'
  | 'RUNNING'
  | 'PAUSED'
  | 'FAILED'
  | 'DEGRADED';

export interface ConnectorRecord {
  seq: number;
  /** `lcc-…` */
  id: string;
  name: string;
  environmentId: string;
  clusterId: string;
  type: 'source' | 'sink';
  /** As submitted, secrets included; masked whenever it is rendered. */
  config: Record<string, string>;
  state: ConnectorState;
  trace: string;
  /** FAILED because its task failed (status lists the failed task). */
  taskFailed?: boolean;
  /** Paused by the user: stays PAUSED after provisioning. */
  paused: boolean;
  createdAt: string;
  updatedAt: string;
  transition?: { action: 'provision' | 'pause' | 'resume'; dueAt: number };
}

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

/**
 * The typed Confluent Cloud client of the Confluent plugin suite: Flink SQL
 * statements and compute pools, Connect, Schema Registry, Stream Catalog,
 * Kafka REST v3, organizations, environments and service accounts, with
 * retries, cancellation, `@backstage/errors` mapping and console links.
 *
 * @packageDocumentation
 */

export { ConfluentClient } from './ConfluentClient';
export type {
  ConfluentClientOptions,
  ConfluentClientFromConfigOptions,
  ConfluentEnvironmentInfo,
} from './ConfluentClient';
export { confluentClientServiceRef } from './service';
export { readSuspectedPiiMatcher } from './piiDiscovery';
export {
  CONFLUENT_CONFIG_DEFAULTS,
  parseConfluentConfig,
  readConfluentConfig,
} from './config';
export { readDurationConfig } from './durationConfig';
export type { ReadDurationConfigOptions } from './durationConfig';
export type {
  ConfluentConfig,
  ConfluentCredentials,
  ConfluentEnvironmentConfig,
  ConfluentFlinkConfig,
  ConfluentKafkaClusterConfig,
  ConfluentSchemaRegistryConfig,
} from './config';
export {
  CONFLUENT_API_TITLES,
  ConfluentApiError,
  getConfluentErrorDetails,
  orMissing,
} from './errors';
export type {
  ConfluentApiErrorDetails,
  ConfluentApiName,
  ConfluentFailureKind,
} from './errors';
export { ConfluentConsoleLinks } from './links';
export type {
  ConfluentCallOptions,
  ConfluentResponseInfo,
  ConfluentResponseObserver,
} from './http/transport';
export type {
  ConfluentListOptions,
  ConfluentPage,
  ConfluentPageOptions,
} from './http/pagination';
export type { ConfluentRetryPolicy } from './http/retry';
export type {
  ConfluentObjectMeta,
  ConfluentObjectReference,
} from './apis/common';
export type { ConfluentOrgApi, Environment, Organization } from './apis/org';
export type {
  ConfluentMaterializedTablesApi,
  MaterializedTable,
  MaterializedTableVersion,
} from './apis/materializedTables';
export {
  materializedTableSchema,
  materializedTableVersionSchema,
} from './apis/materializedTables';
export type {
  ConfluentIamApi,
  ListServiceAccountsOptions,
  ServiceAccount,
} from './apis/iam';
export type {
  ComputePool,
  ConfluentComputePoolsApi,
  ListComputePoolsOptions,
} from './apis/computePools';
export type {
  ConfluentFlinkApi,
  CreateStatementRequest,
  ListStatementsOptions,
  ResumeStatementOptions,
  Statement,
  StatementColumn,
  StatementDataType,
  StatementException,
  StatementMetadata,
  StatementPhase,
  StatementSpec,
  StatementStatus,
  StatementTraits,
  StatementWarning,
} from './apis/flink';
export type {
  ConfluentConnectApi,
  Connector,
  ConnectorConfig,
  ConnectorExpansion,
  ConnectorState,
  ConnectorStatus,
  ConnectorTaskStatus,
  ConnectorWithExpansions,
  CreateConnectorRequest,
} from './apis/connect';
export type {
  ConfluentSchemaRegistryApi,
  ListAllSchemasOptions,
  ListSchemasOptions,
  RegisterSchemaRequest,
  RegisteredSchema,
  Schema,
  SchemaById,
  SchemaCompatibility,
  SchemaListFilter,
  SchemaMetadata,
  SchemaReference,
  SchemaRuleSet,
  SchemaType,
  SchemaVersion,
} from './apis/schemaRegistry';
export {
  CATALOG_ENTITY_TYPES,
  schemaFieldQualifiedName,
  schemaQualifiedName,
  topicQualifiedName,
} from './apis/catalog';
export type {
  BusinessMetadata,
  BusinessMetadataDef,
  BusinessMetadataResponse,
  CatalogAttributeDef,
  CatalogEntityHeader,
  CatalogSearchAllOptions,
  CatalogSearchFilter,
  CatalogSearchOptions,
  CatalogItemError,
  ConfluentStreamCatalogApi,
  Tag,
  TagDef,
  TagResponse,
} from './apis/catalog';
export type {
  ConfluentKafkaApi,
  CreateTopicRequest,
  KafkaTopic,
} from './apis/kafka';
export { flattenAvro } from './schema/flattenAvro';
export { flattenJsonSchema } from './schema/flattenJsonSchema';
export { flattenProtobuf } from './schema/flattenProtobuf';
export type {
  FlatField,
  FlatSchema,
  FlattenOptions,
  ReferencedSchema,
} from './schema/types';
export { FLATTEN_LIMITS } from './schema/types';
export {
  buildLineageGraph,
  isProcess,
  LINEAGE_ENTITY_FIELDS,
  lineageGraphOfEntities,
} from './lineageGraph';
export type { LineageGraphOptions } from './lineageGraph';
export {
  DeclaredFingerprints,
  declareConnector,
  declareStatement,
  liveStatement,
  parseDeclaredMap,
  sqlDigest,
} from './drift/declared';

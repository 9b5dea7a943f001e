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
 * Entity cards for Confluent data products: live Flink statement and
 * connector health, and the topic schema with masked and PII fields
 * explained. The new frontend system's plugin is at `/alpha`.
 *
 * @packageDocumentation
 */
export {
  confluentLineageRouteRef,
  confluentPlugin,
  ConfluentLineagePage,
  EntityConfluentLineageContent,
  EntityConfluentConnectorStatusCard,
  EntityConfluentDriftCard,
  EntityConfluentMaterializedTableCard,
  EntityConfluentSchemaCard,
  EntityConfluentStatementStatusCard,
  EntityConfluentVersionHistoryCard,
} from './plugin';
export { confluentApiRef } from './api/ConfluentApi';
export type {
  ConfluentApi,
  LineageDepth,
  LineageSearchQuery,
} from './api/ConfluentApi';
export { ConfluentApiClient } from './api/ConfluentApiClient';
export {
  isConfluentConnectorAvailable,
  isConfluentDriftAvailable,
  isConfluentLineageAvailable,
  isConfluentMaterializedTableAvailable,
  isConfluentSchemaAvailable,
  isConfluentStatementAvailable,
  isConfluentVersionHistoryAvailable,
} from './conditions';
export * from './scaffolder';
export { confluentTranslationRef } from './translation';
export type { StatementStatusCardProps } from './components/StatementStatusCard/StatementStatusCard';
export type { ConnectorStatusCardProps } from './components/ConnectorStatusCard/ConnectorStatusCard';
export type { SchemaCardProps } from './components/SchemaCard/SchemaCard';
export type { DriftCardProps } from './components/DriftCard/DriftCard';
export type { VersionHistoryCardProps } from './components/VersionHistoryCard/VersionHistoryCard';
export type { MaterializedTableCardProps } from './components/MaterializedTableCard/MaterializedTableCard';
export {
  CONNECTOR_CARD_SECTIONS,
  DRIFT_CARD_SECTIONS,
  HISTORY_CARD_SECTIONS,
  MATERIALIZED_TABLE_CARD_SECTIONS,
  SCHEMA_CARD_SECTIONS,
  STATEMENT_CARD_SECTIONS,
} from './components/sections';
export type {
  ConnectorCardSection,
  DriftCardSection,
  HistoryCardSection,
  MaterializedTableCardSection,
  SchemaCardSection,
  StatementCardSection,
} from './components/sections';

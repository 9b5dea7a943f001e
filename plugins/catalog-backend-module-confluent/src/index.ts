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
 * Catalog backend module for Confluent: topics, Flink statements, connectors
 * and the external tables they read and write, as catalog entities with
 * owners, `feeds`/`fedBy` data-flow relations, column lineage and PII
 * provenance.
 *
 * @packageDocumentation
 */
export { catalogModuleConfluentEntityProvider as default } from './module/catalogModuleConfluentEntityProvider';
export { catalogModuleConfluentEntityProvider } from './module/catalogModuleConfluentEntityProvider';
export { ConfluentEntityProvider } from './providers/ConfluentEntityProvider';
export type {
  ConfluentEntityProviderOptions,
  ConfluentReadResult,
} from './providers/ConfluentEntityProvider';
export type { ReadStats } from './providers/ConfluentReader';
export {
  CONFLUENT_PROVIDER_DEFAULTS,
  readProviderConfigs,
} from './providers/config';
export type {
  ConfluentEntityProviderConfig,
  OwnershipKind,
  OwnershipRule,
} from './providers/config';
export { ConfluentFeedsProcessor } from './processor/ConfluentFeedsProcessor';

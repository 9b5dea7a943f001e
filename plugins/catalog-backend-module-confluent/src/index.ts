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

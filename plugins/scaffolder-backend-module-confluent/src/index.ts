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
 * Scaffolder actions that provision streaming data products on Confluent
 * Cloud: a read-only CDC preflight of the source PostgreSQL, managed
 * connectors (CDC source with PII masking, Postgres/Redshift/Snowflake
 * sinks), Flink statements validated by the suite's lineage library, a
 * whole-product plan with PII tracing, and a catalog refresh.
 *
 * @packageDocumentation
 */
export { scaffolderModuleConfluent as default } from './module';
export { scaffolderModuleConfluent } from './module';
export * from './actions';
export { readConfluentScaffolderSettings } from './lib/config';
export type {
  ConfluentScaffolderSettings,
  SinkConnection,
  TeamPrincipals,
} from './lib/config';
export { HostNotAllowedError } from './lib/network';
export type { DatabaseEndpoint, DatabaseNetwork } from './lib/network';
export type { ConfluentActionOptions } from './lib/target';
export { ConfluentResourceFailedError } from './lib/errors';

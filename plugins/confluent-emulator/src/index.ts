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
 * A local Confluent Cloud emulator: Org, IAM, Flink compute pools, Connect,
 * Flink SQL, Schema Registry, Stream Catalog and Kafka REST on one HTTP
 * server, seeded with the shiftleft workshop pipeline.
 *
 * @packageDocumentation
 */
export { startEmulator } from './startEmulator';
export { DOCUMENTED_RATE_LIMITS } from './http/rateLimits';
export {
  EMULATOR_APIS,
  type ConfluentEmulator,
  type EmulatorApi,
  type EmulatorApiKey,
  type EmulatorBackstageConfig,
  type EmulatorFaultInjection,
  type EmulatorFaultRates,
  type EmulatorIds,
  type EmulatorKeys,
  type EmulatorLogger,
  type EmulatorRateLimit,
  type EmulatorSeed,
  type EmulatorTimings,
  type LargeSeedOptions,
  type StartEmulatorOptions,
} from './types';

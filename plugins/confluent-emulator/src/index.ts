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

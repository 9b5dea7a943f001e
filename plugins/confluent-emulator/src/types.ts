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
 * The emulated APIs, each with its own credentials, error shape and request
 * counter, as in Confluent Cloud.
 *
 * - `org`: Org v2 (`/org/v2`), Cloud key
 * - `iam`: IAM v2 (`/iam/v2`), Cloud key
 * - `fcpm`: Flink compute pools v2 (`/fcpm/v2`), Cloud key
 * - `connect`: Connect v1 (`/connect/v1`), Cloud key
 * - `flink`: Flink SQL statements (`/sql/v1`), Flink key
 * - `schemaRegistry`: Schema Registry (`/subjects`, `/schemas`, …), Schema Registry key
 * - `catalog`: Stream Catalog (`/catalog/v1`), Schema Registry key
 * - `kafka`: Kafka REST v3 (`/kafka/v3`), Kafka cluster key
 *
 * @public
 */
export type EmulatorApi =
  | 'org'
  | 'iam'
  | 'fcpm'
  | 'connect'
  | 'flink'
  | 'schemaRegistry'
  | 'catalog'
  | 'kafka';

/**
 * Every {@link EmulatorApi}, in a stable order.
 * @public
 */
export const EMULATOR_APIS: readonly EmulatorApi[] = [
  'org',
  'iam',
  'fcpm',
  'connect',
  'flink',
  'schemaRegistry',
  'catalog',
  'kafka',
];

/**
 * How long the emulated asynchronous lifecycles take, in milliseconds. The
 * defaults are close to what Confluent Cloud shows (a few seconds); tests pass
 * small values.
 * @public
 */
export interface EmulatorTimings {
  /** PENDING before RUNNING, COMPLETED or FAILED. Default: `2000` */
  statementPendingMs?: number;
  /** STOPPING before STOPPED. Default: `1500` */
  statementStoppingMs?: number;
  /** DELETING before the statement is gone. Default: `1000` */
  statementDeletingMs?: number;
  /** PROVISIONING before RUNNING or FAILED. Default: `3000` */
  connectorProvisioningMs?: number;
  /** A pause or resume request before the state changes. Default: `1000` */
  connectorStateChangeMs?: number;
  /** How often a running statement's `latest_offsets` advance. Default: `1000` */
  offsetTickMs?: number;
}

/**
 * The size of the synthetic organization of the `large` seed.
 * @public
 */
export interface LargeSeedOptions {
  /** Topics in the cluster, all with value schemas. Default: `10000` */
  topics?: number;
  /** Flink statements, chained into lineage. Default: `3000` */
  statements?: number;
  /** Connectors, sources and sinks. Default: `1000` */
  connectors?: number;
}

/**
 * What the emulator holds when it starts without a state file:
 * - `workshop`: the shiftleft workshop pipeline (CDC source, four Flink
 *   materializers, three sinks);
 * - `empty`: the organization, environment, cluster, Schema Registry, compute
 *   pool and service account, with no topics, statements or connectors;
 * - `{ large }`: a synthetic organization for benchmarks.
 * @public
 */
export type EmulatorSeed = 'workshop' | 'empty' | { large: LargeSeedOptions };

/**
 * Options of {@link startEmulator}.
 * @public
 */
export interface StartEmulatorOptions {
  /** Port to listen on; `0` picks a free one. Default: `0` */
  port?: number;
  /** Interface to listen on. Default: `127.0.0.1` */
  host?: string;
  /** Initial content. Default: `workshop` */
  seed?: EmulatorSeed;
  /**
   * (Optional) JSON file holding the emulator's state: loaded on start when it
   * exists (instead of the seed), saved shortly after every change and on stop.
   */
  stateFile?: string;
  /** Lifecycle speeds. */
  timings?: EmulatorTimings;
  /**
   * Whether a CDC source connector reaches its PostgreSQL database to read the
   * captured tables (`connect`), or fails as a connector that cannot reach its
   * database does (`never`). Default: `connect`
   */
  sourceDatabases?: 'connect' | 'never';
  /**
   * Request rate limits: `true` enforces the limits Confluent documents
   * ({@link DOCUMENTED_RATE_LIMITS}: Schema Registry and Stream Catalog, 75
   * reads and 25 writes per second); an object enforces those with its
   * entries added or replacing them. A request over the limit gets that API's
   * 429, with `Retry-After` and `X-RateLimit-Limit`, `-Remaining` and
   * `-Reset`. Default: `false` (tests that do not measure throttling).
   */
  rateLimits?: boolean | Partial<Record<EmulatorApi, EmulatorRateLimit>>;
  /** (Optional) Where the emulator reports what it does. Default: silent */
  logger?: EmulatorLogger;
}

/**
 * Requests one API allows per second, per credential scope (a Schema
 * Registry cluster, a Kafka cluster, a Flink environment, or a Cloud key).
 * @public
 */
export interface EmulatorRateLimit {
  /** GET and HEAD requests per second. */
  readPerSecond: number;
  /** Requests with any other method per second. */
  writePerSecond: number;
}

/**
 * The minimal logger the emulator writes to.
 * @public
 */
export interface EmulatorLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The ids and names of the seeded organization.
 * @public
 */
export interface EmulatorIds {
  organizationId: string;
  organizationName: string;
  environmentId: string;
  environmentName: string;
  kafkaClusterId: string;
  kafkaClusterName: string;
  schemaRegistryId: string;
  computePoolId: string;
  computePoolName: string;
  serviceAccountId: string;
  serviceAccountName: string;
  /** Cloud provider, upper case as in FCPM (`AWS`). */
  cloud: string;
  /** Cloud region (`us-east-1`). */
  region: string;
}

/**
 * An API key and its secret (HTTP Basic credentials).
 * @public
 */
export interface EmulatorApiKey {
  key: string;
  secret: string;
}

/**
 * The emulator's local keys, one per kind of Confluent Cloud API key.
 * @public
 */
export interface EmulatorKeys {
  /** Org, IAM, FCPM and Connect. */
  cloud: EmulatorApiKey;
  /** Flink SQL (`sql/v1`) in the seeded environment. */
  flink: EmulatorApiKey;
  /** Schema Registry and Stream Catalog. */
  schemaRegistry: EmulatorApiKey;
  /** Kafka REST v3 on the seeded cluster. */
  kafka: EmulatorApiKey;
}

/**
 * A deterministic fault: the next `times` requests to `api` (optionally only
 * with one of `methods`) fail with `status`, with the body and headers that
 * API sends for that status.
 * @public
 */
export interface EmulatorFaultInjection {
  api: EmulatorApi;
  status: 429 | 500 | 502 | 503;
  times: number;
  /** `Retry-After` (and `X-RateLimit-Reset` on v2 APIs). Default: `1` */
  retryAfterSeconds?: number;
  /** HTTP methods the fault applies to, e.g. `['GET']`. Default: all */
  methods?: string[];
}

/**
 * Random faults and latency for one API, for benchmarks.
 * @public
 */
export interface EmulatorFaultRates {
  /** Added to every request. Default: `0` */
  latencyMs?: number;
  /** Share of requests (0..1) answered with 429. Default: `0` */
  rate429?: number;
  /** Share of requests (0..1) answered with 500. Default: `0` */
  rate5xx?: number;
  /** `Retry-After` of the random 429s. Default: `1` */
  retryAfterSeconds?: number;
}

/**
 * The `confluent` section of a Backstage config pointing at the emulator, in
 * the shape of `@shiftleft/plugin-confluent-node`'s config schema.
 * @public
 */
// A type alias rather than an interface, so it is assignable to Backstage's
// JsonObject (config readers and mockServices.rootConfig take one).
export type EmulatorBackstageConfig = {
  confluent: {
    organizationId: string;
    consoleUrl: string;
    cloud: { baseUrl: string; apiKey: string; apiSecret: string };
    environments: Array<{
      id: string;
      flink: {
        baseUrl: string;
        apiKey: string;
        apiSecret: string;
        computePoolId: string;
        principal: string;
      };
      schemaRegistry: {
        id: string;
        baseUrl: string;
        apiKey: string;
        apiSecret: string;
      };
      kafkaClusters: Array<{
        id: string;
        restBaseUrl: string;
        apiKey: string;
        apiSecret: string;
      }>;
    }>;
  };
};

/**
 * A running emulator.
 * @public
 */
export interface ConfluentEmulator {
  /** Base URL of every API, e.g. `http://127.0.0.1:8090`. */
  readonly url: string;
  readonly ids: EmulatorIds;
  readonly keys: EmulatorKeys;
  /** A Backstage config (`{ confluent: … }`) pointing at this emulator. */
  backstageConfig(): EmulatorBackstageConfig;
  /** Makes the next matching requests fail as the real API fails. */
  injectFaults(fault: EmulatorFaultInjection): void;
  /** Sets random faults and latency per API; omitted APIs are unchanged. */
  setFaultRates(rates: Partial<Record<EmulatorApi, EmulatorFaultRates>>): void;
  /** Removes every injected fault and fault rate. */
  clearFaults(): void;
  /** Requests served (including failed ones), for one API or all. */
  requestCount(api?: EmulatorApi): number;
  /** Sets the request counters back to zero. */
  resetRequestCounts(): void;
  /** Replaces the whole state with a fresh seed. Default: the start seed */
  reset(seed?: EmulatorSeed): Promise<void>;
  /** Stops the server and its timers, and saves the state file. */
  stop(): Promise<void>;
}

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
import { SinkConnection } from '../config';

/* The inputs and results of connector rendering, and its fixed tables. */

/** The connectors the actions provision. */
export const CONNECTOR_TYPES = [
  'postgres-cdc-source',
  'postgres-sink',
  'redshift-sink',
  'snowflake-sink',
] as const;

/** One of {@link CONNECTOR_TYPES}. */
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const CONNECTOR_CLASS: Record<ConnectorType, string> = {
  'postgres-cdc-source': 'PostgresCdcSourceV2',
  'postgres-sink': 'PostgresSink',
  'redshift-sink': 'RedshiftSink',
  'snowflake-sink': 'SnowflakeSink',
};

/** Database connection settings typed into a template (never the password). */
export interface DatabaseInput {
  hostname: string;
  port?: number;
  name: string;
  user: string;
  /** Name of the task secret holding the password. */
  passwordSecret?: string;
  /** `disable`, `prefer` (default), `require`, `verify-ca`, `verify-full`. */
  sslMode?: string;
}

/** Settings of a Postgres CDC source. */
export interface CdcSourceInput {
  database: DatabaseInput;
  /** `table` or `schema.table`; the schema defaults to `public`. */
  tables: string[];
  /** Topics are `<topicPrefix>.<schema>.<table>`. */
  topicPrefix: string;
  /** Default `AVRO`. */
  outputFormat?: string;
  /** Default: the output format. */
  keyFormat?: string;
  /** Flat rows plus `__deleted` instead of Debezium envelopes. Default true. */
  afterStateOnly?: boolean;
  /** Value fields replaced before any record leaves the database. */
  mask?: { fields: string[]; replacement?: string };
  /**
   * Value fields that hold personal data and are not masked: tagged PII in
   * Stream Catalog once the source has registered its schemas.
   */
  piiFields?: string[];
  snapshotMode?: string;
  slotName?: string;
  publicationName?: string;
}

/** Settings of a sink. */
export interface SinkInput {
  /** Topics the sink reads. */
  topics: string[];
  /** A destination configured under `confluent.scaffolder.sinks`. */
  connection?: string;
  /** Or the destination typed in (Postgres, Redshift), password as a secret. */
  database?: DatabaseInput;
  /** Snowflake typed in: the private key comes from a task secret. */
  snowflake?: {
    url?: string;
    user?: string;
    privateKeySecret?: string;
    role?: string;
    database?: string;
    schema?: string;
  };
  /** Default `AVRO`. */
  inputFormat?: string;
  /** Postgres: `UPSERT` (default) or `INSERT`. */
  insertMode?: string;
  /** Postgres: `record_key` (default with UPSERT) or `none`. */
  pkMode?: string;
  /** Create missing tables. Default true. */
  autoCreate?: boolean;
  /** Snowflake: `SNOWPIPE_STREAMING` (default) or `SNOWPIPE`. */
  ingestionMethod?: string;
  /** Snowflake streaming: columns from the schema. Default true. */
  schematization?: boolean;
}

/** A connector to create, as a connector action receives it. */
export interface ConnectorSpec {
  name: string;
  type: ConnectorType;
  source?: CdcSourceInput;
  sink?: SinkInput;
  /** Other config keys, e.g. `decimal.handling.mode`; no secrets. */
  extraConfig?: Record<string, string>;
}

/** A rendered config. */
export interface RenderedConnector {
  name: string;
  type: ConnectorType;
  connectorClass: string;
  /** What is submitted. Holds secrets: never log or output it. */
  config: Record<string, string>;
  /** The same with every secret replaced by where it comes from. */
  redactedConfig: Record<string, string>;
  /** Config keys that hold secrets. */
  secretKeys: string[];
  /** Secret values, for redacting upstream messages. */
  secretValues: string[];
  /** Topics the connector writes (sources). */
  topicsWritten: string[];
  /** Topics the connector reads (sinks). */
  topicsRead: string[];
  /** The source's masked fields. */
  mask?: { fields: string[]; replacement: string };
  /** The source's unmasked fields declared as personal data. */
  piiFields?: string[];
  /** Sink tables per topic (what `table.name.format` resolves to). */
  sinkTables?: Record<string, string>;
  /**
   * Task secrets the config needs but the task was not given (`secrets.x`):
   * enough to plan or adopt, not to submit the config.
   */
  missingSecrets: string[];
}

/** Everything rendering needs besides the spec. */
export interface RenderContext {
  serviceAccountId: string;
  secrets?: Record<string, string>;
  sinks: ReadonlyMap<string, SinkConnection>;
}

/**
 * The only keys `extraConfig` may set, per connector type: tuning that
 * changes neither where data goes (hosts, databases, topics, tables), who
 * the connector runs as, its credentials, nor what leaves the database
 * (`after.state.only`, `transforms*`). An allow-list, not a deny-list: a key
 * nobody has judged safe is refused. Documented in the module's README.
 */
export const EXTRA_CONFIG_KEYS: Record<ConnectorType, readonly string[]> = {
  'postgres-cdc-source': [
    'decimal.handling.mode',
    'tombstones.on.delete',
    'heartbeat.interval.ms',
    'poll.interval.ms',
    'max.batch.size',
  ],
  'postgres-sink': ['batch.size', 'db.timezone'],
  'redshift-sink': ['batch.size'],
  'snowflake-sink': [
    'behavior.on.null.values',
    'buffer.count.records',
    'buffer.flush.time',
    'buffer.size.bytes',
  ],
};

/** Config keys whose values Confluent treats as secrets. */
export const SECRET_CONFIG_KEY =
  /(password|secret|private\.key|passphrase|jaas\.config|credentials\.json)$/i;

/** Keys Confluent Cloud adds to a config it stores. */
export const SERVER_ADDED_KEYS = new Set([
  'name',
  'cloud.environment',
  'cloud.provider',
  'kafka.endpoint',
  'kafka.region',
]);

/** The record formats a connector reads or writes. */
export const FORMATS = ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON'];
/** PostgreSQL SSL modes (libpq's `sslmode`) a database input may name. */
export const SSL_MODES = [
  'disable',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
] as const;

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
 * The Avro schemas the managed PostgresCdcSourceV2 connector (Debezium 2 with
 * Confluent's AvroConverter) registers for a captured table: PostgreSQL types
 * through Debezium's Connect types (`decimal.handling.mode`,
 * `time.precision.mode`) to Avro, optional columns as `["null", T]` unions
 * with `default: null`, and the `after.state.only` flattening
 * (ExtractNewRecordState with `delete.handling.mode=rewrite`, which adds an
 * optional string `__deleted`).
 */

/** A column as `information_schema.columns` describes it. */
export interface PgColumn {
  name: string;
  /** `information_schema.columns.data_type`, e.g. `integer`, `numeric`, `ARRAY`. */
  dataType: string;
  /** `udt_name`, e.g. `int4`, `_text`, or a user-defined enum's name. */
  udtName: string;
  nullable: boolean;
  numericPrecision?: number | null;
  numericScale?: number | null;
  datetimePrecision?: number | null;
  /** Optional inline Stream Governance tags (`confluent:tags`). */
  tags?: string[];
}

/** A captured table. */
export interface PgTable {
  schema: string;
  name: string;
  columns: PgColumn[];
  primaryKey: string[];
}

export interface DebeziumOptions {
  topicPrefix: string;
  afterStateOnly: boolean;
  /** `precise` (default), `double` or `string`. */
  decimalHandlingMode: string;
  /** `adaptive` (default), `adaptive_time_microseconds` or `connect`. */
  timePrecisionMode: string;
}

/** The Connect type a column has once Debezium reads it (for SMT checks). */
export type ConnectKind =
  | 'boolean'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'decimal'
  | 'string'
  | 'bytes'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'array'
  | 'struct';

type Avro = string | Record<string, unknown> | Avro[];

interface Mapped {
  avro: Avro;
  kind: ConnectKind;
}

/** `<topic.prefix>.<schema>.<table>`, the topic Debezium writes a table to. */
export function debeziumTopicName(topicPrefix: string, table: PgTable): string {
  return `${topicPrefix}.${table.schema}.${table.name}`;
}

function connectName(name: string, extra: Record<string, unknown> = {}) {
  return { 'connect.version': 1, 'connect.name': name, ...extra };
}

function mapColumn(column: PgColumn, options: DebeziumOptions): Mapped {
  const udt = column.udtName.toLowerCase();
  const connectTime = options.timePrecisionMode === 'connect';
  const precision = column.datetimePrecision ?? 6;
  if (column.dataType === 'ARRAY' || udt.startsWith('_')) {
    const element = mapColumn(
      {
        ...column,
        dataType: udt.slice(1),
        udtName: udt.slice(1),
        nullable: true,
      },
      options,
    );
    return {
      avro: { type: 'array', items: ['null', element.avro] },
      kind: 'array',
    };
  }
  switch (udt) {
    case 'bool':
      return { avro: 'boolean', kind: 'boolean' };
    case 'int2':
      return { avro: { type: 'int', 'connect.type': 'int16' }, kind: 'int16' };
    case 'int4':
    case 'serial':
      return { avro: 'int', kind: 'int32' };
    case 'int8':
    case 'bigserial':
    case 'oid':
      return { avro: 'long', kind: 'int64' };
    case 'float4':
      return { avro: 'float', kind: 'float32' };
    case 'float8':
      return { avro: 'double', kind: 'float64' };
    case 'numeric':
    case 'money':
      return mapDecimal(column, options);
    case 'bytea':
      return { avro: 'bytes', kind: 'bytes' };
    case 'uuid':
      return {
        avro: { type: 'string', ...connectName('io.debezium.data.Uuid') },
        kind: 'string',
      };
    case 'json':
    case 'jsonb':
      return {
        avro: { type: 'string', ...connectName('io.debezium.data.Json') },
        kind: 'string',
      };
    case 'date':
      return connectTime
        ? {
            avro: {
              type: 'int',
              ...connectName('org.apache.kafka.connect.data.Date'),
              logicalType: 'date',
            },
            kind: 'date',
          }
        : {
            avro: { type: 'int', ...connectName('io.debezium.time.Date') },
            kind: 'int32',
          };
    case 'time':
      if (connectTime) {
        return {
          avro: {
            type: 'int',
            ...connectName('org.apache.kafka.connect.data.Time'),
            logicalType: 'time-millis',
          },
          kind: 'time',
        };
      }
      return precision <= 3
        ? {
            avro: { type: 'int', ...connectName('io.debezium.time.Time') },
            kind: 'int32',
          }
        : {
            avro: {
              type: 'long',
              ...connectName('io.debezium.time.MicroTime'),
            },
            kind: 'int64',
          };
    case 'timestamp':
      if (connectTime) {
        return {
          avro: {
            type: 'long',
            ...connectName('org.apache.kafka.connect.data.Timestamp'),
            logicalType: 'timestamp-millis',
          },
          kind: 'timestamp',
        };
      }
      return precision <= 3
        ? {
            avro: {
              type: 'long',
              ...connectName('io.debezium.time.Timestamp'),
            },
            kind: 'int64',
          }
        : {
            avro: {
              type: 'long',
              ...connectName('io.debezium.time.MicroTimestamp'),
            },
            kind: 'int64',
          };
    case 'timestamptz':
      return {
        avro: {
          type: 'string',
          ...connectName('io.debezium.time.ZonedTimestamp'),
        },
        kind: 'string',
      };
    case 'timetz':
      return {
        avro: { type: 'string', ...connectName('io.debezium.time.ZonedTime') },
        kind: 'string',
      };
    case 'interval':
      return {
        avro: {
          type: 'long',
          ...connectName('io.debezium.time.MicroDuration'),
        },
        kind: 'int64',
      };
    default:
      // text, varchar, bpchar, name, citext, enums and other types Debezium
      // passes as strings.
      return { avro: 'string', kind: 'string' };
  }
}

function mapDecimal(column: PgColumn, options: DebeziumOptions): Mapped {
  if (options.decimalHandlingMode === 'double')
    return { avro: 'double', kind: 'float64' };
  if (options.decimalHandlingMode === 'string')
    return { avro: 'string', kind: 'string' };
  const precision = column.numericPrecision;
  const scale = column.numericScale ?? 0;
  if (precision === null || precision === undefined) {
    // Unconstrained NUMERIC: Debezium's variable-scale struct.
    return {
      avro: {
        type: 'record',
        name: 'VariableScaleDecimal',
        namespace: 'io.debezium.data',
        fields: [
          { name: 'scale', type: 'int' },
          { name: 'value', type: 'bytes' },
        ],
        'connect.doc': 'Variable scaled decimal',
        ...connectName('io.debezium.data.VariableScaleDecimal'),
      },
      kind: 'struct',
    };
  }
  return {
    avro: {
      type: 'bytes',
      scale,
      precision,
      'connect.version': 1,
      'connect.parameters': {
        scale: String(scale),
        'connect.decimal.precision': String(precision),
      },
      'connect.name': 'org.apache.kafka.connect.data.Decimal',
      logicalType: 'decimal',
    },
    kind: 'decimal',
  };
}

function field(column: PgColumn, options: DebeziumOptions) {
  const { avro } = mapColumn(column, options);
  const tags = column.tags?.length ? { 'confluent:tags': column.tags } : {};
  return column.nullable
    ? { name: column.name, type: ['null', avro], default: null, ...tags }
    : { name: column.name, type: avro, ...tags };
}

function rowRecord(table: PgTable, options: DebeziumOptions) {
  const namespace = debeziumTopicName(options.topicPrefix, table);
  return {
    type: 'record',
    name: 'Value',
    namespace,
    fields: table.columns.map(c => field(c, options)),
    'connect.name': `${namespace}.Value`,
  };
}

/** The value schema registered as `<topic>-value`. */
export function debeziumValueSchema(table: PgTable, options: DebeziumOptions) {
  const namespace = debeziumTopicName(options.topicPrefix, table);
  const row = rowRecord(table, options);
  if (options.afterStateOnly) {
    return {
      ...row,
      fields: [
        ...row.fields,
        { name: '__deleted', type: ['null', 'string'], default: null },
      ],
    };
  }
  return {
    type: 'record',
    name: 'Envelope',
    namespace,
    fields: [
      { name: 'before', type: ['null', row], default: null },
      { name: 'after', type: ['null', 'Value'], default: null },
      { name: 'source', type: sourceRecord() },
      {
        name: 'transaction',
        type: ['null', transactionRecord()],
        default: null,
      },
      { name: 'op', type: 'string' },
      { name: 'ts_ms', type: ['null', 'long'], default: null },
      { name: 'ts_us', type: ['null', 'long'], default: null },
      { name: 'ts_ns', type: ['null', 'long'], default: null },
    ],
    'connect.version': 2,
    'connect.name': `${namespace}.Envelope`,
  };
}

/** The key schema (`<topic>-key`): the primary key, or none without one. */
export function debeziumKeySchema(table: PgTable, options: DebeziumOptions) {
  if (table.primaryKey.length === 0) return undefined;
  const namespace = debeziumTopicName(options.topicPrefix, table);
  const columns = table.primaryKey
    .map(name => table.columns.find(c => c.name === name))
    .filter((c): c is PgColumn => Boolean(c))
    .map(c => ({ ...c, nullable: false, tags: undefined }));
  return {
    type: 'record',
    name: 'Key',
    namespace,
    fields: columns.map(c => field(c, options)),
    'connect.name': `${namespace}.Key`,
  };
}

/** Each column's Connect type, for checking SMTs such as MaskField. */
export function debeziumConnectKinds(
  table: PgTable,
  options: DebeziumOptions,
): Map<string, ConnectKind> {
  return new Map(table.columns.map(c => [c.name, mapColumn(c, options).kind]));
}

function sourceRecord() {
  const optional = (name: string, type: string) => ({
    name,
    type: ['null', type],
    default: null,
  });
  return {
    type: 'record',
    name: 'Source',
    namespace: 'io.debezium.connector.postgresql',
    fields: [
      { name: 'version', type: 'string' },
      { name: 'connector', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'ts_ms', type: 'long' },
      {
        name: 'snapshot',
        type: [
          {
            type: 'string',
            'connect.version': 1,
            'connect.parameters': { allowed: 'true,last,false,incremental' },
            'connect.default': 'false',
            'connect.name': 'io.debezium.data.Enum',
          },
          'null',
        ],
        default: 'false',
      },
      { name: 'db', type: 'string' },
      optional('sequence', 'string'),
      optional('ts_us', 'long'),
      optional('ts_ns', 'long'),
      { name: 'schema', type: 'string' },
      { name: 'table', type: 'string' },
      optional('txId', 'long'),
      optional('lsn', 'long'),
      optional('xmin', 'long'),
    ],
    'connect.name': 'io.debezium.connector.postgresql.Source',
  };
}

function transactionRecord() {
  return {
    type: 'record',
    name: 'block',
    namespace: 'event',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'total_order', type: 'long' },
      { name: 'data_collection_order', type: 'long' },
    ],
    'connect.version': 1,
    'connect.name': 'event.block',
  };
}

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
 * The `large` seed: a synthetic organization for the catalog and status
 * benchmarks. Deterministic (a seeded PRNG) and fast: records are built
 * directly, since planning thousands of statements through the SQL analysis
 * would take longer than the benchmarks themselves. The SQL is real Flink SQL
 * that matches the records, so consumers that analyse it find the same
 * lineage: CDC sources feed topics, CTAS and INSERT statements read earlier
 * outputs (joins, filters, aggregations), sinks read statement outputs.
 */
import { randomUUID } from 'node:crypto';
import {
  BUSINESS_METADATA_OWNERSHIP,
  LABEL_OWNER,
} from '@shiftleft/plugin-confluent-common';
import { MASK } from '../connect/plugins';
import {
  debeziumKeySchema,
  debeziumTopicName,
  debeziumValueSchema,
  type PgTable,
} from '../schemas/debezium';
import {
  toDataTypeJson,
  toFlinkAvroRecord,
  type FlinkColumn,
} from '../schemas/flinkTypes';
import type {
  ConnectorRecord,
  StatementPhase,
  StatementRecord,
  StatementTraitsJson,
} from '../state/model';
import type { EmulatorServices } from '../services';
import { SEED_IDS } from './base';

const HOUR = 3_600_000;
const TEAMS = 24;
const DOMAINS = [
  'orders',
  'payments',
  'customers',
  'inventory',
  'shipments',
  'clicks',
  'sessions',
  'devices',
  'claims',
  'accounts',
  'invoices',
  'returns',
  'reviews',
  'carts',
  'refunds',
  'loyalty',
  'pricing',
  'fraud',
  'ledger',
  'telemetry',
];
const TABLES_PER_SOURCE = 3;

/** Every synthetic table has these columns, so any output can feed any statement. */
const COLUMNS: FlinkColumn[] = [
  { name: 'id', type: { kind: 'BIGINT', nullable: false } },
  { name: 'ref_id', type: { kind: 'BIGINT', nullable: true } },
  {
    name: 'name',
    type: { kind: 'VARCHAR', length: 2147483647, nullable: true },
  },
  { name: 'amount', type: { kind: 'DOUBLE', nullable: true } },
  {
    name: 'updated_at',
    type: {
      kind: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE',
      precision: 3,
      nullable: true,
    },
  },
];
const COLUMN_JSON = COLUMNS.map(c => ({
  name: c.name,
  type: toDataTypeJson(c.type),
}));

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pgTable(name: string): PgTable {
  return {
    schema: 'public',
    name,
    primaryKey: ['id'],
    columns: [
      { name: 'id', dataType: 'bigint', udtName: 'int8', nullable: false },
      { name: 'ref_id', dataType: 'bigint', udtName: 'int8', nullable: true },
      {
        name: 'name',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'amount',
        dataType: 'double precision',
        udtName: 'float8',
        nullable: true,
      },
      {
        name: 'updated_at',
        dataType: 'timestamp without time zone',
        udtName: 'timestamp',
        nullable: true,
      },
    ],
  };
}

const quote = (name: string) => `\`${name}\``;

/** Shares of non-default states, as cumulative thresholds of a roll in [0, 1). */
const CONNECTOR_STATES: Array<[number, ConnectorRecord['state']]> = [
  [0.03, 'FAILED'],
  [0.05, 'PAUSED'],
];
const STATEMENT_PHASES: Array<[number, StatementPhase]> = [
  [0.03, 'FAILED'],
  [0.06, 'STOPPED'],
  [0.08, 'DEGRADED'],
];

function pickState<T>(
  roll: number,
  thresholds: Array<[number, T]>,
  otherwise: T,
): T {
  return thresholds.find(([limit]) => roll < limit)?.[1] ?? otherwise;
}

const PHASE_DETAILS: Partial<Record<StatementPhase, string>> = {
  FAILED:
    'The statement failed: java.lang.ArithmeticException: Decimal overflow while casting amount',
  DEGRADED: 'The statement is running with reduced throughput.',
};

/** Connection settings of the synthetic sinks, by plugin; secrets pre-masked. */
const SINK_CONFIGS: Record<string, Record<string, string>> = {
  PostgresSink: {
    'connection.host': 'warehouse-db.internal.example.com',
    'connection.port': '5432',
    'connection.user': 'loader',
    'connection.password': MASK,
    'db.name': 'analytics',
    'insert.mode': 'UPSERT',
    'pk.mode': 'record_key',
    'input.key.format': 'AVRO',
    'auto.create': 'true',
  },
  SnowflakeSink: {
    'snowflake.url.name':
      'https://ab12345.us-east-1.aws.snowflakecomputing.com',
    'snowflake.user.name': 'loader',
    'snowflake.private.key': MASK,
    'snowflake.role.name': 'LOADER',
    'snowflake.database.name': 'ANALYTICS',
    'snowflake.schema.name': 'PUBLIC',
    'snowflake.ingestion.method': 'SNOWPIPE_STREAMING',
    'snowflake.enable.schematization': 'true',
  },
  RedshiftSink: {
    'aws.redshift.domain':
      'analytics.c3vbx7tqp2ka.us-east-1.redshift.amazonaws.com',
    'aws.redshift.port': '5439',
    'aws.redshift.user': 'loader',
    'aws.redshift.password': MASK,
    'aws.redshift.database': 'analytics',
    'auto.create': 'true',
  },
};

/** Adds the synthetic organization to a base state. */
export function seedLarge(
  services: EmulatorServices,
  sizes: { topics: number; statements: number; connectors: number },
  now: number,
) {
  const random = prng(0x1a76e);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const ids = SEED_IDS;
  const { store } = services;
  const clusterId = ids.kafkaClusterId;
  const registryId = ids.schemaRegistryId;
  const topics = store.topicsOf(clusterId);

  services.catalog.putTagDefs(
    registryId,
    [{ name: 'PII', entityTypes: ['cf_entity'] }],
    false,
  );
  services.catalog.putBusinessMetadataDefs(
    registryId,
    [
      {
        name: BUSINESS_METADATA_OWNERSHIP,
        attributeDefs: [
          { name: 'owner', typeName: 'string', isOptional: false },
        ],
      },
    ],
    false,
  );

  const addTopic = (name: string, partitions: number, createdAt: number) => {
    topics[name] = {
      name,
      seq: store.nextSeq(),
      partitionsCount: partitions,
      replicationFactor: 3,
      configs: {},
      createdAt: new Date(createdAt).toISOString(),
    };
  };
  const register = (subject: string, schema: object) =>
    services.schemaRegistry.register(
      registryId,
      subject,
      { schema: JSON.stringify(schema) },
      { trusted: true },
    );

  const sourceCount = Math.round(sizes.connectors * 0.4);
  const sinkCount = sizes.connectors - sourceCount;
  const ctasCount = Math.round(sizes.statements * 0.8);
  const insertCount = Math.min(
    Math.round(sizes.statements * 0.12),
    sizes.statements - ctasCount,
  );
  const alterCount = sizes.statements - ctasCount - insertCount;
  const tablesPerSource = Math.max(
    1,
    Math.min(
      TABLES_PER_SOURCE,
      Math.floor((sizes.topics - ctasCount) / Math.max(1, sourceCount)),
    ),
  );
  // At least one input topic, so the first statement has something to read.
  const rawCount = Math.max(
    sourceCount === 0 ? 1 : 0,
    sizes.topics - ctasCount - sourceCount * tablesPerSource,
  );

  // Topics written by applications outside Confluent: Flink-style schemas.
  const inputs: string[] = [];
  for (let i = 0; i < rawCount; i++) {
    const name = `${DOMAINS[i % DOMAINS.length]}.events.v${
      1 + Math.floor(i / DOMAINS.length)
    }`;
    addTopic(name, pick([1, 3, 6, 12]), now - 30 * 24 * HOUR);
    register(
      `${name}-value`,
      toFlinkAvroRecord(`${name.replace(/\W/g, '_')}_value`, COLUMNS),
    );
    inputs.push(name);
  }

  // CDC sources and their topics.
  const connectors = (store.state.connectors[clusterId] ??= {});
  const connector = (
    name: string,
    type: 'source' | 'sink',
    config: Record<string, string>,
    createdAt: number,
  ): ConnectorRecord => {
    const state = pickState(random(), CONNECTOR_STATES, 'RUNNING');
    const record: ConnectorRecord = {
      seq: store.nextSeq(),
      id: `lcc-${(1_000_000 + store.state.nextSeq * 31).toString(36)}`,
      name,
      environmentId: ids.environmentId,
      clusterId,
      type,
      config: {
        name,
        'kafka.auth.mode': 'SERVICE_ACCOUNT',
        'kafka.service.account.id': ids.serviceAccountId,
        'tasks.max': '1',
        ...config,
      },
      state,
      trace:
        state === 'FAILED'
          ? 'org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.\nCaused by: org.apache.kafka.connect.errors.DataException: Failed to deserialize data for topic to Avro'
          : '',
      taskFailed: state === 'FAILED',
      paused: state === 'PAUSED',
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(createdAt).toISOString(),
    };
    connectors[name] = record;
    return record;
  };
  for (let s = 0; s < sourceCount; s++) {
    const prefix = `app${s}`;
    const tables: string[] = [];
    for (let t = 0; t < tablesPerSource; t++) {
      const table = pgTable(`${DOMAINS[(s + t) % DOMAINS.length]}_${t}`);
      const options = {
        topicPrefix: prefix,
        afterStateOnly: true,
        decimalHandlingMode: 'precise',
        timePrecisionMode: 'connect',
      };
      const topic = debeziumTopicName(prefix, table);
      addTopic(topic, 1, now - 20 * 24 * HOUR);
      register(`${topic}-value`, debeziumValueSchema(table, options));
      register(`${topic}-key`, debeziumKeySchema(table, options)!);
      tables.push(`public.${table.name}`);
      inputs.push(topic);
    }
    connector(
      `${prefix}-postgres-cdc-source`,
      'source',
      {
        'connector.class': 'PostgresCdcSourceV2',
        'database.hostname': `${prefix}-db.internal.example.com`,
        'database.port': '5432',
        'database.user': 'debezium',
        'database.password': MASK,
        'database.dbname': prefix,
        'topic.prefix': prefix,
        'table.include.list': tables.join(','),
        'after.state.only': 'true',
        'output.data.format': 'AVRO',
        'output.key.format': 'AVRO',
        'time.precision.mode': 'connect',
      },
      now - 20 * 24 * HOUR,
    );
  }

  // Statements: CTAS first in chains, INSERTs into earlier outputs, DDL.
  const statements = (store.state.statements[ids.environmentId] ??= {});
  const outputs: Array<{ topic: string; keyed: boolean }> = [];
  const properties = {
    'sql.current-catalog': ids.environmentName,
    'sql.current-database': ids.kafkaClusterName,
  };
  const source = (): string => {
    if (outputs.length > 0 && (inputs.length === 0 || random() < 0.6)) {
      return pick(outputs).topic;
    }
    return inputs.length > 0 ? pick(inputs) : outputs[0]?.topic ?? '';
  };
  const addStatement = (
    name: string,
    sql: string,
    traits: StatementTraitsJson,
    reads: string[],
    createdAt: number,
    streaming: boolean,
  ) => {
    const roll = random();
    const phase: StatementPhase = streaming
      ? pickState(roll, STATEMENT_PHASES, 'RUNNING')
      : 'COMPLETED';
    const created = new Date(createdAt).toISOString();
    const ended = new Date(createdAt + HOUR).toISOString();
    const team = Math.floor(random() * TEAMS);
    const record: StatementRecord = {
      seq: store.nextSeq(),
      name,
      uid: randomUUID(),
      organizationId: ids.organizationId,
      environmentId: ids.environmentId,
      createdAt: created,
      updatedAt: phase === 'RUNNING' ? created : ended,
      resourceVersion: store.nextResourceVersion(),
      labels: random() < 0.6 ? { [LABEL_OWNER]: `team-${team}` } : {},
      spec: {
        statement: sql,
        properties: { ...properties },
        computePoolId: ids.computePoolId,
        principal: ids.serviceAccountId,
        stopped: phase === 'STOPPED',
      },
      phase,
      detail: PHASE_DETAILS[phase] ?? '',
      traits,
      sourceTopics: reads.map(topic => ({ clusterId, topic })),
      offsets: {
        runMs: phase === 'RUNNING' || phase === 'DEGRADED' ? 0 : HOUR,
        runningSince:
          phase === 'RUNNING' || phase === 'DEGRADED' ? createdAt : undefined,
      },
      endTime: phase === 'RUNNING' || phase === 'DEGRADED' ? undefined : ended,
      exceptions:
        phase === 'FAILED'
          ? [
              {
                name: 'java.lang.ArithmeticException',
                message: 'Decimal overflow while casting amount',
                timestamp: ended,
              },
            ]
          : [],
      warnings:
        phase === 'DEGRADED'
          ? [
              {
                severity: 'MODERATE',
                created_at: ended,
                reason: 'STATE_SIZE_GROWING',
                message:
                  'State size is growing steadily; consider setting sql.state-ttl.',
              },
            ]
          : [],
    };
    statements[name] = record;
  };

  // The first statement creates a table; the rest come in a shuffled order,
  // so INSERTs and ALTERs always have an earlier output to work on.
  const kinds: Array<'ctas' | 'insert' | 'alter'> = [
    ...Array<'ctas'>(Math.max(0, ctasCount - 1)).fill('ctas'),
    ...Array<'insert'>(insertCount).fill('insert'),
    ...Array<'alter'>(alterCount).fill('alter'),
  ];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  if (ctasCount > 0) kinds.unshift('ctas');
  const total = kinds.length;
  for (let i = 0; i < total; i++) {
    const createdAt =
      now -
      14 * 24 * HOUR +
      Math.floor((i * 13 * 24 * HOUR) / Math.max(1, total));
    const kind = kinds[i];
    const domain = DOMAINS[i % DOMAINS.length];
    if (kind === 'ctas') {
      const output = `${domain}_product_${i}`;
      const shape = random();
      const a = source();
      let sql: string;
      let reads: string[];
      let keyed = false;
      if (shape < 0.35) {
        const b = source();
        reads = a === b ? [a] : [a, b];
        sql = `CREATE TABLE ${quote(
          output,
        )} AS\nSELECT a.id, a.ref_id, a.name, b.amount, a.updated_at\nFROM ${quote(
          a,
        )} a\nJOIN ${quote(b)} b ON a.ref_id = b.id;`;
      } else if (shape < 0.55) {
        keyed = true;
        reads = [a];
        sql = `CREATE TABLE ${quote(
          output,
        )} (\n  id BIGINT NOT NULL,\n  ref_id BIGINT,\n  name STRING,\n  amount DOUBLE,\n  updated_at TIMESTAMP_LTZ(3),\n  PRIMARY KEY (id) NOT ENFORCED\n) AS\nSELECT COALESCE(ref_id, 0) AS id, MAX(ref_id) AS ref_id, MAX(name) AS name, SUM(amount) AS amount, MAX(updated_at) AS updated_at\nFROM ${quote(
          a,
        )}\nGROUP BY ref_id;`;
      } else {
        reads = [a];
        sql = `CREATE TABLE ${quote(
          output,
        )} AS\nSELECT id, ref_id, UPPER(name) AS name, amount, updated_at\nFROM ${quote(
          a,
        )}\nWHERE amount > 0;`;
      }
      addTopic(output, 6, createdAt);
      if (keyed) {
        register(
          `${output}-key`,
          toFlinkAvroRecord(`${output}_key`, COLUMNS.slice(0, 1)),
        );
        register(
          `${output}-value`,
          toFlinkAvroRecord(`${output}_value`, COLUMNS.slice(1)),
        );
      } else {
        register(
          `${output}-value`,
          toFlinkAvroRecord(`${output}_value`, COLUMNS),
        );
      }
      if (random() < 0.1) {
        services.catalog.putBusinessMetadata(registryId, [
          {
            typeName: BUSINESS_METADATA_OWNERSHIP,
            entityType: 'kafka_topic',
            entityName: `${registryId}:${clusterId}:${output}`,
            attributes: {
              owner: `group:default/team-${Math.floor(random() * TEAMS)}`,
            },
          },
        ]);
      }
      addStatement(
        `${domain}-product-${i}-materializer`,
        sql,
        {
          sql_kind: 'CREATE_TABLE_AS',
          is_bounded: false,
          is_append_only: !keyed,
          ...(keyed ? { upsert_columns: [0] } : {}),
          schema: { columns: COLUMN_JSON },
          connection_refs: [],
        },
        reads,
        createdAt,
        true,
      );
      outputs.push({ topic: output, keyed });
    } else if (kind === 'insert') {
      const target = pick(outputs.filter(o => !o.keyed)) ?? outputs[0];
      const from = source();
      addStatement(
        `${domain}-backfill-${i}`,
        `INSERT INTO ${quote(
          target.topic,
        )}\nSELECT id, ref_id, name, amount, updated_at\nFROM ${quote(from)};`,
        {
          sql_kind: 'INSERT_INTO',
          is_bounded: false,
          is_append_only: true,
          schema: { columns: COLUMN_JSON },
          connection_refs: [],
        },
        [from],
        createdAt,
        true,
      );
    } else {
      const table = source();
      addStatement(
        `${domain}-watermark-${i}`,
        `ALTER TABLE ${quote(
          table,
        )} MODIFY WATERMARK FOR updated_at AS updated_at - INTERVAL '5' SECOND;`,
        {
          sql_kind: 'ALTER_TABLE',
          is_bounded: true,
          is_append_only: true,
          connection_refs: [],
        },
        [],
        createdAt,
        false,
      );
    }
  }

  // Sinks read statement outputs (or any topic when there are none).
  const sinkKinds = Object.keys(SINK_CONFIGS);
  for (let k = 0; k < sinkCount; k++) {
    const topic = outputs.length ? pick(outputs).topic : source();
    if (!topic) break;
    const kind = sinkKinds[k % sinkKinds.length];
    const config = SINK_CONFIGS[kind];
    connector(
      `${topic.replace(/[^a-z0-9-]/gi, '-')}-${kind.toLowerCase()}-${k}`,
      'sink',
      {
        'connector.class': kind,
        topics: topic,
        'input.data.format': 'AVRO',
        ...config,
      },
      now - 5 * 24 * HOUR,
    );
  }
  store.changed();
}

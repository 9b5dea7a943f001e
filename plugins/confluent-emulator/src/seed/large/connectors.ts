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
 * The connectors of the `large` seed: CDC sources with their tables'
 * topics and schemas, and sinks of statement outputs.
 */
import { MASK } from '../../connect/plugins';
import {
  debeziumKeySchema,
  debeziumTopicName,
  debeziumValueSchema,
} from '../../schemas/debezium';
import type { ConnectorRecord } from '../../state/model';
import {
  DOMAINS,
  HOUR,
  pgTable,
  pickState,
  type LargeSeedContext,
} from './shared';

/** Shares of non-default states, as cumulative thresholds of a roll in [0, 1). */
const CONNECTOR_STATES: Array<[number, ConnectorRecord['state']]> = [
  [0.03, 'FAILED'],
  [0.05, 'PAUSED'],
];

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

/** Adds a connector in a state drawn from {@link CONNECTOR_STATES}. */
function addConnector(
  ctx: LargeSeedContext,
  name: string,
  type: 'source' | 'sink',
  config: Record<string, string>,
  createdAt: number,
): ConnectorRecord {
  const { store } = ctx.services;
  const { ids, clusterId } = ctx;
  const connectors = (store.state.connectors[clusterId] ??= {});
  const state = pickState(ctx.random(), CONNECTOR_STATES, 'RUNNING');
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
}

/**
 * CDC sources, each capturing `tablesPerSource` tables into topics with
 * Debezium's schemas; the topics are added to `inputs`.
 */
export function seedCdcSources(
  ctx: LargeSeedContext,
  sourceCount: number,
  tablesPerSource: number,
  inputs: string[],
) {
  const { now } = ctx;
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
      ctx.addTopic(topic, 1, now - 20 * 24 * HOUR);
      ctx.register(`${topic}-value`, debeziumValueSchema(table, options));
      ctx.register(`${topic}-key`, debeziumKeySchema(table, options)!);
      tables.push(`public.${table.name}`);
      inputs.push(topic);
    }
    addConnector(
      ctx,
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
}

/**
 * Sinks of statement outputs, or of any topic `source` picks when there
 * are none; each sink kind in turn.
 */
export function seedSinks(
  ctx: LargeSeedContext,
  sinkCount: number,
  outputs: Array<{ topic: string }>,
  source: () => string,
) {
  const sinkKinds = Object.keys(SINK_CONFIGS);
  for (let k = 0; k < sinkCount; k++) {
    const topic = outputs.length ? ctx.pick(outputs).topic : source();
    if (!topic) break;
    const kind = sinkKinds[k % sinkKinds.length];
    const config = SINK_CONFIGS[kind];
    addConnector(
      ctx,
      `${topic.replace(/[^a-z0-9-]/gi, '-')}-${kind.toLowerCase()}-${k}`,
      'sink',
      {
        'connector.class': kind,
        topics: topic,
        'input.data.format': 'AVRO',
        ...config,
      },
      ctx.now - 5 * 24 * HOUR,
    );
  }
}

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
 * The statements of the `large` seed: CTAS chains that read earlier outputs
 * (joins, filters, aggregations), INSERTs into those outputs, and DDL.
 */
import { randomUUID } from 'node:crypto';
import {
  BUSINESS_METADATA_OWNERSHIP,
  LABEL_OWNER,
} from '@shiftleft/plugin-confluent-common';
import { toFlinkAvroRecord } from '../../schemas/flinkTypes';
import type {
  StatementPhase,
  StatementRecord,
  StatementTraitsJson,
} from '../../state/model';
import {
  COLUMN_JSON,
  COLUMNS,
  DOMAINS,
  HOUR,
  pickState,
  quote,
  TEAMS,
  type LargeSeedContext,
} from './shared';

/** Shares of non-default phases, as cumulative thresholds of a roll in [0, 1). */
const STATEMENT_PHASES: Array<[number, StatementPhase]> = [
  [0.03, 'FAILED'],
  [0.06, 'STOPPED'],
  [0.08, 'DEGRADED'],
];

const PHASE_DETAILS: Partial<Record<StatementPhase, string>> = {
  FAILED:
    'The statement failed: java.lang.ArithmeticException: Decimal overflow while casting amount',
  DEGRADED: 'The statement is running with reduced throughput.',
};

/** A table a statement created, which later statements may read. */
export interface StatementOutput {
  topic: string;
  /** Whether it has a primary key (an upsert table). */
  keyed: boolean;
}

/** How many statements of each kind. */
export interface StatementCounts {
  ctas: number;
  insert: number;
  alter: number;
}

/** Adds a statement in a phase drawn from {@link STATEMENT_PHASES}. */
function addStatement(
  ctx: LargeSeedContext,
  statement: {
    name: string;
    sql: string;
    traits: StatementTraitsJson;
    reads: string[];
    createdAt: number;
    streaming: boolean;
  },
) {
  const { name, sql, traits, reads, createdAt, streaming } = statement;
  const { random, ids, clusterId } = ctx;
  const { store } = ctx.services;
  const statements = (store.state.statements[ids.environmentId] ??= {});
  const roll = random();
  const phase: StatementPhase = streaming
    ? pickState(roll, STATEMENT_PHASES, 'RUNNING')
    : 'COMPLETED';
  const running = phase === 'RUNNING' || phase === 'DEGRADED';
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
      properties: {
        'sql.current-catalog': ids.environmentName,
        'sql.current-database': ids.kafkaClusterName,
      },
      computePoolId: ids.computePoolId,
      principal: ids.serviceAccountId,
      stopped: phase === 'STOPPED',
    },
    phase,
    detail: PHASE_DETAILS[phase] ?? '',
    traits,
    sourceTopics: reads.map(topic => ({ clusterId, topic })),
    offsets: {
      runMs: running ? 0 : HOUR,
      runningSince: running ? createdAt : undefined,
    },
    endTime: running ? undefined : ended,
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
}

/** The CTAS query of one of three shapes: a join, an aggregation, a filter. */
function ctasQuery(
  ctx: LargeSeedContext,
  output: string,
  source: () => string,
): { sql: string; reads: string[]; keyed: boolean } {
  const shape = ctx.random();
  const a = source();
  if (shape < 0.35) {
    const b = source();
    return {
      reads: a === b ? [a] : [a, b],
      keyed: false,
      sql: `CREATE TABLE ${quote(
        output,
      )} AS\nSELECT a.id, a.ref_id, a.name, b.amount, a.updated_at\nFROM ${quote(
        a,
      )} a\nJOIN ${quote(b)} b ON a.ref_id = b.id;`,
    };
  }
  if (shape < 0.55) {
    return {
      reads: [a],
      keyed: true,
      sql: `CREATE TABLE ${quote(
        output,
      )} (\n  id BIGINT NOT NULL,\n  ref_id BIGINT,\n  name STRING,\n  amount DOUBLE,\n  updated_at TIMESTAMP_LTZ(3),\n  PRIMARY KEY (id) NOT ENFORCED\n) AS\nSELECT COALESCE(ref_id, 0) AS id, MAX(ref_id) AS ref_id, MAX(name) AS name, SUM(amount) AS amount, MAX(updated_at) AS updated_at\nFROM ${quote(
        a,
      )}\nGROUP BY ref_id;`,
    };
  }
  return {
    reads: [a],
    keyed: false,
    sql: `CREATE TABLE ${quote(
      output,
    )} AS\nSELECT id, ref_id, UPPER(name) AS name, amount, updated_at\nFROM ${quote(
      a,
    )}\nWHERE amount > 0;`,
  };
}

/** A CTAS statement, its output topic and schemas, now and then an owner. */
function addCtas(
  ctx: LargeSeedContext,
  i: number,
  createdAt: number,
  source: () => string,
): StatementOutput {
  const { random, registryId, clusterId } = ctx;
  const domain = DOMAINS[i % DOMAINS.length];
  const output = `${domain}_product_${i}`;
  const { sql, reads, keyed } = ctasQuery(ctx, output, source);
  ctx.addTopic(output, 6, createdAt);
  if (keyed) {
    ctx.register(
      `${output}-key`,
      toFlinkAvroRecord(`${output}_key`, COLUMNS.slice(0, 1)),
    );
    ctx.register(
      `${output}-value`,
      toFlinkAvroRecord(`${output}_value`, COLUMNS.slice(1)),
    );
  } else {
    ctx.register(
      `${output}-value`,
      toFlinkAvroRecord(`${output}_value`, COLUMNS),
    );
  }
  if (random() < 0.1) {
    ctx.services.catalog.putBusinessMetadata(registryId, [
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
  addStatement(ctx, {
    name: `${domain}-product-${i}-materializer`,
    sql,
    traits: {
      sql_kind: 'CREATE_TABLE_AS',
      is_bounded: false,
      is_append_only: !keyed,
      ...(keyed ? { upsert_columns: [0] } : {}),
      schema: { columns: COLUMN_JSON },
      connection_refs: [],
    },
    reads,
    createdAt,
    streaming: true,
  });
  return { topic: output, keyed };
}

/** An INSERT into an earlier append-only output. */
function addInsert(
  ctx: LargeSeedContext,
  i: number,
  createdAt: number,
  outputs: StatementOutput[],
  source: () => string,
) {
  const domain = DOMAINS[i % DOMAINS.length];
  const target = ctx.pick(outputs.filter(o => !o.keyed)) ?? outputs[0];
  const from = source();
  addStatement(ctx, {
    name: `${domain}-backfill-${i}`,
    sql: `INSERT INTO ${quote(
      target.topic,
    )}\nSELECT id, ref_id, name, amount, updated_at\nFROM ${quote(from)};`,
    traits: {
      sql_kind: 'INSERT_INTO',
      is_bounded: false,
      is_append_only: true,
      schema: { columns: COLUMN_JSON },
      connection_refs: [],
    },
    reads: [from],
    createdAt,
    streaming: true,
  });
}

/** An ALTER TABLE of a topic's watermark (DDL: COMPLETED at once). */
function addAlter(
  ctx: LargeSeedContext,
  i: number,
  createdAt: number,
  source: () => string,
) {
  const domain = DOMAINS[i % DOMAINS.length];
  const table = source();
  addStatement(ctx, {
    name: `${domain}-watermark-${i}`,
    sql: `ALTER TABLE ${quote(
      table,
    )} MODIFY WATERMARK FOR updated_at AS updated_at - INTERVAL '5' SECOND;`,
    traits: {
      sql_kind: 'ALTER_TABLE',
      is_bounded: true,
      is_append_only: true,
      connection_refs: [],
    },
    reads: [],
    createdAt,
    streaming: false,
  });
}

/**
 * Picks a topic to read: more often an earlier statement's output (so
 * chains form), otherwise one of `inputs`.
 */
export function createSourcePicker(
  ctx: LargeSeedContext,
  inputs: string[],
  outputs: StatementOutput[],
): () => string {
  return () => {
    if (outputs.length > 0 && (inputs.length === 0 || ctx.random() < 0.6)) {
      return ctx.pick(outputs).topic;
    }
    return inputs.length > 0 ? ctx.pick(inputs) : outputs[0]?.topic ?? '';
  };
}

/**
 * The statements, over the last two weeks. The first creates a table; the
 * rest come in a shuffled order, so INSERTs and ALTERs always have an
 * earlier output to work on. Outputs are added to `outputs`.
 */
export function seedStatements(
  ctx: LargeSeedContext,
  counts: StatementCounts,
  outputs: StatementOutput[],
  source: () => string,
) {
  const { random, now } = ctx;
  const kinds: Array<'ctas' | 'insert' | 'alter'> = [
    ...Array<'ctas'>(Math.max(0, counts.ctas - 1)).fill('ctas'),
    ...Array<'insert'>(counts.insert).fill('insert'),
    ...Array<'alter'>(counts.alter).fill('alter'),
  ];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  if (counts.ctas > 0) kinds.unshift('ctas');
  const total = kinds.length;
  for (let i = 0; i < total; i++) {
    const createdAt =
      now -
      14 * 24 * HOUR +
      Math.floor((i * 13 * 24 * HOUR) / Math.max(1, total));
    const kind = kinds[i];
    if (kind === 'ctas') {
      outputs.push(addCtas(ctx, i, createdAt, source));
    } else if (kind === 'insert') {
      addInsert(ctx, i, createdAt, outputs, source);
    } else {
      addAlter(ctx, i, createdAt, source);
    }
  }
}

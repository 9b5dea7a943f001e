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
 * What a Flink statement does when it starts, as Confluent Cloud does it:
 * tables resolve against environments (catalogs) and Kafka clusters
 * (databases) by display name or id; a statement reading a table that does
 * not exist FAILS; CREATE TABLE [AS SELECT] creates the topic and registers
 * its key and value schemas; ALTER TABLE changes table metadata.
 */
import avro from 'avsc';
import {
  parseFlinkType,
  STRING_TYPE,
  toDataTypeJson,
  toFlinkAvroRecord,
  withNullable,
  columnsFromAvro,
  type FlinkColumn,
  type LogicalType,
} from '../schemas/flinkTypes';
import type { StatementRecord, StatementTraitsJson } from '../state/model';
import type { EmulatorStore } from '../state/store';
import type { SchemaRegistryService } from '../services/schemaRegistry';
import { DEFAULT_PARTITIONS, type TopicService } from '../services/topics';
import {
  analyzeStatement,
  columnsInto,
  ROWTIME_COLUMN,
  type SqlParseFailure,
  type ColumnLineage,
  type FlinkLineage,
  type TableRef,
} from './sqlAnalysis';

/** A statement that could not start: its `status.detail` and exception. */
export interface PlanFailure {
  detail: string;
  exception: { name: string; message: string };
}

/** What starting a statement does. */
export interface StatementPlan {
  phase: 'RUNNING' | 'COMPLETED';
  detail: string;
  traits: StatementTraitsJson;
  sourceTopics: Array<{ clusterId: string; topic: string }>;
  /** The side effects: topics, schemas, table metadata. */
  apply(): void;
}

interface ResolvedTable {
  clusterId: string;
  environmentId: string;
  topic: string;
}

const ROWTIME: LogicalType = {
  kind: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE',
  precision: 3,
  nullable: false,
};

const NUMERIC_ORDER = [
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'DECIMAL',
  'FLOAT',
  'DOUBLE',
];

const VALIDATION_EXCEPTION = 'org.apache.flink.table.api.ValidationException';
const PARSER_EXCEPTION = 'org.apache.flink.sql.parser.impl.ParseException';

/** Plans statements for one emulator. */
export class StatementPlanner {
  readonly #store: EmulatorStore;
  readonly #topics: TopicService;
  readonly #schemaRegistry: SchemaRegistryService;

  constructor(options: {
    store: EmulatorStore;
    topics: TopicService;
    schemaRegistry: SchemaRegistryService;
  }) {
    this.#store = options.store;
    this.#topics = options.topics;
    this.#schemaRegistry = options.schemaRegistry;
  }

  /** The Flink columns of a topic: key-only columns, then value columns. */
  topicColumns(clusterId: string, topic: string): FlinkColumn[] | undefined {
    const cluster = this.#store.cluster(clusterId);
    const registry =
      cluster && this.#store.schemaRegistryOf(cluster.environmentId);
    if (!registry || !this.#topics.get(clusterId, topic)) return undefined;
    const read = (subject: string) => {
      const latest = this.#schemaRegistry.latest(registry.id, subject);
      return latest?.schema.schemaType === 'AVRO'
        ? columnsFromAvro(latest.schema.schema)
        : undefined;
    };
    const value = read(`${topic}-value`);
    const key = read(`${topic}-key`) ?? [];
    if (!value) return key.length ? key : undefined;
    return [...key.filter(k => !value.some(v => v.name === k.name)), ...value];
  }

  /** Plans a statement, or explains why it fails as Flink would. */
  plan(record: StatementRecord): StatementPlan | PlanFailure {
    const properties = record.spec.properties;
    const result = analyzeStatement(record.spec.statement, ref => {
      const resolved = this.#resolve(ref, properties);
      if ('error' in resolved) return undefined;
      return this.topicColumns(resolved.clusterId, resolved.topic)?.map(
        c => c.name,
      );
    });
    if ('failure' in result) return describeSqlFailure(result.failure);
    const { lineage, streaming } = result.analysis;
    const sql = record.spec.statement;

    // Every table read must exist.
    const sources: ResolvedTable[] = [];
    for (const ref of lineage.sources) {
      const resolved = this.#resolve(ref, properties);
      if (
        'error' in resolved ||
        !this.#topics.get(resolved.clusterId, resolved.topic)
      ) {
        return this.#missingTable(sql, ref, properties);
      }
      sources.push(resolved);
    }
    const sourceTopics = unique(sources).map(s => ({
      clusterId: s.clusterId,
      topic: s.topic,
    }));
    const columnType = (ref: TableRef, column: string, field?: string) =>
      this.#columnType(ref, column, field, properties);

    if (lineage.table)
      return this.#planCreateTable(
        record,
        lineage,
        streaming,
        sourceTopics,
        columnType,
      );
    if (lineage.alteration) return this.#planAlter(record, lineage);

    for (const sink of lineage.sinks) {
      const resolved = this.#resolve(sink, properties);
      if (
        'error' in resolved ||
        !this.#topics.get(resolved.clusterId, resolved.topic)
      ) {
        return this.#missingTable(sql, sink, properties);
      }
    }
    let columns: FlinkColumn[] | undefined;
    if (lineage.sinks.length === 1) {
      const sink = this.#resolve(lineage.sinks[0], properties) as ResolvedTable;
      columns = this.topicColumns(sink.clusterId, sink.topic);
    } else if (lineage.kind === 'SELECT' && lineage.resultColumns) {
      columns = lineage.resultColumns.map(c => ({
        name: c.column,
        type: deriveType(c, columnType),
      }));
    }
    return {
      phase: streaming ? 'RUNNING' : 'COMPLETED',
      detail: '',
      sourceTopics,
      traits: {
        sql_kind: lineage.kind,
        is_bounded: !streaming,
        is_append_only: true,
        ...(columns ? { schema: { columns: columns.map(toColumnJson) } } : {}),
        connection_refs: [],
      },
      apply: () => {},
    };
  }

  #planCreateTable(
    record: StatementRecord,
    lineage: FlinkLineage,
    streaming: boolean,
    sourceTopics: Array<{ clusterId: string; topic: string }>,
    columnType: (
      ref: TableRef,
      column: string,
      field?: string,
    ) => LogicalType | undefined,
  ): StatementPlan | PlanFailure {
    const table = lineage.table!;
    const properties = record.spec.properties;
    const target = this.#resolve(table.name, properties);
    if ('error' in target) return this.#missingDatabase(table.name, properties);
    const exists = Boolean(this.#topics.get(target.clusterId, target.topic));
    // ALTER MATERIALIZED TABLE … AS evolves a table that must exist.
    if (!exists && lineage.kind === 'ALTER_MATERIALIZED_TABLE') {
      return this.#missingTable(record.spec.statement, table.name, properties);
    }
    // CREATE OR ALTER MATERIALIZED TABLE on an existing table replaces its query.
    if (exists && !table.ifNotExists && !table.orAlter) {
      const message = `Table '${target.topic}' already exists in database '${
        this.#store.cluster(target.clusterId)!.displayName
      }'.`;
      return {
        detail: message,
        exception: { name: VALIDATION_EXCEPTION, message },
      };
    }

    const primaryKey = table.primaryKey ?? [];
    const declared: FlinkColumn[] = [];
    for (const column of table.columns) {
      if (column.kind !== 'physical') continue;
      let type: LogicalType;
      try {
        type = parseFlinkType(column.type);
      } catch (error) {
        const message = `Unknown type in column '${column.name}': ${
          (error as Error).message
        }`;
        return {
          detail: `SQL validation failed. ${message}`,
          exception: { name: VALIDATION_EXCEPTION, message },
        };
      }
      declared.push({
        name: column.name,
        type: withNullable(type, column.nullable),
      });
    }
    const derived = columnsInto(lineage, table.name)
      .filter(c => c.column !== '*' && !declared.some(d => d.name === c.column))
      .map(c => ({
        name: c.column,
        type: primaryKey.includes(c.column)
          ? withNullable(deriveType(c, columnType), false)
          : deriveType(c, columnType),
      }));
    const columns = [...declared, ...derived];
    const keyColumns = primaryKey
      .map(name => columns.find(c => c.name === name))
      .filter((c): c is FlinkColumn => Boolean(c))
      .map(c => ({ ...c, type: withNullable(c.type, false) }));
    const includeKey =
      (table.options['value.fields-include'] ?? 'except-key').toLowerCase() ===
      'all';
    const valueColumns =
      keyColumns.length && !includeKey
        ? columns.filter(c => !primaryKey.includes(c.name))
        : columns;
    const partitions = table.distributedBy?.buckets ?? DEFAULT_PARTITIONS;
    // A materialized table, like CTAS, is created by its running query.
    const isCtas =
      lineage.sinkKind === 'ctas' || lineage.sinkKind === 'materialized-table';
    const clusterName = this.#store.cluster(target.clusterId)!.displayName;

    return {
      phase: streaming ? 'RUNNING' : 'COMPLETED',
      detail: isCtas
        ? ''
        : `Table '${target.topic}' created in database '${clusterName}'.`,
      sourceTopics,
      traits: {
        sql_kind: lineage.kind,
        is_bounded: !streaming,
        is_append_only: keyColumns.length === 0,
        ...(keyColumns.length
          ? {
              upsert_columns: keyColumns.map(k =>
                columns.findIndex(c => c.name === k.name),
              ),
            }
          : {}),
        ...(isCtas ? { schema: { columns: columns.map(toColumnJson) } } : {}),
        connection_refs: [],
      },
      apply: () => {
        if (exists) return;
        // Check everything that can be refused before changing anything.
        this.#topics.create(target.clusterId, target.topic, {
          partitionsCount: partitions,
          validateOnly: true,
        });
        avro.Type.forSchema(
          toFlinkAvroRecord(target.topic, columns) as avro.Schema,
        );
        this.#topics.create(target.clusterId, target.topic, {
          partitionsCount: partitions,
        });
        const registry = this.#store.schemaRegistryOf(target.environmentId);
        if (!registry) return;
        if (keyColumns.length) {
          this.#schemaRegistry.register(registry.id, `${target.topic}-key`, {
            schema: JSON.stringify(
              toFlinkAvroRecord(`${target.topic}_key`, keyColumns),
            ),
          });
        }
        this.#schemaRegistry.register(registry.id, `${target.topic}-value`, {
          schema: JSON.stringify(
            toFlinkAvroRecord(`${target.topic}_value`, valueColumns),
          ),
        });
        if (table.watermark) {
          this.#topics.get(target.clusterId, target.topic)!.watermark = {
            ...table.watermark,
          };
        }
      },
    };
  }

  #planAlter(
    record: StatementRecord,
    lineage: FlinkLineage,
  ): StatementPlan | PlanFailure {
    const alteration = lineage.alteration!;
    const target = this.#resolve(alteration.table, record.spec.properties);
    if (
      'error' in target ||
      !this.#topics.get(target.clusterId, target.topic)
    ) {
      return this.#missingTable(
        record.spec.statement,
        alteration.table,
        record.spec.properties,
      );
    }
    return {
      phase: 'COMPLETED',
      detail: `Table '${target.topic}' altered.`,
      sourceTopics: [],
      traits: {
        sql_kind: lineage.kind,
        is_bounded: true,
        is_append_only: true,
        connection_refs: [],
      },
      apply: () => {
        const topic = this.#topics.get(target.clusterId, target.topic);
        if (!topic) return;
        if (
          alteration.operation === 'MODIFY_WATERMARK' &&
          alteration.watermark
        ) {
          topic.watermark = { ...alteration.watermark };
        } else if (alteration.operation === 'DROP_WATERMARK') {
          delete topic.watermark;
        }
        this.#store.changed();
      },
    };
  }

  /** A table name as Flink resolves it: catalog = environment, database = cluster. */
  #resolve(
    ref: TableRef,
    properties: Record<string, string>,
  ): ResolvedTable | { error: string } {
    const catalogName = ref.catalog ?? properties['sql.current-catalog'];
    const databaseName = ref.database ?? properties['sql.current-database'];
    if (!catalogName || !databaseName)
      return { error: 'no current catalog or database' };
    const environment = this.#store.environmentByCatalogName(catalogName);
    if (!environment) return { error: `catalog ${catalogName}` };
    const cluster = this.#store.clusterByDatabaseName(
      environment.id,
      databaseName,
    );
    if (!cluster) return { error: `database ${databaseName}` };
    return {
      clusterId: cluster.id,
      environmentId: environment.id,
      topic: ref.table,
    };
  }

  #columnType(
    ref: TableRef,
    column: string,
    field: string | undefined,
    properties: Record<string, string>,
  ): LogicalType | undefined {
    if (column === ROWTIME_COLUMN) return ROWTIME;
    const resolved = this.#resolve(ref, properties);
    if ('error' in resolved) return undefined;
    let type = this.topicColumns(resolved.clusterId, resolved.topic)?.find(
      c => c.name === column,
    )?.type;
    for (const part of field ? field.split('.') : []) {
      if (type?.kind !== 'ROW') return undefined;
      type = type.fields.find(f => f.name === part)?.type;
    }
    return type;
  }

  #missingTable(
    sql: string,
    ref: TableRef,
    properties: Record<string, string>,
  ): PlanFailure {
    const name = [ref.catalog, ref.database, ref.table]
      .filter(Boolean)
      .join('.');
    const position = locate(sql, ref.table);
    const where = position
      ? `Error from line ${position.line}, column ${position.column} to line ${
          position.line
        }, column ${position.column + ref.table.length + 1}.\n\n`
      : '';
    const message = `Table (or view) '${name}' does not exist, may be on a different cloud region, or you don't have the permissions to use it. Using current catalog '${
      properties['sql.current-catalog'] ?? ''
    }' and current database '${properties['sql.current-database'] ?? ''}'.`;
    return {
      detail: `SQL validation failed. ${where}Caused by: ${message}`,
      exception: { name: VALIDATION_EXCEPTION, message },
    };
  }

  #missingDatabase(
    ref: TableRef,
    properties: Record<string, string>,
  ): PlanFailure {
    const catalog = ref.catalog ?? properties['sql.current-catalog'] ?? '';
    const database = ref.database ?? properties['sql.current-database'] ?? '';
    const message = `Database '${database}' does not exist in catalog '${catalog}'.`;
    return {
      detail: `SQL validation failed. Caused by: ${message}`,
      exception: { name: VALIDATION_EXCEPTION, message },
    };
  }
}

/**
 * A statement the analysis rejects, worded as Flink reports it: a parse error,
 * or a validation error when the SQL parses but names something unknown.
 */
function describeSqlFailure(failure: SqlParseFailure): PlanFailure {
  const match =
    /^Invalid Flink SQL(?: at line (\d+), column (\d+))?: ([\s\S]*)$/.exec(
      failure.message,
    );
  const line = failure.line ?? (match?.[1] ? Number(match[1]) : undefined);
  const column = failure.column ?? (match?.[2] ? Number(match[2]) : undefined);
  const reason = match ? match[3] : failure.message;
  const where =
    line !== undefined ? `Error at line ${line}, column ${column ?? 1}: ` : '';
  const validation =
    /not found|not defined|unknown|ambiguous|does not exist/i.test(reason);
  const detail = `SQL ${
    validation ? 'validation' : 'parse'
  } failed. ${where}${reason}`;
  return {
    detail,
    exception: {
      name: validation ? VALIDATION_EXCEPTION : PARSER_EXCEPTION,
      message: detail,
    },
  };
}

function unique(tables: ResolvedTable[]): ResolvedTable[] {
  const seen = new Set<string>();
  return tables.filter(t => {
    const key = `${t.clusterId}/${t.topic}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function locate(
  sql: string,
  name: string,
): { line: number; column: number } | undefined {
  const index = sql.indexOf(name);
  if (index < 0) return undefined;
  const before = sql.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

function toColumnJson(column: FlinkColumn) {
  return { name: column.name, type: toDataTypeJson(column.type) };
}

type ColumnSource = Pick<ColumnLineage, 'sources' | 'direct' | 'expression'> & {
  transforms?: string[];
  fields?: Array<
    Pick<ColumnLineage, 'sources' | 'direct' | 'expression'> & { name: string }
  >;
};

/**
 * The type of an output column the statement does not declare, from the types
 * of the columns its value comes from: a copied column keeps its type, a CAST
 * has the cast type, COUNT is BIGINT, other aggregates keep their input's
 * type, arithmetic widens, `ROW(...)` is a ROW of its fields.
 */
export function deriveType(
  column: ColumnSource,
  columnType: (
    ref: TableRef,
    column: string,
    field?: string,
  ) => LogicalType | undefined,
): LogicalType {
  const cast = /^CAST\s*\(.*\s+AS\s+(.+)\)$/is.exec(column.expression.trim());
  if (cast) {
    try {
      return parseFlinkType(cast[1]);
    } catch {
      // fall through to the source types
    }
  }
  if (column.fields?.length) {
    return {
      kind: 'ROW',
      nullable: true,
      fields: column.fields.map(f => ({
        name: f.name,
        type: deriveType(f, columnType),
      })),
    };
  }
  const sourceTypes = column.sources
    .map(s =>
      s.column === '*' ? undefined : columnType(s.table, s.column, s.field),
    )
    .filter((t): t is LogicalType => Boolean(t));
  if (column.direct && sourceTypes.length > 0) return sourceTypes[0];
  const fn = column.transforms?.[0]?.toUpperCase();
  if (fn === 'COUNT') return { kind: 'BIGINT', nullable: false };
  if (fn === 'COALESCE' && sourceTypes.length)
    return withNullable(sourceTypes[0], false);
  if (
    fn &&
    [
      'SUM',
      'MIN',
      'MAX',
      'AVG',
      'FIRST_VALUE',
      'LAST_VALUE',
      'LAG',
      'LEAD',
    ].includes(fn) &&
    sourceTypes.length
  ) {
    return withNullable(sourceTypes[0], true);
  }
  const numeric = sourceTypes.filter(t => NUMERIC_ORDER.includes(t.kind));
  if (numeric.length && numeric.length === sourceTypes.length) {
    return withNullable(
      numeric.reduce((a, b) =>
        NUMERIC_ORDER.indexOf(b.kind) > NUMERIC_ORDER.indexOf(a.kind) ? b : a,
      ),
      numeric.some(t => t.nullable),
    );
  }
  if (sourceTypes.length === 0 && /^-?\d+$/.test(column.expression.trim())) {
    return { kind: 'INTEGER', nullable: false };
  }
  return STRING_TYPE;
}

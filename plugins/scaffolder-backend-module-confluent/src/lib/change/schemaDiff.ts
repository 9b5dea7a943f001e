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
import { SchemaColumnChange } from '@shiftleft/plugin-confluent-common';
import {
  FlinkLineage,
  formatTableRef,
  TableRef,
} from '@shiftleft/flink-sql-lineage';

/*
 * The value-schema diff of a change: the output columns of the new SQL (the
 * lineage library's table definition and column lineage) against the
 * latest Avro schema of the product's `<topic>-value` subject, and the
 * candidate schema Schema Registry is asked about.
 */

/** One output column of a statement. */
export interface OutputColumn {
  name: string;
  /** The declared Flink type, when the statement declares it. */
  type?: string;
}

/** The columns a statement writes into its table, in order. */
export interface StatementOutput {
  table: TableRef;
  columns: OutputColumn[];
  primaryKey: string[];
  /** `value.fields-include = all`: key columns are in the value too. */
  keyInValue: boolean;
}

const same = (a: TableRef, b: TableRef) =>
  formatTableRef(a) === formatTableRef(b);

/**
 * The output columns of a CREATE [MATERIALIZED] TABLE … AS or INSERT INTO
 * statement: the declared physical columns, then the query's columns not
 * declared (as Flink appends them). Undefined when it writes no one table.
 */
export function statementOutput(
  lineage: FlinkLineage,
): StatementOutput | undefined {
  const table = lineage.table?.name ?? lineage.sinks[0];
  if (!table || lineage.sinks.length > 1) return undefined;
  const columns: OutputColumn[] = [];
  for (const c of lineage.table?.columns ?? []) {
    if (c.kind === 'physical') columns.push({ name: c.name, type: c.type });
  }
  for (const c of lineage.columns) {
    if (!same(c.sink, table) || c.column === '*') continue;
    if (!columns.some(o => o.name === c.column)) {
      columns.push({ name: c.column });
    }
  }
  const options = lineage.table?.options ?? {};
  return {
    table,
    columns,
    primaryKey: lineage.table?.primaryKey ?? [],
    keyInValue:
      (options['value.fields-include'] ?? 'except-key').toLowerCase() === 'all',
  };
}

type AvroType = string | { type: string; [key: string]: unknown } | unknown[];

/** Top-level `<type>` or `<type>(<args>)`, NOT NULL noted. */
function splitType(type: string) {
  const text = type.trim().replace(/\s+/g, ' ');
  const notNull = /\bNOT NULL\s*$/i.test(text);
  const bare = text.replace(/\s*\bNOT NULL\s*$/i, '').replace(/\s*NULL$/i, '');
  const m = /^([A-Za-z_ ]+?)\s*(?:\((.*)\)|<(.*)>)?$/s.exec(bare);
  return {
    name: (m?.[1] ?? bare).toUpperCase().trim(),
    args: m?.[2],
    notNull,
  };
}

/**
 * The Avro type Confluent's Flink writes for a declared Flink type, or
 * undefined for one this mapping does not know (compared by name only).
 */
export function flinkTypeToAvro(type: string): AvroType | undefined {
  const { name, args } = splitType(type);
  switch (name) {
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      return 'string';
    case 'BOOLEAN':
      return 'boolean';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'INTEGER':
      return 'int';
    case 'BIGINT':
      return 'long';
    case 'FLOAT':
      return 'float';
    case 'DOUBLE':
      return 'double';
    case 'BYTES':
    case 'BINARY':
    case 'VARBINARY':
      return 'bytes';
    case 'DATE':
      return { type: 'int', logicalType: 'date' };
    case 'DECIMAL':
    case 'NUMERIC': {
      const [precision, scale] = (args ?? '10,0')
        .split(',')
        .map(n => Number(n.trim()));
      return {
        type: 'bytes',
        logicalType: 'decimal',
        precision: precision || 10,
        scale: scale || 0,
      };
    }
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return {
        type: 'long',
        logicalType:
          Number(args ?? 3) <= 3 ? 'timestamp-millis' : 'timestamp-micros',
      };
    case 'TIMESTAMP':
    case 'TIMESTAMP WITHOUT TIME ZONE':
      return {
        type: 'long',
        logicalType:
          Number(args ?? 3) <= 3
            ? 'local-timestamp-millis'
            : 'local-timestamp-micros',
      };
    default:
      return undefined;
  }
}

/** The non-null branch of a field's type. */
function valueBranch(type: unknown): unknown {
  if (Array.isArray(type)) {
    const branches = type.filter(t => t !== 'null');
    return branches.length === 1 ? branches[0] : branches;
  }
  return type;
}

/** A short name of an Avro type: `string`, `long/timestamp-millis`, `record`. */
export function describeAvroType(type: unknown): string {
  const t = valueBranch(type);
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return `union<${t.map(describeAvroType).join(',')}>`;
  if (t && typeof t === 'object') {
    const o = t as Record<string, unknown>;
    return o.logicalType ? `${o.type}/${o.logicalType}` : String(o.type);
  }
  return 'unknown';
}

/** The comparable name of a Flink type's Avro form, if known. */
function flinkTypeName(type: string): string | undefined {
  const { name } = splitType(type);
  if (name === 'ROW') return 'record';
  if (name === 'ARRAY' || name === 'MULTISET') return 'array';
  if (name === 'MAP') return 'map';
  const avro = flinkTypeToAvro(type);
  return avro === undefined ? undefined : describeAvroType(avro);
}

interface AvroField {
  name: string;
  type: unknown;
  default?: unknown;
  [key: string]: unknown;
}

/** The diff and the schema to check with Schema Registry. */
export interface ValueSchemaDiff {
  changes: SchemaColumnChange[];
  /** The new value schema (Avro JSON), when the diff could build one. */
  candidate?: string;
  /** Why no candidate could be built. */
  problem?: string;
  /** Added columns whose type Flink infers (no declared type). */
  inferred: string[];
}

/**
 * Diffs the new output columns against the current Avro value schema, and
 * builds the candidate: the current fields kept as they are (same type),
 * new or retyped ones nullable with a null default, in the new column
 * order. Key columns stay in the key unless the value includes them.
 */
export function diffValueSchema(options: {
  current: string;
  output: StatementOutput;
  /**
   * Avro types of undeclared columns copied unchanged from an upstream
   * topic (that topic's value schema field).
   */
  copiedTypes?: ReadonlyMap<string, unknown>;
}): ValueSchemaDiff {
  const { output } = options;
  let record: { type?: string; fields?: AvroField[]; [k: string]: unknown };
  try {
    record = JSON.parse(options.current);
  } catch {
    return {
      changes: [],
      inferred: [],
      problem: 'the current value schema is not Avro JSON',
    };
  }
  if (record?.type !== 'record' || !Array.isArray(record.fields)) {
    return {
      changes: [],
      inferred: [],
      problem: 'the current value schema is not an Avro record',
    };
  }
  const currentFields = record.fields;
  const valueColumns = output.columns.filter(
    c => output.keyInValue || !output.primaryKey.includes(c.name),
  );
  const changes: SchemaColumnChange[] = [];
  const inferred: string[] = [];
  const fields: AvroField[] = [];
  for (const column of valueColumns) {
    const existing = currentFields.find(f => f.name === column.name);
    const declared = column.type ? flinkTypeName(column.type) : undefined;
    if (existing) {
      const before = describeAvroType(existing.type);
      if (declared && declared !== before) {
        const avro = flinkTypeToAvro(column.type!);
        changes.push({
          column: column.name,
          change: 'type-changed',
          before,
          after: declared,
        });
        fields.push(
          avro === undefined
            ? existing
            : { name: column.name, type: ['null', avro], default: null },
        );
      } else {
        fields.push(existing);
      }
      continue;
    }
    const copied = options.copiedTypes?.get(column.name);
    const avro =
      (column.type ? flinkTypeToAvro(column.type) : undefined) ??
      (copied === undefined ? undefined : (valueBranch(copied) as AvroType));
    if (!avro) inferred.push(column.name);
    changes.push({
      column: column.name,
      change: 'added',
      after: avro ? describeAvroType(avro) : declared ?? 'inferred by Flink',
    });
    fields.push({
      name: column.name,
      type: ['null', avro ?? 'string'],
      default: null,
    });
  }
  for (const field of currentFields) {
    if (!valueColumns.some(c => c.name === field.name)) {
      changes.push({
        column: field.name,
        change: 'removed',
        before: describeAvroType(field.type),
      });
    }
  }
  return {
    changes,
    inferred,
    candidate: JSON.stringify({ ...record, fields }),
  };
}

/** The fields of an Avro record schema's text, by name. */
export function avroFieldTypes(text: string): Map<string, unknown> {
  try {
    const record = JSON.parse(text);
    return new Map(
      (Array.isArray(record?.fields) ? record.fields : []).map(
        (f: AvroField) => [f.name, f.type] as const,
      ),
    );
  } catch {
    return new Map();
  }
}

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
 * The emulator's only use of the Flink SQL lineage library: what a statement
 * is (its `sql_kind`), whether it parses, which tables it reads and writes,
 * the table it declares, and where each output column comes from.
 */
import {
  extractFlinkLineage,
  tableRefKey,
  type ColumnLineage,
  type FlinkLineage,
  type TableRef,
} from '@shiftleft/flink-sql-lineage';

/** How a statement that parsed behaves once it starts. */
export interface StatementAnalysis {
  lineage: FlinkLineage;
  /** RUNNING until stopped (a query) or COMPLETED once applied (DDL and metadata). */
  streaming: boolean;
}

/** A statement that does not parse, with the position Flink reports. */
export interface SqlParseFailure {
  message: string;
  line?: number;
  column?: number;
}

// Kinds that keep running: every other kind (DDL, SHOW, DESCRIBE, …) completes.
const STREAMING_KINDS = new Set([
  'CREATE_TABLE_AS',
  'CREATE_MATERIALIZED_TABLE',
  'INSERT_INTO',
  'STATEMENT_SET',
  'SELECT',
]);

/** Confluent Cloud's system column: on every table, left out of `SELECT *`. */
export const ROWTIME_COLUMN = '$rowtime';

/**
 * Analyses a statement. `columnsOf` names a table's columns when the emulator
 * knows them (its topic's schema), so `SELECT *` expands and unknown columns
 * are errors.
 */
export function analyzeStatement(
  sql: string,
  columnsOf: (table: TableRef) => string[] | undefined,
): { analysis: StatementAnalysis } | { failure: SqlParseFailure } {
  let lineage: FlinkLineage;
  try {
    lineage = extractFlinkLineage(sql, { resolveTableColumns: columnsOf });
  } catch (error) {
    const err = error as Error & { line?: number; column?: number };
    if (err.name !== 'InputError') throw error;
    return {
      failure: { message: err.message, line: err.line, column: err.column },
    };
  }
  // ALTER MATERIALIZED TABLE … AS query starts the new query; its other
  // forms (SUSPEND, SET, …) complete.
  const evolves =
    lineage.kind === 'ALTER_MATERIALIZED_TABLE' && lineage.sinks.length > 0;
  return {
    analysis: {
      lineage,
      streaming: STREAMING_KINDS.has(lineage.kind) || evolves,
    },
  };
}

/** The lineage of the columns written into `sink`, in output order. */
export function columnsInto(
  lineage: FlinkLineage,
  sink: TableRef,
): ColumnLineage[] {
  const key = tableRefKey(sink);
  return lineage.columns
    .filter(c => tableRefKey(c.sink) === key)
    .sort((a, b) => a.position - b.position);
}

export type {
  ColumnLineage,
  FlinkLineage,
  TableRef,
} from '@shiftleft/flink-sql-lineage';

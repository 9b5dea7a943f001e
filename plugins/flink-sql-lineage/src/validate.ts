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
 * Checks Flink SQL the way an editor wants it: every problem with the line
 * and column to point at, or, for valid SQL, what it reads and writes.
 */
import { extractFlinkLineage } from './extractFlinkLineage';
import { formatTableRef } from './tableRef';
import { FlinkSqlSyntaxError } from './tokens/lex';

/**
 * A problem of Flink SQL at a place in it (line and column 1-based).
 * @public
 */
export interface FlinkSqlProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * The result of {@link validateFlinkSql}.
 * @public
 */
export interface FlinkSqlValidation {
  /** Empty when the SQL is valid. */
  problems: FlinkSqlProblem[];
  /** Valid SQL only: its kind (`CREATE_TABLE_AS`, `INSERT_INTO`, …). */
  kind?: string;
  /** Valid SQL only: the tables it reads, as {@link formatTableRef} writes them. */
  sources?: string[];
  /** Valid SQL only: the tables it writes. */
  sinks?: string[];
}

/**
 * Validates one Flink SQL statement (Confluent Cloud dialect, with its
 * optional `SET` / `USE` prelude) with the lineage library's parser.
 * A problem the parser cannot locate is reported at line 1, column 1.
 * @public
 */
export function validateFlinkSql(sql: string): FlinkSqlValidation {
  try {
    const lineage = extractFlinkLineage(sql);
    return {
      problems: [],
      kind: lineage.kind,
      sources: lineage.sources.map(formatTableRef),
      sinks: lineage.sinks.map(formatTableRef),
    };
  } catch (error) {
    if (error instanceof FlinkSqlSyntaxError) {
      const { line, column, detail } = error;
      return { problems: [{ line, column, message: detail }] };
    }
    if (error instanceof Error && error.name === 'InputError') {
      return { problems: [{ line: 1, column: 1, message: error.message }] };
    }
    throw error;
  }
}

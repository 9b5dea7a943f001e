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
 * The parts of a Flink SQL lineage that this package's isomorphic code
 * reads, and the answer of the backend's SQL check route.
 *
 * Why declared here rather than imported: the lineage library,
 * `@shiftleft/flink-sql-lineage`, is a Node library (it loads a 1.2 MB
 * generated grammar), and this package is bundled by the frontend. Backstage
 * keeps common libraries free of node-library imports
 * (`@backstage/no-mixed-plugin-imports`), so these are the contracts as this
 * package needs them. The library's `TableRef`, `SourceColumn`,
 * `ColumnLineage` and `FlinkSqlValidation` have (at least) these fields;
 * callers pass the library's values straight in, and TypeScript checks that
 * at every such call (the catalog module, the scaffolder module, the
 * backend's validate route), so the two cannot drift apart unnoticed.
 */

/**
 * A table named by a statement (`TableRef` of `@shiftleft/flink-sql-lineage`).
 * @public
 */
export interface LineageTableRef {
  catalog?: string;
  database?: string;
  table: string;
}

/**
 * A column (or a field of a ROW column) whose value flows into a column
 * (`SourceColumn` of `@shiftleft/flink-sql-lineage`).
 * @public
 */
export interface LineageSourceColumn {
  table: LineageTableRef;
  /** The column name, or `*` for all columns of a table whose columns are unknown. */
  column: string;
  /** The nested field path inside a ROW column, dot-separated. */
  field?: string;
}

/**
 * Lineage of one field of a column built with `ROW(...)`
 * (`RowFieldLineage` of `@shiftleft/flink-sql-lineage`).
 * @public
 */
export interface LineageRowField {
  name: string;
  sources: LineageSourceColumn[];
  /** True when the value is copied unchanged. */
  direct: boolean;
  expression: string;
}

/**
 * Where one output column of a statement comes from
 * (`ColumnLineage` of `@shiftleft/flink-sql-lineage`).
 * @public
 */
export interface LineageColumn {
  sink: LineageTableRef;
  column: string;
  /** The columns whose values flow into this column. */
  sources: LineageSourceColumn[];
  /** Columns tested only by a condition of this column's own expression. */
  conditionalSources?: LineageSourceColumn[];
  /** True when the value is copied unchanged from a source column. */
  direct: boolean;
  /** The SQL text of the projection, whitespace normalised. */
  expression: string;
  /** Per-field lineage when the column is built with `ROW(...)`. */
  fields?: LineageRowField[];
}

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
 * The answer of the backend's Flink SQL check (`POST /sql/validate`),
 * which is `validateFlinkSql` of `@shiftleft/flink-sql-lineage`.
 * @public
 */
export interface FlinkSqlValidation {
  /** Empty when the SQL is valid. */
  problems: FlinkSqlProblem[];
  /** Valid SQL only: its kind (`CREATE_TABLE_AS`, `INSERT_INTO`, …). */
  kind?: string;
  /** Valid SQL only: the tables it reads, as `catalog.database.table` text. */
  sources?: string[];
  /** Valid SQL only: the tables it writes. */
  sinks?: string[];
}

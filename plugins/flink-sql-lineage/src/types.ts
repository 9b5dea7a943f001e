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
 * The public shapes of the Flink SQL lineage library. Other packages of the
 * suite (catalog provider, emulator, PII tracker, cards) are written against
 * these names; fields are only ever added.
 */

/**
 * A table as the statement names it. Identifiers are unquoted: a backticked
 * \`a.b.c\` is ONE table named `a.b.c`, while \`a\`.\`b\`.\`c\` is catalog
 * `a`, database `b`, table `c`. Names are kept as written (Flink identifiers
 * are case-sensitive); unqualified names are not resolved against
 * `sql.current-catalog` / `sql.current-database` (see
 * {@link FlinkLineage.properties}).
 * @public
 */
export interface TableRef {
  catalog?: string;
  database?: string;
  table: string;
}

/**
 * A column (or a field of a ROW column) whose value flows into a column.
 * @public
 */
export interface SourceColumn {
  table: TableRef;
  /**
   * The column name, or `*` when the statement reads all columns of a table
   * whose columns the library does not know (`SELECT * FROM t`).
   */
  column: string;
  /**
   * The nested field path inside a ROW column, dot-separated
   * (`c.shipping_address.city` gives column `shipping_address`, field `city`).
   */
  field?: string;
}

/**
 * Lineage of one field of a column built with the `ROW(...)` constructor.
 * @public
 */
export interface RowFieldLineage {
  /** The field name: from the declared ROW type of the sink when there is one, else `EXPR$<i>`. */
  name: string;
  sources: SourceColumn[];
  direct: boolean;
  expression: string;
}

/**
 * Where one output column of a statement comes from.
 * @public
 */
export interface ColumnLineage {
  sink: TableRef;
  /** The sink column, or `*` for a `*` over a table with unknown columns. */
  column: string;
  /**
   * The columns whose VALUES flow into this column, through aliases,
   * functions, aggregates, OVER windows, CASE results, CAST, ROW fields,
   * subqueries and CTEs. Columns used only to join, filter, group, partition,
   * order or as a CASE/IF condition are not here: see
   * {@link FlinkLineage.controlColumns}.
   */
  sources: SourceColumn[];
  /**
   * Indirect inputs: columns this value depends on only through a condition
   * in its own expression
   * (`CASE WHEN cc_number IS NOT NULL THEN 'CARD' END`, `IF(…)`, `SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END)`,
   * `COUNT(*) FILTER (WHERE …)`), followed through subqueries and CTEs.
   * They are control columns too; absent when there are none.
   */
  conditionalSources?: SourceColumn[];
  /**
   * True when the value is copied unchanged from a source column (`c.email`,
   * `c.email AS contact`, `c.address.city`, or a UNION ALL whose every branch
   * copies unchanged). False for functions, operators, aggregates, CASE, CAST,
   * ROW(...) and literals. A masked value copied directly stays masked.
   */
  direct: boolean;
  /** The SQL text of the projection, whitespace normalised (`UPPER(TRIM(email))`). */
  expression: string;
  /** Functions and operators applied, outermost first (`['UPPER', 'TRIM']`). */
  transforms: string[];
  /** Zero-based position of the column in the query's output. */
  position: number;
  /** Per-field lineage when the column is built with `ROW(...)`. */
  fields?: RowFieldLineage[];
}

/**
 * Why a column is a control column.
 * @public
 */
export type ControlUsage =
  | 'join'
  | 'filter'
  | 'group'
  | 'partition'
  | 'order'
  | 'window'
  | 'condition';

/**
 * A column that decides which rows reach a sink, or how they are grouped,
 * partitioned or ordered, without its value being copied.
 * @public
 */
export interface ControlColumn {
  table: TableRef;
  column: string;
  field?: string;
  usages: ControlUsage[];
}

/**
 * Control columns of one sink. A column listed here may also be a value
 * source of some sink column (for example a grouped column that is selected).
 * @public
 */
export interface SinkControlColumns {
  sink: TableRef;
  columns: ControlColumn[];
}

/**
 * A column declared in CREATE TABLE (physical or metadata).
 * @public
 */
export interface TableColumnDefinition {
  name: string;
  /** The type as written, whitespace normalised: `ROW<street STRING, city STRING>`, `TIMESTAMP_LTZ(3)`. */
  type: string;
  /** False for `NOT NULL` columns and for primary key columns (Flink makes them NOT NULL). */
  nullable: boolean;
  kind: 'physical' | 'metadata';
  /** For metadata columns: the `FROM 'key'` metadata key, when given. */
  metadataKey?: string;
  /** For metadata columns: declared `VIRTUAL` (read-only, not written). */
  virtual?: boolean;
  comment?: string;
}

/**
 * A computed column (`name AS expression`) declared in CREATE TABLE.
 * @public
 */
export interface ComputedColumnDefinition {
  name: string;
  expression: string;
  comment?: string;
}

/**
 * A watermark declaration.
 * @public
 */
export interface WatermarkDefinition {
  column: string;
  expression: string;
}

/**
 * The table a CREATE TABLE (with or without AS SELECT) declares.
 * @public
 */
export interface FlinkTableDefinition {
  name: TableRef;
  /** Declared columns in declared order; empty for a CTAS without a column list. */
  columns: TableColumnDefinition[];
  computedColumns: ComputedColumnDefinition[];
  primaryKey?: string[];
  watermark?: WatermarkDefinition;
  /** `DISTRIBUTED BY [HASH](cols) [INTO n BUCKETS]` or `DISTRIBUTED INTO n BUCKETS`. */
  distributedBy?: { columns: string[]; buckets?: number };
  partitionedBy?: string[];
  /** The WITH options, values unquoted. */
  options: Record<string, string>;
  comment?: string;
  /** `LIKE source_table`: the table the definition copies. */
  like?: TableRef;
  /** `CREATE OR REPLACE TABLE`. */
  orReplace?: boolean;
  /** `CREATE MATERIALIZED TABLE`: a table that owns its continuous query. */
  materialized?: boolean;
  /**
   * `CREATE OR ALTER MATERIALIZED TABLE`: creates the table or replaces its
   * query (a new version); also set by
   * `ALTER MATERIALIZED TABLE … AS query`, which replaces the query of an existing one.
   */
  orAlter?: boolean;
  /**
   * A materialized table's `START_MODE`, as written but whitespace
   * normalised: `FROM_BEGINNING`, `RESUME_OR_FROM_NOW(INTERVAL '1' HOUR)`, …
   */
  startMode?: string;
  ifNotExists?: boolean;
  temporary?: boolean;
}

/**
 * What an ALTER TABLE statement changes. ALTER TABLE moves no data.
 * @public
 */
export interface FlinkTableAlteration {
  table: TableRef;
  operation:
    | 'MODIFY_WATERMARK'
    | 'DROP_WATERMARK'
    | 'ADD'
    | 'MODIFY'
    | 'DROP_PRIMARY_KEY'
    | 'DROP_CONSTRAINT'
    | 'DROP_COLUMNS'
    | 'SET_OPTIONS'
    | 'RESET_OPTIONS'
    | 'RENAME_TABLE'
    | 'RENAME_COLUMN'
    | 'ADD_DISTRIBUTION'
    | 'MODIFY_DISTRIBUTION'
    | 'DROP_DISTRIBUTION';
  watermark?: WatermarkDefinition;
  /** Columns added or modified (ADD / MODIFY). */
  columns?: TableColumnDefinition[];
  computedColumns?: ComputedColumnDefinition[];
  primaryKey?: string[];
  /** Dropped columns, or the constraint name for DROP_CONSTRAINT. */
  names?: string[];
  /** SET options. */
  options?: Record<string, string>;
  /** RESET option keys. */
  resetKeys?: string[];
  /** RENAME TO: the new table name. */
  newName?: TableRef;
  /** RENAME column TO column. */
  renameColumn?: { from: string; to: string };
  /** ADD / MODIFY DISTRIBUTION: `BY [HASH](cols) [INTO n BUCKETS]`. */
  distributedBy?: { columns: string[]; buckets?: number };
}

/**
 * What kind of object a statement writes into:
 *   - `table`: an existing table (INSERT INTO, statement sets);
 *   - `ctas`: the table a CREATE TABLE … AS SELECT creates;
 *   - `materialized-table`: a materialized table, which owns its query
 *     (CREATE [OR ALTER] MATERIALIZED TABLE);
 *   - `view`: a view (CREATE VIEW, ALTER VIEW … AS).
 * @public
 */
export type FlinkSinkKind = 'table' | 'ctas' | 'materialized-table' | 'view';

/**
 * The lineage of one Flink SQL statement (optionally preceded by `SET` and
 * `USE` statements).
 * @public
 */
export interface FlinkLineage {
  /**
   * Confluent `sql_kind` style: `CREATE_TABLE_AS`, `CREATE_TABLE`,
   * `INSERT_INTO`, `STATEMENT_SET`, `SELECT`, `ALTER_TABLE`, `CREATE_VIEW`,
   * `DROP_TABLE`, `SHOW_TABLES`, `DESCRIBE`, `EXPLAIN`, `SET`, `USE`, …
   */
  kind: string;
  /** Tables the statement writes rows into (never CTE names or aliases). */
  sinks: TableRef[];
  /** What the sinks are; absent when the statement writes nothing. */
  sinkKind?: FlinkSinkKind;
  /** Tables the statement reads rows from (never CTE names, aliases or a CTAS's own sink). */
  sources: TableRef[];
  columns: ColumnLineage[];
  /**
   * Statement properties from leading `SET 'k' = 'v';` lines
   * (`client.statement-name`, `sql.state-ttl`, …), plus
   * `sql.current-catalog` / `sql.current-database` from leading `USE`
   * statements. Empty when the SQL has none (as the Flink REST API receives it).
   */
  properties: Record<string, string>;
  /** The declared table of CREATE TABLE and CREATE TABLE AS. */
  table?: FlinkTableDefinition;
  /** The change an ALTER TABLE makes. */
  alteration?: FlinkTableAlteration;
  /** The table, view or other object a statement without data flow is about (DROP TABLE t, DESCRIBE t, …). */
  target?: TableRef;
  /** Control columns per sink (joins, filters, grouping, partitioning, ordering, windows, conditions). */
  controlColumns: SinkControlColumns[];
  /** For a bare SELECT (no sink): the lineage of its result columns. */
  resultColumns?: Omit<ColumnLineage, 'sink'>[];
  /** Things the library could not resolve exactly (ambiguous unqualified columns, …). */
  warnings: string[];
}

/**
 * Options of {@link extractFlinkLineage}.
 * @public
 */
export interface ExtractFlinkLineageOptions {
  /**
   * Returns the column names of a table when the caller knows them (from a
   * catalog or Schema Registry). The library then expands `SELECT *` and
   * maps `INSERT INTO t SELECT …` without a column list by position.
   * Return undefined when unknown.
   */
  resolveTableColumns?: (table: TableRef) => string[] | undefined;
  /** Longest SQL accepted, in characters (default 262,144: 256 KiB). */
  maxLength?: number;
  /** Deepest nesting of parentheses, brackets and CASE accepted (default 64). */
  maxNestingDepth?: number;
  /**
   * Most work one statement may take, in steps: tokens lexed, tokens the
   * parser looks at and parse-tree nodes walked (default 5,000,000, about
   * a second on one core). Counted, not timed, so the answer for
   * a statement never depends on how busy the machine is.
   */
  maxWorkSteps?: number;
}

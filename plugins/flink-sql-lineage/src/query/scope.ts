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
 * Scopes of a query: the relations, CTEs, windows and pattern variables an
 * expression sees, and the column and source records a walk collects.
 */
import type * as antlr from 'antlr4ng';
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { tableRefKey } from '../tableRef';
import type {
  ControlUsage,
  RowFieldLineage,
  SourceColumn,
  TableRef,
} from '../types';

/** A column of a relation (or of a query's output) with its lineage. */
export interface Col {
  name: string;
  sources: SourceColumn[];
  direct: boolean;
  expression: string;
  transforms: string[];
  fields?: RowFieldLineage[];
  /** Columns the value depends on only through a condition (see ColumnLineage.conditionalSources). */
  conditions?: SourceColumn[];
  /** Set on the `*` pseudo column of a table with unknown columns. */
  star?: TableRef;
}

export interface Relation {
  /** The name that qualifies its columns (alias, or table name). */
  alias?: string;
  /** Base table: columns not in `columns` resolve to it. */
  table?: TableRef;
  columns: Col[];
  /** Whether `columns` is the complete column list. */
  complete: boolean;
  /**
   * A table function whose output columns are unknown (`LATERAL
   * TABLE(ML_PREDICT(…))` without an alias list): any column of it derives
   * from the function's inputs.
   */
  derived?: {
    fn: string;
    col: Omit<Col, 'name'>;
    /** Names of the columns the call reads, which come from the other side. */
    inputs: Set<string>;
  };
  /**
   * `ML_PREDICT(TABLE t, …)` / `ML_EVALUATE(TABLE t, …)`: the model's output
   * columns are unknown and derive from the DESCRIPTOR columns (`col`).
   * ML_PREDICT passes the input table's columns through (`columns`,
   * `table`); ML_EVALUATE returns only metrics.
   */
  model?: {
    fn: string;
    col: Omit<Col, 'name'>;
    /** The DESCRIPTOR column names: columns of the input table. */
    inputs: Set<string>;
    passthrough: boolean;
    /** The input table's name, for warnings. */
    of: string;
  };
}

/** Names visible to an expression: relations, CTEs, windows, pattern variables. */
export class Scope {
  readonly parent?: Scope;
  readonly relations: Relation[] = [];
  readonly ctes = new Map<string, Col[]>();
  readonly windows = new Map<string, P.WindowSpecContext>();
  patternVars?: Set<string>;
  /** Output columns, visible by alias to ORDER BY, GROUP BY and HAVING. */
  outputs?: Col[];
  constructor(parent?: Scope) {
    this.parent = parent;
  }
  cte(name: string): Col[] | undefined {
    return this.ctes.get(name) ?? this.parent?.cte(name);
  }
}

/** Whether a walk collects value sources or records control columns. */
export type Mode = { kind: 'value' } | { kind: 'control'; usage: ControlUsage };
export const VALUE: Mode = { kind: 'value' };
export const control = (usage: ControlUsage): Mode => ({
  kind: 'control',
  usage,
});

/** What a walk in value mode collects. */
export interface Acc {
  sources: SourceColumn[];
  transforms: string[];
  /** Columns read by conditions that decide the value (CASE WHEN, IF, FILTER). */
  conditions?: SourceColumn[];
}

/** The sources of a walk in value mode, as column fields. */
export function accSources(acc: Acc): Pick<Col, 'sources' | 'conditions'> {
  const conditions = uniqueSources(acc.conditions ?? []);
  return {
    sources: uniqueSources(acc.sources),
    ...(conditions.length ? { conditions } : {}),
  };
}

/** Whether a rule has a direct terminal child of a token type. */
export function hasToken(ctx: antlr.ParserRuleContext, type: number): boolean {
  return ctx.getToken(type, 0) !== null;
}

export function sourceKey(s: SourceColumn): string {
  return `${tableRefKey(s.table)}|${s.column}|${s.field ?? ''}`;
}

/** Sources de-duplicated, first occurrence order. */
export function uniqueSources(sources: SourceColumn[]): SourceColumn[] {
  const seen = new Set<string>();
  return sources.filter(s => {
    const key = sourceKey(s);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

export function withField(source: SourceColumn, path: string[]): SourceColumn {
  if (path.length === 0) {
    return source;
  }
  const field = [source.field, ...path].filter(Boolean).join('.');
  return { ...source, field };
}

/** Finds a name exactly, else case-insensitively when that is unambiguous. */
export function findByName<T>(
  items: T[],
  name: string,
  nameOf: (item: T) => string | undefined,
): T | undefined {
  const exact = items.find(i => nameOf(i) === name);
  if (exact) {
    return exact;
  }
  const lower = name.toLowerCase();
  const loose = items.filter(i => nameOf(i)?.toLowerCase() === lower);
  return loose.length === 1 ? loose[0] : undefined;
}

/** Collects lineage over one statement's parse tree. */

/**
 * Confluent Cloud's system columns (`$rowtime`) exist on every table but are
 * neither declared columns nor part of `SELECT *`, so a caller's known column
 * list never holds them.
 */
export function isSystemColumn(name: string): boolean {
  return name === '$rowtime';
}

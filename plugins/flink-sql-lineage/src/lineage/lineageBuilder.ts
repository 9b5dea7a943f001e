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
 * The lineage of one statement as it is built: its sinks, sources and column
 * lineage. One file per statement kind fills it: createTable.ts, insert.ts,
 * grammarStatement.ts.
 */
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { QueryLineage } from '../query/queryLineage';
import type { Col } from '../query/scope';
import { identifierParts } from '../statements/names';
import { tableRefKey } from '../tableRef';
import { tokenError } from '../tokens/lex';
import { unquoteIdentifier } from '../tokens/text';
import type { RewrittenTokens } from '../tokens/rewriteForGrammar';
import type {
  ColumnLineage,
  ExtractFlinkLineageOptions,
  FlinkLineage,
  TableRef,
} from '../types';

export function toLineage(
  col: Col,
  sink: TableRef,
  column: string,
  position: number,
): ColumnLineage {
  return {
    sink,
    column,
    sources: col.sources,
    direct: col.direct,
    expression: col.expression,
    transforms: col.transforms,
    position,
    ...(col.fields ? { fields: col.fields } : {}),
    ...(col.conditions ? { conditionalSources: col.conditions } : {}),
  };
}

/** Field names of a declared ROW type (`ROW<street STRING, city STRING>`), top level only. */
export function rowFieldNames(type: string): string[] | undefined {
  const match = /^ROW\s*[<(]([\s\S]*)[>)]$/i.exec(type.trim());
  if (!match) {
    return undefined;
  }
  const names: string[] = [];
  let depth = 0;
  let current = '';
  // Inside a backticked name or a field description ('…, …'), if any.
  let quote = '';
  for (const ch of `${match[1]},`) {
    if (quote) {
      // A doubled quote closes and reopens: the net state is the same.
      quote = ch === quote ? '' : quote;
    } else if (ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '<' || ch === '(') {
      depth++;
    } else if (ch === '>' || ch === ')') {
      depth--;
    }
    if (ch === ',' && depth === 0 && !quote) {
      const name = /^\s*(`(?:[^`]|``)*`|\S+)/.exec(current)?.[1];
      if (name) {
        names.push(unquoteIdentifier(name));
      }
      current = '';
    } else {
      current += ch;
    }
  }
  return names;
}

/** Builds a statement's lineage; the functions per statement kind take it first. */
export class LineageBuilder {
  readonly result: FlinkLineage;
  readonly analysis: QueryLineage;
  readonly options: ExtractFlinkLineageOptions;
  readonly insertColumns: RewrittenTokens['insertColumns'];

  constructor(
    result: FlinkLineage,
    analysis: QueryLineage,
    options: ExtractFlinkLineageOptions,
    insertColumns: RewrittenTokens['insertColumns'],
  ) {
    this.result = result;
    this.analysis = analysis;
    this.options = options;
    this.insertColumns = insertColumns;
  }

  addSink(sink: TableRef): void {
    if (!this.result.sinks.some(s => tableRefKey(s) === tableRefKey(sink))) {
      this.result.sinks.push(sink);
    }
  }

  /** Moves the control columns collected so far to `sink`. */
  closeSink(sink: TableRef): void {
    const columns = this.analysis.takeControlColumns();
    const existing = this.result.controlColumns.find(
      c => tableRefKey(c.sink) === tableRefKey(sink),
    );
    if (existing) {
      for (const column of columns) {
        const same = existing.columns.find(
          c =>
            tableRefKey(c.table) === tableRefKey(column.table) &&
            c.column === column.column &&
            c.field === column.field,
        );
        if (same) {
          same.usages = [...new Set([...same.usages, ...column.usages])];
        } else {
          existing.columns.push(column);
        }
      }
    } else {
      this.result.controlColumns.push({ sink, columns });
    }
  }

  finish(warnings: string[]): FlinkLineage {
    this.result.sources = [...this.analysis.sourceTables.values()];
    this.result.warnings = [...warnings, ...this.analysis.warnings];
    return this.result;
  }

  /** Query columns renamed by a column list (`CREATE VIEW v (a, b) AS …`), by position. */
  named(cols: Col[], list: P.ColumnNameListContext, what: string): Col[] {
    if (cols.some(c => c.star)) {
      return cols;
    }
    const names = list
      .columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
    if (names.length !== cols.length) {
      throw tokenError(
        list.start!,
        `${what} lists ${names.length} columns but the query returns ${cols.length}`,
      );
    }
    return cols.map((c, i) => ({ ...c, name: names[i] }));
  }
}

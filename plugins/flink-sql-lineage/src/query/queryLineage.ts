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
 * Column lineage of queries: walks the grammar's parse tree with scopes
 * (relations in FROM, CTEs, named windows, MATCH_RECOGNIZE pattern
 * variables) and computes, for every output column, the source columns whose
 * values flow into it, and separately the columns that only control which
 * rows flow (joins, filters, grouping, partitioning, ordering, conditions).
 *
 * Base tables' columns are unknown unless the caller resolves them, so a
 * column reference that names a base table's column is attributed to that
 * table as written, and `*` over such a table is reported as the pseudo
 * column `*` (source column `*`).
 */
import type * as antlr from 'antlr4ng';
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { ModelTableCall } from '../dialect/processTableFunctions';
import type { FlinkGrammar } from '../grammar';
import type { DetachedClause } from '../statements/parsed';
import { tableRefKey } from '../tableRef';
import { nodeText } from '../tokens/text';
import type { Tok } from '../tokens/lex';
import type {
  ControlColumn,
  ControlUsage,
  ExtractFlinkLineageOptions,
  SourceColumn,
  TableRef,
} from '../types';
import { type Col, Scope, type Mode, type Acc, sourceKey } from './scope';
import { queryColumns } from './queries';
import { walk } from './expressions';

/**
 * Collects lineage over one statement's parse tree. It holds the statement's
 * state (tokens, detached clauses, the control columns and source tables
 * found so far); the walk itself lives in the files of this folder, one per
 * part of a query, each function taking this object as its first argument.
 */
export class QueryLineage {
  /** @internal */
  readonly g: FlinkGrammar;
  /** @internal */
  readonly tokens: Tok[];
  /** @internal */
  readonly tvfAliases: Map<number, string>;
  /** @internal */
  readonly clauses: Map<Tok, DetachedClause>;
  /** @internal */
  readonly options: ExtractFlinkLineageOptions;
  /** @internal */
  readonly modelCalls: Map<number, ModelTableCall>;
  readonly sourceTables = new Map<string, TableRef>();
  readonly warnings: string[] = [];
  #control = new Map<string, ControlColumn>();
  /** @internal WITH clauses whose CTEs a set operation above them already put in scope. */
  readonly hoistedWith = new Set<P.WithClauseContext>();

  constructor(
    g: FlinkGrammar,
    tokens: Tok[],
    tvfAliases: Map<number, string>,
    clauses: Map<Tok, DetachedClause>,
    options: ExtractFlinkLineageOptions,
    modelCalls: Map<number, ModelTableCall> = new Map(),
  ) {
    this.g = g;
    this.tokens = tokens;
    this.tvfAliases = tvfAliases;
    this.clauses = clauses;
    this.options = options;
    this.modelCalls = modelCalls;
  }

  /** Returns the control columns collected since the last call and starts afresh. */
  takeControlColumns(): ControlColumn[] {
    const columns = [...this.#control.values()];
    this.#control = new Map();
    return columns;
  }

  /** A scope whose only relation is the given columns (for computed columns). */
  tableScope(columns: Col[]): Scope {
    const scope = new Scope();
    scope.relations.push({ columns, complete: true });
    return scope;
  }

  /** The statement's text of a node, as written. */
  text(ctx: antlr.ParserRuleContext): string {
    return nodeText(this.tokens, ctx);
  }

  /** The detached clauses right after a node (`FILTER (WHERE …)`, `OVER w` after a call). */
  clausesAfter(ctx: antlr.ParserRuleContext): DetachedClause[] {
    const found: DetachedClause[] = [];
    let next = ctx.stop ? this.tokens[ctx.stop.tokenIndex + 1] : undefined;
    for (
      let clause = next && this.clauses.get(next);
      clause;
      clause = next && this.clauses.get(next)
    ) {
      found.push(clause);
      next = this.tokens[clause.end.tokenIndex + 1];
    }
    return found;
  }

  /** Adds a warning once. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) {
      this.warnings.push(message);
    }
  }

  /** Records a control column with its usage. */
  addControl(source: SourceColumn, usage: ControlUsage): void {
    const key = sourceKey(source);
    const existing = this.#control.get(key);
    if (existing) {
      if (!existing.usages.includes(usage)) {
        existing.usages.push(usage);
      }
    } else {
      this.#control.set(key, { ...source, usages: [usage] });
    }
  }

  /** Records a table the statement reads. */
  addSourceTable(ref: TableRef): void {
    this.sourceTables.set(tableRefKey(ref), ref);
  }

  /** Output columns of a query. */
  query(q: P.QueryStatementContext, parent?: Scope): Col[] {
    return queryColumns(this, q, parent);
  }

  /** Walks an expression (or any subtree): sources into `acc` in value mode, control columns in control mode. */
  walk(node: antlr.ParseTree, scope: Scope, mode: Mode, acc: Acc): void {
    walk(this, node, scope, mode, acc);
  }
}

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
import { aiFunction } from './aiFunctions';
import type { ModelTableCall } from './dialectRewrites';
import type { FlinkGrammar } from './grammar';
import { checkBudget } from './limits';
import {
  identifierParts,
  tableRefOf,
  tableRefOfParts,
  type DetachedClause,
} from './statements';
import { formatTableRef, tableRefKey } from './tableRef';
import { nodeText, tokenError, unquoteIdentifier, type Tok } from './tokens';
import type {
  ControlColumn,
  ControlUsage,
  ExtractFlinkLineageOptions,
  RowFieldLineage,
  SourceColumn,
  TableRef,
} from './types';

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

interface Relation {
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
const VALUE: Mode = { kind: 'value' };
const control = (usage: ControlUsage): Mode => ({ kind: 'control', usage });

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
function hasToken(ctx: antlr.ParserRuleContext, type: number): boolean {
  return ctx.getToken(type, 0) !== null;
}

function sourceKey(s: SourceColumn): string {
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

function withField(source: SourceColumn, path: string[]): SourceColumn {
  if (path.length === 0) {
    return source;
  }
  const field = [source.field, ...path].filter(Boolean).join('.');
  return { ...source, field };
}

/** Finds a name exactly, else case-insensitively when that is unambiguous. */
function findByName<T>(
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
export class QueryLineage {
  readonly #g: FlinkGrammar;
  readonly #tokens: Tok[];
  readonly #tvfAliases: Map<number, string>;
  readonly #clauses: Map<Tok, DetachedClause>;
  readonly #options: ExtractFlinkLineageOptions;
  readonly #modelCalls: Map<number, ModelTableCall>;
  readonly sourceTables = new Map<string, TableRef>();
  readonly warnings: string[] = [];
  #control = new Map<string, ControlColumn>();
  /** WITH clauses whose CTEs a set operation above them already put in scope. */
  readonly #hoistedWith = new Set<P.WithClauseContext>();

  constructor(
    g: FlinkGrammar,
    tokens: Tok[],
    tvfAliases: Map<number, string>,
    clauses: Map<Tok, DetachedClause>,
    options: ExtractFlinkLineageOptions,
    modelCalls: Map<number, ModelTableCall> = new Map(),
  ) {
    this.#g = g;
    this.#tokens = tokens;
    this.#tvfAliases = tvfAliases;
    this.#clauses = clauses;
    this.#options = options;
    this.#modelCalls = modelCalls;
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

  text(ctx: antlr.ParserRuleContext): string {
    return nodeText(this.#tokens, ctx);
  }

  /** The detached clauses right after a node (`FILTER (WHERE …)`, `OVER w` after a call). */
  #clausesAfter(ctx: antlr.ParserRuleContext): DetachedClause[] {
    const found: DetachedClause[] = [];
    let next = ctx.stop ? this.#tokens[ctx.stop.tokenIndex + 1] : undefined;
    for (
      let clause = next && this.#clauses.get(next);
      clause;
      clause = next && this.#clauses.get(next)
    ) {
      found.push(clause);
      next = this.#tokens[clause.end.tokenIndex + 1];
    }
    return found;
  }

  #warn(message: string): void {
    if (!this.warnings.includes(message)) {
      this.warnings.push(message);
    }
  }

  #addControl(source: SourceColumn, usage: ControlUsage): void {
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

  #addSourceTable(ref: TableRef): void {
    this.sourceTables.set(tableRefKey(ref), ref);
  }

  // ---------------------------------------------------------------- queries

  /** A scope holding the CTEs of a WITH clause. */
  #cteScope(withClause: P.WithClauseContext, parent?: Scope): Scope {
    const scope = new Scope(parent);
    for (const item of withClause.withItem()) {
      const name = unquoteIdentifier(item.withItemName().getText());
      let cols = this.query(item.queryStatement(), scope);
      const renames = item
        .columnName()
        .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
      if (renames.length) {
        cols = this.#rename(cols, renames, item);
      }
      scope.ctes.set(name, cols);
    }
    return scope;
  }

  /** Output columns of a query. */
  query(q: P.QueryStatementContext, parent?: Scope): Col[] {
    const withClause = q.withClause();
    if (withClause) {
      const scope = this.#hoistedWith.has(withClause)
        ? parent
        : this.#cteScope(withClause, parent);
      return this.query(q.queryStatement(0)!, scope);
    }
    if (q.valuesClause()) {
      return [];
    }
    let cols: Col[];
    let orderScope: Scope;
    if (q._operator) {
      // `WITH a AS (…) SELECT … FROM a UNION ALL SELECT … FROM a`: the
      // grammar binds the WITH to the first branch only, but in SQL its
      // CTEs are visible to every branch.
      let first = q;
      while (first._operator && first._left) {
        first = first._left;
      }
      const leading = first.withClause();
      if (leading && !this.#hoistedWith.has(leading)) {
        this.#hoistedWith.add(leading);
        return this.query(q, this.#cteScope(leading, parent));
      }
      const left = this.query(q._left!, parent);
      const right = this.query(q._right!, parent);
      const all = hasToken(q, this.#g.FlinkSqlLexer.KW_ALL);
      const op = `${q._operator.text?.toUpperCase()}${all ? ' ALL' : ''}`;
      if (
        left.length !== right.length &&
        ![...left, ...right].some(c => c.star)
      ) {
        throw tokenError(
          q._operator,
          `${op} branches return ${left.length} and ${right.length} columns`,
        );
      }
      cols = left.map((l, i) => {
        const r = right[i];
        if (!r) {
          return l;
        }
        const conditions = uniqueSources([
          ...(l.conditions ?? []),
          ...(r.conditions ?? []),
        ]);
        return {
          name: l.name,
          sources: uniqueSources([...l.sources, ...r.sources]),
          ...(conditions.length ? { conditions } : {}),
          direct: l.direct && r.direct,
          expression:
            l.expression === r.expression
              ? l.expression
              : `${l.expression} ${op} ${r.expression}`,
          transforms: [op, ...new Set([...l.transforms, ...r.transforms])],
        };
      });
      orderScope = new Scope(parent);
      orderScope.relations.push({ columns: cols, complete: true });
    } else if (q.selectStatement()) {
      const result = this.#select(q.selectStatement()!, parent);
      cols = result.cols;
      orderScope = result.scope;
    } else if (q.selectClause()) {
      orderScope = new Scope(parent);
      cols = this.#selectList(q.selectClause()!, orderScope);
    } else {
      // ( query )
      return this.query(q.queryStatement(0)!, parent);
    }
    const orderBy = q.orderByClause();
    if (orderBy) {
      orderScope.outputs = cols;
      this.walk(orderBy, orderScope, control('order'), {
        sources: [],
        transforms: [],
      });
    }
    return cols;
  }

  #rename(cols: Col[], names: string[], at: antlr.ParserRuleContext): Col[] {
    if (cols.some(c => c.star)) {
      return cols;
    }
    if (cols.length !== names.length) {
      throw tokenError(
        at.start!,
        `${names.length} column names given for ${cols.length} columns`,
      );
    }
    return cols.map((c, i) => ({ ...c, name: names[i] }));
  }

  #select(
    s: P.SelectStatementContext,
    parent?: Scope,
  ): { cols: Col[]; scope: Scope } {
    const scope = new Scope(parent);
    const from = s.fromClause();
    if (from) {
      this.#tableExpression(from.tableExpression(), scope);
    }
    const mr = s.matchRecognizeClause();
    let itemScope = scope;
    if (mr) {
      itemScope = new Scope(parent);
      itemScope.relations.push(this.#matchRecognize(mr, scope));
    }
    for (const w of s.windowClause()?.namedWindow() ?? []) {
      itemScope.windows.set(
        unquoteIdentifier(w.errorCapturingIdentifier().getText()),
        w.windowSpec(),
      );
    }
    const where = s.whereClause();
    if (where) {
      this.walk(where, itemScope, control('filter'), {
        sources: [],
        transforms: [],
      });
    }
    const cols = this.#selectList(s.selectClause(), itemScope);
    itemScope.outputs = cols;
    for (const item of s.groupByClause()?.groupItemDefinition() ?? []) {
      this.#groupItem(item, itemScope);
    }
    const having = s.havingClause();
    if (having) {
      this.walk(having, itemScope, control('filter'), {
        sources: [],
        transforms: [],
      });
    }
    return { cols, scope: itemScope };
  }

  #groupItem(item: P.GroupItemDefinitionContext, scope: Scope): void {
    const windowFn = item.groupWindowFunction();
    if (windowFn) {
      this.walk(windowFn.timeAttrColumn(), scope, control('window'), {
        sources: [],
        transforms: [],
      });
      return;
    }
    this.walk(item, scope, control('group'), { sources: [], transforms: [] });
  }

  // ------------------------------------------------------------ select list

  #selectList(clause: P.SelectClauseContext, scope: Scope): Col[] {
    const cols: Col[] = [];
    clause
      .selectList()
      .columnProjectItem()
      .forEach((item, index) => {
        const fallbackName = `EXPR$${index}`;
        const all = item.tableAllColumns();
        if (all) {
          cols.push(...this.#star(all, scope));
          return;
        }
        const literalName = item.selectLiteralColumnName();
        if (literalName) {
          const extra = item.expression();
          if (extra) {
            if (hasToken(item, this.#g.FlinkSqlLexer.KW_AS)) {
              throw tokenError(
                extra.start!,
                `unexpected ${this.text(
                  extra,
                )} after AS, expected a column alias`,
              );
            }
            // The grammar reads `a + b` / `a -1` as a column followed by a
            // signed expression: it is one arithmetic expression; and
            // `name(…)`, a call of a function whose name it lexes as a
            // keyword, as a column followed by parentheses. Anything else
            // after the column (`p.name c.email`) lacks a comma.
            const L = this.#g.FlinkSqlLexer;
            const call = extra.start!.type === L.LR_BRACKET;
            if (
              !call &&
              ![L.ADD_SIGN, L.HYPHEN_SIGN].includes(extra.start!.type)
            ) {
              throw tokenError(
                extra.start!,
                `unexpected '${
                  extra.start!.text
                }', expected ',' or AS before it`,
              );
            }
            const acc: Acc = { sources: [], transforms: [] };
            if (call) {
              acc.transforms.push(this.text(literalName).toUpperCase());
            } else {
              this.walk(literalName, scope, VALUE, acc);
            }
            this.walk(extra, scope, VALUE, acc);
            const alias = item.columnAlias();
            cols.push({
              name: alias ? this.#aliasText(alias) : fallbackName,
              ...accSources(acc),
              direct: false,
              expression: this.text(item),
              transforms: acc.transforms,
            });
            return;
          }
          const alias = item.columnAlias();
          cols.push(
            this.#expressionColumn(
              literalName,
              scope,
              alias ? this.#aliasText(alias) : undefined,
              fallbackName,
            ),
          );
          return;
        }
        const expression = item.selectExpressionColumnName()?.expression();
        if (expression) {
          const alias = item.columnAlias();
          const aliasColumn = item.columnName();
          let name: string | undefined;
          if (alias) {
            name = this.#aliasText(alias);
          } else if (aliasColumn) {
            name = identifierParts(aliasColumn.uidAllowEmpty()!).join('.');
          }
          cols.push(
            this.#expressionColumn(expression, scope, name, fallbackName),
          );
          return;
        }
        // `x OVER w AS a`: the grammar's own OVER item, reached only when
        // OVER does not follow a call (tokens.ts detaches every other OVER).
        const over = item.selectWindowItemColumnName()?.overWindowItem();
        if (over) {
          throw tokenError(
            over.getToken(this.#g.FlinkSqlLexer.KW_OVER, 0)!.symbol,
            'OVER must follow an aggregate or window function call',
          );
        }
        throw tokenError(item.start!, 'unexpected select item');
      });
    return cols;
  }

  #aliasText(alias: P.ColumnAliasContext): string {
    return unquoteIdentifier(alias.identifier().getText());
  }

  /** The column reference an expression is, when it is nothing else. */
  #bareReference(
    node: antlr.ParserRuleContext,
  ): antlr.ParserRuleContext | undefined {
    const g = this.#g;
    let current: antlr.ParserRuleContext | null = node;
    while (current) {
      if (current instanceof g.SelectLiteralColumnNameContext) {
        current = current.columnName();
      } else if (current instanceof g.ColumnNameContext) {
        return current.uidAllowEmpty() ?? undefined;
      } else if (current instanceof g.FunctionParamContext) {
        current = current.expression();
      } else if (current instanceof g.ExpressionContext) {
        current = current.booleanExpression();
      } else if (current instanceof g.PredicatedContext) {
        current = current.predicate() ? null : current.valueExpression();
      } else if (current instanceof g.ValueExpressionDefaultContext) {
        current = current.primaryExpression();
      } else if (current instanceof g.ParenthesizedExpressionContext) {
        current = current.expression();
      } else if (current instanceof g.ColumnReferenceContext) {
        return current.columnNamePath().uid();
      } else if (current instanceof g.DereferenceContext) {
        return current.dereferenceDefinition().uid();
      } else if (current instanceof g.ConstantDefaultContext) {
        const constant = current.constant();
        return this.#isBacktickConstant(constant) ? constant : undefined;
      } else {
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * The grammar lexes backticked identifiers as string literals, so a lone
   * `` `name` `` in an expression parses as a constant: it is a column.
   */
  #isBacktickConstant(constant: P.ConstantContext): boolean {
    return Boolean(constant.stringLiteral()?.getText().startsWith('`'));
  }

  /** The search function's first argument: the table searched, a source. */
  #searchedTable(param: P.FunctionParamContext, fn: string): Relation {
    const reference = this.#bareReference(param);
    const parts = reference ? this.#uidInfo(reference).parts : [];
    if (parts.length === 0 || parts.length > 3) {
      throw tokenError(param.start!, `${fn} needs a table name first`);
    }
    return this.#baseRelation(tableRefOfParts(parts), undefined);
  }

  /** The call to `name` an expression is, when it is nothing else. */
  #callOf(
    node: antlr.ParserRuleContext,
    name: string,
  ): P.FunctionCallExpressionContext | undefined {
    const g = this.#g;
    let current: antlr.ParserRuleContext | null = node;
    while (current) {
      if (current instanceof g.ExpressionContext) {
        current = current.booleanExpression();
      } else if (current instanceof g.PredicatedContext) {
        current = current.predicate() ? null : current.valueExpression();
      } else if (current instanceof g.ValueExpressionDefaultContext) {
        current = current.primaryExpression();
      } else if (current instanceof g.ParenthesizedExpressionContext) {
        current = current.expression();
      } else if (current instanceof g.FunctionParamContext) {
        current = current.expression();
      } else if (current instanceof g.FunctionCallContext) {
        const call = current.functionCallExpression();
        const called = call.functionNameWithParams()?.getText().toUpperCase();
        return called === name ? call : undefined;
      } else {
        return undefined;
      }
    }
    return undefined;
  }

  #expressionColumn(
    expression: antlr.ParserRuleContext,
    scope: Scope,
    alias: string | undefined,
    fallbackName: string,
  ): Col {
    const reference = this.#bareReference(expression);
    if (reference) {
      const { parts, literal } = this.#uidInfo(reference);
      if (!literal) {
        const resolved = this.#resolve(parts, scope, reference.start!);
        const col = this.#referenced(resolved, parts);
        return {
          name: alias ?? parts[parts.length - 1],
          sources: col.sources,
          direct: col.direct,
          expression: this.text(expression),
          transforms: col.transforms,
          ...(col.fields ? { fields: col.fields } : {}),
          ...(col.conditions ? { conditions: col.conditions } : {}),
        };
      }
    }
    const acc: Acc = { sources: [], transforms: [] };
    this.walk(expression, scope, VALUE, acc);
    const col: Col = {
      name: alias ?? fallbackName,
      ...accSources(acc),
      direct: false,
      expression: this.text(expression),
      transforms: acc.transforms,
    };
    const row = this.#callOf(expression, 'ROW');
    if (row) {
      col.fields = row.functionParam().map((param, i) => {
        const field = this.#expressionColumn(
          param,
          scope,
          undefined,
          `EXPR$${i}`,
        );
        return {
          name: `EXPR$${i}`,
          sources: field.sources,
          direct: field.direct,
          expression: field.expression,
        };
      });
    }
    return col;
  }

  /** Records the partition and order columns of an OVER window as control columns. */
  #overWindow(
    clause: Extract<DetachedClause, { kind: 'over' }>,
    scope: Scope,
  ): void {
    if (clause.spec) {
      this.#windowSpec(clause.spec, scope);
      return;
    }
    const named = clause.name!;
    const name = unquoteIdentifier(named.getText());
    const found = this.#namedWindow(scope, name);
    if (!found) {
      throw tokenError(named.start!, `window '${name}' is not defined`);
    }
    this.#windowSpec(found, scope);
  }

  #namedWindow(scope: Scope, name: string): P.WindowSpecContext | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const spec = s.windows.get(name);
      if (spec) {
        return spec;
      }
    }
    return undefined;
  }

  #windowSpec(spec: P.WindowSpecContext, scope: Scope): void {
    const partition = spec.partitionByClause();
    if (partition) {
      this.walk(partition, scope, control('partition'), {
        sources: [],
        transforms: [],
      });
    }
    const order = spec.orderByClause();
    if (order) {
      this.walk(order, scope, control('order'), {
        sources: [],
        transforms: [],
      });
    }
  }

  #star(all: P.TableAllColumnsContext, scope: Scope): Col[] {
    const qualifier = all.identifier().map(i => unquoteIdentifier(i.getText()));
    let relations = scope.relations;
    if (qualifier.length) {
      const name = qualifier[qualifier.length - 1];
      const relation = findByName(scope.relations, name, r => r.alias);
      if (!relation) {
        throw tokenError(
          all.start!,
          `unknown table or alias '${qualifier.join('.')}'`,
        );
      }
      relations = [relation];
    } else if (relations.length === 0) {
      throw tokenError(all.start!, "'*' needs a FROM clause");
    }
    return relations.flatMap(relation => {
      if (relation.derived) {
        this.#warn(
          `The output columns of ${relation.derived.fn} are not known, so '*' leaves them out; name them with AS alias(column, …)`,
        );
      }
      if (relation.model) {
        this.#warn(
          `The output columns of the model of ${relation.model.fn} are not known, so '*' leaves them out; select them by name`,
        );
      }
      return this.#starColumns(relation);
    });
  }

  /** The columns `*` gives of a relation: the `*` pseudo column stands for unknown ones. */
  #starColumns(relation: Relation): Col[] {
    if (relation.complete || !relation.table) {
      return relation.columns;
    }
    return [
      ...relation.columns,
      {
        name: '*',
        sources: [{ table: relation.table, column: '*' }],
        direct: true,
        expression: '*',
        transforms: [],
        star: relation.table,
      },
    ];
  }

  // ---------------------------------------------------------------- FROM

  #tableExpression(te: P.TableExpressionContext, scope: Scope): void {
    const refs = te.tableReference();
    if (refs.length) {
      for (const ref of refs) {
        this.#tableReference(ref, scope);
      }
      return;
    }
    const tvf = te.windowTVFClause();
    if (tvf) {
      this.#windowTvf(tvf, scope);
      return;
    }
    const inline = te.inlineDataValueClause();
    if (inline) {
      const alias = inline.tableAlias();
      scope.relations.push({
        alias: unquoteIdentifier(alias.identifier().getText()),
        columns: this.#aliasColumns(alias).map(name => ({
          name,
          sources: [],
          direct: false,
          expression: 'VALUES',
          transforms: [],
        })),
        complete: true,
      });
      return;
    }
    const [left, right] = te.tableExpression();
    this.#tableExpression(left, scope);
    this.#tableExpression(right, scope);
    const condition = te.joinCondition();
    if (condition) {
      const using = condition.columnNameList();
      if (using) {
        for (const column of using.columnName()) {
          const name = identifierParts(column.uidAllowEmpty()!).join('.');
          for (const relation of scope.relations) {
            const col = this.#columnOf(relation, name, column.start!, false);
            for (const source of col?.sources ?? []) {
              this.#addControl(source, 'join');
            }
          }
        }
      } else {
        this.walk(condition, scope, control('join'), {
          sources: [],
          transforms: [],
        });
      }
    }
  }

  #aliasColumns(alias: P.TableAliasContext | null): string[] {
    return (
      alias
        ?.identifierList()
        ?.identifierSeq()
        .identifier()
        .map(i => unquoteIdentifier(i.getText())) ?? []
    );
  }

  #baseRelation(ref: TableRef, alias: string | undefined): Relation {
    this.#addSourceTable(ref);
    const known = this.#options.resolveTableColumns?.(ref);
    return {
      alias: alias ?? ref.table,
      table: ref,
      columns: (known ?? []).map(name => ({
        name,
        sources: [{ table: ref, column: name }],
        direct: true,
        expression: name,
        transforms: [],
      })),
      complete: Boolean(known),
    };
  }

  /** A relation named by a path: a CTE when the name is one, else a base table. */
  #namedRelation(
    path: antlr.ParserRuleContext,
    alias: string | undefined,
    scope: Scope,
  ): Relation {
    const parts = identifierParts(path);
    if (parts.length === 1) {
      const cte = scope.cte(parts[0]);
      if (cte) {
        return {
          alias: alias ?? parts[0],
          columns: cte,
          complete: !cte.some(c => c.star),
        };
      }
    }
    return this.#baseRelation(tableRefOf(path), alias);
  }

  #tableReference(ref: P.TableReferenceContext, scope: Scope): void {
    const primary = ref.tablePrimary();
    const aliasCtx = ref.tableAlias();
    const alias = aliasCtx
      ? unquoteIdentifier(aliasCtx.identifier().getText())
      : undefined;
    const aliasColumns = this.#aliasColumns(aliasCtx);
    const path = primary.tablePath() ?? primary.viewPath();
    let relation: Relation;
    if (path) {
      relation = this.#namedRelation(path, alias, scope);
      const model = this.#modelCalls.get(path.start!.start);
      if (model) {
        relation = this.#modelRelation(relation, model);
      }
      const period = primary.systemTimePeriod();
      if (period) {
        // FOR SYSTEM_TIME AS OF o.ts: the time attribute of the temporal join.
        this.walk(period, scope, control('join'), {
          sources: [],
          transforms: [],
        });
      }
    } else if (primary.atomFunctionTable()) {
      relation = this.#functionTable(
        primary.atomFunctionTable()!.functionCallExpression(),
        alias,
        aliasColumns,
        scope,
      );
    } else {
      const atom = primary.atomExpressionTable()!;
      const query = atom.queryStatement();
      if (query) {
        relation = { alias, columns: this.query(query, scope), complete: true };
        relation.complete = !relation.columns.some(c => c.star);
      } else {
        const expression = atom.expression()!;
        const acc: Acc = { sources: [], transforms: ['UNNEST'] };
        this.walk(expression, scope, VALUE, acc);
        const names = aliasColumns.length ? aliasColumns : ['EXPR$0'];
        relation = {
          alias,
          columns: names.map(name => ({
            name,
            ...accSources(acc),
            direct: false,
            expression: this.text(atom),
            transforms: acc.transforms,
          })),
          complete: true,
        };
        scope.relations.push(relation);
        return;
      }
    }
    if (aliasColumns.length) {
      relation = {
        alias: relation.alias,
        // Kept for the system columns ($rowtime), which an alias list never names.
        table: relation.table,
        columns: this.#renameRelation(relation, aliasColumns, aliasCtx!),
        complete: true,
      };
    }
    scope.relations.push(relation);
  }

  /**
   * `AS alias(c1, c2, …)` renames a relation's columns by position. When
   * the relation's columns are not all known (a table whose columns the
   * caller did not resolve, a process table function, a model's outputs),
   * the position of each name is not known either: each named column is
   * then read as any column of the relation, and a warning says so.
   */
  #renameRelation(
    relation: Relation,
    names: string[],
    at: P.TableAliasContext,
  ): Col[] {
    const known = relation.columns.filter(c => !c.star);
    const model = relation.model;
    if (relation.complete && !model) {
      return this.#rename(relation.columns, names, at);
    }
    if (relation.complete && model) {
      // The input table's columns first, then the model's outputs.
      if (names.length < known.length) {
        throw tokenError(
          at.start!,
          `${names.length} column names given for at least ${known.length} columns`,
        );
      }
      return names.map((name, i) =>
        i < known.length ? { ...known[i], name } : { name, ...model.col },
      );
    }
    const any = uniqueSources([
      ...this.#starColumns(relation).flatMap(c => c.sources),
      ...(model?.col.sources ?? []),
      ...(relation.derived?.col.sources ?? []),
    ]);
    const of = relation.model?.of ?? relation.alias ?? 'the relation';
    this.#warn(
      `The columns of ${of} are not known, so each column named in ${this.text(
        at,
      )} is read as any of them`,
    );
    return names.map(name => ({
      name,
      sources: any,
      direct: false,
      expression: name,
      transforms: [],
    }));
  }

  /** The relation `ML_PREDICT(TABLE t, …)` / `ML_EVALUATE(TABLE t, …)` returns (see Relation.model). */
  #modelRelation(input: Relation, call: ModelTableCall): Relation {
    const sources: SourceColumn[] = [];
    for (const { name, token } of call.inputs) {
      const col = this.#columnOf(input, name, token, false);
      if (col) {
        sources.push(...col.sources);
        continue;
      }
      // Known columns may leave some out (a key column a value schema does
      // not hold): read it as written, as other unresolved names are.
      this.#warn(
        `Column '${name}' of the DESCRIPTOR of ${
          call.fn
        } is not among the known columns of ${input.alias ?? 'its input'}`,
      );
      if (input.table) {
        sources.push({ table: input.table, column: name });
      }
    }
    const model = {
      fn: call.fn,
      col: {
        sources: uniqueSources(sources),
        direct: false,
        expression: call.text,
        transforms: [call.fn],
      },
      inputs: new Set(call.inputs.map(i => i.name)),
      passthrough: call.fn === 'ML_PREDICT',
      of: input.table
        ? formatTableRef(input.table)
        : input.alias ?? 'its input',
    };
    if (!model.passthrough) {
      // ML_EVALUATE returns metrics: no column of the input table.
      return { alias: input.alias, columns: [], complete: false, model };
    }
    return { ...input, model };
  }

  /** A column of a model relation that is not one of its known columns. */
  #modelColumn(relation: Relation, name: string, at: antlr.Token): Col {
    const model = relation.model!;
    const output = { name, ...model.col };
    if (!model.passthrough || relation.complete) {
      return output;
    }
    const input = this.#columnOf(
      { ...relation, model: undefined },
      name,
      at,
      false,
    );
    if (!input || model.inputs.has(name)) {
      return input ?? output;
    }
    // The input table's columns are unknown: the name is either.
    this.#warn(
      `Column '${name}' may be a column of ${model.of} or an output of the model of ${model.fn}; the columns of ${model.of} are not known`,
    );
    return {
      name,
      sources: uniqueSources([...input.sources, ...output.sources]),
      direct: false,
      expression: name,
      transforms: [],
    };
  }

  /**
   * `LATERAL TABLE(f(…)) [AS alias(c1, …)]`: every output column derives
   * from the call's inputs. Without an alias list the columns are the
   * function's documented outputs, or unknown (a model's outputs).
   */
  #functionTable(
    call: P.FunctionCallExpressionContext,
    alias: string | undefined,
    aliasColumns: string[],
    scope: Scope,
  ): Relation {
    const acc: Acc = { sources: [], transforms: [] };
    this.walk(call, scope, VALUE, acc);
    const fn = call.functionNameWithParams()?.getText().toUpperCase() ?? '';
    const col = {
      ...accSources(acc),
      direct: false,
      expression: this.text(call),
      transforms: acc.transforms,
    };
    const names = aliasColumns.length ? aliasColumns : aiFunction(fn)?.outputs;
    if (names) {
      return {
        alias,
        columns: names.map(name => ({ name, ...col })),
        complete: true,
      };
    }
    const inputs = new Set<string>();
    for (const param of call.functionParam()) {
      const reference = this.#bareReference(param);
      if (reference) {
        const { parts } = this.#uidInfo(reference);
        inputs.add(parts[parts.length - 1]);
      }
    }
    return {
      alias,
      columns: [],
      complete: false,
      derived: { fn, col, inputs },
    };
  }

  #windowTvf(clause: P.WindowTVFClauseContext, scope: Scope): void {
    const call = clause.windowTVFExpression();
    const fn = call.windowTVFName().getText().toUpperCase();
    let input: Relation | undefined;
    let descriptor: P.ColumnDescriptorContext | undefined;
    let partition: DetachedClause | undefined;
    for (const param of call.windowTVFParam()) {
      const table = param.timeAttrColumn();
      if (table && hasToken(param, this.#g.FlinkSqlLexer.KW_TABLE)) {
        input = this.#namedRelation(table.uid(), undefined, scope);
        // SESSION(TABLE t PARTITION BY k, …): sessions are kept per key.
        partition = this.#clausesAfter(param).find(c => c.kind === 'partition');
      }
      descriptor = param.columnDescriptor() ?? descriptor;
    }
    if (!input || !descriptor) {
      throw tokenError(
        call.start!,
        `${fn} needs TABLE and DESCRIPTOR arguments`,
      );
    }
    const inputScope = new Scope(scope.parent);
    inputScope.relations.push(input);
    if (partition?.kind === 'partition') {
      this.walk(partition.columns, inputScope, control('partition'), {
        sources: [],
        transforms: [],
      });
    }
    const timeAcc: Acc = { sources: [], transforms: [] };
    this.walk(descriptor, inputScope, VALUE, timeAcc);
    for (const source of timeAcc.sources) {
      this.#addControl(source, 'window');
    }
    const windowColumns = ['window_start', 'window_end', 'window_time'].map(
      name => ({
        name,
        sources: uniqueSources(timeAcc.sources),
        direct: false,
        expression: this.text(call),
        transforms: [fn],
      }),
    );
    scope.relations.push({
      alias: this.#tvfAliases.get(clause.start!.start),
      table: input.table,
      columns: [
        ...input.columns.filter(c => !c.name.startsWith('window_')),
        ...windowColumns,
      ],
      complete: input.complete,
    });
  }

  #matchRecognize(mr: P.MatchRecognizeClauseContext, input: Scope): Relation {
    const scope = new Scope(input.parent);
    scope.relations.push(...input.relations);
    scope.patternVars = new Set(
      mr
        .patternDefinition()
        ?.patternVariable()
        .map(v => v.unquotedIdentifier().getText()) ?? [],
    );
    const cols: Col[] = [];
    const partition = mr.partitionByClause();
    if (partition) {
      this.walk(partition, scope, control('partition'), {
        sources: [],
        transforms: [],
      });
      for (const column of partition.columnName()) {
        cols.push(
          this.#expressionColumn(column, scope, undefined, column.getText()),
        );
      }
    }
    const order = mr.orderByClause();
    if (order) {
      this.walk(order, scope, control('order'), {
        sources: [],
        transforms: [],
      });
    }
    const outputMode = mr.outputMode();
    const allRows = outputMode
      ? hasToken(outputMode, this.#g.FlinkSqlLexer.KW_ALL)
      : false;
    if (allRows) {
      for (const relation of input.relations) {
        cols.push(
          ...this.#starColumns(relation).filter(
            c => c.star || !cols.some(p => p.name === c.name),
          ),
        );
      }
    }
    mr.measuresClause()
      ?.projectItemDefinition()
      .forEach((item, i) => {
        const expression = item.expression();
        const name = item.columnName();
        if (expression && name) {
          cols.push(
            this.#expressionColumn(
              expression,
              scope,
              identifierParts(name.uidAllowEmpty()!).join('.'),
              `EXPR$${i}`,
            ),
          );
        } else {
          cols.push(
            this.#expressionColumn(item, scope, undefined, `EXPR$${i}`),
          );
        }
      });
    for (const item of mr
      .patternVariablesDefinition()
      .projectItemDefinition()) {
      const condition = item.expression();
      if (condition) {
        this.walk(condition, scope, control('condition'), {
          sources: [],
          transforms: [],
        });
      }
    }
    const alias = mr.identifier();
    return {
      alias: alias ? unquoteIdentifier(alias.getText()) : undefined,
      columns: cols,
      complete: !cols.some(c => c.star),
    };
  }

  // ------------------------------------------------------------ resolution

  #uidInfo(ctx: antlr.ParserRuleContext): {
    parts: string[];
    literal: boolean;
  } {
    const L = this.#g.FlinkSqlLexer;
    const identifiers = (ctx.children ?? []).filter(
      c => c.getChildCount() > 0,
    ) as antlr.ParserRuleContext[];
    const parts = identifiers.map(i => unquoteIdentifier(i.getText()));
    let literal = false;
    if (identifiers.length === 1) {
      const token = identifiers[0].start!;
      const first = (token.text ?? '').charAt(0);
      literal =
        token.type === L.DIG_LITERAL ||
        (token.type === L.STRING_LITERAL && (first === "'" || first === '"'));
    }
    return { parts, literal };
  }

  #columnOf(
    relation: Relation,
    name: string,
    at: antlr.Token,
    strict: boolean,
  ): Col | undefined {
    const col = findByName(relation.columns, name, c => c.name);
    if (col) {
      return col;
    }
    if (relation.model) {
      return this.#modelColumn(relation, name, at);
    }
    if (relation.derived) {
      return { name, ...relation.derived.col };
    }
    if (!relation.complete && relation.table) {
      return {
        name,
        sources: [{ table: relation.table, column: name }],
        direct: true,
        expression: name,
        transforms: [],
      };
    }
    if (relation.table && isSystemColumn(name)) {
      return {
        name,
        sources: [{ table: relation.table, column: name }],
        direct: true,
        expression: name,
        transforms: [],
      };
    }
    const stars = relation.columns.filter(c => c.star);
    if (stars.length) {
      // A column reaching us through `*` of a table with unknown columns.
      return {
        name,
        sources: stars.map(s => ({ table: s.star!, column: name })),
        direct: true,
        expression: name,
        transforms: [],
      };
    }
    if (strict) {
      throw tokenError(
        at,
        `column '${name}' not found in ${relation.alias ?? 'the subquery'}`,
      );
    }
    return undefined;
  }

  /** Resolves a column reference to the column it reads plus a field path. */
  #resolve(
    parts: string[],
    scope: Scope,
    at: antlr.Token,
  ): { col: Col; path: string[] } | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (parts.length >= 2 && s.patternVars?.has(parts[0])) {
        return this.#resolveUnqualified(parts.slice(1), s, at);
      }
      if (parts.length >= 2) {
        const relation = findByName(s.relations, parts[0], r => r.alias);
        if (relation) {
          const col = this.#columnOf(relation, parts[1], at, true)!;
          return { col, path: parts.slice(2) };
        }
      }
      const unqualified = this.#resolveUnqualified(parts, s, at);
      if (unqualified) {
        return unqualified;
      }
    }
    this.#warn(`Column '${parts.join('.')}' could not be resolved`);
    return undefined;
  }

  #resolveUnqualified(
    parts: string[],
    s: Scope,
    at: antlr.Token,
  ): { col: Col; path: string[] } | undefined {
    const [name, ...path] = parts;
    const withColumn = s.relations.filter(r =>
      findByName(r.columns, name, c => c.name),
    );
    if (withColumn.length) {
      if (withColumn.length > 1) {
        this.#warn(`Column '${name}' is ambiguous`);
      }
      return {
        col: findByName(withColumn[0].columns, name, c => c.name)!,
        path,
      };
    }
    let open = s.relations.filter(r => !r.complete || r.model);
    if (open.length > 1) {
      // A column a table function reads comes from the table beside it.
      const tables = open.filter(r => !r.derived?.inputs.has(name));
      open = tables.length ? tables : open;
    }
    if (open.length === 1) {
      return { col: this.#columnOf(open[0], name, at, true)!, path };
    }
    if (open.length > 1) {
      const fns = open.filter(r => r.derived).map(r => r.derived!.fn);
      this.#warn(
        fns.length
          ? `Column '${name}' is not qualified and may come from a table or from the output of ${fns.join(
              ', ',
            )}; name the function's columns with AS alias(column, …)`
          : `Column '${name}' is not qualified and may come from any of ${open.length} tables`,
      );
      const cols = open.map(r => this.#columnOf(r, name, at, true)!);
      return {
        col: {
          name,
          sources: uniqueSources(cols.flatMap(c => c.sources)),
          direct: true,
          expression: name,
          transforms: [],
        },
        path,
      };
    }
    const output = s.outputs && findByName(s.outputs, name, c => c.name);
    if (output) {
      return { col: output, path };
    }
    const tables = s.relations.filter(r => r.table);
    if (isSystemColumn(name) && tables.length === 1) {
      return { col: this.#columnOf(tables[0], name, at, true)!, path };
    }
    return undefined;
  }

  /** The lineage of a resolved reference, following a field path into ROW columns. */
  #referenced(
    resolved: { col: Col; path: string[] } | undefined,
    parts: string[],
  ): Col {
    if (!resolved) {
      return {
        name: parts[parts.length - 1],
        sources: [],
        direct: false,
        expression: parts.join('.'),
        transforms: [],
      };
    }
    const { col, path } = resolved;
    if (path.length && col.fields) {
      const field = findByName(col.fields, path[0], f => f.name);
      if (field) {
        return {
          name: path[path.length - 1],
          sources: field.sources.map(s => withField(s, path.slice(1))),
          direct: field.direct,
          expression: field.expression,
          transforms: [],
        };
      }
    }
    return {
      ...col,
      sources: col.direct
        ? col.sources.map(s => withField(s, path))
        : col.sources,
      fields: path.length ? undefined : col.fields,
    };
  }

  #reference(
    ctx: antlr.ParserRuleContext,
    scope: Scope,
    mode: Mode,
    acc: Acc,
  ): void {
    const { parts, literal } = this.#uidInfo(ctx);
    if (literal || parts.length === 0) {
      return;
    }
    const col = this.#referenced(
      this.#resolve(parts, scope, ctx.start!),
      parts,
    );
    if (mode.kind === 'value') {
      acc.sources.push(...col.sources);
      if (col.conditions) {
        (acc.conditions ??= []).push(...col.conditions);
      }
    } else {
      for (const source of col.sources) {
        this.#addControl(source, mode.usage);
      }
    }
  }

  // ------------------------------------------------------------ expressions

  /**
   * Walks an expression (or any clause), collecting value sources into `acc`
   * in value mode and recording control columns in control mode.
   */
  walk(node: antlr.ParseTree, scope: Scope, mode: Mode, acc: Acc): void {
    checkBudget();
    const g = this.#g;
    if (node instanceof g.TerminalNode) {
      return;
    }
    if (
      node instanceof g.ColumnNamePathContext ||
      node instanceof g.DereferenceDefinitionContext ||
      node instanceof g.TimeAttrColumnContext
    ) {
      this.#reference(node.uid(), scope, mode, acc);
      return;
    }
    if (
      node instanceof g.ColumnNameContext ||
      node instanceof g.ColumnNamePathAllowEmptyContext
    ) {
      const uid = node.uidAllowEmpty();
      if (uid) {
        this.#reference(uid, scope, mode, acc);
      }
      return;
    }
    if (node instanceof g.ConstantContext && this.#isBacktickConstant(node)) {
      this.#reference(node, scope, mode, acc);
      return;
    }
    if (
      node instanceof g.UidContext ||
      node instanceof g.IdentifierContext ||
      node instanceof g.ColumnAliasContext ||
      node instanceof g.TableAliasContext ||
      node instanceof g.ColumnTypeContext ||
      node instanceof g.ConstantContext
    ) {
      return;
    }
    if (node instanceof g.QueryStatementContext) {
      const cols = this.query(node, scope);
      for (const col of cols) {
        if (mode.kind === 'value') {
          acc.sources.push(...col.sources);
          (acc.conditions ??= []).push(...(col.conditions ?? []));
        } else {
          col.sources.forEach(s => this.#addControl(s, mode.usage));
        }
      }
      return;
    }
    if (node instanceof g.FunctionCallExpressionContext) {
      this.#functionCall(node, scope, mode, acc);
      return;
    }
    if (
      node instanceof g.SearchedCaseContext ||
      node instanceof g.SimpleCaseContext
    ) {
      acc.transforms.push('CASE');
      if (node instanceof g.SimpleCaseContext && node._value) {
        this.#condition(node._value, scope, mode, acc, 'condition');
      }
      for (const when of node.whenClause()) {
        this.#condition(when._condition!, scope, mode, acc, 'condition');
        this.walk(when._result!, scope, mode, acc);
      }
      if (node._elseExpression) {
        this.walk(node._elseExpression, scope, mode, acc);
      }
      return;
    }
    if (node instanceof g.CastContext) {
      acc.transforms.push('CAST');
      this.walk(node.expression(), scope, mode, acc);
      return;
    }
    if (
      node instanceof g.ArithmeticBinaryContext ||
      node instanceof g.ArithmeticUnaryContext ||
      node instanceof g.LogicalBinaryContext
    ) {
      acc.transforms.push(node._operator?.text?.toUpperCase() ?? '');
    } else if (node instanceof g.ComparisonContext) {
      acc.transforms.push(this.text(node.comparisonOperator()));
    } else if (node instanceof g.PredicatedContext && node.predicate()) {
      acc.transforms.push(this.#predicateName(node.predicate()!));
    } else if (node instanceof g.ExtractContext) {
      acc.transforms.push('EXTRACT');
      this.walk(node._source!, scope, mode, acc);
      return;
    } else if (
      node instanceof g.FirstContext ||
      node instanceof g.LastContext ||
      node instanceof g.PositionContext
    ) {
      acc.transforms.push((node.start?.text ?? '').toUpperCase());
    } else if (node instanceof g.SubscriptContext) {
      acc.transforms.push('[]');
    } else if (node instanceof g.ExistsContext) {
      acc.transforms.push('EXISTS');
    }
    for (const child of (node as antlr.ParserRuleContext).children ?? []) {
      this.walk(child, scope, mode, acc);
    }
  }

  /**
   * A condition that decides a value without being copied into it (CASE
   * WHEN, IF, FILTER (WHERE …)): its columns are control columns of the
   * sink and, in value mode, conditional inputs of the value.
   */
  #condition(
    node: antlr.ParseTree,
    scope: Scope,
    mode: Mode,
    acc: Acc,
    usage: 'condition' | 'filter',
  ): void {
    if (mode.kind !== 'value') {
      this.walk(node, scope, usage === 'filter' ? control(usage) : mode, acc);
      return;
    }
    const read: Acc = { sources: [], transforms: [] };
    this.walk(node, scope, VALUE, read);
    const columns = [...read.sources, ...(read.conditions ?? [])];
    for (const source of columns) {
      this.#addControl(source, usage);
    }
    (acc.conditions ??= []).push(...columns);
  }

  #predicateName(predicate: P.PredicateContext): string {
    const words = (predicate.children ?? [])
      .filter(c => c instanceof this.#g.TerminalNode)
      .map(c => c.getText().toUpperCase())
      .filter(w => /^[A-Z]+$/.test(w));
    return words.join(' ') || 'PREDICATE';
  }

  #functionCall(
    call: P.FunctionCallExpressionContext,
    scope: Scope,
    mode: Mode,
    acc: Acc,
  ): void {
    const noParams = call.reservedKeywordsNoParamsUsedAsFuncName();
    if (noParams) {
      acc.transforms.push(noParams.getText().toUpperCase());
      return;
    }
    const withParams = call.functionNameWithParams();
    if (!withParams) {
      // DATE '…', TIMESTAMP '…', INTERVAL …: constants.
      return;
    }
    const name = withParams.getText().toUpperCase();
    acc.transforms.push(name);
    const ai = aiFunction(name);
    const params = call.functionParam();
    let searched: Relation | undefined;
    if (ai?.searchesTable && params[0]) {
      searched = this.#searchedTable(params[0], name);
    }
    params.forEach((param, i) => {
      if (ai && (i < ai.resourceArgs || (searched && i === 0))) {
        // A model, agent or tool name; or the table searched, read below.
        return;
      }
      if (name === 'IF' && i === 0) {
        // IF(condition, then, else): the condition decides, it is not copied.
        this.#condition(param, scope, mode, acc, 'condition');
        return;
      }
      const descriptor = searched && this.#callOf(param, 'DESCRIPTOR');
      if (descriptor) {
        // DESCRIPTOR(col) names a column of the searched table.
        const inTable = new Scope();
        inTable.relations.push(searched!);
        this.walk(descriptor, inTable, mode, acc);
        return;
      }
      this.walk(param, scope, mode, acc);
    });
    if (searched) {
      // The results are rows of the searched table.
      const all = this.#starColumns(searched);
      for (const col of all) {
        if (mode.kind === 'value') {
          acc.sources.push(...col.sources);
        } else {
          col.sources.forEach(source => this.#addControl(source, mode.usage));
        }
      }
    }
    for (const clause of this.#clausesAfter(call)) {
      if (clause.kind === 'filter') {
        // The condition picks the rows the aggregate reads; it is not copied.
        acc.transforms.push('FILTER');
        this.#condition(clause.condition, scope, mode, acc, 'filter');
      } else if (clause.kind === 'over') {
        acc.transforms.push('OVER');
        this.#overWindow(clause, scope);
      }
    }
  }
}

/**
 * Confluent Cloud's system columns (`$rowtime`) exist on every table but are
 * neither declared columns nor part of `SELECT *`, so a caller's known column
 * list never holds them.
 */
function isSystemColumn(name: string): boolean {
  return name === '$rowtime';
}

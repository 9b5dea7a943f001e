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
 * Queries: WITH clauses, set operations, SELECT blocks and their grouping.
 */
import type * as antlr from 'antlr4ng';
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { identifierParts } from '../statements/names';
import { tokenError } from '../tokens/lex';
import { unquoteIdentifier } from '../tokens/text';
import { type Col, Scope, control, hasToken, uniqueSources } from './scope';
import type { QueryLineage } from './queryLineage';
import { selectList } from './selectList';
import { tableExpression } from './from';
import { matchRecognize } from './matchRecognize';
import { walk } from './expressions';

/** A scope holding the CTEs of a WITH clause. */
export function cteScope(
  ql: QueryLineage,
  withClause: P.WithClauseContext,
  parent?: Scope,
): Scope {
  const scope = new Scope(parent);
  for (const item of withClause.withItem()) {
    const name = unquoteIdentifier(item.withItemName().getText());
    let cols = queryColumns(ql, item.queryStatement(), scope);
    const renames = item
      .columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
    if (renames.length) {
      cols = rename(cols, renames, item);
    }
    scope.ctes.set(name, cols);
  }
  return scope;
}

/** Output columns of a query. */
export function queryColumns(
  ql: QueryLineage,
  q: P.QueryStatementContext,
  parent?: Scope,
): Col[] {
  const withClause = q.withClause();
  if (withClause) {
    const scope = ql.hoistedWith.has(withClause)
      ? parent
      : cteScope(ql, withClause, parent);
    return queryColumns(ql, q.queryStatement(0)!, scope);
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
    if (leading && !ql.hoistedWith.has(leading)) {
      ql.hoistedWith.add(leading);
      return queryColumns(ql, q, cteScope(ql, leading, parent));
    }
    const left = queryColumns(ql, q._left!, parent);
    const right = queryColumns(ql, q._right!, parent);
    const all = hasToken(q, ql.g.FlinkSqlLexer.KW_ALL);
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
    const result = select(ql, q.selectStatement()!, parent);
    cols = result.cols;
    orderScope = result.scope;
  } else if (q.selectClause()) {
    orderScope = new Scope(parent);
    cols = selectList(ql, q.selectClause()!, orderScope);
  } else {
    // ( query )
    return queryColumns(ql, q.queryStatement(0)!, parent);
  }
  const orderBy = q.orderByClause();
  if (orderBy) {
    orderScope.outputs = cols;
    walk(ql, orderBy, orderScope, control('order'), {
      sources: [],
      transforms: [],
    });
  }
  return cols;
}

export function rename(
  cols: Col[],
  names: string[],
  at: antlr.ParserRuleContext,
): Col[] {
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

export function select(
  ql: QueryLineage,
  s: P.SelectStatementContext,
  parent?: Scope,
): { cols: Col[]; scope: Scope } {
  const scope = new Scope(parent);
  const from = s.fromClause();
  if (from) {
    tableExpression(ql, from.tableExpression(), scope);
  }
  const mr = s.matchRecognizeClause();
  let itemScope = scope;
  if (mr) {
    itemScope = new Scope(parent);
    itemScope.relations.push(matchRecognize(ql, mr, scope));
  }
  for (const w of s.windowClause()?.namedWindow() ?? []) {
    itemScope.windows.set(
      unquoteIdentifier(w.errorCapturingIdentifier().getText()),
      w.windowSpec(),
    );
  }
  const where = s.whereClause();
  if (where) {
    walk(ql, where, itemScope, control('filter'), {
      sources: [],
      transforms: [],
    });
  }
  const cols = selectList(ql, s.selectClause(), itemScope);
  itemScope.outputs = cols;
  for (const item of s.groupByClause()?.groupItemDefinition() ?? []) {
    groupItem(ql, item, itemScope);
  }
  const having = s.havingClause();
  if (having) {
    walk(ql, having, itemScope, control('filter'), {
      sources: [],
      transforms: [],
    });
  }
  return { cols, scope: itemScope };
}

export function groupItem(
  ql: QueryLineage,
  item: P.GroupItemDefinitionContext,
  scope: Scope,
): void {
  const windowFn = item.groupWindowFunction();
  if (windowFn) {
    walk(ql, windowFn.timeAttrColumn(), scope, control('window'), {
      sources: [],
      transforms: [],
    });
    return;
  }
  walk(ql, item, scope, control('group'), { sources: [], transforms: [] });
}

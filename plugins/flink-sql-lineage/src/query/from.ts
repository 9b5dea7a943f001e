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
 * FROM: relations of joins, base tables, CTEs, subqueries and table functions.
 */
import type * as antlr from 'antlr4ng';
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { aiFunction } from '../aiFunctions';
import { identifierParts, tableRefOf } from '../statements/names';
import { tokenError } from '../tokens/lex';
import { unquoteIdentifier } from '../tokens/text';
import type { TableRef } from '../types';
import {
  type Col,
  type Relation,
  Scope,
  VALUE,
  control,
  type Acc,
  accSources,
  uniqueSources,
} from './scope';
import type { QueryLineage } from './queryLineage';
import { queryColumns, rename } from './queries';
import { bareReference, starColumns } from './selectList';
import { modelRelation } from './modelRelations';
import { windowTvf } from './windowTvfs';
import { uidInfo, columnOf } from './resolution';
import { walk } from './expressions';

export function tableExpression(
  ql: QueryLineage,
  te: P.TableExpressionContext,
  scope: Scope,
): void {
  const refs = te.tableReference();
  if (refs.length) {
    for (const ref of refs) {
      tableReference(ql, ref, scope);
    }
    return;
  }
  const tvf = te.windowTVFClause();
  if (tvf) {
    windowTvf(ql, tvf, scope);
    return;
  }
  const inline = te.inlineDataValueClause();
  if (inline) {
    const alias = inline.tableAlias();
    scope.relations.push({
      alias: unquoteIdentifier(alias.identifier().getText()),
      columns: aliasColumnNames(alias).map(name => ({
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
  tableExpression(ql, left, scope);
  tableExpression(ql, right, scope);
  const condition = te.joinCondition();
  if (condition) {
    const using = condition.columnNameList();
    if (using) {
      for (const column of using.columnName()) {
        const name = identifierParts(column.uidAllowEmpty()!).join('.');
        for (const relation of scope.relations) {
          const col = columnOf(ql, relation, name, column.start!, false);
          for (const source of col?.sources ?? []) {
            ql.addControl(source, 'join');
          }
        }
      }
    } else {
      walk(ql, condition, scope, control('join'), {
        sources: [],
        transforms: [],
      });
    }
  }
}

export function aliasColumnNames(alias: P.TableAliasContext | null): string[] {
  return (
    alias
      ?.identifierList()
      ?.identifierSeq()
      .identifier()
      .map(i => unquoteIdentifier(i.getText())) ?? []
  );
}

export function baseRelation(
  ql: QueryLineage,
  ref: TableRef,
  alias: string | undefined,
): Relation {
  ql.addSourceTable(ref);
  const known = ql.options.resolveTableColumns?.(ref);
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
export function namedRelation(
  ql: QueryLineage,
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
  return baseRelation(ql, tableRefOf(path), alias);
}

export function tableReference(
  ql: QueryLineage,
  ref: P.TableReferenceContext,
  scope: Scope,
): void {
  const primary = ref.tablePrimary();
  const aliasCtx = ref.tableAlias();
  const alias = aliasCtx
    ? unquoteIdentifier(aliasCtx.identifier().getText())
    : undefined;
  const aliasColumns = aliasColumnNames(aliasCtx);
  const path = primary.tablePath() ?? primary.viewPath();
  let relation: Relation;
  if (path) {
    relation = namedRelation(ql, path, alias, scope);
    const model = ql.modelCalls.get(path.start!.start);
    if (model) {
      relation = modelRelation(ql, relation, model);
    }
    const period = primary.systemTimePeriod();
    if (period) {
      // FOR SYSTEM_TIME AS OF o.ts: the time attribute of the temporal join.
      walk(ql, period, scope, control('join'), {
        sources: [],
        transforms: [],
      });
    }
  } else if (primary.atomFunctionTable()) {
    relation = functionTable(
      ql,
      primary.atomFunctionTable()!.functionCallExpression(),
      alias,
      aliasColumns,
      scope,
    );
  } else {
    const atom = primary.atomExpressionTable()!;
    const query = atom.queryStatement();
    if (query) {
      relation = {
        alias,
        columns: queryColumns(ql, query, scope),
        complete: true,
      };
      relation.complete = !relation.columns.some(c => c.star);
    } else {
      const expression = atom.expression()!;
      const acc: Acc = { sources: [], transforms: ['UNNEST'] };
      walk(ql, expression, scope, VALUE, acc);
      const names = aliasColumns.length ? aliasColumns : ['EXPR$0'];
      relation = {
        alias,
        columns: names.map(name => ({
          name,
          ...accSources(acc),
          direct: false,
          expression: ql.text(atom),
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
      columns: renameRelation(ql, relation, aliasColumns, aliasCtx!),
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
export function renameRelation(
  ql: QueryLineage,
  relation: Relation,
  names: string[],
  at: P.TableAliasContext,
): Col[] {
  const known = relation.columns.filter(c => !c.star);
  const model = relation.model;
  if (relation.complete && !model) {
    return rename(relation.columns, names, at);
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
    ...starColumns(relation).flatMap(c => c.sources),
    ...(model?.col.sources ?? []),
    ...(relation.derived?.col.sources ?? []),
  ]);
  const of = relation.model?.of ?? relation.alias ?? 'the relation';
  ql.warn(
    `The columns of ${of} are not known, so each column named in ${ql.text(
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

/**
 * `LATERAL TABLE(f(…)) [AS alias(c1, …)]`: every output column derives
 * from the call's inputs. Without an alias list the columns are the
 * function's documented outputs, or unknown (a model's outputs).
 */
export function functionTable(
  ql: QueryLineage,
  call: P.FunctionCallExpressionContext,
  alias: string | undefined,
  aliasColumns: string[],
  scope: Scope,
): Relation {
  const acc: Acc = { sources: [], transforms: [] };
  walk(ql, call, scope, VALUE, acc);
  const fn = call.functionNameWithParams()?.getText().toUpperCase() ?? '';
  const col = {
    ...accSources(acc),
    direct: false,
    expression: ql.text(call),
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
    const reference = bareReference(ql, param);
    if (reference) {
      const { parts } = uidInfo(ql, reference);
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

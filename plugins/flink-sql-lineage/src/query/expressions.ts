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
 * Expressions: the walk that collects value sources and control columns.
 */
import type * as antlr from 'antlr4ng';
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { aiFunction } from '../aiFunctions';
import { checkBudget } from '../limits';
import {
  type Relation,
  Scope,
  type Mode,
  VALUE,
  control,
  type Acc,
} from './scope';
import type { QueryLineage } from './queryLineage';
import { queryColumns } from './queries';
import {
  isBacktickConstant,
  searchedTable,
  callOf,
  starColumns,
} from './selectList';
import { overWindow } from './windows';
import { referenceLineage } from './resolution';

/**
 * Walks an expression (or any clause), collecting value sources into `acc`
 * in value mode and recording control columns in control mode.
 */
export function walk(
  ql: QueryLineage,
  node: antlr.ParseTree,
  scope: Scope,
  mode: Mode,
  acc: Acc,
): void {
  checkBudget();
  const g = ql.g;
  if (node instanceof g.TerminalNode) {
    return;
  }
  if (
    node instanceof g.ColumnNamePathContext ||
    node instanceof g.DereferenceDefinitionContext ||
    node instanceof g.TimeAttrColumnContext
  ) {
    referenceLineage(ql, node.uid(), scope, mode, acc);
    return;
  }
  if (
    node instanceof g.ColumnNameContext ||
    node instanceof g.ColumnNamePathAllowEmptyContext
  ) {
    const uid = node.uidAllowEmpty();
    if (uid) {
      referenceLineage(ql, uid, scope, mode, acc);
    }
    return;
  }
  if (node instanceof g.ConstantContext && isBacktickConstant(node)) {
    referenceLineage(ql, node, scope, mode, acc);
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
    const cols = queryColumns(ql, node, scope);
    for (const col of cols) {
      if (mode.kind === 'value') {
        acc.sources.push(...col.sources);
        (acc.conditions ??= []).push(...(col.conditions ?? []));
      } else {
        col.sources.forEach(s => ql.addControl(s, mode.usage));
      }
    }
    return;
  }
  if (node instanceof g.FunctionCallExpressionContext) {
    functionCall(ql, node, scope, mode, acc);
    return;
  }
  if (
    node instanceof g.SearchedCaseContext ||
    node instanceof g.SimpleCaseContext
  ) {
    acc.transforms.push('CASE');
    if (node instanceof g.SimpleCaseContext && node._value) {
      walkCondition(ql, node._value, scope, mode, acc, 'condition');
    }
    for (const when of node.whenClause()) {
      walkCondition(ql, when._condition!, scope, mode, acc, 'condition');
      walk(ql, when._result!, scope, mode, acc);
    }
    if (node._elseExpression) {
      walk(ql, node._elseExpression, scope, mode, acc);
    }
    return;
  }
  if (node instanceof g.CastContext) {
    acc.transforms.push('CAST');
    walk(ql, node.expression(), scope, mode, acc);
    return;
  }
  if (
    node instanceof g.ArithmeticBinaryContext ||
    node instanceof g.ArithmeticUnaryContext ||
    node instanceof g.LogicalBinaryContext
  ) {
    acc.transforms.push(node._operator?.text?.toUpperCase() ?? '');
  } else if (node instanceof g.ComparisonContext) {
    acc.transforms.push(ql.text(node.comparisonOperator()));
  } else if (node instanceof g.PredicatedContext && node.predicate()) {
    acc.transforms.push(predicateName(ql, node.predicate()!));
  } else if (node instanceof g.ExtractContext) {
    acc.transforms.push('EXTRACT');
    walk(ql, node._source!, scope, mode, acc);
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
    walk(ql, child, scope, mode, acc);
  }
}

/**
 * A condition that decides a value without being copied into it (CASE
 * WHEN, IF, FILTER (WHERE …)): its columns are control columns of the
 * sink and, in value mode, conditional inputs of the value.
 */
export function walkCondition(
  ql: QueryLineage,
  node: antlr.ParseTree,
  scope: Scope,
  mode: Mode,
  acc: Acc,
  usage: 'condition' | 'filter',
): void {
  if (mode.kind !== 'value') {
    walk(ql, node, scope, usage === 'filter' ? control(usage) : mode, acc);
    return;
  }
  const read: Acc = { sources: [], transforms: [] };
  walk(ql, node, scope, VALUE, read);
  const columns = [...read.sources, ...(read.conditions ?? [])];
  for (const source of columns) {
    ql.addControl(source, usage);
  }
  (acc.conditions ??= []).push(...columns);
}

export function predicateName(
  ql: QueryLineage,
  predicate: P.PredicateContext,
): string {
  const words = (predicate.children ?? [])
    .filter(c => c instanceof ql.g.TerminalNode)
    .map(c => c.getText().toUpperCase())
    .filter(w => /^[A-Z]+$/.test(w));
  return words.join(' ') || 'PREDICATE';
}

export function functionCall(
  ql: QueryLineage,
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
    searched = searchedTable(ql, params[0], name);
  }
  params.forEach((param, i) => {
    if (ai && (i < ai.resourceArgs || (searched && i === 0))) {
      // A model, agent or tool name; or the table searched, read below.
      return;
    }
    if (name === 'IF' && i === 0) {
      // IF(condition, then, else): the condition decides, it is not copied.
      walkCondition(ql, param, scope, mode, acc, 'condition');
      return;
    }
    const descriptor = searched && callOf(ql, param, 'DESCRIPTOR');
    if (descriptor) {
      // DESCRIPTOR(col) names a column of the searched table.
      const inTable = new Scope();
      inTable.relations.push(searched!);
      walk(ql, descriptor, inTable, mode, acc);
      return;
    }
    walk(ql, param, scope, mode, acc);
  });
  if (searched) {
    // The results are rows of the searched table.
    const all = starColumns(searched);
    for (const col of all) {
      if (mode.kind === 'value') {
        acc.sources.push(...col.sources);
      } else {
        col.sources.forEach(source => ql.addControl(source, mode.usage));
      }
    }
  }
  for (const clause of ql.clausesAfter(call)) {
    if (clause.kind === 'filter') {
      // The condition picks the rows the aggregate reads; it is not copied.
      acc.transforms.push('FILTER');
      walkCondition(ql, clause.condition, scope, mode, acc, 'filter');
    } else if (clause.kind === 'over') {
      acc.transforms.push('OVER');
      overWindow(ql, clause, scope);
    }
  }
}

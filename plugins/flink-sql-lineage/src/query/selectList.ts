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
 * The select list: output columns of a SELECT, `*` expansion, bare references and calls.
 */
import type * as antlr from 'antlr4ng';
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { identifierParts, tableRefOfParts } from '../statements/names';
import { tokenError } from '../tokens/lex';
import { unquoteIdentifier } from '../tokens/text';
import {
  type Col,
  type Relation,
  Scope,
  VALUE,
  type Acc,
  accSources,
  hasToken,
  findByName,
} from './scope';
import type { FlinkGrammar } from '../grammar';
import type { QueryLineage } from './queryLineage';
import { baseRelation } from './from';
import { uidInfo, resolve, referenced } from './resolution';
import { walk } from './expressions';

export function selectList(
  ql: QueryLineage,
  clause: P.SelectClauseContext,
  scope: Scope,
): Col[] {
  const cols: Col[] = [];
  clause
    .selectList()
    .columnProjectItem()
    .forEach((item, index) => {
      const fallbackName = `EXPR$${index}`;
      const all = item.tableAllColumns();
      if (all) {
        cols.push(...star(ql, all, scope));
        return;
      }
      const literalName = item.selectLiteralColumnName();
      if (literalName) {
        const extra = item.expression();
        if (extra) {
          if (hasToken(item, ql.g.FlinkSqlLexer.KW_AS)) {
            throw tokenError(
              extra.start!,
              `unexpected ${ql.text(extra)} after AS, expected a column alias`,
            );
          }
          // The grammar reads `a + b` / `a -1` as a column followed by a
          // signed expression: it is one arithmetic expression; and
          // `name(…)`, a call of a function whose name it lexes as a
          // keyword, as a column followed by parentheses. Anything else
          // after the column (`p.name c.email`) lacks a comma.
          const L = ql.g.FlinkSqlLexer;
          const call = extra.start!.type === L.LR_BRACKET;
          if (
            !call &&
            ![L.ADD_SIGN, L.HYPHEN_SIGN].includes(extra.start!.type)
          ) {
            throw tokenError(
              extra.start!,
              `unexpected '${extra.start!.text}', expected ',' or AS before it`,
            );
          }
          const acc: Acc = { sources: [], transforms: [] };
          if (call) {
            acc.transforms.push(ql.text(literalName).toUpperCase());
          } else {
            walk(ql, literalName, scope, VALUE, acc);
          }
          walk(ql, extra, scope, VALUE, acc);
          const alias = item.columnAlias();
          cols.push({
            name: alias ? aliasText(alias) : fallbackName,
            ...accSources(acc),
            direct: false,
            expression: ql.text(item),
            transforms: acc.transforms,
          });
          return;
        }
        const alias = item.columnAlias();
        cols.push(
          expressionColumn(
            ql,
            literalName,
            scope,
            alias ? aliasText(alias) : undefined,
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
          name = aliasText(alias);
        } else if (aliasColumn) {
          name = identifierParts(aliasColumn.uidAllowEmpty()!).join('.');
        }
        cols.push(expressionColumn(ql, expression, scope, name, fallbackName));
        return;
      }
      // `x OVER w AS a`: the grammar's own OVER item, reached only when
      // OVER does not follow a call (tokens/detachClauses.ts detaches every other OVER).
      const over = item.selectWindowItemColumnName()?.overWindowItem();
      if (over) {
        throw tokenError(
          over.getToken(ql.g.FlinkSqlLexer.KW_OVER, 0)!.symbol,
          'OVER must follow an aggregate or window function call',
        );
      }
      throw tokenError(item.start!, 'unexpected select item');
    });
  return cols;
}

export function aliasText(alias: P.ColumnAliasContext): string {
  return unquoteIdentifier(alias.identifier().getText());
}

/**
 * The expression a wrapper node stands for (a function argument, an
 * expression, a parenthesis, a bare value); `null` for a predicate, which is
 * more than its value; `undefined` when the node is not a wrapper.
 */
function unwrapped(
  g: FlinkGrammar,
  node: antlr.ParserRuleContext,
): antlr.ParserRuleContext | null | undefined {
  if (node instanceof g.FunctionParamContext) {
    return node.expression();
  }
  if (node instanceof g.ExpressionContext) {
    return node.booleanExpression();
  }
  if (node instanceof g.PredicatedContext) {
    return node.predicate() ? null : node.valueExpression();
  }
  if (node instanceof g.ValueExpressionDefaultContext) {
    return node.primaryExpression();
  }
  if (node instanceof g.ParenthesizedExpressionContext) {
    return node.expression();
  }
  return undefined;
}

/** The column reference an expression is, when it is nothing else. */
export function bareReference(
  ql: QueryLineage,
  node: antlr.ParserRuleContext,
): antlr.ParserRuleContext | undefined {
  const g = ql.g;
  let current: antlr.ParserRuleContext | null = node;
  while (current) {
    const inner = unwrapped(g, current);
    if (inner !== undefined) {
      current = inner;
    } else if (current instanceof g.SelectLiteralColumnNameContext) {
      current = current.columnName();
    } else if (current instanceof g.ColumnNameContext) {
      return current.uidAllowEmpty() ?? undefined;
    } else if (current instanceof g.ColumnReferenceContext) {
      return current.columnNamePath().uid();
    } else if (current instanceof g.DereferenceContext) {
      return current.dereferenceDefinition().uid();
    } else if (current instanceof g.ConstantDefaultContext) {
      const constant = current.constant();
      return isBacktickConstant(constant) ? constant : undefined;
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
export function isBacktickConstant(constant: P.ConstantContext): boolean {
  return Boolean(constant.stringLiteral()?.getText().startsWith('`'));
}

/** The search function's first argument: the table searched, a source. */
export function searchedTable(
  ql: QueryLineage,
  param: P.FunctionParamContext,
  fn: string,
): Relation {
  const reference = bareReference(ql, param);
  const parts = reference ? uidInfo(ql, reference).parts : [];
  if (parts.length === 0 || parts.length > 3) {
    throw tokenError(param.start!, `${fn} needs a table name first`);
  }
  return baseRelation(ql, tableRefOfParts(parts), undefined);
}

/** The call to `name` an expression is, when it is nothing else. */
export function callOf(
  ql: QueryLineage,
  node: antlr.ParserRuleContext,
  name: string,
): P.FunctionCallExpressionContext | undefined {
  const g = ql.g;
  let current: antlr.ParserRuleContext | null = node;
  while (current) {
    const inner = unwrapped(g, current);
    if (inner !== undefined) {
      current = inner;
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

export function expressionColumn(
  ql: QueryLineage,
  expression: antlr.ParserRuleContext,
  scope: Scope,
  alias: string | undefined,
  fallbackName: string,
): Col {
  const reference = bareReference(ql, expression);
  if (reference) {
    const { parts, literal } = uidInfo(ql, reference);
    if (!literal) {
      const resolved = resolve(ql, parts, scope, reference.start!);
      const col = referenced(resolved, parts);
      return {
        name: alias ?? parts[parts.length - 1],
        sources: col.sources,
        direct: col.direct,
        expression: ql.text(expression),
        transforms: col.transforms,
        ...(col.fields ? { fields: col.fields } : {}),
        ...(col.conditions ? { conditions: col.conditions } : {}),
      };
    }
  }
  const acc: Acc = { sources: [], transforms: [] };
  walk(ql, expression, scope, VALUE, acc);
  const col: Col = {
    name: alias ?? fallbackName,
    ...accSources(acc),
    direct: false,
    expression: ql.text(expression),
    transforms: acc.transforms,
  };
  const row = callOf(ql, expression, 'ROW');
  if (row) {
    col.fields = row.functionParam().map((param, i) => {
      const field = expressionColumn(ql, param, scope, undefined, `EXPR$${i}`);
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

export function star(
  ql: QueryLineage,
  all: P.TableAllColumnsContext,
  scope: Scope,
): Col[] {
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
      ql.warn(
        `The output columns of ${relation.derived.fn} are not known, so '*' leaves them out; name them with AS alias(column, …)`,
      );
    }
    if (relation.model) {
      ql.warn(
        `The output columns of the model of ${relation.model.fn} are not known, so '*' leaves them out; select them by name`,
      );
    }
    return starColumns(relation);
  });
}

/** The columns `*` gives of a relation: the `*` pseudo column stands for unknown ones. */
export function starColumns(relation: Relation): Col[] {
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

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
 * MATCH_RECOGNIZE: pattern variables, measures and the relation it returns.
 */
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { identifierParts } from '../statements/names';
import { unquoteIdentifier } from '../tokens/text';
import { type Col, type Relation, Scope, control, hasToken } from './scope';
import type { QueryLineage } from './queryLineage';
import { expressionColumn, starColumns } from './selectList';
import { walk } from './expressions';

export function matchRecognize(
  ql: QueryLineage,
  mr: P.MatchRecognizeClauseContext,
  input: Scope,
): Relation {
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
    walk(ql, partition, scope, control('partition'), {
      sources: [],
      transforms: [],
    });
    for (const column of partition.columnName()) {
      cols.push(
        expressionColumn(ql, column, scope, undefined, column.getText()),
      );
    }
  }
  const order = mr.orderByClause();
  if (order) {
    walk(ql, order, scope, control('order'), {
      sources: [],
      transforms: [],
    });
  }
  const outputMode = mr.outputMode();
  const allRows = outputMode
    ? hasToken(outputMode, ql.g.FlinkSqlLexer.KW_ALL)
    : false;
  if (allRows) {
    for (const relation of input.relations) {
      cols.push(
        ...starColumns(relation).filter(
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
          expressionColumn(
            ql,
            expression,
            scope,
            identifierParts(name.uidAllowEmpty()!).join('.'),
            `EXPR$${i}`,
          ),
        );
      } else {
        cols.push(expressionColumn(ql, item, scope, undefined, `EXPR$${i}`));
      }
    });
  for (const item of mr.patternVariablesDefinition().projectItemDefinition()) {
    const condition = item.expression();
    if (condition) {
      walk(ql, condition, scope, control('condition'), {
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

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
 * Window table-valued functions: TUMBLE, HOP, CUMULATE and SESSION over a table.
 */
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { DetachedClause } from '../statements/parsed';
import { tokenError } from '../tokens/lex';
import {
  type Relation,
  Scope,
  VALUE,
  control,
  type Acc,
  hasToken,
  uniqueSources,
} from './scope';
import type { QueryLineage } from './queryLineage';
import { namedRelation } from './from';
import { walk } from './expressions';

export function windowTvf(
  ql: QueryLineage,
  clause: P.WindowTVFClauseContext,
  scope: Scope,
): void {
  const call = clause.windowTVFExpression();
  const fn = call.windowTVFName().getText().toUpperCase();
  let input: Relation | undefined;
  let descriptor: P.ColumnDescriptorContext | undefined;
  let partition: DetachedClause | undefined;
  for (const param of call.windowTVFParam()) {
    const table = param.timeAttrColumn();
    if (table && hasToken(param, ql.g.FlinkSqlLexer.KW_TABLE)) {
      input = namedRelation(ql, table.uid(), undefined, scope);
      // SESSION(TABLE t PARTITION BY k, …): sessions are kept per key.
      partition = ql.clausesAfter(param).find(c => c.kind === 'partition');
    }
    descriptor = param.columnDescriptor() ?? descriptor;
  }
  if (!input || !descriptor) {
    throw tokenError(call.start!, `${fn} needs TABLE and DESCRIPTOR arguments`);
  }
  const inputScope = new Scope(scope.parent);
  inputScope.relations.push(input);
  if (partition?.kind === 'partition') {
    walk(ql, partition.columns, inputScope, control('partition'), {
      sources: [],
      transforms: [],
    });
  }
  const timeAcc: Acc = { sources: [], transforms: [] };
  walk(ql, descriptor, inputScope, VALUE, timeAcc);
  for (const source of timeAcc.sources) {
    ql.addControl(source, 'window');
  }
  const windowColumns = ['window_start', 'window_end', 'window_time'].map(
    name => ({
      name,
      sources: uniqueSources(timeAcc.sources),
      direct: false,
      expression: ql.text(call),
      transforms: [fn],
    }),
  );
  scope.relations.push({
    alias: ql.tvfAliases.get(clause.start!.start),
    table: input.table,
    columns: [
      ...input.columns.filter(c => !c.name.startsWith('window_')),
      ...windowColumns,
    ],
    complete: input.complete,
  });
}

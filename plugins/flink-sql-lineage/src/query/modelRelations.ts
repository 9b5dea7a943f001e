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
 * Model relations: `ML_PREDICT(TABLE t, …)` and `ML_EVALUATE(TABLE t, …)` as relations.
 */
import type * as antlr from 'antlr4ng';
import type { ModelTableCall } from '../dialect/processTableFunctions';
import { formatTableRef } from '../tableRef';
import type { SourceColumn } from '../types';
import { type Col, type Relation, uniqueSources } from './scope';
import type { QueryLineage } from './queryLineage';
import { columnOf } from './resolution';

/** The relation `ML_PREDICT(TABLE t, …)` / `ML_EVALUATE(TABLE t, …)` returns (see Relation.model). */
export function modelRelation(
  ql: QueryLineage,
  input: Relation,
  call: ModelTableCall,
): Relation {
  const sources: SourceColumn[] = [];
  for (const { name, token } of call.inputs) {
    const col = columnOf(ql, input, name, token, false);
    if (col) {
      sources.push(...col.sources);
      continue;
    }
    // Known columns may leave some out (a key column a value schema does
    // not hold): read it as written, as other unresolved names are.
    ql.warn(
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
    of: input.table ? formatTableRef(input.table) : input.alias ?? 'its input',
  };
  if (!model.passthrough) {
    // ML_EVALUATE returns metrics: no column of the input table.
    return { alias: input.alias, columns: [], complete: false, model };
  }
  return { ...input, model };
}

/** A column of a model relation that is not one of its known columns. */
export function modelColumn(
  ql: QueryLineage,
  relation: Relation,
  name: string,
  at: antlr.Token,
): Col {
  const model = relation.model!;
  const output = { name, ...model.col };
  if (!model.passthrough || relation.complete) {
    return output;
  }
  const input = columnOf(
    ql,
    { ...relation, model: undefined },
    name,
    at,
    false,
  );
  if (!input || model.inputs.has(name)) {
    return input ?? output;
  }
  // The input table's columns are unknown: the name is either.
  ql.warn(
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

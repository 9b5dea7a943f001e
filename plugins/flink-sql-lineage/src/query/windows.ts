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
 * OVER windows: partition and order columns recorded as control columns.
 */
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { DetachedClause } from '../statements/parsed';
import { tokenError } from '../tokens/lex';
import { unquoteIdentifier } from '../tokens/text';
import { Scope, control } from './scope';
import type { QueryLineage } from './queryLineage';
import { walk } from './expressions';

/** Records the partition and order columns of an OVER window as control columns. */
export function overWindow(
  ql: QueryLineage,
  clause: Extract<DetachedClause, { kind: 'over' }>,
  scope: Scope,
): void {
  if (clause.spec) {
    windowSpec(ql, clause.spec, scope);
    return;
  }
  const named = clause.name!;
  const name = unquoteIdentifier(named.getText());
  const found = namedWindow(scope, name);
  if (!found) {
    throw tokenError(named.start!, `window '${name}' is not defined`);
  }
  windowSpec(ql, found, scope);
}

export function namedWindow(
  scope: Scope,
  name: string,
): P.WindowSpecContext | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const spec = s.windows.get(name);
    if (spec) {
      return spec;
    }
  }
  return undefined;
}

export function windowSpec(
  ql: QueryLineage,
  spec: P.WindowSpecContext,
  scope: Scope,
): void {
  const partition = spec.partitionByClause();
  if (partition) {
    walk(ql, partition, scope, control('partition'), {
      sources: [],
      transforms: [],
    });
  }
  const order = spec.orderByClause();
  if (order) {
    walk(ql, order, scope, control('order'), {
      sources: [],
      transforms: [],
    });
  }
}

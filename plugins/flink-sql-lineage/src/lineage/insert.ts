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
 * INSERT INTO: the sink table and the lineage of its columns.
 */
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { Col } from '../query/scope';
import { identifierParts, tableRefOf } from '../statements/names';
import { tokenError } from '../tokens/lex';
import { toLineage, LineageBuilder } from './lineageBuilder';

export function buildInsert(
  b: LineageBuilder,
  insert: P.InsertSimpleStatementContext,
): void {
  const sink = tableRefOf(insert.tablePath());
  b.addSink(sink);
  const list = insert.columnNameList();
  const detached = b.insertColumns.get(insert.start!.start);
  const listed =
    list
      ?.columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.')) ??
    detached?.names;
  const query = insert.queryStatement();
  let cols: Col[];
  if (query) {
    cols = b.analysis.query(query);
  } else {
    const rows = insert.valuesDefinition()!.valuesRowDefinition();
    const width = rows[0]?.valueDefinition().length ?? 0;
    cols = Array.from({ length: width }, (_, i) => ({
      name: `EXPR$${i}`,
      sources: [],
      direct: false,
      expression: 'VALUES',
      transforms: [],
    }));
  }
  const targetNames = listed ?? b.options.resolveTableColumns?.(sink);
  const hasStar = cols.some(c => c.star);
  if (targetNames && !hasStar && targetNames.length !== cols.length) {
    if (listed) {
      throw tokenError(
        list?.start ?? detached!.start,
        `INSERT INTO lists ${listed.length} columns but the query returns ${cols.length}`,
      );
    }
    b.analysis.warnings.push(
      `The query returns ${cols.length} columns but ${targetNames.length} are known for the sink`,
    );
  }
  const mapByPosition =
    targetNames && !hasStar && targetNames.length === cols.length;
  cols.forEach((col, position) => {
    b.result.columns.push(
      toLineage(
        col,
        sink,
        mapByPosition ? targetNames![position] : col.name,
        position,
      ),
    );
  });
  b.closeSink(sink);
}

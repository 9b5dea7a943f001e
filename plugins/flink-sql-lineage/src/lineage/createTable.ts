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
 * CREATE [MATERIALIZED] TABLE, with AS query (CTAS) or LIKE: the table
 * defined and, with a query, its column lineage.
 */
import { uniqueSources } from '../query/scope';
import type { ParsedCreateTable } from '../statements/parsed';
import type { ColumnLineage, TableColumnDefinition } from '../types';
import { toLineage, rowFieldNames, LineageBuilder } from './lineageBuilder';

export function buildCreateTable(
  b: LineageBuilder,
  parsed: ParsedCreateTable,
): void {
  const { table, query } = parsed;
  b.result.table = table;
  b.result.target = table.name;
  if (!query) {
    b.result.kind = table.like ? 'CREATE_TABLE_LIKE' : 'CREATE_TABLE';
    return;
  }
  if (parsed.alter) {
    b.result.kind = 'ALTER_MATERIALIZED_TABLE';
  } else {
    b.result.kind = parsed.materialized
      ? 'CREATE_MATERIALIZED_TABLE'
      : 'CREATE_TABLE_AS';
  }
  b.result.sinkKind = parsed.materialized ? 'materialized-table' : 'ctas';
  const sink = table.name;
  b.addSink(sink);
  let cols = b.analysis.query(query);
  if (parsed.columnNames) {
    cols = b.named(cols, parsed.columnNames, 'the table');
  }

  // CTAS with a column list (FLIP-463, as Confluent implements it): a
  // declared column whose name matches a query column re-declares it
  // (type, constraints) and takes its value; declared columns without a
  // match are new columns placed first; query columns not declared are
  // appended in query order. Matching is by name, not by position.
  const declared = table.columns;
  const columns: ColumnLineage[] = [];
  const matched = new Set<TableColumnDefinition>();
  const stars = cols.filter(c => c.star);
  const queryLineage: ColumnLineage[] = [];
  cols.forEach((col, position) => {
    const declaredColumn =
      declared.find(d => d.name === col.name) ??
      declared.find(d => d.name.toLowerCase() === col.name.toLowerCase());
    if (declaredColumn) {
      matched.add(declaredColumn);
    }
    const lineage = toLineage(
      col,
      sink,
      declaredColumn?.name ?? col.name,
      position,
    );
    const fieldNames = declaredColumn && rowFieldNames(declaredColumn.type);
    if (lineage.fields && fieldNames) {
      lineage.fields = lineage.fields.map((f, i) => ({
        ...f,
        name: fieldNames[i] ?? f.name,
      }));
    }
    queryLineage.push(lineage);
  });
  for (const column of declared) {
    if (matched.has(column) || column.kind === 'metadata') {
      continue;
    }
    // A declared column the query does not name: when the query selects
    // `*` from tables with unknown columns it most likely comes through it.
    columns.push({
      sink,
      column: column.name,
      sources: stars.map(s => ({ table: s.star!, column: column.name })),
      direct: stars.length > 0,
      expression: stars.length ? '*' : 'NULL',
      transforms: [],
      position: -1,
    });
  }
  columns.push(...queryLineage);
  // Computed columns derive from the table's other columns.
  for (const computed of parsed.computed) {
    const acc = {
      sources: [] as ColumnLineage['sources'],
      transforms: [] as string[],
    };
    const scope = b.analysis.tableScope(
      columns.map(c => ({ ...c, name: c.column })),
    );
    b.analysis.walk(computed.expression, scope, { kind: 'value' }, acc);
    columns.push({
      sink,
      column: computed.name,
      sources: uniqueSources(acc.sources),
      direct: false,
      expression: b.analysis.text(computed.expression),
      transforms: acc.transforms,
      position: -1,
    });
  }
  b.result.columns.push(...columns);
  b.closeSink(sink);
}

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
 * Compact views of a lineage result for test assertions.
 */
import { FlinkSqlInputError as InputError } from '../errors';
import { extractFlinkLineage } from '../extractFlinkLineage';
import { formatTableRef } from '../tableRef';
import type {
  ColumnLineage,
  ExtractFlinkLineageOptions,
  FlinkLineage,
  SourceColumn,
} from '../types';

/** `table.column[:field]` strings. */
export function names(sources: SourceColumn[]): string[] {
  return sources.map(
    s =>
      `${formatTableRef(s.table)}.${s.column}${s.field ? `:${s.field}` : ''}`,
  );
}

/** The lineage of one sink column (or result column of a SELECT). */
export function column(
  lineage: FlinkLineage,
  name: string,
): Omit<ColumnLineage, 'sink'> {
  const all = lineage.columns.length
    ? lineage.columns
    : lineage.resultColumns ?? [];
  const found = all.find(c => c.column === name);
  if (!found) {
    throw new Error(
      `no column ${name} in ${all.map(c => c.column).join(', ')}`,
    );
  }
  return found;
}

/** `column <- sources` for every sink (or result) column, in order. */
export function flows(lineage: FlinkLineage): string[] {
  const all = lineage.columns.length
    ? lineage.columns
    : lineage.resultColumns ?? [];
  return all.map(c => `${c.column} <- ${names(c.sources).join(', ')}`);
}

/** `table.column(usages)` strings of the control columns. */
export function controls(lineage: FlinkLineage): string[] {
  return lineage.controlColumns.flatMap(c =>
    c.columns.map(
      col =>
        `${formatTableRef(col.table)}.${col.column}(${col.usages.join(',')})`,
    ),
  );
}

/** The sources and sinks as formatted names. */
export function tables(lineage: FlinkLineage): {
  sources: string[];
  sinks: string[];
} {
  return {
    sources: lineage.sources.map(formatTableRef),
    sinks: lineage.sinks.map(formatTableRef),
  };
}

/** Runs extraction expecting an InputError and returns its message. */
export function errorOf(
  sql: string,
  options?: ExtractFlinkLineageOptions,
): string {
  let thrown: unknown;
  try {
    extractFlinkLineage(sql, options);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  return (thrown as Error).message;
}

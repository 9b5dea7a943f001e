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
import {
  PiiTrace,
  PlannedSuspectedPii,
  SuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-common';
import { ColumnLineage } from '@shiftleft/flink-sql-lineage';

/**
 * The columns of a plan whose names look personal but that nothing
 * declares: the source tables' columns (as read from the database, when
 * they were) and every column the statements read from them or write.
 * Only names are looked at, never values.
 *
 * A column is left out when the template masks or declares it PII, or when
 * the PII trace already follows personal data (masked or not) into it:
 * those are known, not suspected.
 */
export function findSuspectedPii(options: {
  matcher: SuspectedPiiMatcher;
  /** The source topics, each with the database columns read for it (if any). */
  sources: Array<{ topic: string; columns?: string[] }>;
  /** Columns the template masks or declares PII at the source. */
  declared: string[];
  /** Each statement's column lineage. */
  lineage: ColumnLineage[][];
  trace: PiiTrace;
}): PlannedSuspectedPii[] {
  const { matcher, sources, trace } = options;
  const sourceTopics = new Set(sources.map(s => s.topic));
  const declared = new Set(options.declared);
  const traced = new Set(
    trace.tables.flatMap(t =>
      t.columns.map(c => `${t.table}\u0000${c.column}`),
    ),
  );
  const found = new Map<string, PlannedSuspectedPii>();
  const consider = (
    table: string,
    column: string,
    from: PlannedSuspectedPii['from'],
  ) => {
    const key = `${table}\u0000${column}`;
    if (found.has(key) || traced.has(key)) return;
    if (from === 'source' && declared.has(column)) return;
    const match = matcher(column);
    if (match) found.set(key, { table, column, pattern: match.pattern, from });
  };
  for (const source of sources) {
    for (const column of source.columns ?? []) {
      consider(source.topic, column, 'source');
    }
  }
  for (const columns of options.lineage) {
    for (const c of columns) {
      for (const ref of [...c.sources, ...(c.conditionalSources ?? [])]) {
        if (sourceTopics.has(ref.table.table) && ref.column !== '*') {
          consider(ref.table.table, ref.column, 'source');
        }
      }
      if (c.column !== '*') consider(c.sink.table, c.column, 'statement');
    }
  }
  return [...found.values()];
}

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
import { diffLines } from 'diff';

/** One line of a SQL diff, or a run of unchanged lines left out. */
export type SqlDiffLine =
  | { kind: 'added' | 'removed' | 'same'; text: string }
  | { kind: 'skipped'; count: number };

/** Unchanged lines kept around each change, as `diff -U2` would. */
const CONTEXT = 2;

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The line diff of two versions' SQL (jsdiff's `diffLines`; line endings,
 * trailing blanks and a final `;` ignored, as the SQL digest ignores them),
 * with long unchanged runs folded so a one-line change in a long statement
 * stays readable.
 */
export function sqlLineDiff(before: string, after: string): SqlDiffLine[] {
  const all: Array<{ kind: 'added' | 'removed' | 'same'; text: string }> = [];
  const normalize = (sql: string) =>
    sql
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map(l => l.trimEnd())
      .join('\n')
      .trim()
      .replace(/;$/, '');
  for (const part of diffLines(normalize(before), normalize(after))) {
    let kind: 'same' | 'added' | 'removed' = 'same';
    if (part.added) kind = 'added';
    else if (part.removed) kind = 'removed';
    for (const text of linesOf(part.value)) all.push({ kind, text });
  }
  const near = all.map(() => false);
  all.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (
      let j = Math.max(0, i - CONTEXT);
      j <= Math.min(all.length - 1, i + CONTEXT);
      j++
    ) {
      near[j] = true;
    }
  });
  const out: SqlDiffLine[] = [];
  let skipped = 0;
  all.forEach((line, i) => {
    if (line.kind === 'same' && !near[i]) {
      skipped++;
      return;
    }
    if (skipped) out.push({ kind: 'skipped', count: skipped });
    skipped = 0;
    out.push(line);
  });
  if (skipped) out.push({ kind: 'skipped', count: skipped });
  return out;
}

/** How many lines a diff adds and removes. */
export function diffCounts(lines: SqlDiffLine[]) {
  return {
    added: lines.filter(l => l.kind === 'added').length,
    removed: lines.filter(l => l.kind === 'removed').length,
  };
}

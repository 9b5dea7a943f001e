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
import { createHash } from 'node:crypto';

/*
 * Text rewrites of a product's new SQL into the statement that applies it:
 * a CTAS becomes an INSERT INTO the existing table (blue/green), and a
 * materialized table's statement becomes CREATE OR ALTER with the chosen
 * START_MODE. The results are parsed again by the lineage library before
 * anything is submitted.
 */

/** Where the top-level `AS` before a query starts, outside parentheses, strings and comments. */
function topLevelAs(sql: string): { start: number; end: number } | undefined {
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '`' || ch === '"') {
      const close = sql.indexOf(ch, i + 1);
      if (close < 0) return undefined;
      i = close;
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 1;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /[Aa]/.test(ch) && /\W/.test(sql[i - 1] ?? ' ')) {
      const m = /^AS\s+(?=SELECT\b|WITH\b|\()/i.exec(sql.slice(i));
      if (m) return { start: i, end: i + m[0].length };
    }
  }
  return undefined;
}

/** The query of a `CREATE … AS query` statement. */
export function queryOf(sql: string): string | undefined {
  const as = topLevelAs(sql);
  return as ? sql.slice(as.end).trim().replace(/;\s*$/, '') : undefined;
}

/** `INSERT INTO <table> <query of the CTAS>`. */
export function ctasToInsert(sql: string, table: string): string | undefined {
  const query = queryOf(sql);
  return query ? `INSERT INTO ${table}\n${query}` : undefined;
}

/**
 * A CREATE [OR ALTER] MATERIALIZED TABLE statement as CREATE OR ALTER with
 * `START_MODE = mode` (replacing any START_MODE it had).
 */
export function materializedTableStatement(
  sql: string,
  startMode: string,
): string | undefined {
  const head = /^\s*CREATE\s+(?:OR\s+ALTER\s+)?MATERIALIZED\s+TABLE\b/i;
  if (!head.test(sql)) return undefined;
  const as = topLevelAs(sql);
  if (!as) return undefined;
  const definition = sql
    .slice(0, as.start)
    .replace(head, 'CREATE OR ALTER MATERIALIZED TABLE')
    .replace(/\bSTART_MODE\s*=\s*[A-Z_]+(\s*\([^)]*\))?/i, '')
    .trimEnd();
  return `${definition}\nSTART_MODE = ${startMode}\nAS ${sql
    .slice(as.end)
    .trim()
    .replace(/;\s*$/, '')}`;
}

/** SQL compared without comments, case of keywords aside, or spacing. */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/;\s*$/, '')
    .trim();
}

/**
 * The name of the statement that applies a change: the current name
 * without an earlier change's suffix, plus a hash of what is submitted, so
 * a retried run finds the statement it made.
 */
export function changeStatementName(
  current: string,
  sql: string,
  properties: Record<string, string>,
): string {
  const base = current.replace(/-c[0-9a-f]{8}$/, '').slice(0, 90);
  const hash = createHash('sha256')
    .update(normalizeSql(sql))
    .update(JSON.stringify(Object.entries(properties).sort()))
    .digest('hex')
    .slice(0, 8);
  return `${base}-c${hash}`;
}

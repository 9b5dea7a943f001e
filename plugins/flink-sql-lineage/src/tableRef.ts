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
import type { TableRef } from './types';

const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Reserved words of Flink SQL that are plausible as object names; these need
// backticks even though they look like plain identifiers. (The full reserved
// list also holds hundreds of function names nobody names a table after.)
const RESERVED = new Set(
  (
    'ALL AND ARRAY AS ASC AT BETWEEN BY CASE CAST COLUMN COLUMNS COMMENT CREATE CROSS CURRENT ' +
    'DATE DAY DEFAULT DELETE DESC DESCRIBE DISTINCT DROP ELSE END EXCEPT EXISTS EXPLAIN FALSE ' +
    'FOR FROM FULL FUNCTION FUNCTIONS GROUP HAVING HOUR IN INNER INSERT INTERSECT INTERVAL INTO IS ' +
    'JOIN LATERAL LEFT LIKE LIMIT MATCH METADATA MINUTE MODIFY MONTH NATURAL NOT NULL OF ON OR ' +
    'ORDER OUTER OVER PARTITION PRIMARY RANGE RESET RIGHT ROW ROWS SECOND SELECT SET SHOW SYSTEM ' +
    'TABLE TABLES THEN TIME TIMESTAMP TO TRUE UNION UNIQUE UPDATE USE USER USING VALUE VALUES ' +
    'WATERMARK WHEN WHERE WINDOW WITH YEAR'
  ).split(' '),
);

/**
 * Quotes one identifier for Flink SQL: backticks (doubling any backtick
 * inside) unless it is a plain identifier that is not a reserved word.
 * @public
 */
export function quoteFlinkIdentifier(name: string): string {
  if (SIMPLE_IDENTIFIER.test(name) && !RESERVED.has(name.toUpperCase())) {
    return name;
  }
  return `\`${name.replace(/`/g, '``')}\``;
}

/**
 * The display and SQL form of a table: parts joined with dots, each part
 * backticked where needed. A ref with table `shiftleft.public.customers`
 * (one name with dots) gives \`shiftleft.public.customers\` in backticks; a
 * ref with catalog `env`, database `lkc` and table `orders` gives
 * `env.lkc.orders`.
 * @public
 */
export function formatTableRef(ref: TableRef): string {
  return tableRefParts(ref).map(quoteFlinkIdentifier).join('.');
}

/**
 * A stable key for a table, for maps and de-duplication: every part
 * backticked, so \`a.b\` and \`a\`.\`b\` never collide. Two refs have
 * the same key exactly when catalog, database and table are equal.
 * @public
 */
export function tableRefKey(ref: TableRef): string {
  return tableRefParts(ref)
    .map(part => `\`${part.replace(/`/g, '``')}\``)
    .join('.');
}

/**
 * Whether two table refs name the same table as written (no catalog or
 * database defaults are applied).
 * @public
 */
export function tableRefEquals(a: TableRef, b: TableRef): boolean {
  return tableRefKey(a) === tableRefKey(b);
}

function tableRefParts(ref: TableRef): string[] {
  const parts: string[] = [];
  if (ref.catalog !== undefined) {
    parts.push(ref.catalog);
  }
  if (ref.database !== undefined) {
    parts.push(ref.database);
  }
  parts.push(ref.table);
  return parts;
}

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
import { InputError } from '@backstage/errors';
import { PRODUCT_PLACEHOLDER } from './types';

/*
 * The `${product}` placeholder of a template's SQL and table names.
 */

/**
 * Whether every `${product}` of a SQL text is inside a backticked
 * identifier or a string literal: the product name then never changes how
 * the SQL parses (its characters are validated, and neither a backtick nor
 * a quote is among them).
 */
function placeholdersQuoted(sql: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) {
        // A doubled quote is an escaped one, still inside.
        if (sql[i + 1] === quote) i++;
        else quote = undefined;
      }
    } else if (c === '`' || c === "'") {
      quote = c;
    } else if (sql.startsWith(PRODUCT_PLACEHOLDER, i)) {
      return false;
    }
  }
  return true;
}

/**
 * The first `${…}` other than `${product}`, if any. A forward scan, linear
 * in the text: a regex searching from every `${` was quadratic (29 s on
 * 320 KB of unclosed `${`).
 */
function unknownPlaceholder(text: string): string | undefined {
  for (let from = 0; ; ) {
    const start = text.indexOf('${', from);
    if (start < 0) return undefined;
    const end = text.indexOf('}', start + 2);
    // No `}` after this `${`: none after any later one either.
    if (end < 0) return undefined;
    const placeholder = text.slice(start, end + 1);
    if (placeholder !== PRODUCT_PLACEHOLDER) return placeholder.slice(0, 80);
    from = end + 1;
  }
}

/** Replaces `${product}`; any other `${…}` is a problem. */
export function substitute(
  text: string,
  product: string,
  what: string,
  options: { sql?: boolean } = {},
): string {
  const unknown = unknownPlaceholder(text);
  if (unknown) {
    throw new InputError(
      `${what} uses the placeholder ${unknown}; only ${PRODUCT_PLACEHOLDER} (the product name) is replaced`,
    );
  }
  if (options.sql && !placeholdersQuoted(text)) {
    throw new InputError(
      `${what} uses ${PRODUCT_PLACEHOLDER} outside backticks: write table names as \`${PRODUCT_PLACEHOLDER}.my_table\``,
    );
  }
  return text.split(PRODUCT_PLACEHOLDER).join(product);
}

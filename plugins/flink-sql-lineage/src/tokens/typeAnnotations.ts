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
 * Type keywords, and the NOT NULL / description annotations inside nested
 * types, which the grammar has no place for.
 */
import type { FlinkGrammar } from '../grammar';
import { type Tok, ANNOTATION_CHANNEL } from './lex';
import { matching, moveToChannel } from './tokenOps';

const typeKeywordCache = new WeakMap<FlinkGrammar, Set<number>>();

/** The keywords a type starts with (`INT`, `DECIMAL`, `ROW`, …). */
export function typeKeywords(g: FlinkGrammar): Set<number> {
  let types = typeKeywordCache.get(g);
  if (!types) {
    const L = g.FlinkSqlLexer;
    types = new Set([
      L.KW_DATE,
      L.KW_BOOLEAN,
      L.KW_CHAR,
      L.KW_VARCHAR,
      L.KW_STRING,
      L.KW_BINARY,
      L.KW_VARBINARY,
      L.KW_BYTES,
      L.KW_TINYINT,
      L.KW_SMALLINT,
      L.KW_INT,
      L.KW_INTEGER,
      L.KW_BIGINT,
      L.KW_TIME,
      L.KW_TIMESTAMP_LTZ,
      L.KW_DATETIME,
      L.KW_TIMESTAMP,
      L.KW_DECIMAL,
      L.KW_DEC,
      L.KW_NUMERIC,
      L.KW_FLOAT,
      L.KW_DOUBLE,
      L.KW_ARRAY,
      L.KW_MULTISET,
      L.KW_MAP,
      L.KW_ROW,
      L.KW_RAW,
    ]);
    typeKeywordCache.set(g, types);
  }
  return types;
}

/**
 * Moves `NOT NULL` / `NULL` after the element types of ROW, ARRAY, MAP and
 * MULTISET types, and ROW field descriptions, to ANNOTATION_CHANNEL. The
 * grammar's nested types have no place for them; they stay in the type text.
 */
export function hideTypeAnnotations(g: FlinkGrammar, tokens: Tok[]): void {
  const L = g.FlinkSqlLexer;
  const types = typeKeywords(g);
  const endsType = (token: Tok) =>
    types.has(token.type) ||
    token.type === L.KW_ZONE ||
    token.type === L.RR_BRACKET ||
    token.type === L.GREATER_SYMBOL;
  const containers = [L.KW_ROW, L.KW_ARRAY, L.KW_MAP, L.KW_MULTISET];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    let close = -1;
    if (
      containers.includes(t.type) &&
      next?.type === L.LESS_SYMBOL &&
      // `map < 5` compares a column named map; a MAP type names a type first.
      (t.type !== L.KW_MAP || types.has(tokens[i + 2]?.type ?? -1))
    ) {
      close = matching(tokens, i + 1, L.LESS_SYMBOL, L.GREATER_SYMBOL);
    } else if (
      t.type === L.KW_ROW &&
      next?.type === L.LR_BRACKET &&
      /^(`|[A-Za-z_])/.test(tokens[i + 2]?.text ?? '') &&
      types.has(tokens[i + 3]?.type ?? -1)
    ) {
      // `ROW(name type, …)` is a type; the ROW(…) constructor lists expressions.
      close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
    }
    for (let j = i + 2; j < close; j++) {
      const token = tokens[j];
      const prev = tokens[j - 1];
      if (token.channel !== g.Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (endsType(prev) && token.type === L.KW_NOT) {
        if (tokens[j + 1]?.type === L.KW_NULL) {
          moveToChannel(tokens, j, ANNOTATION_CHANNEL);
          moveToChannel(tokens, j + 1, ANNOTATION_CHANNEL);
          j++;
        }
      } else if (endsType(prev) && token.type === L.KW_NULL) {
        moveToChannel(tokens, j, ANNOTATION_CHANNEL);
      } else if (
        t.type === L.KW_ROW &&
        (endsType(prev) || prev.channel === ANNOTATION_CHANNEL) &&
        token.type === L.STRING_LITERAL &&
        (token.text ?? '').startsWith("'")
      ) {
        // A field description: `ROW<a INT 'the a'>`.
        moveToChannel(tokens, j, ANNOTATION_CHANNEL);
      }
    }
  }
}

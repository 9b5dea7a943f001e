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
 * Clauses that carry no lineage and that the grammar lacks or has elsewhere.
 */
import type { FlinkGrammar } from '../grammar';
import { NO_LINEAGE_CHANNEL, word, type Tok } from '../tokens/lex';
import { isBacktickName, moveToChannel, retype } from '../tokens/tokenOps';
import { nameStarts } from '../tokens/keywords';

/**
 * Standard clauses that decide how many rows or which rows flow but carry
 * no column lineage, in forms the grammar lacks. Their words go to
 * NO_LINEAGE_CHANNEL (the text keeps them); where a clause stands in place
 * of LIMIT, its first word is read as LIMIT, so the grammar still checks
 * that it stands where LIMIT may:
 *   - `LIMIT n OFFSET m`, `OFFSET m ROWS`, `OFFSET m ROWS FETCH NEXT n
 *     ROWS ONLY`, `FETCH FIRST [n] ROW[S] ONLY`;
 *   - `TABLESAMPLE BERNOULLI|SYSTEM (p) [REPEATABLE (seed)]` after a table
 *     or its alias;
 *   - `UNNEST(…) WITH ORDINALITY`: the ordinal is one more column named in
 *     the alias list, and derives from the array like the others;
 *   - the NOT of `s IS NOT JSON [VALUE|SCALAR|ARRAY|OBJECT]`.
 */
export function hideClausesWithoutLineage(
  g: FlinkGrammar,
  tokens: Tok[],
): void {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  const isNumber = (t: Tok | undefined) =>
    t?.type === L.DIG_LITERAL || t?.type === L.REAL_LITERAL;
  const isRows = (t: Tok | undefined) =>
    t?.type === L.KW_ROW || t?.type === L.KW_ROWS;
  const hide = (from: number, to: number) => {
    for (let j = from; j <= to; j++) {
      moveToChannel(tokens, j, NO_LINEAGE_CHANNEL);
    }
  };
  /** `FETCH FIRST|NEXT [n] ROW|ROWS ONLY` at `i`: the index of ONLY, or -1. */
  const fetchEnd = (i: number) => {
    if (
      tokens[i]?.type !== L.KW_FETCH ||
      (tokens[i + 1]?.type !== L.KW_FIRST && tokens[i + 1]?.type !== L.KW_NEXT)
    ) {
      return -1;
    }
    const rows = isNumber(tokens[i + 2]) ? i + 3 : i + 2;
    return isRows(tokens[rows]) && tokens[rows + 1]?.type === L.KW_ONLY
      ? rows + 1
      : -1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.channel !== g.Token.DEFAULT_CHANNEL) {
      continue;
    }
    if (t.type === L.KW_OFFSET && isNumber(tokens[i + 1])) {
      const end = isRows(tokens[i + 2]) ? i + 2 : i + 1;
      if (
        tokens[i - 2]?.type === L.KW_LIMIT &&
        (isNumber(tokens[i - 1]) || tokens[i - 1]?.type === L.KW_ALL)
      ) {
        // LIMIT n OFFSET m: the LIMIT stays.
        hide(i, end);
        i = end;
        continue;
      }
      // OFFSET m [ROWS] [FETCH …]: read as LIMIT m.
      retype(tokens, i, L.KW_LIMIT);
      hide(i + 2, end);
      const only = fetchEnd(end + 1);
      if (only > 0) {
        hide(end + 1, only);
        i = only;
      } else {
        i = end;
      }
      continue;
    }
    const only = fetchEnd(i);
    if (only > 0) {
      // FETCH FIRST [n] ROWS ONLY: read as LIMIT n (FIRST stands for n when there is none).
      retype(tokens, i, L.KW_LIMIT);
      if (isNumber(tokens[i + 2])) {
        hide(i + 1, i + 1);
        hide(i + 3, only);
      } else {
        retype(tokens, i + 1, L.DIG_LITERAL);
        hide(i + 2, only);
      }
      i = only;
      continue;
    }
    if (t.type === L.KW_TABLESAMPLE) {
      const previous = tokens[i - 1];
      const method = word(tokens[i + 1]);
      const endsTable =
        previous &&
        (names.has(previous.type) ||
          isBacktickName(g, previous) ||
          previous.type === L.RR_BRACKET);
      if (
        !endsTable ||
        !['BERNOULLI', 'SYSTEM'].includes(method) ||
        tokens[i + 2]?.type !== L.LR_BRACKET ||
        !isNumber(tokens[i + 3]) ||
        tokens[i + 4]?.type !== L.RR_BRACKET
      ) {
        continue;
      }
      let end = i + 4;
      if (
        word(tokens[end + 1]) === 'REPEATABLE' &&
        tokens[end + 2]?.type === L.LR_BRACKET &&
        isNumber(tokens[end + 3]) &&
        tokens[end + 4]?.type === L.RR_BRACKET
      ) {
        end += 4;
      }
      hide(i, end);
      i = end;
      continue;
    }
    if (
      t.type === L.KW_IS &&
      tokens[i + 1]?.type === L.KW_NOT &&
      word(tokens[i + 2]) === 'JSON'
    ) {
      // `s IS NOT JSON [OBJECT]`: the grammar has IS JSON only; the NOT
      // changes no lineage.
      hide(i + 1, i + 1);
      i++;
      continue;
    }
    if (
      t.type === L.KW_WITH &&
      word(tokens[i + 1]) === 'ORDINALITY' &&
      tokens[i - 1]?.type === L.RR_BRACKET
    ) {
      // Only right after UNNEST(…).
      let depth = 0;
      let open = i - 1;
      for (; open >= 0; open--) {
        if (tokens[open].type === L.RR_BRACKET) {
          depth++;
        } else if (tokens[open].type === L.LR_BRACKET && --depth === 0) {
          break;
        }
      }
      if (tokens[open - 1]?.type === L.KW_UNNEST) {
        hide(i, i + 1);
        i++;
      }
    }
  }
}

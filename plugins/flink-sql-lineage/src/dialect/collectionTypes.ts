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
 * The postfix collection types (`STRING ARRAY`).
 */
import type { FlinkGrammar } from '../grammar';
import { typeKeywords } from '../tokens/typeAnnotations';
import type { Tok } from '../tokens/lex';
import { synthetic } from './synthetic';

/**
 * `tags STRING ARRAY`, `scores INT NOT NULL MULTISET`, `DECIMAL(10, 2)
 * ARRAY ARRAY`: Flink's postfix form of the collection types, a synonym of
 * `ARRAY<t>` / `MULTISET<t>`, which is the only form the grammar has. A
 * synthetic `ARRAY <` (or `MULTISET <`) goes before the element type and
 * the postfix word becomes its `>`, so the declared type reads
 * `ARRAY<STRING>`.
 */
export function readPostfixCollectionTypes(
  g: FlinkGrammar,
  tokens: Tok[],
): void {
  const L = g.FlinkSqlLexer;
  const types = typeKeywords(g);
  /** The first token of the type that ends at `end`, or -1. */
  const typeStart = (end: number): number => {
    const t = tokens[end];
    if (!t) {
      return -1;
    }
    if (t.type === L.KW_NULL && tokens[end - 1]?.type === L.KW_NOT) {
      return typeStart(end - 2);
    }
    if (t.type === L.KW_ZONE) {
      // TIMESTAMP[(p)] WITH[OUT] [LOCAL] TIME ZONE
      let k = end - 1;
      while (
        k > 0 &&
        tokens[k].type !== L.KW_WITH &&
        tokens[k].type !== L.KW_WITHOUT
      ) {
        k--;
      }
      return typeStart(k - 1);
    }
    if (t.type === L.RR_BRACKET || t.type === L.GREATER_SYMBOL) {
      const [open, close] =
        t.type === L.RR_BRACKET
          ? [L.LR_BRACKET, L.RR_BRACKET]
          : [L.LESS_SYMBOL, L.GREATER_SYMBOL];
      let depth = 0;
      for (let k = end; k >= 0; k--) {
        if (tokens[k].type === close) {
          depth++;
        } else if (tokens[k].type === open && --depth === 0) {
          return types.has(tokens[k - 1]?.type ?? -1) ? k - 1 : -1;
        }
      }
      return -1;
    }
    return types.has(t.type) ? end : -1;
  };
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (
      (t.type !== L.KW_ARRAY && t.type !== L.KW_MULTISET) ||
      [L.LESS_SYMBOL, L.LS_BRACKET, L.LR_BRACKET].includes(next?.type ?? -1)
    ) {
      continue;
    }
    const start = typeStart(i - 1);
    if (start < 0) {
      continue;
    }
    // Zero width right after the element type, so texts read `ARRAY<STRING>`.
    const close = t.clone();
    close.type = L.GREATER_SYMBOL;
    close.text = '>';
    close.start = tokens[i - 1].stop + 1;
    close.stop = close.start - 1;
    tokens[i] = close;
    tokens.splice(
      start,
      0,
      synthetic(tokens[start], t.type, (t.text ?? '').toUpperCase()),
      synthetic(tokens[start], L.LESS_SYMBOL, '<'),
    );
    i += 2;
  }
}

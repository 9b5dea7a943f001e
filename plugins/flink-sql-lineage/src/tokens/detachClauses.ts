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
 * Clauses the grammar has no place for (`OVER` after a nested call, aggregate
 * `FILTER (WHERE …)`, SESSION's `PARTITION BY`), detached to CLAUSE_CHANNEL;
 * SESSION read in TUMBLE's shape.
 */
import type { FlinkGrammar } from '../grammar';
import { type Tok, CLAUSE_CHANNEL, word } from './lex';
import { nameStarts } from './keywords';
import { matching, moveToChannel, retype } from './tokenOps';
import type {
  DetachedClauseKind,
  DetachedClauseTokens,
} from './rewriteForGrammar';

/** Detaches the clauses the grammar has no place for to CLAUSE_CHANNEL. */
export function detachClauses(
  g: FlinkGrammar,
  tokens: Tok[],
): DetachedClauseTokens[] {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  const clauses: DetachedClauseTokens[] = [];
  const detach = (kind: DetachedClauseKind, from: number, to: number) => {
    for (let j = from; j <= to; j++) {
      if (tokens[j].channel === g.Token.DEFAULT_CHANNEL) {
        moveToChannel(tokens, j, CLAUSE_CHANNEL);
      }
    }
    clauses.push({ kind, start: tokens[from], end: tokens[to] });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Only a call can carry these clauses; statements/detachedClauses.ts
    // checks that the `)` before them closes one.
    const afterParenthesis = tokens[i - 1]?.type === L.RR_BRACKET;
    if (
      t.type === L.KW_FILTER &&
      afterParenthesis &&
      tokens[i - 1].channel === g.Token.DEFAULT_CHANNEL &&
      tokens[i + 1]?.type === L.LR_BRACKET &&
      tokens[i + 2]?.type === L.KW_WHERE
    ) {
      const close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
      if (close > 0) {
        detach('filter', i, close);
        i = close;
      }
    } else if (
      t.type === L.KW_OVER &&
      afterParenthesis &&
      (tokens[i + 1]?.type === L.LR_BRACKET ||
        names.has(tokens[i + 1]?.type ?? -1))
    ) {
      // `OVER (spec)` or `OVER name`; the separate parse validates either.
      const end =
        tokens[i + 1].type === L.LR_BRACKET
          ? matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET)
          : i + 1;
      if (end > 0) {
        detach('over', i, end);
        i = end;
      }
    } else if (
      t.type === L.KW_TABLE &&
      tokens[i + 1]?.type === L.LR_BRACKET &&
      tokens[i + 2]?.type === L.KW_SESSION &&
      tokens[i + 3]?.type === L.LR_BRACKET
    ) {
      rewriteSession(g, tokens, i + 2, detach);
    }
  }
  return clauses;
}

/**
 * `SESSION(TABLE t [PARTITION BY k | PARTITION BY (k1, k2)], DESCRIPTOR(ts), gap)`
 * and its named-parameter form (`DATA =>`, `TIMECOL =>`, `GAP =>`). The
 * grammar knows TUMBLE, HOP and CUMULATE, whose parameters have the same
 * shape: SESSION takes TUMBLE's token type (its text stays SESSION), `GAP`
 * the type of a parameter name the grammar knows, and PARTITION BY is
 * detached.
 */
function rewriteSession(
  g: FlinkGrammar,
  tokens: Tok[],
  name: number,
  detach: (kind: DetachedClauseKind, from: number, to: number) => void,
): void {
  const L = g.FlinkSqlLexer;
  const open = name + 1;
  const close = matching(tokens, open, L.LR_BRACKET, L.RR_BRACKET);
  if (close < 0) {
    return;
  }
  retype(tokens, name, L.KW_TUMBLE);
  let depth = 0;
  for (let j = open; j < close; j++) {
    const type = tokens[j].type;
    if (type === L.LR_BRACKET) {
      depth++;
    } else if (type === L.RR_BRACKET) {
      depth--;
    } else if (depth === 1) {
      if (
        word(tokens[j]) === 'GAP' &&
        tokens[j + 1]?.type === L.DOUBLE_RIGHT_ARROW
      ) {
        retype(tokens, j, L.KW_SIZE);
      } else if (type === L.KW_PARTITION && tokens[j + 1]?.type === L.KW_BY) {
        // Up to the comma or parenthesis that ends the TABLE argument.
        let end = j + 2;
        for (let d = 0; end < close; end++) {
          const inner = tokens[end].type;
          if (inner === L.LR_BRACKET) {
            d++;
          } else if (inner === L.RR_BRACKET) {
            d--;
          } else if (inner === L.COMMA && d === 0) {
            break;
          }
        }
        detach('partition', j, end - 1);
        j = end - 1;
      }
    }
  }
}

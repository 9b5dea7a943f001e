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
 * MATCH_RECOGNIZE pattern quantifiers the grammar lacks.
 */
import type { FlinkGrammar } from '../grammar';
import { NO_LINEAGE_CHANNEL, type Tok } from '../tokens/lex';
import { matching, moveToChannel } from '../tokens/tokenOps';
import { synthetic } from './synthetic';

/**
 * `PATTERN (A B{2} C*? D+?)`: Flink takes the exact quantifier `{n}` and
 * the reluctant quantifiers (`*?`, `+?`, `{n,m}?`, …); the grammar has
 * neither. `{n}` reads as `{n,}` (a synthetic comma is added) and the
 * reluctant `?` goes to NO_LINEAGE_CHANNEL: quantifiers carry no lineage.
 */
export function readPatternQuantifiers(g: FlinkGrammar, tokens: Tok[]): void {
  const L = g.FlinkSqlLexer;
  for (let i = 0; i < tokens.length; i++) {
    if (
      tokens[i].type !== L.KW_PATTERN ||
      tokens[i + 1]?.type !== L.LR_BRACKET
    ) {
      continue;
    }
    let close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
    for (let j = i + 2; j < close; j++) {
      const t = tokens[j];
      if (
        t.type === L.LB_BRACKET &&
        tokens[j + 1]?.type === L.DIG_LITERAL &&
        tokens[j + 2]?.type === L.RB_BRACKET
      ) {
        tokens.splice(j + 2, 0, synthetic(tokens[j + 2], L.COMMA, ','));
        close++;
        j += 3;
        continue;
      }
      const previous = tokens[j - 1];
      if (
        t.type === L.QUESTION_MARK_SIGN &&
        [L.ASTERISK_SIGN, L.ADD_SIGN, L.RB_BRACKET].includes(previous.type)
      ) {
        moveToChannel(tokens, j, NO_LINEAGE_CHANNEL);
      }
    }
    i = close;
  }
}

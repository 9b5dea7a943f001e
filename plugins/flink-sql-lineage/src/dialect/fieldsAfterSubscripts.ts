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
 * Field access after a subscript (`a.b[1].c`).
 */
import type { FlinkGrammar } from '../grammar';
import { FIELD_CHANNEL, type Tok } from '../tokens/lex';
import { isBacktickName, moveToChannel } from '../tokens/tokenOps';
import { nameStarts } from '../tokens/keywords';

/**
 * `a.b[1].c`, `m['k'].f`: the grammar has no field access after a
 * subscript. The `.field` parts go to FIELD_CHANNEL: the value still comes
 * from the subscripted column, and the text keeps them.
 */
export function hideFieldsAfterSubscripts(
  g: FlinkGrammar,
  tokens: Tok[],
): void {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  for (let i = 1; i < tokens.length - 1; i++) {
    const previous = tokens[i - 1];
    if (
      tokens[i].type === L.DOT &&
      (previous.type === L.RS_BRACKET || previous.channel === FIELD_CHANNEL) &&
      (names.has(tokens[i + 1].type) || isBacktickName(g, tokens[i + 1]))
    ) {
      moveToChannel(tokens, i, FIELD_CHANNEL);
      moveToChannel(tokens, i + 1, FIELD_CHANNEL);
      i++;
    }
  }
}

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
 * Window TVFs without the `TABLE(…)` wrapper.
 */
import type { FlinkGrammar } from '../grammar';
import { matching } from '../tokens/tokenOps';
import type { Tok } from '../tokens/lex';
import { synthetic } from './synthetic';

/**
 * `FROM TUMBLE(TABLE t, …)`: Flink accepts the window TVFs without the
 * `TABLE(…)` wrapper; the grammar needs it, so it is added around the call.
 */
export function wrapBareWindowTvfs(g: FlinkGrammar, tokens: Tok[]): void {
  const L = g.FlinkSqlLexer;
  const windows = [L.KW_TUMBLE, L.KW_HOP, L.KW_CUMULATE, L.KW_SESSION];
  const tablePosition = [L.KW_FROM, L.COMMA, L.KW_JOIN];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (
      !windows.includes(t.type) ||
      !tablePosition.includes(tokens[i - 1].type) ||
      tokens[i + 1]?.type !== L.LR_BRACKET
    ) {
      continue;
    }
    // The first argument is the table: `TABLE t` or `DATA => TABLE t`.
    const first = tokens[i + 2];
    const named =
      tokens[i + 3]?.type === L.DOUBLE_RIGHT_ARROW &&
      tokens[i + 4]?.type === L.KW_TABLE;
    if (first?.type !== L.KW_TABLE && !named) {
      continue;
    }
    const close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
    if (close < 0) {
      continue;
    }
    tokens.splice(
      close + 1,
      0,
      synthetic(tokens[close + 1] ?? tokens[close], L.RR_BRACKET, ')'),
    );
    tokens.splice(
      i,
      0,
      synthetic(t, L.KW_TABLE, 'TABLE'),
      synthetic(t, L.LR_BRACKET, '('),
    );
    i = close + 3;
  }
}

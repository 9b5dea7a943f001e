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
 * `INSERT INTO t (a, b) VALUES …`: the column list the grammar lacks there.
 */
import type { FlinkGrammar } from '../grammar';
import { INSERT_COLUMNS_CHANNEL, type Tok } from '../tokens/lex';
import { isBacktickName, matching, moveToChannel } from '../tokens/tokenOps';
import { nameStarts } from '../tokens/keywords';
import { unquoteIdentifier } from '../tokens/text';

/** A detached `INSERT INTO t (a, b)` column list. */
export interface InsertColumnList {
  names: string[];
  /** The `(` that opens the list, for error positions. */
  start: Tok;
}

/**
 * `INSERT INTO t (a, b) VALUES (…), (…)`: the grammar takes VALUES rows
 * only without a column list. The list moves to INSERT_COLUMNS_CHANNEL and
 * is returned by the INSERT token's offset.
 */
export function detachInsertColumnLists(
  g: FlinkGrammar,
  tokens: Tok[],
): Map<number, InsertColumnList> {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  const lists = new Map<number, InsertColumnList>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== L.KW_INSERT) {
      continue;
    }
    // INSERT INTO|OVERWRITE name[.name…] (
    let k = i + 2;
    while (tokens[k + 1]?.type === L.DOT) {
      k += 2;
    }
    const open = k + 1;
    if (tokens[open]?.type !== L.LR_BRACKET) {
      continue;
    }
    const close = matching(tokens, open, L.LR_BRACKET, L.RR_BRACKET);
    if (close < 0 || tokens[close + 1]?.type !== L.KW_VALUES) {
      continue;
    }
    const list: string[] = [];
    let valid = true;
    for (let j = open + 1; j < close; j += 2) {
      const name = tokens[j];
      const separator = tokens[j + 1];
      valid &&=
        (names.has(name.type) || isBacktickName(g, name)) &&
        (separator.type === L.COMMA || j + 1 === close);
      list.push(unquoteIdentifier(name.text ?? ''));
    }
    if (!valid || list.length === 0) {
      continue;
    }
    lists.set(tokens[i].start, { names: list, start: tokens[open] });
    for (let j = open; j <= close; j++) {
      moveToChannel(tokens, j, INSERT_COLUMNS_CHANNEL);
    }
  }
  return lists;
}

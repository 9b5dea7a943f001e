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
 * Process table functions and the model table functions ML_PREDICT and
 * ML_EVALUATE over a `TABLE t` argument.
 */
import type { FlinkGrammar } from '../grammar';
import { UNTRACED_CHANNEL, type Tok } from '../tokens/lex';
import { isBacktickName, matching, moveToChannel } from '../tokens/tokenOps';
import { nameStarts } from '../tokens/keywords';
import { tokensText, unquoteIdentifier } from '../tokens/text';

/**
 * A model table function over a table: `ML_PREDICT(TABLE t, MODEL m,
 * DESCRIPTOR(a, b) [, config])` or `ML_EVALUATE(TABLE t, MODEL m,
 * DESCRIPTOR(label), DESCRIPTOR(a, b) [, task] [, config])`, positional or
 * with named arguments (`INPUT =>`, `MODEL =>`, `LABEL =>`, `ARGS =>`), with
 * or without the `TABLE(…)` wrapper.
 */
export interface ModelTableCall {
  /** `ML_PREDICT` or `ML_EVALUATE`, upper-cased. */
  fn: 'ML_PREDICT' | 'ML_EVALUATE';
  /** The call as written, whitespace normalised. */
  text: string;
  /** The columns of the input table the model reads (every DESCRIPTOR), with their tokens. */
  inputs: { name: string; token: Tok }[];
}

/** What {@link hideProcessTableFunctions} found. */
export interface HiddenTableFunctions {
  /** Warnings naming the functions read only at table level. */
  warnings: string[];
  /** Model table functions, by the start offset of their input table's first token. */
  modelCalls: Map<number, ModelTableCall>;
}

const MODEL_FUNCTIONS = new Set(['ML_PREDICT', 'ML_EVALUATE']);

/** The column names inside the `DESCRIPTOR(…)`s at depth 1 of a call's parentheses. */
function descriptorColumns(
  g: FlinkGrammar,
  tokens: Tok[],
  open: number,
  close: number,
): { name: string; token: Tok }[] {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  const found: { name: string; token: Tok }[] = [];
  let depth = 0;
  for (let j = open; j < close; j++) {
    const type = tokens[j].type;
    if (type === L.LR_BRACKET) {
      depth++;
    } else if (type === L.RR_BRACKET) {
      depth--;
    } else if (
      depth === 1 &&
      type === L.KW_DESCRIPTOR &&
      tokens[j + 1]?.type === L.LR_BRACKET
    ) {
      const end = matching(tokens, j + 1, L.LR_BRACKET, L.RR_BRACKET);
      for (let k = j + 2; k < end; k++) {
        const t = tokens[k];
        if (names.has(t.type) || isBacktickName(g, t)) {
          found.push({ name: unquoteIdentifier(t.text ?? ''), token: t });
        }
      }
    }
  }
  return found;
}

/**
 * `FROM TABLE(my_ptf(input => TABLE orders PARTITION BY id, …)) AS t`, or
 * the same without the TABLE(…) wrapper: a process table function (a
 * user-defined or built-in PTF such as TO_CHANGELOG) whose output columns
 * the library cannot know. The call goes to UNTRACED_CHANNEL except the
 * name of the table it reads, so the statement keeps its table-level
 * lineage and reads the function's output as that table's columns; the
 * returned warnings name the function.
 *
 * ML_PREDICT and ML_EVALUATE over a `TABLE t` argument are hidden the same
 * way but traced column by column: they are returned as model calls, which
 * query/modelRelations.ts reads as the input table's columns (ML_PREDICT) plus the
 * model's output columns, derived from the DESCRIPTOR columns. A
 * `LATERAL` before the call goes too.
 */
export function hideProcessTableFunctions(
  g: FlinkGrammar,
  tokens: Tok[],
): HiddenTableFunctions {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  const windows = [L.KW_TUMBLE, L.KW_HOP, L.KW_CUMULATE, L.KW_SESSION];
  const tablePosition = [L.KW_FROM, L.COMMA, L.KW_JOIN];
  const isName = (t: Tok | undefined) =>
    Boolean(t) && (names.has(t!.type) || isBacktickName(g, t));
  const warnings: string[] = [];
  const modelCalls = new Map<number, ModelTableCall>();
  for (let i = 1; i < tokens.length; i++) {
    const lateral =
      tokens[i - 1].type === L.KW_LATERAL &&
      tablePosition.includes(tokens[i - 2]?.type ?? -1);
    if (!tablePosition.includes(tokens[i - 1].type) && !lateral) {
      continue;
    }
    const wrapped =
      tokens[i].type === L.KW_TABLE && tokens[i + 1]?.type === L.LR_BRACKET;
    const nameAt = wrapped ? i + 2 : i;
    const open = nameAt + 1;
    if (
      !isName(tokens[nameAt]) ||
      windows.includes(tokens[nameAt].type) ||
      tokens[open]?.type !== L.LR_BRACKET
    ) {
      continue;
    }
    const close = matching(tokens, open, L.LR_BRACKET, L.RR_BRACKET);
    const end = wrapped ? close + 1 : close;
    if (close < 0 || (wrapped && tokens[end]?.type !== L.RR_BRACKET)) {
      continue;
    }
    // The first `TABLE path` argument at depth 1.
    let path: [number, number] | undefined;
    let depth = 0;
    for (let j = open; j < close && !path; j++) {
      const type = tokens[j].type;
      if (type === L.LR_BRACKET) {
        depth++;
      } else if (type === L.RR_BRACKET) {
        depth--;
      } else if (depth === 1 && type === L.KW_TABLE && isName(tokens[j + 1])) {
        let last = j + 1;
        while (tokens[last + 1]?.type === L.DOT && isName(tokens[last + 2])) {
          last += 2;
        }
        path = [j + 1, last];
      }
    }
    if (!path) {
      continue;
    }
    const fn = (tokens[nameAt].text ?? '').toUpperCase();
    if (MODEL_FUNCTIONS.has(fn)) {
      modelCalls.set(tokens[path[0]].start, {
        fn: fn as ModelTableCall['fn'],
        text: tokensText(tokens, nameAt, close),
        inputs: descriptorColumns(g, tokens, open, close),
      });
    }
    for (let j = lateral ? i - 1 : i; j <= end; j++) {
      if (j < path[0] || j > path[1]) {
        moveToChannel(tokens, j, UNTRACED_CHANNEL);
      }
    }
    if (MODEL_FUNCTIONS.has(fn)) {
      i = end;
      continue;
    }
    const table = tokens
      .slice(path[0], path[1] + 1)
      .map(t => t.text)
      .join('');
    warnings.push(
      `${tokens[nameAt].text}(…) is not traced column by column: its output is read as the columns of ${table}`,
    );
    i = end;
  }
  return { warnings, modelCalls };
}

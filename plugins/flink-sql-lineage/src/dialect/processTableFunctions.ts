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
 * Token rewrites for forms of Confluent's Flink SQL that the grammar lacks,
 * in the manner of tokens.ts: tokens change type or channel, or (for the
 * window TVF wrapper, `{n}` quantifiers and postfix collection types)
 * synthetic tokens are added at the position of the token they belong to,
 * so error positions stay where the user wrote.
 */
import type { FlinkGrammar } from './grammar';
import {
  FIELD_CHANNEL,
  INSERT_COLUMNS_CHANNEL,
  NO_LINEAGE_CHANNEL,
  UNTRACED_CHANNEL,
  isBacktickName,
  matching,
  moveToChannel,
  nameStarts,
  retype,
  tokensText,
  typeKeywords,
  unquoteIdentifier,
  word,
  type Tok,
} from './tokens';

/** A detached `INSERT INTO t (a, b)` column list. */
export interface InsertColumnList {
  names: string[];
  /** The `(` that opens the list, for error positions. */
  start: Tok;
}

/** A token of another type at the position of `at` (zero width, before it). */
function synthetic(at: Tok, type: number, text: string): Tok {
  const token = at.clone();
  token.type = type;
  token.text = text;
  token.stop = token.start - 1;
  return token;
}

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
 * queryLineage.ts reads as the input table's columns (ML_PREDICT) plus the
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

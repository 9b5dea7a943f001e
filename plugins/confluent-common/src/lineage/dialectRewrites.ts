/*
 * Token rewrites for forms of Confluent's Flink SQL that the grammar lacks,
 * in the manner of tokens.ts: tokens change type or channel, or (for the
 * window TVF wrapper) synthetic tokens are added at the position of the
 * token they belong to, so error positions stay where the user wrote.
 */
import type { FlinkGrammar } from './grammar';
import {
  FIELD_CHANNEL,
  INSERT_COLUMNS_CHANNEL,
  UNTRACED_CHANNEL,
  isBacktickName,
  matching,
  moveToChannel,
  nameStarts,
  unquoteIdentifier,
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
 * `FROM TABLE(my_ptf(input => TABLE orders PARTITION BY id, …)) AS t`, or
 * the same without the TABLE(…) wrapper: a process table function (a
 * user-defined or built-in PTF such as TO_CHANGELOG) whose output columns
 * the library cannot know. The call goes to UNTRACED_CHANNEL except the
 * name of the table it reads, so the statement keeps its table-level
 * lineage and reads the function's output as that table's columns; the
 * returned warnings name the function.
 */
export function hideProcessTableFunctions(
  g: FlinkGrammar,
  tokens: Tok[],
): string[] {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  const windows = [L.KW_TUMBLE, L.KW_HOP, L.KW_CUMULATE, L.KW_SESSION];
  const tablePosition = [L.KW_FROM, L.COMMA, L.KW_JOIN];
  const isName = (t: Tok | undefined) =>
    Boolean(t) && (names.has(t!.type) || isBacktickName(g, t));
  const warnings: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (!tablePosition.includes(tokens[i - 1].type)) {
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
    for (let j = i; j <= end; j++) {
      if (j < path[0] || j > path[1]) {
        moveToChannel(tokens, j, UNTRACED_CHANNEL);
      }
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
  return warnings;
}

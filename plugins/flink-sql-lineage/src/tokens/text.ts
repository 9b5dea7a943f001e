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
 * Token ranges back into normalised SQL text, and unquoting.
 */
import type * as antlr from 'antlr4ng';
import { type Tok, CLAUSE_CHANNEL, FIELD_CHANNEL } from './lex';

/** Unquotes a backticked identifier; other text is returned as is. */
export function unquoteIdentifier(text: string): string {
  if (text.length >= 2 && text.startsWith('`') && text.endsWith('`')) {
    return text.slice(1, -1).replace(/``/g, '`');
  }
  return text;
}

/** Unquotes a string literal ('…' or "…"); other text is returned as is. */
export function unquoteString(text: string): string {
  const q = text.charAt(0);
  if (text.length >= 2 && (q === "'" || q === '"') && text.endsWith(q)) {
    return text
      .slice(1, -1)
      .replace(q === "'" ? /''/g : /""/g, q)
      .replace(/\\(.)/g, '$1');
  }
  return unquoteIdentifier(text);
}

/**
 * The SQL text of tokens `from`..`to` (inclusive) as the user wrote them,
 * with each run of whitespace or comments between tokens collapsed to one
 * space.
 */
export function tokensText(
  tokens: readonly Tok[],
  from: number,
  to: number,
): string {
  let text = '';
  let prev: Tok | undefined;
  for (let i = Math.max(from, 0); i <= to && i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === -1) {
      continue;
    }
    const piece = token.text ?? '';
    if (
      prev &&
      prev.stop + 1 < token.start &&
      !['(', '['].includes(prev.text ?? '') &&
      ![')', ']', ','].includes(piece)
    ) {
      text += ' ';
    }
    text += piece;
    prev = token;
  }
  return text;
}

/**
 * The SQL text of a parse-tree node, with the detached clauses that follow
 * it: the node `SUM(x)` of `SUM(x) OVER w` is written `SUM(x) OVER w`.
 */
export function nodeText(
  tokens: readonly Tok[],
  ctx: antlr.ParserRuleContext,
): string {
  if (!ctx.start || !ctx.stop) {
    return '';
  }
  let end = ctx.stop.tokenIndex;
  // Nodes of a detached clause's own parse end inside the clause.
  while (
    ctx.stop.channel !== CLAUSE_CHANNEL &&
    (tokens[end + 1]?.channel === CLAUSE_CHANNEL ||
      tokens[end + 1]?.channel === FIELD_CHANNEL)
  ) {
    end++;
  }
  return tokensText(tokens, ctx.start.tokenIndex, end);
}

/**
 * Type text normalised: single spaces between words, none inside brackets or
 * before commas (`ROW<street STRING, city STRING>`, `DECIMAL(10, 2)`).
 */
export function typeText(
  tokens: readonly Tok[],
  from: number,
  to: number,
): string {
  let text = '';
  let prevText = '';
  for (let i = from; i <= to && i < tokens.length; i++) {
    const piece = tokens[i].text ?? '';
    const noSpace =
      text === '' ||
      ['(', '<', '['].includes(prevText) ||
      [')', '>', ']', ',', '(', '<', '['].includes(piece);
    text += (noSpace ? '' : ' ') + piece;
    prevText = piece;
  }
  return text;
}

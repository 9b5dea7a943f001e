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
 * Small operations on a statement's tokens: EOF, bracket matching, channel
 * and type changes that keep text and position.
 */
import type { FlinkGrammar } from '../grammar';
import type { Tok } from './lex';

/**
 * The EOF token that ends a statement, positioned right after its last
 * token, on the channel being parsed (antlr4ng's token stream only stops at
 * an EOF on its own channel). A part of a statement parsed on its own ends
 * at the token after it (`before`), which errors then name.
 */
export function eofToken(
  g: FlinkGrammar,
  tokens: Tok[],
  channel: number = g.Token.DEFAULT_CHANNEL,
  before?: Tok,
): Tok {
  const last = tokens[tokens.length - 1];
  const eof = new g.CommonToken([null, null], g.Token.EOF, channel, -1, -1);
  if (before) {
    eof.text = before.text;
    eof.line = before.line;
    eof.column = before.column;
    return eof;
  }
  eof.text = '<EOF>';
  eof.line = last ? last.line : 1;
  eof.column = last ? last.column + (last.text ?? '').length : 0;
  return eof;
}

/** Index of the bracket closing the one at `open`, or -1. */
export function matching(
  tokens: Tok[],
  open: number,
  openType: number,
  closeType: number,
): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].type === openType) {
      depth++;
    } else if (tokens[i].type === closeType) {
      depth--;
      if (depth === 0) {
        return i;
      }
    }
  }
  return -1;
}

/** Moves a token to another channel (as a copy: lexed tokens are never mutated). */
export function moveToChannel(tokens: Tok[], i: number, channel: number): void {
  const token = tokens[i].clone();
  token.channel = channel;
  tokens[i] = token;
}

/** Gives a token another type, keeping its text and position. */
export function retype(tokens: Tok[], i: number, type: number): void {
  const token = tokens[i].clone();
  token.type = type;
  tokens[i] = token;
}

/** A backticked name (the lexer makes it a string literal). */
export function isBacktickName(
  g: FlinkGrammar,
  token: Tok | undefined,
): boolean {
  return (
    token?.type === g.FlinkSqlLexer.STRING_LITERAL &&
    (token.text ?? '').startsWith('`')
  );
}

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
 * Token-level work around the grammar: lexing with positions, splitting a
 * script into statements, the Confluent-dialect and grammar-gap rewrites,
 * and turning token ranges back into normalised SQL text.
 *
 * Rewrites change token TYPES or CHANNELS, and drop a few words that carry
 * no lineage, but keep every other token's text, line and column, so error
 * messages and expression texts always point at what the user wrote.
 *
 * Tokens moved off the default channel stay in the token array (so every
 * parse-tree node's token range, and the text taken from it, still covers
 * them) but the parser no longer sees them:
 *   - CLAUSE_CHANNEL: clauses the grammar has no place for (`OVER w` after a
 *     call nested in an expression, aggregate `FILTER (WHERE …)`, SESSION's
 *     `PARTITION BY`). statements/ parses them on their own with the
 *     grammar's rules and query/ attaches them to the call or table
 *     they follow.
 *   - ANNOTATION_CHANNEL: `NOT NULL` / `NULL` and descriptions on the fields
 *     of ROW, ARRAY, MAP and MULTISET types, which carry no lineage and are
 *     only needed in the type text.
 *
 * One file per step: lex.ts, keywords.ts, splitStatements.ts, tokenOps.ts,
 * rewriteForGrammar.ts (with typeAnnotations.ts and detachClauses.ts) and
 * text.ts.
 *
 * This file: lexing with positions, the channels rewrites move tokens to,
 * and syntax errors that point at what the user wrote.
 */
import type * as antlr from 'antlr4ng';
import { FlinkSqlInputError } from '../errors';
import type { FlinkGrammar } from '../grammar';
import { checkBudget } from '../limits';

/** A token of the statement being analysed. */
export type Tok = antlr.CommonToken;

/** See the module comment. */
export const CLAUSE_CHANNEL = 2;
/** See the module comment. */
export const ANNOTATION_CHANNEL = 3;
/** See dialect/fieldsAfterSubscripts.ts: `.field` after a subscript (`a.b[1].c`). */
export const FIELD_CHANNEL = 4;
/** See dialect/insertColumnLists.ts: the column list of `INSERT INTO t (a, b) VALUES …`. */
export const INSERT_COLUMNS_CHANNEL = 5;
/** See dialect/processTableFunctions.ts: a process table function call around the table it reads. */
export const UNTRACED_CHANNEL = 6;
/** See dialect/clausesWithoutLineage.ts: OFFSET/FETCH, TABLESAMPLE and WITH ORDINALITY words, which carry no lineage. */
export const NO_LINEAGE_CHANNEL = 7;

/**
 * Invalid Flink SQL, located (line and column 1-based), so an editor can
 * point at it.
 * @public
 */
export class FlinkSqlSyntaxError extends FlinkSqlInputError {
  readonly line: number;
  readonly column: number;
  /** The problem, without its location. */
  readonly detail: string;

  constructor(line: number, column: number, detail: string) {
    super(`Invalid Flink SQL at line ${line}, column ${column}: ${detail}`);
    this.line = line;
    this.column = column;
    this.detail = detail;
  }
}

/** The error every syntax problem becomes. */
export function syntaxError(
  line: number,
  column: number,
  detail: string,
): FlinkSqlInputError {
  return new FlinkSqlSyntaxError(line, column, detail);
}

/** A syntax error located at a token (columns are reported 1-based). */
export function tokenError(
  token: antlr.Token,
  detail: string,
): FlinkSqlInputError {
  return syntaxError(token.line, token.column + 1, detail);
}

/** Describes a token for messages. */
export function describeToken(g: FlinkGrammar, token: antlr.Token): string {
  if (token.type === g.Token.EOF && token.text === '<EOF>') {
    return 'end of statement';
  }
  return `'${token.text}'`;
}

/**
 * Lexes the SQL into default-channel tokens (comments and whitespace
 * dropped). Lexer errors throw. Confluent's unquoted `$rowtime` system
 * column, which the grammar's lexer rejects, becomes one identifier token.
 */
export function lex(g: FlinkGrammar, sql: string): Tok[] {
  const L = g.FlinkSqlLexer;
  const lexer = new g.FlinkSqlLexer(g.CharStreams.fromString(sql));
  const errors: { line: number; column: number; text: string }[] = [];
  lexer.removeErrorListeners();
  lexer.addErrorListener({
    syntaxError(_r, _o, line, column, _msg) {
      const start = (lexer as unknown as { _tokenStartCharIndex: number })
        ._tokenStartCharIndex;
      const stop = lexer.inputStream.index;
      errors.push({
        line,
        column,
        text: lexer.inputStream.getText(start, Math.max(start, stop - 1)),
      });
    },
    reportAmbiguity() {},
    reportAttemptingFullContext() {},
    reportContextSensitivity() {},
  });
  const all: Tok[] = [];
  for (
    let token = lexer.nextToken() as Tok;
    token.type !== g.Token.EOF;
    token = lexer.nextToken() as Tok
  ) {
    checkBudget();
    all.push(token);
  }
  const tokens = all.filter(t => t.channel === g.Token.DEFAULT_CHANNEL);

  for (const error of errors) {
    // `$rowtime` lexes as an error on `$` followed by the identifier.
    if (error.text === '$') {
      const index = tokens.findIndex(
        t => t.line === error.line && t.column === error.column + 1,
      );
      const next = tokens[index];
      if (next && /^[A-Za-z_][A-Za-z_0-9]*$/.test(next.text ?? '')) {
        const merged = next.clone();
        merged.type = L.ID_LITERAL;
        merged.text = `$${next.text}`;
        merged.start = next.start - 1;
        merged.column = next.column - 1;
        tokens[index] = merged;
        continue;
      }
    }
    const first = error.text.charAt(0);
    let detail = `unexpected character '${error.text}'`;
    if (first === "'" || first === '"') {
      detail = 'unterminated string literal';
    } else if (first === '`') {
      detail = 'unterminated quoted identifier';
    }
    throw syntaxError(error.line, error.column + 1, detail);
  }
  // A lone quote character only lexes when its literal is never closed.
  const lone = tokens.find(
    t =>
      t.type === L.SINGLE_QUOTE_SYMB ||
      t.type === L.DOUBLE_QUOTE_SYMB ||
      t.type === L.REVERSE_QUOTE_SYMB,
  );
  if (lone) {
    throw tokenError(
      lone,
      lone.type === L.REVERSE_QUOTE_SYMB
        ? 'unterminated quoted identifier'
        : 'unterminated string literal',
    );
  }
  return tokens;
}

/** Upper-cased token text, for keyword checks on words the lexer has no token type for. */
export function word(token: antlr.Token | undefined): string {
  return (token?.text ?? '').toUpperCase();
}

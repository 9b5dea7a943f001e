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
 *     `PARTITION BY`). statements.ts parses them on their own with the
 *     grammar's rules and queryLineage.ts attaches them to the call or table
 *     they follow.
 *   - ANNOTATION_CHANNEL: `NOT NULL` / `NULL` and descriptions on the fields
 *     of ROW, ARRAY, MAP and MULTISET types, which carry no lineage and are
 *     only needed in the type text.
 */
import type * as antlr from 'antlr4ng';
import { FlinkSqlInputError } from './errors';
import {
  detachInsertColumnLists,
  hideClausesWithoutLineage,
  hideFieldsAfterSubscripts,
  hideProcessTableFunctions,
  readPatternQuantifiers,
  readPostfixCollectionTypes,
  wrapBareWindowTvfs,
  type InsertColumnList,
  type ModelTableCall,
} from './dialectRewrites';
import type { FlinkGrammar } from './grammar';
import { checkBudget } from './limits';

/** A token of the statement being analysed. */
export type Tok = antlr.CommonToken;

/** See the module comment. */
export const CLAUSE_CHANNEL = 2;
/** See the module comment. */
export const ANNOTATION_CHANNEL = 3;
/** See dialectRewrites.ts: `.field` after a subscript (`a.b[1].c`). */
export const FIELD_CHANNEL = 4;
/** See dialectRewrites.ts: the column list of `INSERT INTO t (a, b) VALUES …`. */
export const INSERT_COLUMNS_CHANNEL = 5;
/** See dialectRewrites.ts: a process table function call around the table it reads. */
export const UNTRACED_CHANNEL = 6;
/** See dialectRewrites.ts: OFFSET/FETCH, TABLESAMPLE and WITH ORDINALITY words, which carry no lineage. */
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

/**
 * Keywords of the grammar that Flink does not reserve (they are in the
 * `nonReservedKeywords` of Flink's SQL parser, flink-sql-parser's
 * Parser.tdd), so Flink and Confluent Cloud accept them unquoted as names:
 * `metadata`, `json`, `partitions`, … Words Flink reserves (`value`, `out`,
 * `ref`, `comment`, `count`, …) need backticks in Flink too.
 */
const FLINK_NON_RESERVED_KEYWORDS = [
  'ANALYZE',
  'ARRAY_AGG',
  'CHANGELOG_MODE',
  'COLUMNS',
  'COMPUTE',
  'DATETIME_DIFF',
  'DATE_DIFF',
  'DAYOFWEEK',
  'DAYOFYEAR',
  'ENFORCED',
  'ESTIMATED_COST',
  'FOLLOWING',
  'IF',
  'JSON',
  'JSON_EXECUTION_PLAN',
  'METADATA',
  'OVERWRITE',
  'OVERWRITING',
  'PARTITIONED',
  'PARTITIONS',
  'STATISTICS',
  'UNBOUNDED',
  'VIRTUAL',
];

/**
 * Flink built-in functions whose names the grammar lexes as keywords but
 * never calls, or calls only in a narrower form: the MATCH_RECOGNIZE
 * navigation functions `PREV(A.price[, n])`, `FIRST(A.price[, n])` and
 * `LAST(A.price[, n])` (the grammar has no PREV and takes FIRST and LAST
 * with one argument only, which also sends their parse into ANTLR's slow
 * full-context mode); and ARRAY_AGG, which the grammar takes only as a
 * name. Read as plain calls they have the same lineage.
 */
const FUNCTION_KEYWORDS = [
  'CHAR_LENGTH',
  'CHARACTER_LENGTH',
  'SQRT',
  'TRANSLATE',
  'ARRAY_AGG',
  'PREV',
  'FIRST',
  'LAST',
];

const nameKeywordCache = new WeakMap<FlinkGrammar, Set<number>>();

/**
 * Token types of the keywords the grammar reserves but Flink accepts as
 * names. statements.ts reads such a keyword as a name where the grammar
 * rejects it as a keyword.
 */
export function nameKeywords(g: FlinkGrammar): Set<number> {
  let types = nameKeywordCache.get(g);
  if (!types) {
    const L = g.FlinkSqlLexer as unknown as Record<string, number>;
    types = new Set(FLINK_NON_RESERVED_KEYWORDS.map(k => L[`KW_${k}`]));
    nameKeywordCache.set(g, types);
  }
  return types;
}

const nameStartCache = new WeakMap<FlinkGrammar, Set<number>>();

/**
 * Token types a name can be: what the grammar's `identifier` rule starts
 * with, and the keywords of {@link nameKeywords}.
 */
export function nameStarts(g: FlinkGrammar): Set<number> {
  let types = nameStartCache.get(g);
  if (!types) {
    const P = g.FlinkSqlParser;
    const atn = P._ATN;
    types = new Set([
      ...atn.nextTokens(atn.ruleToStartState[P.RULE_identifier]!).toArray(),
      ...nameKeywords(g),
    ]);
    nameStartCache.set(g, types);
  }
  return types;
}

/** One statement of a script: its tokens without the terminating semicolon. */
export interface StatementTokens {
  tokens: Tok[];
}

/**
 * Splits a script into statements at top-level semicolons. A statement set
 * (`[EXECUTE] STATEMENT SET BEGIN … END` or `BEGIN STATEMENT SET; … END`)
 * is one statement: its inner semicolons do not split, and its END is found
 * by counting CASE … END pairs.
 */
export function splitStatements(
  g: FlinkGrammar,
  tokens: Tok[],
): StatementTokens[] {
  const L = g.FlinkSqlLexer;
  const statements: StatementTokens[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i].type === L.SEMICOLON) {
      i++;
      continue;
    }
    const start = i;
    const isSet =
      (tokens[i].type === L.KW_EXECUTE &&
        tokens[i + 1]?.type === L.KW_STATEMENT &&
        tokens[i + 2]?.type === L.KW_SET &&
        tokens[i + 3]?.type === L.KW_BEGIN) ||
      (tokens[i].type === L.KW_STATEMENT &&
        tokens[i + 1]?.type === L.KW_SET &&
        tokens[i + 2]?.type === L.KW_BEGIN) ||
      (tokens[i].type === L.KW_BEGIN &&
        tokens[i + 1]?.type === L.KW_STATEMENT &&
        tokens[i + 2]?.type === L.KW_SET);
    if (isSet) {
      let caseDepth = 0;
      let j = i + 1;
      for (; j < tokens.length; j++) {
        if (tokens[j].type === L.KW_CASE) {
          caseDepth++;
        } else if (tokens[j].type === L.KW_END) {
          if (caseDepth === 0) {
            break;
          }
          caseDepth--;
        }
      }
      // Without an END the grammar reports the problem at end of input.
      i = Math.min(j + 1, tokens.length);
    } else {
      while (i < tokens.length && tokens[i].type !== L.SEMICOLON) {
        i++;
      }
    }
    statements.push({ tokens: tokens.slice(start, i) });
  }
  return statements;
}

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

/** What a run of CLAUSE_CHANNEL tokens is. */
export type DetachedClauseKind = 'over' | 'filter' | 'partition';

/** A clause moved to CLAUSE_CHANNEL, by its first and last token. */
export interface DetachedClauseTokens {
  /**
   * `over`: `OVER (…)` or `OVER name` after a call; `filter`:
   * `FILTER (WHERE …)` after a call; `partition`: `PARTITION BY …` after
   * the `TABLE t` argument of the SESSION window TVF.
   */
  kind: DetachedClauseKind;
  start: Tok;
  end: Tok;
}

/** Result of {@link rewriteForGrammar}. */
export interface RewrittenTokens {
  tokens: Tok[];
  /** Column lists of `INSERT INTO t (a, b) VALUES …`, keyed by the INSERT token's start offset. */
  insertColumns: Map<number, InsertColumnList>;
  /** Aliases of window TVFs (`TABLE(TUMBLE(…)) AS w`), keyed by the TABLE token's start offset. */
  tvfAliases: Map<number, string>;
  /** The detached clauses, in statement order. */
  clauses: DetachedClauseTokens[];
  /** Constructs read only in part (see hideProcessTableFunctions). */
  warnings: string[];
  /** ML_PREDICT / ML_EVALUATE over a table, by the input table's first token offset. */
  modelCalls: Map<number, ModelTableCall>;
}

/**
 * Rewrites standard Flink SQL the grammar does not accept into forms it
 * does, without changing lineage:
 *   - `SUBSTRING(s FROM a FOR b)`, `OVERLAY(s PLACING r FROM a FOR b)`:
 *     the keywords become commas;
 *   - `TRIM(BOTH|LEADING|TRAILING c FROM s)`: the side keyword is dropped
 *     and FROM becomes a comma;
 *   - `EXTRACT(YEAR FROM ts)`: the unit becomes an identifier;
 *   - `FLOOR(ts TO HOUR)`, `CEIL(ts TO DAY)`: TO becomes a comma and the
 *     unit a constant;
 *   - `MAP[…]`, `ARRAY[…]` constructors: brackets become parentheses;
 *   - `CHAR_LENGTH(…)` and other built-ins the grammar lexes as keywords:
 *     the name becomes an identifier; `TRY_CAST` reads as CAST;
 *   - `TABLE(TUMBLE|HOP|CUMULATE|SESSION(…)) [AS] alias`: the alias, which
 *     the grammar has no place for, is taken out and returned separately;
 *   - `INT ARRAY`, `STRING NOT NULL MULTISET`: read as `ARRAY<INT>`, … (see
 *     dialectRewrites.ts);
 *   - `ROW<a INT NOT NULL 'description', …>` and NOT NULL inside ARRAY, MAP
 *     and MULTISET types: the annotations go to ANNOTATION_CHANNEL;
 *   - `OVER …` and `FILTER (WHERE …)` after a call, and SESSION's
 *     `PARTITION BY`: detached to CLAUSE_CHANNEL (see the module comment);
 *     SESSION is read as a window TVF name and its `GAP =>` parameter name
 *     as one the grammar knows.
 */
export function rewriteForGrammar(
  g: FlinkGrammar,
  input: Tok[],
): RewrittenTokens {
  const tokens = input.slice();
  wrapBareWindowTvfs(g, tokens);
  const { warnings, modelCalls } = hideProcessTableFunctions(g, tokens);
  hideClausesWithoutLineage(g, tokens);
  readPatternQuantifiers(g, tokens);
  const tvfAliases = rewriteStandardForms(g, tokens);
  readPostfixCollectionTypes(g, tokens);
  // Annotations first, so a detached clause never takes them along.
  hideTypeAnnotations(g, tokens);
  hideFieldsAfterSubscripts(g, tokens);
  const insertColumns = detachInsertColumnLists(g, tokens);
  const clauses = detachClauses(g, tokens);
  return {
    tokens,
    tvfAliases,
    clauses,
    insertColumns,
    warnings,
    modelCalls,
  };
}

/** The rewrites that change token types or drop tokens; returns the TVF aliases. */
function rewriteStandardForms(
  g: FlinkGrammar,
  tokens: Tok[],
): Map<number, string> {
  const L = g.FlinkSqlLexer;
  const names = nameKeywords(g);
  const types = typeKeywords(g);
  const tvfAliases = new Map<number, string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const upper = word(t);
    // A keyword Flink does not reserve is plainly a name when a dot joins it
    // to another name (`e.metadata`) or it starts a column definition
    // (`(json STRING`); this saves the parse retries statements.ts
    // otherwise makes to find out.
    if (
      names.has(t.type) &&
      (tokens[i - 1]?.type === L.DOT ||
        next?.type === L.DOT ||
        ([L.LR_BRACKET, L.COMMA].includes(tokens[i - 1]?.type ?? -1) &&
          next?.type !== L.KW_MAP &&
          types.has(next?.type ?? -1)))
    ) {
      retype(tokens, i, L.ID_LITERAL);
    }
    if (next?.type === L.LR_BRACKET && FUNCTION_KEYWORDS.includes(upper)) {
      // Built-in functions the grammar lexes as keywords it does not call.
      retype(tokens, i, L.ID_LITERAL);
    } else if (next?.type === L.LR_BRACKET && upper === 'TRY_CAST') {
      // TRY_CAST(x AS type) has CAST's shape.
      retype(tokens, i, L.KW_CAST);
    }
    if (next?.type === L.LR_BRACKET) {
      const close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
      if (close < 0) {
        continue;
      }
      // Positions of depth-1 tokens inside the parentheses.
      const inner: number[] = [];
      let depth = 0;
      for (let j = i + 1; j <= close; j++) {
        const type = tokens[j].type;
        if (type === L.LR_BRACKET || type === L.LS_BRACKET) {
          depth++;
        } else if (type === L.RR_BRACKET || type === L.RS_BRACKET) {
          depth--;
        } else if (depth === 1) {
          inner.push(j);
        }
      }
      if (upper === 'SUBSTRING' || upper === 'OVERLAY') {
        for (const j of inner) {
          if (['FROM', 'FOR', 'PLACING'].includes(word(tokens[j]))) {
            retype(tokens, j, L.COMMA);
          }
        }
      } else if (upper === 'TRIM') {
        const first = inner[0];
        const hasFrom = inner.some(j => tokens[j].type === L.KW_FROM);
        if (hasFrom) {
          const drop = new Set<number>();
          if (
            first !== undefined &&
            ['BOTH', 'LEADING', 'TRAILING'].includes(word(tokens[first]))
          ) {
            drop.add(first);
          }
          for (const j of inner) {
            if (tokens[j].type === L.KW_FROM) {
              // `TRIM(FROM s)` / `TRIM(BOTH FROM s)`: nothing before FROM.
              const before = inner.filter(k => k < j && !drop.has(k));
              if (before.length === 0) {
                drop.add(j);
              } else {
                retype(tokens, j, L.COMMA);
              }
            }
          }
          for (const k of [...drop].sort((a, b) => b - a)) {
            tokens.splice(k, 1);
          }
        }
      } else if (['FLOOR', 'CEIL', 'CEILING'].includes(upper)) {
        // FLOOR(ts TO HOUR): the unit is a constant, not a column.
        const [to, unit] = inner.slice(-2);
        if (unit !== undefined && word(tokens[to]) === 'TO') {
          retype(tokens, to, L.COMMA);
          retype(tokens, unit, L.DIG_LITERAL);
        }
      } else if (upper === 'EXTRACT') {
        const unit = inner[0];
        if (unit !== undefined && tokens[unit + 1]?.type === L.KW_FROM) {
          retype(tokens, unit, L.ID_LITERAL);
        }
      }
    }
    if (
      (t.type === L.KW_MAP || t.type === L.KW_ARRAY) &&
      next?.type === L.LS_BRACKET
    ) {
      const close = matching(tokens, i + 1, L.LS_BRACKET, L.RS_BRACKET);
      if (close > 0) {
        retype(tokens, i + 1, L.LR_BRACKET);
        retype(tokens, close, L.RR_BRACKET);
      }
    }
    if (
      t.type === L.KW_TABLE &&
      next?.type === L.LR_BRACKET &&
      [L.KW_TUMBLE, L.KW_HOP, L.KW_CUMULATE, L.KW_SESSION].includes(
        tokens[i + 2]?.type ?? -1,
      )
    ) {
      const close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
      if (close > 0) {
        let k = close + 1;
        if (tokens[k]?.type === L.KW_AS) {
          k++;
        }
        const alias = tokens[k];
        if (
          alias &&
          (alias.type === L.ID_LITERAL || isBacktickName(g, alias))
        ) {
          tvfAliases.set(t.start, unquoteIdentifier(alias.text ?? ''));
          tokens.splice(close + 1, k - close);
        }
      }
    }
  }
  return tvfAliases;
}

const typeKeywordCache = new WeakMap<FlinkGrammar, Set<number>>();

/** The keywords a type starts with (`INT`, `DECIMAL`, `ROW`, …). */
export function typeKeywords(g: FlinkGrammar): Set<number> {
  let types = typeKeywordCache.get(g);
  if (!types) {
    const L = g.FlinkSqlLexer;
    types = new Set([
      L.KW_DATE,
      L.KW_BOOLEAN,
      L.KW_CHAR,
      L.KW_VARCHAR,
      L.KW_STRING,
      L.KW_BINARY,
      L.KW_VARBINARY,
      L.KW_BYTES,
      L.KW_TINYINT,
      L.KW_SMALLINT,
      L.KW_INT,
      L.KW_INTEGER,
      L.KW_BIGINT,
      L.KW_TIME,
      L.KW_TIMESTAMP_LTZ,
      L.KW_DATETIME,
      L.KW_TIMESTAMP,
      L.KW_DECIMAL,
      L.KW_DEC,
      L.KW_NUMERIC,
      L.KW_FLOAT,
      L.KW_DOUBLE,
      L.KW_ARRAY,
      L.KW_MULTISET,
      L.KW_MAP,
      L.KW_ROW,
      L.KW_RAW,
    ]);
    typeKeywordCache.set(g, types);
  }
  return types;
}

/**
 * Moves `NOT NULL` / `NULL` after the element types of ROW, ARRAY, MAP and
 * MULTISET types, and ROW field descriptions, to ANNOTATION_CHANNEL. The
 * grammar's nested types have no place for them; they stay in the type text.
 */
function hideTypeAnnotations(g: FlinkGrammar, tokens: Tok[]): void {
  const L = g.FlinkSqlLexer;
  const types = typeKeywords(g);
  const endsType = (token: Tok) =>
    types.has(token.type) ||
    token.type === L.KW_ZONE ||
    token.type === L.RR_BRACKET ||
    token.type === L.GREATER_SYMBOL;
  const containers = [L.KW_ROW, L.KW_ARRAY, L.KW_MAP, L.KW_MULTISET];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    let close = -1;
    if (
      containers.includes(t.type) &&
      next?.type === L.LESS_SYMBOL &&
      // `map < 5` compares a column named map; a MAP type names a type first.
      (t.type !== L.KW_MAP || types.has(tokens[i + 2]?.type ?? -1))
    ) {
      close = matching(tokens, i + 1, L.LESS_SYMBOL, L.GREATER_SYMBOL);
    } else if (
      t.type === L.KW_ROW &&
      next?.type === L.LR_BRACKET &&
      /^(`|[A-Za-z_])/.test(tokens[i + 2]?.text ?? '') &&
      types.has(tokens[i + 3]?.type ?? -1)
    ) {
      // `ROW(name type, …)` is a type; the ROW(…) constructor lists expressions.
      close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
    }
    for (let j = i + 2; j < close; j++) {
      const token = tokens[j];
      const prev = tokens[j - 1];
      if (token.channel !== g.Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (endsType(prev) && token.type === L.KW_NOT) {
        if (tokens[j + 1]?.type === L.KW_NULL) {
          moveToChannel(tokens, j, ANNOTATION_CHANNEL);
          moveToChannel(tokens, j + 1, ANNOTATION_CHANNEL);
          j++;
        }
      } else if (endsType(prev) && token.type === L.KW_NULL) {
        moveToChannel(tokens, j, ANNOTATION_CHANNEL);
      } else if (
        t.type === L.KW_ROW &&
        (endsType(prev) || prev.channel === ANNOTATION_CHANNEL) &&
        token.type === L.STRING_LITERAL &&
        (token.text ?? '').startsWith("'")
      ) {
        // A field description: `ROW<a INT 'the a'>`.
        moveToChannel(tokens, j, ANNOTATION_CHANNEL);
      }
    }
  }
}

/** Detaches the clauses the grammar has no place for to CLAUSE_CHANNEL. */
function detachClauses(g: FlinkGrammar, tokens: Tok[]): DetachedClauseTokens[] {
  const L = g.FlinkSqlLexer;
  const names = nameStarts(g);
  const clauses: DetachedClauseTokens[] = [];
  const detach = (kind: DetachedClauseKind, from: number, to: number) => {
    for (let j = from; j <= to; j++) {
      if (tokens[j].channel === g.Token.DEFAULT_CHANNEL) {
        moveToChannel(tokens, j, CLAUSE_CHANNEL);
      }
    }
    clauses.push({ kind, start: tokens[from], end: tokens[to] });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Only a call can carry these clauses; statements.ts checks that the
    // `)` before them closes one.
    const afterParenthesis = tokens[i - 1]?.type === L.RR_BRACKET;
    if (
      t.type === L.KW_FILTER &&
      afterParenthesis &&
      tokens[i - 1].channel === g.Token.DEFAULT_CHANNEL &&
      tokens[i + 1]?.type === L.LR_BRACKET &&
      tokens[i + 2]?.type === L.KW_WHERE
    ) {
      const close = matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET);
      if (close > 0) {
        detach('filter', i, close);
        i = close;
      }
    } else if (
      t.type === L.KW_OVER &&
      afterParenthesis &&
      (tokens[i + 1]?.type === L.LR_BRACKET ||
        names.has(tokens[i + 1]?.type ?? -1))
    ) {
      // `OVER (spec)` or `OVER name`; the separate parse validates either.
      const end =
        tokens[i + 1].type === L.LR_BRACKET
          ? matching(tokens, i + 1, L.LR_BRACKET, L.RR_BRACKET)
          : i + 1;
      if (end > 0) {
        detach('over', i, end);
        i = end;
      }
    } else if (
      t.type === L.KW_TABLE &&
      tokens[i + 1]?.type === L.LR_BRACKET &&
      tokens[i + 2]?.type === L.KW_SESSION &&
      tokens[i + 3]?.type === L.LR_BRACKET
    ) {
      rewriteSession(g, tokens, i + 2, detach);
    }
  }
  return clauses;
}

/**
 * `SESSION(TABLE t [PARTITION BY k | PARTITION BY (k1, k2)], DESCRIPTOR(ts), gap)`
 * and its named-parameter form (`DATA =>`, `TIMECOL =>`, `GAP =>`). The
 * grammar knows TUMBLE, HOP and CUMULATE, whose parameters have the same
 * shape: SESSION takes TUMBLE's token type (its text stays SESSION), `GAP`
 * the type of a parameter name the grammar knows, and PARTITION BY is
 * detached.
 */
function rewriteSession(
  g: FlinkGrammar,
  tokens: Tok[],
  name: number,
  detach: (kind: DetachedClauseKind, from: number, to: number) => void,
): void {
  const L = g.FlinkSqlLexer;
  const open = name + 1;
  const close = matching(tokens, open, L.LR_BRACKET, L.RR_BRACKET);
  if (close < 0) {
    return;
  }
  retype(tokens, name, L.KW_TUMBLE);
  let depth = 0;
  for (let j = open; j < close; j++) {
    const type = tokens[j].type;
    if (type === L.LR_BRACKET) {
      depth++;
    } else if (type === L.RR_BRACKET) {
      depth--;
    } else if (depth === 1) {
      if (
        word(tokens[j]) === 'GAP' &&
        tokens[j + 1]?.type === L.DOUBLE_RIGHT_ARROW
      ) {
        retype(tokens, j, L.KW_SIZE);
      } else if (type === L.KW_PARTITION && tokens[j + 1]?.type === L.KW_BY) {
        // Up to the comma or parenthesis that ends the TABLE argument.
        let end = j + 2;
        for (let d = 0; end < close; end++) {
          const inner = tokens[end].type;
          if (inner === L.LR_BRACKET) {
            d++;
          } else if (inner === L.RR_BRACKET) {
            d--;
          } else if (inner === L.COMMA && d === 0) {
            break;
          }
        }
        detach('partition', j, end - 1);
        j = end - 1;
      }
    }
  }
}

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

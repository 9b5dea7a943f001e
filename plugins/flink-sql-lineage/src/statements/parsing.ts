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
 * Statement-level parsing. Standard Flink statements go to the grammar's
 * `sqlStatement` rule. CREATE TABLE and ALTER TABLE, where Confluent's
 * dialect differs (CTAS with a column list, optional WITH, `DISTRIBUTED BY
 * … INTO n BUCKETS`, `ALTER TABLE … MODIFY WATERMARK`, …), are parsed here
 * clause by clause, each clause by the grammar rule for it (table paths,
 * column definitions, watermarks, constraints, options, the query).
 *
 * Every parse is exact: the parser stops at the first syntax error and the
 * statement must be consumed to its end, so a parse that returns is valid.
 * It runs in ANTLR's fast SLL mode first and only falls back to full LL
 * when SLL fails (the standard two-stage strategy; SLL rarely fails on
 * valid input and the LL pass then reports the real error).
 *
 * The clauses tokens.ts detached (`OVER …`, `FILTER (WHERE …)`, SESSION's
 * `PARTITION BY`) are parsed here too, each on its own with the grammar's
 * rule for it, after the statement.
 */
import type * as antlr from 'antlr4ng';
import type {
  ColumnNameContext,
  ColumnNameListContext,
  ColumnOptionDefinitionContext,
  ExpressionContext,
  FlinkSqlParser,
  IdentifierContext,
  QueryStatementContext,
  SqlStatementContext,
  TablePathContext,
  TablePathCreateContext,
  TablePropertyListContext,
  WindowSpecContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { FlinkGrammar } from './grammar';
import { checkBudget } from './limits';
import {
  CLAUSE_CHANNEL,
  describeToken,
  eofToken,
  nameKeywords,
  nameStarts,
  nodeText,
  tokenError,
  typeText,
  unquoteIdentifier,
  unquoteString,
  word,
  type DetachedClauseTokens,
  type RewrittenTokens,
  type Tok,
} from './tokens';
import type {
  ComputedColumnDefinition,
  FlinkTableAlteration,
  FlinkTableDefinition,
  TableColumnDefinition,
  TableRef,
  WatermarkDefinition,
} from './types';

/** A detached clause (see tokens.ts), parsed; `end` is its last token. */
export type DetachedClause = { end: Tok } & (
  | {
      kind: 'over';
      /** `OVER (PARTITION BY … ORDER BY … frame)`. */
      spec?: WindowSpecContext;
      /** `OVER w`, a window of the WINDOW clause. */
      name?: IdentifierContext;
    }
  | { kind: 'filter'; condition: ExpressionContext }
  | { kind: 'partition'; columns: ColumnNameContext | ColumnNameListContext }
);

/** What every parsed statement has. */
interface ParsedBase {
  /** The statement's tokens (indexed by the parse tree's token indices), ending with EOF. */
  tokens: Tok[];
  /** The detached clauses, by their first token. */
  clauses: Map<Tok, DetachedClause>;
}

/** A parsed CREATE TABLE (with or without AS / LIKE). */
export interface ParsedCreateTable extends ParsedBase {
  type: 'create-table';
  table: FlinkTableDefinition;
  materialized: boolean;
  query?: QueryStatementContext;
  /** `ALTER MATERIALIZED TABLE … AS query`: the query of an existing materialized table changes. */
  alter?: boolean;
  /** A materialized table's column list: names for the query's columns, in order. */
  columnNames?: ColumnNameListContext;
  /** Computed column expressions, for their lineage. */
  computed: { name: string; expression: ExpressionContext }[];
}

/** A parsed ALTER [MATERIALIZED] TABLE. */
export interface ParsedAlterTable extends ParsedBase {
  type: 'alter-table';
  alteration: FlinkTableAlteration;
  materialized?: boolean;
}

/** Any other statement, parsed by the grammar. */
export interface ParsedGrammarStatement extends ParsedBase {
  type: 'grammar';
  statement: SqlStatementContext;
}

/** A parsed statement. */
export type ParsedStatement =
  | ParsedCreateTable
  | ParsedAlterTable
  | ParsedGrammarStatement;

/** A minimal token source over a statement's tokens, ending with EOF. */
class ArrayTokenSource implements antlr.TokenSource {
  readonly #tokens: Tok[];
  #index = 0;
  readonly sourceName = 'flink-sql';
  tokenFactory: antlr.TokenFactory<antlr.Token>;
  constructor(tokens: Tok[], factory: antlr.TokenFactory<antlr.Token>) {
    this.#tokens = tokens;
    this.tokenFactory = factory;
  }
  nextToken(): antlr.Token {
    const token = this.#tokens[Math.min(this.#index, this.#tokens.length - 1)];
    this.#index++;
    return token;
  }
  get line(): number {
    return this.#tokens[Math.min(this.#index, this.#tokens.length - 1)].line;
  }
  get _tokenStartColumn(): number {
    return this.#tokens[Math.min(this.#index, this.#tokens.length - 1)].column;
  }
  get inputStream(): antlr.CharStream | null {
    return null;
  }
}

/** Thrown inside a parse attempt; carries the user-facing error. */
class ParseFailure extends Error {
  readonly error: Error;
  /** Where parsing stopped. */
  readonly token: antlr.Token;
  /** A syntax error (as opposed to a rule the statement breaks, like two primary keys). */
  readonly syntax: boolean;
  constructor(error: Error, token: antlr.Token, syntax: boolean) {
    super(error.message);
    this.error = error;
    this.token = token;
    this.syntax = syntax;
  }
}

/** The parser plus helpers to read tokens between grammar rules. */
export class Cursor {
  readonly g: FlinkGrammar;
  readonly parser: FlinkSqlParser;
  readonly tokens: Tok[];
  readonly #stream: antlr.CommonTokenStream;

  constructor(
    g: FlinkGrammar,
    parser: FlinkSqlParser,
    stream: antlr.CommonTokenStream,
    tokens: Tok[],
  ) {
    this.g = g;
    this.parser = parser;
    this.#stream = stream;
    this.tokens = tokens;
  }

  peek(k = 1): antlr.Token {
    // eslint-disable-next-line new-cap
    return this.#stream.LT(k)!;
  }
  isType(type: number, k = 1): boolean {
    return this.peek(k).type === type;
  }
  isWord(text: string, k = 1): boolean {
    return word(this.peek(k)) === text;
  }
  next(): antlr.Token {
    const token = this.peek();
    this.#stream.consume();
    return token;
  }
  fail(detail: string, token: antlr.Token = this.peek()): never {
    throw new ParseFailure(tokenError(token, detail), token, false);
  }
  unexpected(expected?: string): never {
    const token = this.peek();
    const detail = `unexpected ${describeToken(this.g, token)}${
      expected ? `, expected ${expected}` : ''
    }`;
    throw new ParseFailure(tokenError(token, detail), token, true);
  }
  expectType(type: number, expected: string): antlr.Token {
    if (!this.isType(type)) {
      this.unexpected(expected);
    }
    return this.next();
  }
  expectWord(text: string): antlr.Token {
    if (!this.isWord(text)) {
      this.unexpected(text);
    }
    return this.next();
  }
  acceptType(type: number): boolean {
    if (this.isType(type)) {
      this.next();
      return true;
    }
    return false;
  }
  acceptWord(text: string): boolean {
    if (this.isWord(text)) {
      this.next();
      return true;
    }
    return false;
  }
  expectEnd(): void {
    if (!this.isType(this.g.Token.EOF)) {
      this.unexpected();
    }
  }
  /** Normalised SQL text of a parse-tree node. */
  text(ctx: antlr.ParserRuleContext): string {
    return nodeText(this.tokens, ctx);
  }
}

function errorListener(g: FlinkGrammar): antlr.ANTLRErrorListener {
  return {
    syntaxError(_recognizer, offending, line, column, msg) {
      const token = offending as antlr.Token | null;
      let detail: string;
      if (token) {
        detail = `unexpected ${describeToken(g, token)}`;
        const expecting = /expecting (\{[^}]*\}|\S+)/.exec(msg)?.[1];
        if (expecting) {
          const options = expecting.replace(/^\{|\}$/g, '').split(', ');
          if (options.length <= 6) {
            detail += `, expected ${options.join(' or ')}`;
          }
        }
        if (/failed predicate/.test(msg)) {
          detail = `unexpected ${describeToken(g, token)}`;
        }
      } else {
        detail = msg;
      }
      const at = token ?? ({ line, column } as antlr.Token);
      throw new ParseFailure(tokenError(at, detail), at, true);
    },
    reportAmbiguity() {},
    reportAttemptingFullContext() {},
    reportContextSensitivity() {},
  };
}

/** Options of {@link runParse}. */
interface ParseOptions {
  /** The channel to parse (default: the default channel). */
  channel?: number;
  /** Index of the first token to parse; the tokens before it only keep token indices aligned. */
  from?: number;
  /** For a part of a statement: the token after it, where its parse must end. */
  before?: Tok;
}

/** Parse outcome: the rule's result, or where and why it failed. */
type Outcome<T> = { value: T } | { failure: ParseFailure };

/** ANTLR's bail-out strategy, remembering the token it bailed at. */
type RecordingBailStrategy = antlr.BailErrorStrategy & {
  failedAt?: antlr.Token;
};

const bailCache = new WeakMap<FlinkGrammar, new () => RecordingBailStrategy>();

/**
 * A {@link RecordingBailStrategy}: antlr4ng's ParseCancellationException
 * does not keep the RecognitionException, so the strategy notes where.
 */
function recordingBailStrategy(g: FlinkGrammar): RecordingBailStrategy {
  let Strategy = bailCache.get(g);
  if (!Strategy) {
    class RecordingBailErrorStrategy extends g.BailErrorStrategy {
      failedAt?: antlr.Token;
      // Called at every rule and loop step: where the time budget is checked.
      override sync(recognizer: antlr.Parser): void {
        checkBudget();
        super.sync(recognizer);
      }
      // Nobody reads an SLL pass's message: skip building it (it computes
      // the expected tokens, which costs more than the parse).
      override reportError(): void {}
      override recover(
        recognizer: antlr.Parser,
        e: antlr.RecognitionException,
      ): void {
        this.failedAt = e.offendingToken ?? recognizer.getCurrentToken();
        super.recover(recognizer, e);
      }
      override recoverInline(recognizer: antlr.Parser): never {
        this.failedAt = recognizer.getCurrentToken();
        return super.recoverInline(recognizer);
      }
    }
    Strategy = RecordingBailErrorStrategy;
    bailCache.set(g, Strategy);
  }
  return new Strategy();
}

const streamCache = new WeakMap<
  FlinkGrammar,
  new (source: antlr.TokenSource, channel?: number) => antlr.CommonTokenStream
>();

/**
 * A token stream that counts every token the parser looks at against the
 * work budget: the parser's prediction can look far ahead many times, which
 * rule steps alone do not show.
 */
function budgetedStream(
  g: FlinkGrammar,
  source: antlr.TokenSource,
  channel: number | undefined,
): antlr.CommonTokenStream {
  let Stream = streamCache.get(g);
  if (!Stream) {
    class BudgetedTokenStream extends g.CommonTokenStream {
      // eslint-disable-next-line new-cap
      override LA(i: number): number {
        checkBudget();
        // eslint-disable-next-line new-cap
        return super.LA(i);
      }
    }
    Stream = BudgetedTokenStream;
    streamCache.set(g, Stream);
  }
  return new Stream(source, channel);
}

const budgetedCache = new WeakMap<
  FlinkGrammar,
  new () => antlr.DefaultErrorStrategy
>();

/** ANTLR's default strategy (it keeps state: one per parse), checking the time budget at every rule and loop step. */
function budgetedStrategy(g: FlinkGrammar): antlr.DefaultErrorStrategy {
  let Strategy = budgetedCache.get(g);
  if (!Strategy) {
    class BudgetedErrorStrategy extends g.DefaultErrorStrategy {
      override sync(recognizer: antlr.Parser): void {
        checkBudget();
        super.sync(recognizer);
      }
    }
    Strategy = BudgetedErrorStrategy;
    budgetedCache.set(g, Strategy);
  }
  return new Strategy();
}

/**
 * One parse in ANTLR's fast SLL mode, bailing out at the first error, or in
 * full LL mode with exact error reporting. An SLL failure's position is
 * approximate (SLL can even fail on valid input); only LL's is reported.
 */
function parseOnce<T>(
  g: FlinkGrammar,
  tokens: Tok[],
  run: (cursor: Cursor) => T,
  options: ParseOptions,
  fast: boolean,
): Outcome<T> {
  const withEof = [
    ...tokens,
    eofToken(g, tokens, options.channel, options.before),
  ];
  const source = new ArrayTokenSource(withEof, g.CommonTokenFactory.DEFAULT);
  const stream = budgetedStream(g, source, options.channel);
  const parser = new g.FlinkSqlParser(stream);
  if (options.from) {
    stream.seek(options.from);
  }
  parser.removeErrorListeners();
  const bail = fast ? recordingBailStrategy(g) : undefined;
  if (bail) {
    parser.interpreter.predictionMode = g.PredictionMode.SLL;
    parser.errorHandler = bail;
  } else {
    parser.errorHandler = budgetedStrategy(g);
    parser.addErrorListener(errorListener(g));
  }
  try {
    return { value: run(new Cursor(g, parser, stream, withEof)) };
  } catch (error) {
    if (error instanceof ParseFailure) {
      return { failure: error };
    }
    if (error instanceof g.ParseCancellationException) {
      // LL never bails; an SLL bail is reported by the LL pass that follows.
      const at = bail?.failedAt ?? withEof[0];
      return {
        failure: new ParseFailure(
          tokenError(at, 'could not parse the statement'),
          at,
          Boolean(bail?.failedAt),
        ),
      };
    }
    throw error;
  }
}

/** Where a failure stopped, comparable between parses of the same tokens. */
function failureOffset(g: FlinkGrammar, failure: ParseFailure): number {
  return failure.token.type === g.Token.EOF
    ? Number.POSITIVE_INFINITY
    : failure.token.start;
}

/** The tokens with one of them read as a name (ID_LITERAL). */
function withName(g: FlinkGrammar, tokens: Tok[], index: number): Tok[] {
  const retyped = tokens.slice();
  const name = tokens[index].clone();
  name.type = g.FlinkSqlLexer.ID_LITERAL;
  retyped[index] = name;
  return retyped;
}

/**
 * Runs a parse over a statement's tokens: SLL first, and full LL only when
 * SLL fails (the standard two-stage strategy). Throws InputError on
 * invalid SQL.
 *
 * Keywords the grammar reserves but Flink does not (`metadata`, `json`,
 * `partitions`, …, see `nameKeywords`) are read as names where the grammar
 * rejects them: after a syntax error, the nearest such keyword becomes an
 * identifier and the parse is retried, keeping the change when the parse
 * then gets further. Deciding it from the parser's error rather than from
 * the neighbouring tokens leaves the question "is a name allowed here" to
 * the grammar. The retries use SLL; statements without such names parse
 * exactly as before.
 */
export function runParse<T>(
  g: FlinkGrammar,
  tokens: Tok[],
  run: (cursor: Cursor) => T,
  options: ParseOptions = {},
): T {
  const first = parseOnce(g, tokens, run, options, true);
  if ('value' in first) {
    return first.value;
  }
  const channel = options.channel ?? g.Token.DEFAULT_CHANNEL;
  const names = nameKeywords(g);
  let failure = first.failure;
  let current = tokens;
  while (failure.syntax) {
    const at = failure.token.tokenIndex;
    // The parser reports the token where no alternative was left, which may
    // be the keyword, the token after it (`if FROM`) or the start of the
    // construct (`t` in `t.metadata`): try the nearest keywords first.
    const candidates = current
      .map((token, index) => ({ token, index }))
      .filter(
        ({ token, index }) =>
          names.has(token.type) &&
          token.channel === channel &&
          Math.abs(index - at) <= 4,
      )
      .sort((a, b) => Math.abs(a.index - at) - Math.abs(b.index - at))
      .slice(0, 3);
    let progressed = false;
    for (const { index } of candidates) {
      const retyped = withName(g, current, index);
      const outcome = parseOnce(g, retyped, run, options, true);
      if ('value' in outcome) {
        return outcome.value;
      }
      if (failureOffset(g, outcome.failure) > failureOffset(g, failure)) {
        current = retyped;
        failure = outcome.failure;
        progressed = true;
        break;
      }
    }
    if (!progressed) {
      break;
    }
  }
  const exact = parseOnce(g, current, run, options, false);
  if ('value' in exact) {
    return exact.value;
  }
  if (current !== tokens) {
    // SLL failed on the statement as written, which LL may still accept.
    const original = parseOnce(g, tokens, run, options, false);
    if ('value' in original) {
      return original.value;
    }
  }
  const reserved = reservedWordAt(g, current, exact.failure, run, options, 0);
  if (reserved) {
    const text = reserved.text ?? '';
    throw tokenError(
      reserved,
      `'${text}' is a reserved word in Flink SQL; write \`${text}\` to use it as a name`,
    );
  }
  throw exact.failure.error;
}

/**
 * Keywords that give SQL its structure. When the parse stops at one of them
 * the statement is malformed around it (`SELECT a, FROM t`), even where
 * reading it as a name would parse, so no reserved-word hint is given.
 */
const STRUCTURE_KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'BY',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'JOIN',
  'INNER',
  'OUTER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'ON',
  'USING',
  'AS',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS',
  'LIKE',
  'BETWEEN',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'OVER',
  'FILTER',
  'WINDOW',
  'PARTITION',
  'WITH',
  'INSERT',
  'INTO',
  'VALUES',
  'TABLE',
  'CREATE',
  'ALTER',
  'DROP',
  'SET',
  'DISTINCT',
  'ALL',
  'NULL',
  'TRUE',
  'FALSE',
  'EXISTS',
  'LATERAL',
  'UNNEST',
  'FOR',
  'OF',
];

const structureKeywordCache = new WeakMap<FlinkGrammar, Set<number>>();

function structureKeywords(g: FlinkGrammar): Set<number> {
  let types = structureKeywordCache.get(g);
  if (!types) {
    const L = g.FlinkSqlLexer as unknown as Record<string, number>;
    types = new Set(STRUCTURE_KEYWORDS.map(k => L[`KW_${k}`]));
    structureKeywordCache.set(g, types);
  }
  return types;
}

const callNameKeywordCache = new WeakMap<FlinkGrammar, Set<number>>();

/** The keywords the grammar reads as a function name (`COUNT`, `YEAR`, `DATE`, …). */
function callNameKeywords(g: FlinkGrammar): Set<number> {
  let types = callNameKeywordCache.get(g);
  if (!types) {
    const P = g.FlinkSqlParser;
    const atn = P._ATN;
    types = new Set(
      [
        P.RULE_reservedKeywordsUsedAsFuncName,
        P.RULE_reservedKeywordsFollowParamsUsedAsFuncName,
      ].flatMap(rule => atn.nextTokens(atn.ruleToStartState[rule]!).toArray()),
    );
    callNameKeywordCache.set(g, types);
  }
  return types;
}

/**
 * The reserved word a failed parse stumbled on when it was meant as a name
 * (`SELECT value FROM t`): the keyword at the failure, before it (`count
 * FROM`) or in the dotted name it starts (`t.value`), when reading it as a
 * name lets the statement parse (allowing a few more such words).
 */
function reservedWordAt<T>(
  g: FlinkGrammar,
  tokens: Tok[],
  failure: ParseFailure,
  run: (cursor: Cursor) => T,
  options: ParseOptions,
  depth: number,
): Tok | undefined {
  const at = failure.token.tokenIndex;
  if (
    !failure.syntax ||
    at === undefined ||
    at < 0 ||
    failure.token.type === g.Token.EOF ||
    depth > 2
  ) {
    return undefined;
  }
  const L = g.FlinkSqlLexer;
  const channel = options.channel ?? g.Token.DEFAULT_CHANNEL;
  const candidates = [at];
  // A keyword that names a function (`count`, `year`) is taken as a call
  // and the parse fails on the token after it.
  if (callNameKeywords(g).has(tokens[at - 1]?.type ?? -1)) {
    candidates.push(at - 1);
  }
  for (let k = at + 1; tokens[k]?.type === L.DOT; k += 2) {
    candidates.push(k + 1);
  }
  for (const index of candidates) {
    const token = tokens[index];
    if (
      !token ||
      token.channel !== channel ||
      token.type === L.ID_LITERAL ||
      structureKeywords(g).has(token.type) ||
      !/^[A-Za-z_][A-Za-z_0-9]*$/.test(token.text ?? '')
    ) {
      continue;
    }
    // Right after a name, a literal or `)`, a name would be an alias
    // without AS at best; more likely something is missing (`CAST(x INT)`).
    if (
      [
        L.ID_LITERAL,
        L.STRING_LITERAL,
        L.DIG_LITERAL,
        L.REAL_LITERAL,
        L.RR_BRACKET,
        L.RS_BRACKET,
      ].includes(tokens[index - 1]?.type ?? -1)
    ) {
      continue;
    }
    const retyped = withName(g, tokens, index);
    // SLL is enough to judge a hint, and cheap.
    const outcome = parseOnce(g, retyped, run, options, true);
    if (
      'value' in outcome ||
      (failureOffset(g, outcome.failure) > failureOffset(g, failure) &&
        reservedWordAt(g, retyped, outcome.failure, run, options, depth + 1))
    ) {
      return token;
    }
  }
  return undefined;
}

/**
 * Whether a function call (`name(…)`, which alone can carry OVER and
 * FILTER) ends at a token index: follows the one path from the roots
 * down to that token.
 */
function callEndsAt(
  g: FlinkGrammar,
  roots: antlr.ParserRuleContext[],
  index: number,
): boolean {
  const contains = (node: antlr.ParseTree) =>
    node instanceof g.ParserRuleContext &&
    node.start !== null &&
    node.stop !== null &&
    node.start.tokenIndex <= index &&
    index <= node.stop.tokenIndex;
  for (const root of roots) {
    let node: antlr.ParseTree | undefined = contains(root) ? root : undefined;
    while (node instanceof g.ParserRuleContext) {
      if (
        node instanceof g.FunctionCallExpressionContext &&
        node.stop!.tokenIndex === index &&
        node.functionNameWithParams()
      ) {
        return true;
      }
      node = node.children?.find(contains);
    }
  }
  return false;
}

/**
 * Parses the detached clauses of a parsed statement, each on its own with
 * the grammar's rule for it, and checks that an OVER or FILTER clause
 * follows a function call of the statement's parse trees (`roots`).
 */
function parseDetachedClauses(
  g: FlinkGrammar,
  tokens: Tok[],
  detached: DetachedClauseTokens[],
  roots: antlr.ParserRuleContext[],
): Map<Tok, DetachedClause> {
  const L = g.FlinkSqlLexer;
  const clauses = new Map<Tok, DetachedClause>();
  detached.forEach((clause, i) => {
    if (clause.kind !== 'partition') {
      let before = clause.start.tokenIndex - 1;
      const previous = detached[i - 1];
      // `agg(…) FILTER (WHERE …) OVER w`: the OVER follows the FILTER.
      if (
        clause.kind === 'over' &&
        previous?.kind === 'filter' &&
        previous.end.tokenIndex === before
      ) {
        before = previous.start.tokenIndex - 1;
      }
      if (!callEndsAt(g, roots, before)) {
        throw tokenError(
          clause.start,
          clause.kind === 'over'
            ? 'OVER must follow an aggregate or window function call'
            : 'FILTER must follow an aggregate function call',
        );
      }
    }
    const parsed = runParse(
      g,
      tokens.slice(0, clause.end.tokenIndex + 1),
      (cursor): DetachedClause => {
        const { parser } = cursor;
        let result: DetachedClause;
        if (clause.kind === 'over') {
          cursor.expectType(L.KW_OVER, 'OVER');
          // `identifier`, not the WINDOW clause's `errorCapturingIdentifier`,
          // whose optional tail the grammar cannot predict at end of input.
          result = cursor.isType(L.LR_BRACKET)
            ? { kind: 'over', end: clause.end, spec: parser.windowSpec() }
            : { kind: 'over', end: clause.end, name: parser.identifier() };
        } else if (clause.kind === 'filter') {
          cursor.expectType(L.KW_FILTER, 'FILTER');
          cursor.expectType(L.LR_BRACKET, "'('");
          cursor.expectType(L.KW_WHERE, 'WHERE');
          const condition = parser.expression();
          cursor.expectType(L.RR_BRACKET, "')'");
          result = { kind: 'filter', end: clause.end, condition };
        } else {
          cursor.expectType(L.KW_PARTITION, 'PARTITION');
          cursor.expectType(L.KW_BY, 'BY');
          result = {
            kind: 'partition',
            end: clause.end,
            columns: cursor.isType(L.LR_BRACKET)
              ? parser.columnNameList()
              : parser.columnName(),
          };
        }
        cursor.expectEnd();
        return result;
      },
      {
        channel: CLAUSE_CHANNEL,
        from: clause.start.tokenIndex,
        // Where a clause that ends too early stops (none at the end of the
        // statement).
        before: tokens[clause.end.tokenIndex + 1],
      },
    );
    clauses.set(clause.start, parsed);
  });
  return clauses;
}

/** Identifier parts of a rule made of `identifier (DOT identifier)*`. */
export function identifierParts(ctx: antlr.ParserRuleContext): string[] {
  const parts: string[] = [];
  // Rule children are identifiers; terminal children are the dots.
  for (const child of ctx.children ?? []) {
    if (child.getChildCount() > 0) {
      parts.push(unquoteIdentifier(child.getText()));
    }
  }
  return parts;
}

/** A table reference from a table path rule (`a`, `a.b`, `a.b.c`). */
export function tableRefOf(
  ctx: TablePathContext | TablePathCreateContext | antlr.ParserRuleContext,
  cursor?: Cursor,
): TableRef {
  const parts = identifierParts(ctx);
  if (parts.length > 3 && cursor) {
    cursor.fail(
      'a table name has at most three parts (catalog.database.table)',
      ctx.start!,
    );
  }
  return tableRefOfParts(parts);
}

/** A table reference from the parts of a name (`[catalog.][database.]table`). */
export function tableRefOfParts(parts: string[]): TableRef {
  if (parts.length >= 3) {
    return { catalog: parts[0], database: parts[1], table: parts[2] };
  }
  if (parts.length === 2) {
    return { database: parts[0], table: parts[1] };
  }
  return { table: parts[0] };
}

/** WITH / SET options as a plain record, values unquoted. */
export function propertiesOf(
  list: TablePropertyListContext,
): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const property of list.tableProperty()) {
    const key = unquoteString(property.tablePropertyKey().getText());
    const value = property.tablePropertyValue();
    properties[key] = value ? unquoteString(value.getText()) : '';
  }
  return properties;
}

interface SchemaElements {
  columns: TableColumnDefinition[];
  computed: ComputedColumnDefinition[];
  computedExpressions: { name: string; expression: ExpressionContext }[];
  primaryKey?: string[];
  watermark?: WatermarkDefinition;
}

function columnDefinition(
  cursor: Cursor,
  ctx: ColumnOptionDefinitionContext,
  table: SchemaElements,
): void {
  const physical = ctx.physicalColumnDefinition();
  const metadata = ctx.metadataColumnDefinition();
  const computed = ctx.computedColumnDefinition();
  const nameCtx = (physical ?? metadata ?? computed)!.columnNameCreate();
  const uid = nameCtx.uid();
  if (!uid || uid.identifier().length !== 1) {
    cursor.fail('expected a column name', nameCtx.start!);
  }
  const name = unquoteIdentifier(uid.getText());
  const commentOf = (c: { _comment?: antlr.Token | null }) =>
    c._comment?.text ? unquoteString(c._comment.text) : undefined;
  if (physical) {
    const type = physical.columnType();
    const constraint = physical.columnConstraint();
    const L = cursor.g.FlinkSqlLexer;
    const isPrimaryKey = Boolean(constraint?.getToken(L.KW_PRIMARY, 0));
    if (isPrimaryKey) {
      if (table.primaryKey) {
        cursor.fail('a table has at most one primary key', constraint!.start!);
      }
      table.primaryKey = [name];
    }
    const notNull = Boolean(
      constraint?.getToken(L.KW_NOT, 0) && constraint?.getToken(L.KW_NULL, 0),
    );
    table.columns.push({
      name,
      type: typeText(
        cursor.tokens,
        type.start!.tokenIndex,
        type.stop!.tokenIndex,
      ),
      nullable: !(notNull || isPrimaryKey),
      kind: 'physical',
      ...(commentOf(physical) !== undefined
        ? { comment: commentOf(physical) }
        : {}),
    });
  } else if (metadata) {
    const type = metadata.columnType();
    const key = metadata.metadataKey();
    table.columns.push({
      name,
      type: typeText(
        cursor.tokens,
        type.start!.tokenIndex,
        type.stop!.tokenIndex,
      ),
      nullable: true,
      kind: 'metadata',
      ...(key ? { metadataKey: unquoteString(key.getText()) } : {}),
      virtual: metadata.getToken(cursor.g.FlinkSqlLexer.KW_VIRTUAL, 0) !== null,
    });
  } else if (computed) {
    const expression = computed.computedColumnExpression().expression();
    table.computed.push({
      name,
      expression: cursor.text(expression),
      ...(commentOf(computed) !== undefined
        ? { comment: commentOf(computed) }
        : {}),
    });
    table.computedExpressions.push({ name, expression });
  }
}

/**
 * Parses one schema element (column, WATERMARK, PRIMARY KEY) into `into`.
 * In ALTER TABLE (`positioned`) a column may end with `FIRST` or
 * `AFTER column`, which place it and carry no lineage.
 */
function schemaElement(
  cursor: Cursor,
  into: SchemaElements,
  positioned = false,
): void {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  if (cursor.isType(L.KW_WATERMARK)) {
    if (into.watermark) {
      cursor.fail('a table has at most one watermark');
    }
    const watermark = parser.watermarkDefinition();
    into.watermark = {
      column: identifierParts(watermark.columnName().uidAllowEmpty()!).join(
        '.',
      ),
      expression: cursor.text(watermark.expression()),
    };
  } else if (cursor.isType(L.KW_PRIMARY) || cursor.isType(L.KW_CONSTRAINT)) {
    if (into.primaryKey) {
      cursor.fail('a table has at most one primary key');
    }
    const constraint = parser.tableConstraint();
    into.primaryKey = constraint
      .columnNameList()
      .columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
  } else {
    columnDefinition(cursor, parser.columnOptionDefinition(), into);
    if (
      positioned &&
      !cursor.acceptWord('FIRST') &&
      cursor.acceptWord('AFTER')
    ) {
      parser.columnName();
    }
  }
}

/** Parses `( element, … )`. */
function schemaElementList(
  cursor: Cursor,
  into: SchemaElements,
  positioned = false,
): void {
  const L = cursor.g.FlinkSqlLexer;
  cursor.expectType(L.LR_BRACKET, "'('");
  do {
    schemaElement(cursor, into, positioned);
  } while (cursor.acceptType(L.COMMA));
  cursor.expectType(L.RR_BRACKET, "',' or ')'");
}

/** Flink makes primary key columns NOT NULL. */
function markPrimaryKeyNotNull(into: SchemaElements): void {
  for (const key of into.primaryKey ?? []) {
    // With AS SELECT the key may name an undeclared query column.
    const column = into.columns.find(c => c.name === key);
    if (column) {
      column.nullable = false;
    }
  }
}

/**
 * `CREATE [OR REPLACE | OR ALTER] [TEMPORARY] [MATERIALIZED] TABLE
 *  [IF NOT EXISTS] name [( elements ) | ( column names )] [COMMENT '…']
 *  [DISTRIBUTED BY [HASH](cols) [INTO n BUCKETS] | DISTRIBUTED INTO n
 *  BUCKETS] [PARTITIONED BY (cols)] [WITH (options)] [START_MODE = mode]
 *  [LIKE source [(options)] | AS query]`. OR ALTER, a list of bare column
 *  names and START_MODE belong to materialized tables only.
 */
function parseCreateTable(cursor: Cursor): ParsedCreateTable {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  let orReplace = false;
  let orAlter = false;
  // `ALTER MATERIALIZED TABLE t … AS query` evolves the query of an
  // existing materialized table, as CREATE OR ALTER does.
  const alter = cursor.acceptType(L.KW_ALTER);
  if (alter) {
    orAlter = true;
    if (!cursor.isWord('MATERIALIZED')) {
      cursor.unexpected('MATERIALIZED');
    }
  } else {
    cursor.expectType(L.KW_CREATE, 'CREATE');
  }
  if (!alter && cursor.acceptType(L.KW_OR)) {
    const alterWord = cursor.peek();
    orAlter = cursor.acceptType(L.KW_ALTER);
    if (orAlter) {
      if (!cursor.isWord('MATERIALIZED')) {
        cursor.fail(
          'CREATE OR ALTER is only for MATERIALIZED TABLE',
          alterWord,
        );
      }
    } else {
      cursor.expectWord('REPLACE');
      orReplace = true;
    }
  }
  const temporary = cursor.acceptType(L.KW_TEMPORARY);
  const materialized = cursor.acceptWord('MATERIALIZED');
  cursor.expectType(L.KW_TABLE, 'TABLE');
  let ifNotExists = false;
  if (alter && cursor.isType(L.KW_IF)) {
    parser.ifExists();
  } else if (cursor.isType(L.KW_IF)) {
    parser.ifNotExists();
    ifNotExists = true;
  }
  const name = tableRefOf(parser.tablePathCreate(), cursor);
  const elements: SchemaElements = {
    columns: [],
    computed: [],
    computedExpressions: [],
  };
  let columnNames: ColumnNameListContext | undefined;
  if (materialized && isColumnNameList(cursor)) {
    // `CREATE MATERIALIZED TABLE t (a, b) AS …`: names for the query's
    // columns, in order, as a view's column list.
    columnNames = parser.columnNameList();
  } else if (cursor.isType(L.LR_BRACKET)) {
    schemaElementList(cursor, elements);
  }
  markPrimaryKeyNotNull(elements);

  const table: FlinkTableDefinition = {
    name,
    columns: elements.columns,
    computedColumns: elements.computed,
    options: {},
    ...(elements.primaryKey ? { primaryKey: elements.primaryKey } : {}),
    ...(elements.watermark ? { watermark: elements.watermark } : {}),
    ...(orReplace ? { orReplace } : {}),
    ...(materialized ? { materialized } : {}),
    ...(orAlter ? { orAlter } : {}),
    ...(ifNotExists ? { ifNotExists } : {}),
    ...(temporary ? { temporary } : {}),
  };

  if (cursor.acceptType(L.KW_COMMENT)) {
    table.comment = unquoteString(
      cursor.expectType(L.STRING_LITERAL, 'a comment string').text ?? '',
    );
  }
  if (cursor.acceptWord('DISTRIBUTED')) {
    table.distributedBy = distribution(cursor);
  }
  if (cursor.isType(L.KW_PARTITIONED)) {
    const partition = parser.partitionDefinition();
    table.partitionedBy = partition
      .transformList()
      .transform()
      .map(t => cursor.text(t));
  }
  if (cursor.isType(L.KW_WITH)) {
    table.options = propertiesOf(parser.withOption().tablePropertyList());
  }
  if (materialized && cursor.acceptWord('START_MODE')) {
    cursor.expectType(L.EQUAL_SYMBOL, "'='");
    table.startMode = startMode(cursor);
  }
  let query: QueryStatementContext | undefined;
  if (cursor.isType(L.KW_LIKE)) {
    table.like = tableRefOf(parser.likeDefinition().tablePath(), cursor);
  } else if (cursor.acceptType(L.KW_AS)) {
    query = parser.queryStatement();
  }
  cursor.expectEnd();
  if (alter && !query) {
    cursor.fail(
      'ALTER MATERIALIZED TABLE needs AS SELECT, or ADD, MODIFY, DROP WATERMARK, SET, RESET, SUSPEND or RESUME',
      cursor.tokens[0],
    );
  }
  if (
    !query &&
    table.columns.length === 0 &&
    table.computedColumns.length === 0 &&
    !table.like
  ) {
    cursor.fail(
      'CREATE TABLE needs a column list, LIKE or AS SELECT',
      cursor.tokens[0],
    );
  }
  if (materialized && !query) {
    cursor.fail('CREATE MATERIALIZED TABLE needs AS SELECT', cursor.tokens[0]);
  }
  return {
    type: 'create-table',
    tokens: cursor.tokens,
    clauses: new Map(),
    table,
    materialized,
    ...(alter ? { alter } : {}),
    query,
    ...(columnNames ? { columnNames } : {}),
    computed: elements.computedExpressions,
  };
}

/** `[BY [HASH](cols)] [INTO n BUCKETS]`, at least one of them. */
function distribution(cursor: Cursor): {
  columns: string[];
  buckets?: number;
} {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  const distributedBy: { columns: string[]; buckets?: number } = {
    columns: [],
  };
  if (cursor.acceptType(L.KW_BY)) {
    cursor.acceptWord('HASH');
    distributedBy.columns = parser
      .columnNameList()
      .columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
  }
  if (cursor.acceptType(L.KW_INTO)) {
    const count = cursor.expectType(L.DIG_LITERAL, 'a bucket count');
    distributedBy.buckets = Number(count.text);
    cursor.expectWord('BUCKETS');
  } else if (distributedBy.columns.length === 0) {
    cursor.unexpected('BY or INTO');
  }
  return distributedBy;
}

/** `( name, name … )` with nothing but names: a column list, not a schema. */
function isColumnNameList(cursor: Cursor): boolean {
  const L = cursor.g.FlinkSqlLexer;
  if (!cursor.isType(L.LR_BRACKET)) {
    return false;
  }
  const names = nameStarts(cursor.g);
  for (let k = 2; ; k += 2) {
    const name = cursor.peek(k);
    const after = cursor.peek(k + 1).type;
    const isName =
      names.has(name.type) ||
      (name.type === L.STRING_LITERAL && (name.text ?? '').startsWith('`'));
    if (!isName || (after !== L.COMMA && after !== L.RR_BRACKET)) {
      return false;
    }
    if (after === L.RR_BRACKET) {
      return true;
    }
  }
}

/** The start modes of a materialized table; the `FROM_NOW` / `FROM_TIMESTAMP` forms take an argument. */
const START_MODES = [
  'FROM_BEGINNING',
  'FROM_NOW',
  'FROM_TIMESTAMP',
  'RESUME_OR_FROM_BEGINNING',
  'RESUME_OR_FROM_NOW',
  'RESUME_OR_FROM_TIMESTAMP',
];

/** `START_MODE = mode[(argument)]`, after the `=`; returns the mode as written. */
function startMode(cursor: Cursor): string {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  const mode = cursor.peek();
  const upper = word(mode);
  if (!START_MODES.includes(upper)) {
    cursor.unexpected(START_MODES.join(', '));
  }
  cursor.next();
  const from = mode.tokenIndex;
  const takesArgument = upper.endsWith('NOW') || upper.endsWith('TIMESTAMP');
  if (upper.endsWith('TIMESTAMP') && !cursor.isType(L.LR_BRACKET)) {
    cursor.unexpected("'('");
  }
  if (takesArgument && cursor.acceptType(L.LR_BRACKET)) {
    parser.expression();
    cursor.expectType(L.RR_BRACKET, "')'");
  }
  return typeText(cursor.tokens, from, cursor.peek().tokenIndex - 1);
}

/**
 * `ALTER TABLE [IF EXISTS] name { MODIFY WATERMARK FOR col AS expr | DROP
 *  WATERMARK | ADD element | ADD (elements) | MODIFY element | MODIFY
 *  (elements) | DROP PRIMARY KEY | DROP CONSTRAINT name | DROP col | DROP
 *  (cols) | SET (options) | RESET (keys) | RENAME TO name | RENAME col TO
 *  col }`
 */
function parseAlterTable(cursor: Cursor): ParsedAlterTable {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  cursor.expectType(L.KW_ALTER, 'ALTER');
  const materialized = cursor.acceptWord('MATERIALIZED');
  cursor.expectType(L.KW_TABLE, 'TABLE');
  if (cursor.isType(L.KW_IF)) {
    parser.ifExists();
  }
  const table = tableRefOf(parser.tablePath(), cursor);
  let alteration: FlinkTableAlteration;

  const elementsChange = (
    operation: 'ADD' | 'MODIFY',
  ): FlinkTableAlteration => {
    const elements: SchemaElements = {
      columns: [],
      computed: [],
      computedExpressions: [],
    };
    if (cursor.isType(L.LR_BRACKET)) {
      schemaElementList(cursor, elements, true);
    } else {
      schemaElement(cursor, elements, true);
    }
    markPrimaryKeyNotNull(elements);
    if (
      operation === 'MODIFY' &&
      elements.watermark &&
      elements.columns.length === 0 &&
      elements.computed.length === 0 &&
      !elements.primaryKey
    ) {
      return {
        table,
        operation: 'MODIFY_WATERMARK',
        watermark: elements.watermark,
      };
    }
    return {
      table,
      operation,
      ...(elements.columns.length ? { columns: elements.columns } : {}),
      ...(elements.computed.length
        ? { computedColumns: elements.computed }
        : {}),
      ...(elements.primaryKey ? { primaryKey: elements.primaryKey } : {}),
      ...(elements.watermark ? { watermark: elements.watermark } : {}),
    };
  };

  if (
    (cursor.isType(L.KW_MODIFY) || cursor.isType(L.KW_ADD)) &&
    cursor.isWord('DISTRIBUTION', 2)
  ) {
    // `ADD | MODIFY DISTRIBUTION [BY [HASH](cols)] [INTO n BUCKETS]`.
    const add = cursor.isType(L.KW_ADD);
    cursor.next();
    cursor.expectWord('DISTRIBUTION');
    alteration = {
      table,
      operation: add ? 'ADD_DISTRIBUTION' : 'MODIFY_DISTRIBUTION',
      distributedBy: distribution(cursor),
    };
  } else if (cursor.acceptType(L.KW_MODIFY)) {
    alteration = elementsChange('MODIFY');
  } else if (cursor.acceptType(L.KW_ADD)) {
    alteration = elementsChange('ADD');
  } else if (cursor.acceptType(L.KW_DROP)) {
    if (cursor.acceptWord('DISTRIBUTION')) {
      alteration = { table, operation: 'DROP_DISTRIBUTION' };
    } else if (cursor.acceptType(L.KW_WATERMARK)) {
      alteration = { table, operation: 'DROP_WATERMARK' };
    } else if (cursor.acceptType(L.KW_PRIMARY)) {
      cursor.expectType(L.KW_KEY, 'KEY');
      alteration = { table, operation: 'DROP_PRIMARY_KEY' };
    } else if (cursor.acceptType(L.KW_CONSTRAINT)) {
      alteration = {
        table,
        operation: 'DROP_CONSTRAINT',
        names: [unquoteIdentifier(parser.constraintName().getText())],
      };
    } else if (cursor.isType(L.LR_BRACKET)) {
      alteration = {
        table,
        operation: 'DROP_COLUMNS',
        names: parser
          .columnNameList()
          .columnName()
          .map(c => identifierParts(c.uidAllowEmpty()!).join('.')),
      };
    } else {
      alteration = {
        table,
        operation: 'DROP_COLUMNS',
        names: [
          identifierParts(parser.columnName().uidAllowEmpty()!).join('.'),
        ],
      };
    }
  } else if (cursor.acceptType(L.KW_SET)) {
    alteration = {
      table,
      operation: 'SET_OPTIONS',
      options: propertiesOf(parser.tablePropertyList()),
    };
  } else if (cursor.acceptType(L.KW_RESET)) {
    cursor.expectType(L.LR_BRACKET, "'('");
    const resetKeys: string[] = [];
    do {
      resetKeys.push(unquoteString(parser.tablePropertyKey().getText()));
    } while (cursor.acceptType(L.COMMA));
    cursor.expectType(L.RR_BRACKET, "',' or ')'");
    alteration = { table, operation: 'RESET_OPTIONS', resetKeys };
  } else if (cursor.acceptType(L.KW_RENAME)) {
    if (cursor.acceptType(L.KW_TO)) {
      alteration = {
        table,
        operation: 'RENAME_TABLE',
        newName: tableRefOf(parser.tablePath(), cursor),
      };
    } else {
      const from = identifierParts(parser.columnName().uidAllowEmpty()!).join(
        '.',
      );
      cursor.expectType(L.KW_TO, 'TO');
      const to = identifierParts(parser.columnName().uidAllowEmpty()!).join(
        '.',
      );
      alteration = {
        table,
        operation: 'RENAME_COLUMN',
        renameColumn: { from, to },
      };
    }
  } else {
    cursor.unexpected('MODIFY, ADD, DROP, SET, RESET or RENAME');
  }
  cursor.expectEnd();
  return {
    type: 'alter-table',
    tokens: cursor.tokens,
    clauses: new Map(),
    alteration,
    ...(materialized ? { materialized } : {}),
  };
}

/** Parses one statement, rewritten for the grammar by `rewriteForGrammar`. */
export function parseStatement(
  g: FlinkGrammar,
  rewritten: RewrittenTokens,
): ParsedStatement {
  const { tokens } = rewritten;
  const L = g.FlinkSqlLexer;
  const first = tokens[0];
  let parse: (cursor: Cursor) => ParsedStatement = cursor => {
    const statement = cursor.parser.sqlStatement();
    cursor.expectEnd();
    return {
      type: 'grammar',
      tokens: cursor.tokens,
      clauses: new Map(),
      statement,
    };
  };
  let k = 1;
  if (first.type === L.KW_CREATE) {
    if (tokens[k]?.type === L.KW_OR) {
      k += 2;
    }
    if (tokens[k]?.type === L.KW_TEMPORARY) {
      k++;
    }
    if (word(tokens[k]) === 'MATERIALIZED') {
      k++;
    }
    if (tokens[k]?.type === L.KW_TABLE) {
      parse = parseCreateTable;
    }
  }
  if (first.type === L.KW_ALTER && tokens[1]?.type === L.KW_TABLE) {
    parse = parseAlterTable;
  }
  if (
    first.type === L.KW_ALTER &&
    word(tokens[1]) === 'MATERIALIZED' &&
    tokens[2]?.type === L.KW_TABLE
  ) {
    // resourceStatements.ts keeps SUSPEND / RESUME / REFRESH; what reaches
    // here changes the definition, as ALTER TABLE does, or the query
    // (`[( schema )] [COMMENT …] [DISTRIBUTED BY …] [WITH (…)]
    // [START_MODE = …] AS query`).
    let after = 3;
    if (tokens[after]?.type === L.KW_IF) {
      after += 2;
    }
    while (tokens[after + 1]?.type === L.DOT) {
      after += 2;
    }
    const alters = ['ADD', 'MODIFY', 'DROP', 'SET', 'RESET', 'RENAME'];
    parse = alters.includes(word(tokens[after + 1]))
      ? parseAlterTable
      : parseCreateTable;
  }
  const parsed = runParse(g, tokens, parse);
  if (rewritten.clauses.length) {
    // The trees a call can be in. Only queries and computed columns hold
    // calls that may carry OVER or FILTER; anywhere else they are an error.
    let roots: antlr.ParserRuleContext[] = [];
    if (parsed.type === 'grammar') {
      roots = [parsed.statement];
    } else if (parsed.type === 'create-table') {
      roots = [
        ...(parsed.query ? [parsed.query] : []),
        ...parsed.computed.map(c => c.expression),
      ];
    }
    parsed.clauses = parseDetachedClauses(
      g,
      parsed.tokens.slice(0, -1),
      rewritten.clauses,
      roots,
    );
  }
  return parsed;
}

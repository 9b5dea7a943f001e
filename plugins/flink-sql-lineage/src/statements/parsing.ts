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
 * The parsing machinery: a cursor over a statement's tokens and exact parses.
 *
 * Every parse is exact: the parser stops at the first syntax error and the
 * statement must be consumed to its end, so a parse that returns is valid.
 * It runs in ANTLR's fast SLL mode first and only falls back to full LL
 * when SLL fails (the standard two-stage strategy; SLL rarely fails on
 * valid input and the LL pass then reports the real error).
 */
import type * as antlr from 'antlr4ng';
import type { FlinkSqlParser } from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { FlinkGrammar } from '../grammar';
import { checkBudget } from '../limits';
import { describeToken, tokenError, word, type Tok } from '../tokens/lex';
import { eofToken } from '../tokens/tokenOps';
import { nameKeywords } from '../tokens/keywords';
import { nodeText } from '../tokens/text';
import { reservedWordAt } from './reservedWords';

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
export class ParseFailure extends Error {
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
export interface ParseOptions {
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
export function parseOnce<T>(
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
export function failureOffset(g: FlinkGrammar, failure: ParseFailure): number {
  return failure.token.type === g.Token.EOF
    ? Number.POSITIVE_INFINITY
    : failure.token.start;
}

/** The tokens with one of them read as a name (ID_LITERAL). */
export function withName(g: FlinkGrammar, tokens: Tok[], index: number): Tok[] {
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

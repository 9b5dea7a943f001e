/*
 * Token-level work around the grammar: lexing with positions, splitting a
 * script into statements, the Confluent-dialect and grammar-gap rewrites,
 * and turning token ranges back into normalised SQL text.
 *
 * Rewrites change token TYPES (and insert a few marked synthetic tokens) but
 * keep every original token's text, line and column, so error messages and
 * expression texts always point at what the user wrote.
 */
import type * as antlr from 'antlr4ng';
import { InputError } from '@backstage/errors';
import type { FlinkGrammar } from './grammar';

/** A token of the statement being analysed. */
export type Tok = antlr.CommonToken;

/** Tokens inserted by a rewrite; they have no text in the user's SQL. */
const synthetic = new WeakSet<Tok>();

/** Whether a token was inserted by a rewrite. */
export function isSynthetic(token: antlr.Token): boolean {
  return synthetic.has(token as Tok);
}

/** The error every syntax problem becomes. */
export function syntaxError(
  line: number,
  column: number,
  detail: string,
): InputError {
  return new InputError(
    `Invalid Flink SQL at line ${line}, column ${column}: ${detail}`,
  );
}

/** A syntax error located at a token (columns are reported 1-based). */
export function tokenError(token: antlr.Token, detail: string): InputError {
  return syntaxError(token.line, token.column + 1, detail);
}

/** Describes a token for messages. */
export function describeToken(g: FlinkGrammar, token: antlr.Token): string {
  if (token.type === g.Token.EOF) {
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
  const all = lexer.getAllTokens() as Tok[];
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

function makeSynthetic(
  g: FlinkGrammar,
  like: Tok,
  type: number,
  text: string,
): Tok {
  const token = like.clone();
  token.type = type;
  token.text = text;
  token.channel = g.Token.DEFAULT_CHANNEL;
  synthetic.add(token);
  return token;
}

/** The EOF token that ends a statement, positioned right after its last token. */
export function eofToken(g: FlinkGrammar, tokens: Tok[]): Tok {
  const last = tokens[tokens.length - 1];
  const eof = new g.CommonToken(
    [null, null],
    g.Token.EOF,
    g.Token.DEFAULT_CHANNEL,
    -1,
    -1,
  );
  eof.text = '<EOF>';
  eof.line = last ? last.line : 1;
  eof.column = last ? last.column + (last.text ?? '').length : 0;
  return eof;
}

/** Index of the bracket closing the one at `open`, or -1. */
function matching(
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

/** Result of {@link rewriteForGrammar}. */
export interface RewrittenTokens {
  tokens: Tok[];
  /** Aliases of window TVFs (`TABLE(TUMBLE(…)) AS w`), keyed by the TABLE token's start offset. */
  tvfAliases: Map<number, string>;
}

/**
 * Rewrites standard Flink SQL the grammar does not accept into equivalent
 * forms it does, without changing lineage:
 *   - `SUBSTRING(s FROM a FOR b)`, `OVERLAY(s PLACING r FROM a FOR b)`:
 *     the keywords become commas;
 *   - `TRIM(BOTH|LEADING|TRAILING c FROM s)`: the side keyword is dropped
 *     and FROM becomes a comma;
 *   - `EXTRACT(YEAR FROM ts)`: the unit becomes an identifier;
 *   - `MAP[…]`, `ARRAY[…]` constructors: brackets become parentheses;
 *   - `f(…) OVER (…) alias` and an unaliased `f(…) OVER w`: the grammar
 *     needs `AS alias`, so a synthetic AS (and alias) is inserted;
 *   - `TABLE(TUMBLE|HOP|CUMULATE(…)) [AS] alias`: the alias, which the
 *     grammar has no place for, is taken out and returned separately.
 */
export function rewriteForGrammar(
  g: FlinkGrammar,
  input: Tok[],
): RewrittenTokens {
  const L = g.FlinkSqlLexer;
  const tokens = input.slice();
  const replace = (i: number, type: number) => {
    const token = tokens[i].clone();
    token.type = type;
    tokens[i] = token;
  };
  const tvfAliases = new Map<number, string>();

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const upper = word(t);
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
            replace(j, L.COMMA);
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
                replace(j, L.COMMA);
              }
            }
          }
          for (const k of [...drop].sort((a, b) => b - a)) {
            tokens.splice(k, 1);
          }
        }
      } else if (upper === 'EXTRACT') {
        const unit = inner[0];
        if (unit !== undefined && tokens[unit + 1]?.type === L.KW_FROM) {
          replace(unit, L.ID_LITERAL);
        }
      }
    }
    if (
      (t.type === L.KW_MAP || t.type === L.KW_ARRAY) &&
      next?.type === L.LS_BRACKET
    ) {
      const close = matching(tokens, i + 1, L.LS_BRACKET, L.RS_BRACKET);
      if (close > 0) {
        replace(i + 1, L.LR_BRACKET);
        replace(close, L.RR_BRACKET);
      }
    }
    if (t.type === L.KW_OVER) {
      let end = i + 1;
      if (tokens[end]?.type === L.LR_BRACKET) {
        end = matching(tokens, end, L.LR_BRACKET, L.RR_BRACKET);
        if (end < 0) {
          continue;
        }
      }
      const after = tokens[end + 1];
      if (after && after.type !== L.KW_AS) {
        const isAlias =
          after.type === L.ID_LITERAL ||
          (after.type === L.STRING_LITERAL &&
            (after.text ?? '').startsWith('`'));
        const endsItem =
          after.type === L.COMMA ||
          after.type === L.KW_FROM ||
          after.type === L.RR_BRACKET;
        if (isAlias) {
          tokens.splice(end + 1, 0, makeSynthetic(g, after, L.KW_AS, 'AS'));
        } else if (endsItem) {
          tokens.splice(
            end + 1,
            0,
            makeSynthetic(g, after, L.KW_AS, 'AS'),
            makeSynthetic(g, after, L.ID_LITERAL, ''),
          );
        }
      }
    }
    if (
      t.type === L.KW_TABLE &&
      next?.type === L.LR_BRACKET &&
      [L.KW_TUMBLE, L.KW_HOP, L.KW_CUMULATE].includes(tokens[i + 2]?.type ?? -1)
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
          (alias.type === L.ID_LITERAL ||
            (alias.type === L.STRING_LITERAL &&
              (alias.text ?? '').startsWith('`')))
        ) {
          tvfAliases.set(t.start, unquoteIdentifier(alias.text ?? ''));
          tokens.splice(close + 1, k - close);
        }
      }
    }
  }
  return { tokens, tvfAliases };
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
 * space. Synthetic tokens are left out.
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
    if (synthetic.has(token) || token.type === -1) {
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

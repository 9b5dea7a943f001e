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
 * Bounds on the work one statement may cost, so hostile or runaway input
 * (megabytes of SQL, thousands of nested parentheses, an expression the
 * parser's prediction explores for long) is rejected with a clear error
 * instead of holding a backend thread or overflowing the stack.
 *
 * The work budget is module state: extraction is synchronous, so exactly
 * one statement is being analysed at a time in this thread.
 */
import { FlinkSqlInputError } from './errors';
import type { FlinkGrammar } from './grammar';
import { tokenError, type Tok } from './tokens/lex';

/** Defaults of the limits (see ExtractFlinkLineageOptions). */
export const DEFAULT_LIMITS = {
  // 256 KiB: far beyond any real statement, and lexed in well under a second.
  maxLength: 262_144,
  maxNestingDepth: 64,
  // About a second on one core; a warm statement of the workshop
  // takes about three thousand.
  maxWorkSteps: 5_000_000,
};

let budget = Number.POSITIVE_INFINITY;
let steps = 0;

/**
 * Starts the work budget of one statement; returns the function that ends
 * it. Work is counted in steps (tokens lexed, tokens the parser looks at,
 * parse-tree nodes walked), not in time, so the same statement gets the
 * same answer on a busy machine and on a cold start.
 */
export function startBudget(maxSteps: number): () => void {
  budget = maxSteps;
  steps = 0;
  return () => {
    budget = Number.POSITIVE_INFINITY;
  };
}

/** Counts one step; throws once the statement has used up its budget. */
export function checkBudget(): void {
  if (++steps > budget) {
    const limit = budget;
    budget = Number.POSITIVE_INFINITY;
    throw new FlinkSqlInputError(
      `Flink SQL is too complex to analyse: it needs more than ${limit} parser steps`,
    );
  }
}

/** Rejects SQL longer than `maxLength` characters before any work on it. */
export function checkLength(sql: string, maxLength: number): void {
  if (sql.length > maxLength) {
    throw new FlinkSqlInputError(
      `Flink SQL is too long: ${sql.length} characters, at most ${maxLength} are accepted`,
    );
  }
}

/** Rejects parentheses, brackets and CASE … END nested deeper than `maxDepth`, at the first token too deep. */
export function checkNesting(
  g: FlinkGrammar,
  tokens: Tok[],
  maxDepth: number,
): void {
  const L = g.FlinkSqlLexer;
  let depth = 0;
  for (const token of tokens) {
    const type = token.type;
    if (type === L.LR_BRACKET || type === L.LS_BRACKET || type === L.KW_CASE) {
      depth++;
      if (depth > maxDepth) {
        throw tokenError(
          token,
          `nested more than ${maxDepth} levels deep (parentheses, brackets and CASE)`,
        );
      }
    } else if (
      type === L.RR_BRACKET ||
      type === L.RS_BRACKET ||
      type === L.KW_END
    ) {
      depth = Math.max(0, depth - 1);
    }
  }
}

/** A stack overflow while analysing, as the error a user can act on. */
export function asInputError(error: unknown): unknown {
  if (
    error instanceof RangeError &&
    /call stack/i.test(String(error.message))
  ) {
    return new FlinkSqlInputError('Flink SQL is nested too deeply to analyse');
  }
  return error;
}

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
 * Splitting a script into statements at top-level semicolons.
 */
import type { FlinkGrammar } from '../grammar';
import type { Tok } from './lex';

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

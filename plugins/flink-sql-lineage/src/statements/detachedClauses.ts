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
 * The clauses tokens/detachClauses.ts detached (`OVER …`, `FILTER (WHERE …)`,
 * SESSION's `PARTITION BY`), each parsed on its own with the grammar's rule
 * for it, after the statement.
 */
import type * as antlr from 'antlr4ng';
import type { FlinkGrammar } from '../grammar';
import { CLAUSE_CHANNEL, tokenError, type Tok } from '../tokens/lex';
import type { DetachedClauseTokens } from '../tokens/rewriteForGrammar';
import type { DetachedClause } from './parsed';
import { runParse } from './parsing';

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
export function parseDetachedClauses(
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

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
 * Reserved-word hints of failed parses: a keyword Flink accepts as a name
 * where the grammar stopped at it, retried as a name.
 */
import type { FlinkGrammar } from '../grammar';
import type { Tok } from '../tokens/lex';
import {
  ParseFailure,
  Cursor,
  type ParseOptions,
  parseOnce,
  failureOffset,
  withName,
} from './parsing';

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
export function reservedWordAt<T>(
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

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
 * Keywords Flink accepts as names, and the tokens a name can start with.
 */
import type { FlinkGrammar } from '../grammar';

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
export const FUNCTION_KEYWORDS = [
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
 * names. statements/reservedWords.ts reads such a keyword as a name where the
 * grammar rejects it as a keyword.
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

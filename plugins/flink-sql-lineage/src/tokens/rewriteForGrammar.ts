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
 * The rewrites that make a statement's tokens fit the grammar: the order they
 * run in, and the standard Flink forms the grammar does not accept.
 */
import {
  detachInsertColumnLists,
  type InsertColumnList,
} from '../dialect/insertColumnLists';
import { hideClausesWithoutLineage } from '../dialect/clausesWithoutLineage';
import { hideFieldsAfterSubscripts } from '../dialect/fieldsAfterSubscripts';
import {
  hideProcessTableFunctions,
  type ModelTableCall,
} from '../dialect/processTableFunctions';
import { readPatternQuantifiers } from '../dialect/patternQuantifiers';
import { readPostfixCollectionTypes } from '../dialect/collectionTypes';
import { wrapBareWindowTvfs } from '../dialect/windowTvfs';
import type { FlinkGrammar } from '../grammar';
import { type Tok, word } from './lex';
import { FUNCTION_KEYWORDS, nameKeywords } from './keywords';
import { matching, retype, isBacktickName } from './tokenOps';
import { typeKeywords, hideTypeAnnotations } from './typeAnnotations';
import { detachClauses } from './detachClauses';
import { unquoteIdentifier } from './text';

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
 *     dialect/collectionTypes.ts);
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
    // (`(json STRING`); this saves the parse retries statements/parsing.ts
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

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
import { FlinkSqlInputError } from './errors';
import { loadFlinkGrammar, type FlinkGrammar } from './grammar';
import {
  DEFAULT_LIMITS,
  asInputError,
  checkLength,
  checkNesting,
  startBudget,
} from './limits';
import { QueryLineage } from './query/queryLineage';
import { resourceStatement } from './resourceStatements';
import { parseStatement } from './statements/parseStatement';
import { lex, tokenError, type Tok } from './tokens/lex';
import { rewriteForGrammar } from './tokens/rewriteForGrammar';
import { splitStatements } from './tokens/splitStatements';
import type { ExtractFlinkLineageOptions, FlinkLineage } from './types';
import { buildCreateTable } from './lineage/createTable';
import { buildGrammarStatement } from './lineage/grammarStatement';
import { LineageBuilder } from './lineage/lineageBuilder';
import { applyPrelude } from './lineage/prelude';

function emptyLineage(
  kind: string,
  properties: Record<string, string>,
): FlinkLineage {
  return {
    kind,
    sinks: [],
    sources: [],
    columns: [],
    properties,
    controlColumns: [],
    warnings: [],
  };
}

/**
 * Parses one Flink SQL statement (Confluent Cloud dialect), optionally
 * preceded by `SET 'key' = 'value';` and `USE …;` statements, and returns
 * its table and column lineage.
 *
 * Throws {@link FlinkSqlInputError} (named `InputError`) for invalid SQL, with the line and column of the
 * first problem (`Invalid Flink SQL at line 3, column 14: …`), for more
 * than one statement after the SET / USE prelude (wrap several INSERT INTO
 * statements in `EXECUTE STATEMENT SET BEGIN … END`), and for SQL beyond
 * the limits of the options (length, nesting depth, work).
 *
 * @public
 */
export function extractFlinkLineage(
  sql: string,
  options: ExtractFlinkLineageOptions = {},
): FlinkLineage {
  if (typeof sql !== 'string') {
    throw new FlinkSqlInputError('Flink SQL must be a string');
  }
  checkLength(sql, options.maxLength ?? DEFAULT_LIMITS.maxLength);
  const g = loadFlinkGrammar();
  const endBudget = startBudget(
    options.maxWorkSteps ?? DEFAULT_LIMITS.maxWorkSteps,
  );
  try {
    return analyse(g, sql, options);
  } catch (error) {
    throw asInputError(error);
  } finally {
    endBudget();
  }
}

function analyse(
  g: FlinkGrammar,
  sql: string,
  options: ExtractFlinkLineageOptions,
): FlinkLineage {
  const lexed = lex(g, sql);
  checkNesting(
    g,
    lexed,
    options.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth,
  );
  const statements = splitStatements(g, lexed);
  if (statements.length === 0) {
    throw new FlinkSqlInputError('Invalid Flink SQL: the statement is empty');
  }
  const properties: Record<string, string> = {};
  let preludeKind: string | undefined;
  let main: Tok[] | undefined;
  for (const { tokens } of statements) {
    if (main) {
      const isPrelude = [
        g.FlinkSqlLexer.KW_SET,
        g.FlinkSqlLexer.KW_RESET,
        g.FlinkSqlLexer.KW_USE,
      ].includes(tokens[0].type);
      throw tokenError(
        tokens[0],
        isPrelude
          ? 'SET and USE statements must come before the statement'
          : 'only one statement is allowed after the SET and USE statements; use EXECUTE STATEMENT SET BEGIN … END to run several INSERT INTO statements together',
      );
    }
    const kind = applyPrelude(g, tokens, properties);
    if (kind) {
      preludeKind = kind;
    } else {
      main = tokens;
    }
  }
  if (!main) {
    return emptyLineage(preludeKind!, properties);
  }

  const resource = resourceStatement(g, main);
  if (resource) {
    return {
      ...emptyLineage(resource.kind, properties),
      ...(resource.target ? { target: resource.target } : {}),
    };
  }
  const rewritten = rewriteForGrammar(g, main);
  const parsed = parseStatement(g, rewritten);
  const result = emptyLineage('OTHER', properties);
  if (parsed.type === 'alter-table') {
    result.kind = parsed.materialized
      ? 'ALTER_MATERIALIZED_TABLE'
      : 'ALTER_TABLE';
    result.alteration = parsed.alteration;
    result.target = parsed.alteration.table;
    return result;
  }
  const analysis = new QueryLineage(
    g,
    parsed.tokens,
    rewritten.tvfAliases,
    parsed.clauses,
    options,
    rewritten.modelCalls,
  );
  const builder = new LineageBuilder(
    result,
    analysis,
    options,
    rewritten.insertColumns,
  );
  if (parsed.type === 'create-table') {
    buildCreateTable(builder, parsed);
  } else {
    buildGrammarStatement(builder, parsed);
  }
  return builder.finish(rewritten.warnings);
}

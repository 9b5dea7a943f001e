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
 * … INTO n BUCKETS`, `ALTER TABLE … MODIFY WATERMARK`, …), are parsed
 * clause by clause, each clause by the grammar rule for it (table paths,
 * column definitions, watermarks, constraints, options, the query): one
 * file per statement kind (createTable.ts, alterTable.ts), the clause
 * parsers they share (schema.ts, names.ts), the parse machinery
 * (parsing.ts, with the reserved-word hints of reservedWords.ts) and the
 * detached clauses (detachedClauses.ts).
 *
 * This file: one statement to its parse: CREATE and ALTER TABLE here, where
 * Confluent's dialect differs, any other statement by the grammar's
 * `sqlStatement` rule.
 */
import type * as antlr from 'antlr4ng';
import type { FlinkGrammar } from '../grammar';
import { word } from '../tokens/lex';
import type { RewrittenTokens } from '../tokens/rewriteForGrammar';
import type { ParsedStatement } from './parsed';
import { Cursor, runParse } from './parsing';
import { parseDetachedClauses } from './detachedClauses';
import { parseCreateTable } from './createTable';
import { parseAlterTable } from './alterTable';

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

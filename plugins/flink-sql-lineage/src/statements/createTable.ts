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
 * CREATE [MATERIALIZED] TABLE, with AS query (CTAS) or LIKE, clause by clause.
 */
import type {
  ColumnNameListContext,
  QueryStatementContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { nameStarts } from '../tokens/keywords';
import { typeText, unquoteString } from '../tokens/text';
import { word } from '../tokens/lex';
import type { FlinkTableDefinition } from '../types';
import type { ParsedCreateTable } from './parsed';
import { Cursor } from './parsing';
import { tableRefOf, propertiesOf } from './names';
import {
  type SchemaElements,
  schemaElementList,
  markPrimaryKeyNotNull,
  distribution,
} from './schema';

/**
 * `CREATE [OR REPLACE | OR ALTER] [TEMPORARY] [MATERIALIZED] TABLE
 *  [IF NOT EXISTS] name [( elements ) | ( column names )] [COMMENT '…']
 *  [DISTRIBUTED BY [HASH](cols) [INTO n BUCKETS] | DISTRIBUTED INTO n
 *  BUCKETS] [PARTITIONED BY (cols)] [WITH (options)] [START_MODE = mode]
 *  [LIKE source [(options)] | AS query]`. OR ALTER, a list of bare column
 *  names and START_MODE belong to materialized tables only.
 */
export function parseCreateTable(cursor: Cursor): ParsedCreateTable {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  let orReplace = false;
  let orAlter = false;
  // `ALTER MATERIALIZED TABLE t … AS query` evolves the query of an
  // existing materialized table, as CREATE OR ALTER does.
  const alter = cursor.acceptType(L.KW_ALTER);
  if (alter) {
    orAlter = true;
    if (!cursor.isWord('MATERIALIZED')) {
      cursor.unexpected('MATERIALIZED');
    }
  } else {
    cursor.expectType(L.KW_CREATE, 'CREATE');
  }
  if (!alter && cursor.acceptType(L.KW_OR)) {
    const alterWord = cursor.peek();
    orAlter = cursor.acceptType(L.KW_ALTER);
    if (orAlter) {
      if (!cursor.isWord('MATERIALIZED')) {
        cursor.fail(
          'CREATE OR ALTER is only for MATERIALIZED TABLE',
          alterWord,
        );
      }
    } else {
      cursor.expectWord('REPLACE');
      orReplace = true;
    }
  }
  const temporary = cursor.acceptType(L.KW_TEMPORARY);
  const materialized = cursor.acceptWord('MATERIALIZED');
  cursor.expectType(L.KW_TABLE, 'TABLE');
  let ifNotExists = false;
  if (alter && cursor.isType(L.KW_IF)) {
    parser.ifExists();
  } else if (cursor.isType(L.KW_IF)) {
    parser.ifNotExists();
    ifNotExists = true;
  }
  const name = tableRefOf(parser.tablePathCreate(), cursor);
  const elements: SchemaElements = {
    columns: [],
    computed: [],
    computedExpressions: [],
  };
  let columnNames: ColumnNameListContext | undefined;
  if (materialized && isColumnNameList(cursor)) {
    // `CREATE MATERIALIZED TABLE t (a, b) AS …`: names for the query's
    // columns, in order, as a view's column list.
    columnNames = parser.columnNameList();
  } else if (cursor.isType(L.LR_BRACKET)) {
    schemaElementList(cursor, elements);
  }
  markPrimaryKeyNotNull(elements);

  const table: FlinkTableDefinition = {
    name,
    columns: elements.columns,
    computedColumns: elements.computed,
    options: {},
    ...(elements.primaryKey ? { primaryKey: elements.primaryKey } : {}),
    ...(elements.watermark ? { watermark: elements.watermark } : {}),
    ...(orReplace ? { orReplace } : {}),
    ...(materialized ? { materialized } : {}),
    ...(orAlter ? { orAlter } : {}),
    ...(ifNotExists ? { ifNotExists } : {}),
    ...(temporary ? { temporary } : {}),
  };

  if (cursor.acceptType(L.KW_COMMENT)) {
    table.comment = unquoteString(
      cursor.expectType(L.STRING_LITERAL, 'a comment string').text ?? '',
    );
  }
  if (cursor.acceptWord('DISTRIBUTED')) {
    table.distributedBy = distribution(cursor);
  }
  if (cursor.isType(L.KW_PARTITIONED)) {
    const partition = parser.partitionDefinition();
    table.partitionedBy = partition
      .transformList()
      .transform()
      .map(t => cursor.text(t));
  }
  if (cursor.isType(L.KW_WITH)) {
    table.options = propertiesOf(parser.withOption().tablePropertyList());
  }
  if (materialized && cursor.acceptWord('START_MODE')) {
    cursor.expectType(L.EQUAL_SYMBOL, "'='");
    table.startMode = startMode(cursor);
  }
  let query: QueryStatementContext | undefined;
  if (cursor.isType(L.KW_LIKE)) {
    table.like = tableRefOf(parser.likeDefinition().tablePath(), cursor);
  } else if (cursor.acceptType(L.KW_AS)) {
    query = parser.queryStatement();
  }
  cursor.expectEnd();
  if (alter && !query) {
    cursor.fail(
      'ALTER MATERIALIZED TABLE needs AS SELECT, or ADD, MODIFY, DROP WATERMARK, SET, RESET, SUSPEND or RESUME',
      cursor.tokens[0],
    );
  }
  if (
    !query &&
    table.columns.length === 0 &&
    table.computedColumns.length === 0 &&
    !table.like
  ) {
    cursor.fail(
      'CREATE TABLE needs a column list, LIKE or AS SELECT',
      cursor.tokens[0],
    );
  }
  if (materialized && !query) {
    cursor.fail('CREATE MATERIALIZED TABLE needs AS SELECT', cursor.tokens[0]);
  }
  return {
    type: 'create-table',
    tokens: cursor.tokens,
    clauses: new Map(),
    table,
    materialized,
    ...(alter ? { alter } : {}),
    query,
    ...(columnNames ? { columnNames } : {}),
    computed: elements.computedExpressions,
  };
}

/** `( name, name … )` with nothing but names: a column list, not a schema. */
function isColumnNameList(cursor: Cursor): boolean {
  const L = cursor.g.FlinkSqlLexer;
  if (!cursor.isType(L.LR_BRACKET)) {
    return false;
  }
  const names = nameStarts(cursor.g);
  for (let k = 2; ; k += 2) {
    const name = cursor.peek(k);
    const after = cursor.peek(k + 1).type;
    const isName =
      names.has(name.type) ||
      (name.type === L.STRING_LITERAL && (name.text ?? '').startsWith('`'));
    if (!isName || (after !== L.COMMA && after !== L.RR_BRACKET)) {
      return false;
    }
    if (after === L.RR_BRACKET) {
      return true;
    }
  }
}

/** The start modes of a materialized table; the `FROM_NOW` / `FROM_TIMESTAMP` forms take an argument. */
const START_MODES = [
  'FROM_BEGINNING',
  'FROM_NOW',
  'FROM_TIMESTAMP',
  'RESUME_OR_FROM_BEGINNING',
  'RESUME_OR_FROM_NOW',
  'RESUME_OR_FROM_TIMESTAMP',
];

/** `START_MODE = mode[(argument)]`, after the `=`; returns the mode as written. */
function startMode(cursor: Cursor): string {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  const mode = cursor.peek();
  const upper = word(mode);
  if (!START_MODES.includes(upper)) {
    cursor.unexpected(START_MODES.join(', '));
  }
  cursor.next();
  const from = mode.tokenIndex;
  const takesArgument = upper.endsWith('NOW') || upper.endsWith('TIMESTAMP');
  if (upper.endsWith('TIMESTAMP') && !cursor.isType(L.LR_BRACKET)) {
    cursor.unexpected("'('");
  }
  if (takesArgument && cursor.acceptType(L.LR_BRACKET)) {
    parser.expression();
    cursor.expectType(L.RR_BRACKET, "')'");
  }
  return typeText(cursor.tokens, from, cursor.peek().tokenIndex - 1);
}

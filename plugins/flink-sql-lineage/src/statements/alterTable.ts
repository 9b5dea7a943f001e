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
 * ALTER [MATERIALIZED] TABLE that changes a table's definition.
 */
import { unquoteIdentifier, unquoteString } from '../tokens/text';
import type { FlinkTableAlteration } from '../types';
import type { ParsedAlterTable } from './parsed';
import { Cursor } from './parsing';
import { identifierParts, tableRefOf, propertiesOf } from './names';
import {
  type SchemaElements,
  schemaElement,
  schemaElementList,
  markPrimaryKeyNotNull,
  distribution,
} from './schema';

/**
 * `ALTER TABLE [IF EXISTS] name { MODIFY WATERMARK FOR col AS expr | DROP
 *  WATERMARK | ADD element | ADD (elements) | MODIFY element | MODIFY
 *  (elements) | DROP PRIMARY KEY | DROP CONSTRAINT name | DROP col | DROP
 *  (cols) | SET (options) | RESET (keys) | RENAME TO name | RENAME col TO
 *  col }`
 */
export function parseAlterTable(cursor: Cursor): ParsedAlterTable {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  cursor.expectType(L.KW_ALTER, 'ALTER');
  const materialized = cursor.acceptWord('MATERIALIZED');
  cursor.expectType(L.KW_TABLE, 'TABLE');
  if (cursor.isType(L.KW_IF)) {
    parser.ifExists();
  }
  const table = tableRefOf(parser.tablePath(), cursor);
  let alteration: FlinkTableAlteration;

  const elementsChange = (
    operation: 'ADD' | 'MODIFY',
  ): FlinkTableAlteration => {
    const elements: SchemaElements = {
      columns: [],
      computed: [],
      computedExpressions: [],
    };
    if (cursor.isType(L.LR_BRACKET)) {
      schemaElementList(cursor, elements, true);
    } else {
      schemaElement(cursor, elements, true);
    }
    markPrimaryKeyNotNull(elements);
    if (
      operation === 'MODIFY' &&
      elements.watermark &&
      elements.columns.length === 0 &&
      elements.computed.length === 0 &&
      !elements.primaryKey
    ) {
      return {
        table,
        operation: 'MODIFY_WATERMARK',
        watermark: elements.watermark,
      };
    }
    return {
      table,
      operation,
      ...(elements.columns.length ? { columns: elements.columns } : {}),
      ...(elements.computed.length
        ? { computedColumns: elements.computed }
        : {}),
      ...(elements.primaryKey ? { primaryKey: elements.primaryKey } : {}),
      ...(elements.watermark ? { watermark: elements.watermark } : {}),
    };
  };

  if (
    (cursor.isType(L.KW_MODIFY) || cursor.isType(L.KW_ADD)) &&
    cursor.isWord('DISTRIBUTION', 2)
  ) {
    // `ADD | MODIFY DISTRIBUTION [BY [HASH](cols)] [INTO n BUCKETS]`.
    const add = cursor.isType(L.KW_ADD);
    cursor.next();
    cursor.expectWord('DISTRIBUTION');
    alteration = {
      table,
      operation: add ? 'ADD_DISTRIBUTION' : 'MODIFY_DISTRIBUTION',
      distributedBy: distribution(cursor),
    };
  } else if (cursor.acceptType(L.KW_MODIFY)) {
    alteration = elementsChange('MODIFY');
  } else if (cursor.acceptType(L.KW_ADD)) {
    alteration = elementsChange('ADD');
  } else if (cursor.acceptType(L.KW_DROP)) {
    if (cursor.acceptWord('DISTRIBUTION')) {
      alteration = { table, operation: 'DROP_DISTRIBUTION' };
    } else if (cursor.acceptType(L.KW_WATERMARK)) {
      alteration = { table, operation: 'DROP_WATERMARK' };
    } else if (cursor.acceptType(L.KW_PRIMARY)) {
      cursor.expectType(L.KW_KEY, 'KEY');
      alteration = { table, operation: 'DROP_PRIMARY_KEY' };
    } else if (cursor.acceptType(L.KW_CONSTRAINT)) {
      alteration = {
        table,
        operation: 'DROP_CONSTRAINT',
        names: [unquoteIdentifier(parser.constraintName().getText())],
      };
    } else if (cursor.isType(L.LR_BRACKET)) {
      alteration = {
        table,
        operation: 'DROP_COLUMNS',
        names: parser
          .columnNameList()
          .columnName()
          .map(c => identifierParts(c.uidAllowEmpty()!).join('.')),
      };
    } else {
      alteration = {
        table,
        operation: 'DROP_COLUMNS',
        names: [
          identifierParts(parser.columnName().uidAllowEmpty()!).join('.'),
        ],
      };
    }
  } else if (cursor.acceptType(L.KW_SET)) {
    alteration = {
      table,
      operation: 'SET_OPTIONS',
      options: propertiesOf(parser.tablePropertyList()),
    };
  } else if (cursor.acceptType(L.KW_RESET)) {
    cursor.expectType(L.LR_BRACKET, "'('");
    const resetKeys: string[] = [];
    do {
      resetKeys.push(unquoteString(parser.tablePropertyKey().getText()));
    } while (cursor.acceptType(L.COMMA));
    cursor.expectType(L.RR_BRACKET, "',' or ')'");
    alteration = { table, operation: 'RESET_OPTIONS', resetKeys };
  } else if (cursor.acceptType(L.KW_RENAME)) {
    if (cursor.acceptType(L.KW_TO)) {
      alteration = {
        table,
        operation: 'RENAME_TABLE',
        newName: tableRefOf(parser.tablePath(), cursor),
      };
    } else {
      const from = identifierParts(parser.columnName().uidAllowEmpty()!).join(
        '.',
      );
      cursor.expectType(L.KW_TO, 'TO');
      const to = identifierParts(parser.columnName().uidAllowEmpty()!).join(
        '.',
      );
      alteration = {
        table,
        operation: 'RENAME_COLUMN',
        renameColumn: { from, to },
      };
    }
  } else {
    cursor.unexpected('MODIFY, ADD, DROP, SET, RESET or RENAME');
  }
  cursor.expectEnd();
  return {
    type: 'alter-table',
    tokens: cursor.tokens,
    clauses: new Map(),
    alteration,
    ...(materialized ? { materialized } : {}),
  };
}

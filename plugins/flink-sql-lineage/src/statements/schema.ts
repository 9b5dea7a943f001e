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
 * Table schemas of CREATE and ALTER TABLE: column definitions, computed
 * columns, watermarks, constraints and distribution.
 */
import type * as antlr from 'antlr4ng';
import type {
  ColumnOptionDefinitionContext,
  ExpressionContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { typeText, unquoteIdentifier, unquoteString } from '../tokens/text';
import type {
  ComputedColumnDefinition,
  TableColumnDefinition,
  WatermarkDefinition,
} from '../types';
import { Cursor } from './parsing';
import { identifierParts } from './names';

export interface SchemaElements {
  columns: TableColumnDefinition[];
  computed: ComputedColumnDefinition[];
  computedExpressions: { name: string; expression: ExpressionContext }[];
  primaryKey?: string[];
  watermark?: WatermarkDefinition;
}

function columnDefinition(
  cursor: Cursor,
  ctx: ColumnOptionDefinitionContext,
  table: SchemaElements,
): void {
  const physical = ctx.physicalColumnDefinition();
  const metadata = ctx.metadataColumnDefinition();
  const computed = ctx.computedColumnDefinition();
  const nameCtx = (physical ?? metadata ?? computed)!.columnNameCreate();
  const uid = nameCtx.uid();
  if (!uid || uid.identifier().length !== 1) {
    cursor.fail('expected a column name', nameCtx.start!);
  }
  const name = unquoteIdentifier(uid.getText());
  const commentOf = (c: { _comment?: antlr.Token | null }) =>
    c._comment?.text ? unquoteString(c._comment.text) : undefined;
  if (physical) {
    const type = physical.columnType();
    const constraint = physical.columnConstraint();
    const L = cursor.g.FlinkSqlLexer;
    const isPrimaryKey = Boolean(constraint?.getToken(L.KW_PRIMARY, 0));
    if (isPrimaryKey) {
      if (table.primaryKey) {
        cursor.fail('a table has at most one primary key', constraint!.start!);
      }
      table.primaryKey = [name];
    }
    const notNull = Boolean(
      constraint?.getToken(L.KW_NOT, 0) && constraint?.getToken(L.KW_NULL, 0),
    );
    table.columns.push({
      name,
      type: typeText(
        cursor.tokens,
        type.start!.tokenIndex,
        type.stop!.tokenIndex,
      ),
      nullable: !(notNull || isPrimaryKey),
      kind: 'physical',
      ...(commentOf(physical) !== undefined
        ? { comment: commentOf(physical) }
        : {}),
    });
  } else if (metadata) {
    const type = metadata.columnType();
    const key = metadata.metadataKey();
    table.columns.push({
      name,
      type: typeText(
        cursor.tokens,
        type.start!.tokenIndex,
        type.stop!.tokenIndex,
      ),
      nullable: true,
      kind: 'metadata',
      ...(key ? { metadataKey: unquoteString(key.getText()) } : {}),
      virtual: metadata.getToken(cursor.g.FlinkSqlLexer.KW_VIRTUAL, 0) !== null,
    });
  } else if (computed) {
    const expression = computed.computedColumnExpression().expression();
    table.computed.push({
      name,
      expression: cursor.text(expression),
      ...(commentOf(computed) !== undefined
        ? { comment: commentOf(computed) }
        : {}),
    });
    table.computedExpressions.push({ name, expression });
  }
}

/**
 * Parses one schema element (column, WATERMARK, PRIMARY KEY) into `into`.
 * In ALTER TABLE (`positioned`) a column may end with `FIRST` or
 * `AFTER column`, which place it and carry no lineage.
 */
export function schemaElement(
  cursor: Cursor,
  into: SchemaElements,
  positioned = false,
): void {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  if (cursor.isType(L.KW_WATERMARK)) {
    if (into.watermark) {
      cursor.fail('a table has at most one watermark');
    }
    const watermark = parser.watermarkDefinition();
    into.watermark = {
      column: identifierParts(watermark.columnName().uidAllowEmpty()!).join(
        '.',
      ),
      expression: cursor.text(watermark.expression()),
    };
  } else if (cursor.isType(L.KW_PRIMARY) || cursor.isType(L.KW_CONSTRAINT)) {
    if (into.primaryKey) {
      cursor.fail('a table has at most one primary key');
    }
    const constraint = parser.tableConstraint();
    into.primaryKey = constraint
      .columnNameList()
      .columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
  } else {
    columnDefinition(cursor, parser.columnOptionDefinition(), into);
    if (
      positioned &&
      !cursor.acceptWord('FIRST') &&
      cursor.acceptWord('AFTER')
    ) {
      parser.columnName();
    }
  }
}

/** Parses `( element, … )`. */
export function schemaElementList(
  cursor: Cursor,
  into: SchemaElements,
  positioned = false,
): void {
  const L = cursor.g.FlinkSqlLexer;
  cursor.expectType(L.LR_BRACKET, "'('");
  do {
    schemaElement(cursor, into, positioned);
  } while (cursor.acceptType(L.COMMA));
  cursor.expectType(L.RR_BRACKET, "',' or ')'");
}

/** Flink makes primary key columns NOT NULL. */
export function markPrimaryKeyNotNull(into: SchemaElements): void {
  for (const key of into.primaryKey ?? []) {
    // With AS SELECT the key may name an undeclared query column.
    const column = into.columns.find(c => c.name === key);
    if (column) {
      column.nullable = false;
    }
  }
}

/** `[BY [HASH](cols)] [INTO n BUCKETS]`, at least one of them. */
export function distribution(cursor: Cursor): {
  columns: string[];
  buckets?: number;
} {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  const distributedBy: { columns: string[]; buckets?: number } = {
    columns: [],
  };
  if (cursor.acceptType(L.KW_BY)) {
    cursor.acceptWord('HASH');
    distributedBy.columns = parser
      .columnNameList()
      .columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
  }
  if (cursor.acceptType(L.KW_INTO)) {
    const count = cursor.expectType(L.DIG_LITERAL, 'a bucket count');
    distributedBy.buckets = Number(count.text);
    cursor.expectWord('BUCKETS');
  } else if (distributedBy.columns.length === 0) {
    cursor.unexpected('BY or INTO');
  }
  return distributedBy;
}

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
 * Names and options of parsed statements: identifier paths, table
 * references, WITH / SET properties.
 */
import type * as antlr from 'antlr4ng';
import type {
  TablePathContext,
  TablePathCreateContext,
  TablePropertyListContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { unquoteIdentifier, unquoteString } from '../tokens/text';
import type { TableRef } from '../types';
import { Cursor } from './parsing';

/** Identifier parts of a rule made of `identifier (DOT identifier)*`. */
export function identifierParts(ctx: antlr.ParserRuleContext): string[] {
  const parts: string[] = [];
  // Rule children are identifiers; terminal children are the dots.
  for (const child of ctx.children ?? []) {
    if (child.getChildCount() > 0) {
      parts.push(unquoteIdentifier(child.getText()));
    }
  }
  return parts;
}

/** A table reference from a table path rule (`a`, `a.b`, `a.b.c`). */
export function tableRefOf(
  ctx: TablePathContext | TablePathCreateContext | antlr.ParserRuleContext,
  cursor?: Cursor,
): TableRef {
  const parts = identifierParts(ctx);
  if (parts.length > 3 && cursor) {
    cursor.fail(
      'a table name has at most three parts (catalog.database.table)',
      ctx.start!,
    );
  }
  return tableRefOfParts(parts);
}

/** A table reference from the parts of a name (`[catalog.][database.]table`). */
export function tableRefOfParts(parts: string[]): TableRef {
  if (parts.length >= 3) {
    return { catalog: parts[0], database: parts[1], table: parts[2] };
  }
  if (parts.length === 2) {
    return { database: parts[0], table: parts[1] };
  }
  return { table: parts[0] };
}

/** WITH / SET options as a plain record, values unquoted. */
export function propertiesOf(
  list: TablePropertyListContext,
): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const property of list.tableProperty()) {
    const key = unquoteString(property.tablePropertyKey().getText());
    const value = property.tablePropertyValue();
    properties[key] = value ? unquoteString(value.getText()) : '';
  }
  return properties;
}

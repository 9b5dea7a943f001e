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
 * The SET / USE prelude before a statement: its properties.
 */
import type { FlinkGrammar } from '../grammar';
import { identifierParts } from '../statements/names';
import { runParse } from '../statements/parsing';
import { unquoteIdentifier, unquoteString } from '../tokens/text';
import type { Tok } from '../tokens/lex';

/** Prelude statements (SET, RESET, USE) fold into the properties. */
export function applyPrelude(
  g: FlinkGrammar,
  tokens: Tok[],
  properties: Record<string, string>,
): string | undefined {
  const L = g.FlinkSqlLexer;
  const type = tokens[0].type;
  if (type !== L.KW_SET && type !== L.KW_RESET && type !== L.KW_USE) {
    return undefined;
  }
  const statement = runParse(g, tokens, cursor => {
    const ctx = cursor.parser.sqlStatement();
    cursor.expectEnd();
    return ctx;
  });
  const set = statement.setStatement();
  if (set) {
    const property = set.tableProperty();
    if (property) {
      const value = property.tablePropertyValue();
      properties[unquoteString(property.tablePropertyKey().getText())] = value
        ? unquoteString(value.getText())
        : '';
    }
    return 'SET';
  }
  const reset = statement.resetStatement();
  if (reset) {
    const key = reset.tablePropertyKey();
    if (key) {
      delete properties[unquoteString(key.getText())];
    } else {
      for (const k of Object.keys(properties)) {
        delete properties[k];
      }
    }
    return 'RESET';
  }
  const use = statement.useStatement()!;
  const catalog = use.catalogPath();
  if (catalog) {
    properties['sql.current-catalog'] = unquoteIdentifier(catalog.getText());
    return 'USE_CATALOG';
  }
  const database = use.databasePath();
  if (database) {
    const parts = identifierParts(database);
    if (parts.length === 2) {
      properties['sql.current-catalog'] = parts[0];
    }
    properties['sql.current-database'] = parts[parts.length - 1];
    return 'USE';
  }
  return 'USE_MODULES';
}

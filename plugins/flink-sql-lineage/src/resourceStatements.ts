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
 * Statements about Confluent Cloud objects the grammar does not know —
 * models, agents, tools, connections — and the DROP / ALTER / SHOW /
 * DESCRIBE forms of materialized tables (ALTER MATERIALIZED TABLE only to
 * SUSPEND, RESUME or REFRESH it; its other forms are parsed as ALTER TABLE
 * and CREATE OR ALTER MATERIALIZED TABLE are). None moves data: the
 * library reads what kind of statement it is and the object it names.
 */
import type { FlinkGrammar } from './grammar';
import { tableRefOfParts } from './statements/names';
import { isBacktickName } from './tokens/tokenOps';
import { nameStarts } from './tokens/keywords';
import { tokenError, word, type Tok } from './tokens/lex';
import { unquoteIdentifier } from './tokens/text';
import type { TableRef } from './types';

/** A statement of this file: its kind (`CREATE_MODEL`, `SHOW_MATERIALIZED_TABLES`, …) and object. */
export interface ResourceStatement {
  kind: string;
  target?: TableRef;
}

const OBJECTS = ['MODEL', 'AGENT', 'TOOL', 'CONNECTION'];

/** Reads the statement when it is one of this file's, else undefined. */
export function resourceStatement(
  g: FlinkGrammar,
  tokens: Tok[],
): ResourceStatement | undefined {
  const words = tokens.slice(0, 8).map(t => word(t));
  let k = 0;
  const accept = (...options: string[]) => {
    if (options.includes(words[k])) {
      k++;
      return true;
    }
    return false;
  };
  // `MATERIALIZED TABLE` or one of OBJECTS; returns the kind's suffix.
  const object = (plural: boolean): string | undefined => {
    if (
      words[k] === 'MATERIALIZED' &&
      words[k + 1] === (plural ? 'TABLES' : 'TABLE')
    ) {
      k += 2;
      return plural ? 'MATERIALIZED_TABLES' : 'MATERIALIZED_TABLE';
    }
    const found = OBJECTS.find(o => words[k] === (plural ? `${o}S` : o));
    if (found) {
      k++;
      return plural ? `${found}S` : found;
    }
    return undefined;
  };
  const verb = words[0];
  k = 1;
  if (verb === 'CREATE') {
    if (accept('OR')) {
      accept('REPLACE');
    }
    accept('TEMPORARY');
    const what = object(false);
    if (!what || what === 'MATERIALIZED_TABLE') {
      return undefined;
    }
    if (accept('IF')) {
      k += 2; // NOT EXISTS
    }
    return { kind: `CREATE_${what}`, target: name(g, tokens, k) };
  }
  if (verb === 'DROP' || verb === 'ALTER') {
    accept('TEMPORARY');
    const what = object(false);
    if (!what) {
      return undefined;
    }
    if (accept('IF')) {
      k++; // EXISTS
    }
    const target = name(g, tokens, k);
    const after = tokens[k + 2 * Object.keys(target).length - 1];
    if (
      verb === 'ALTER' &&
      what === 'MATERIALIZED_TABLE' &&
      !['SUSPEND', 'RESUME', 'REFRESH'].includes(word(after))
    ) {
      // A new query (`… AS SELECT`) or a change of the definition, as
      // ALTER TABLE makes: statements/alterTable.ts parses it.
      return undefined;
    }
    return { kind: `${verb}_${what}`, target };
  }
  if (verb === 'DESCRIBE' || verb === 'DESC') {
    const extended = accept('EXTENDED');
    const what = object(false);
    if (!what && !extended) {
      return undefined;
    }
    return {
      kind: what ? `DESCRIBE_${what}` : 'DESCRIBE',
      target: name(g, tokens, k),
    };
  }
  if (verb === 'SHOW') {
    if (accept('CREATE')) {
      const what = object(false);
      return what
        ? { kind: `SHOW_CREATE_${what}`, target: name(g, tokens, k) }
        : undefined;
    }
    const what = object(true);
    return what ? { kind: `SHOW_${what}` } : undefined;
  }
  return undefined;
}

/** The `[catalog.][database.]name` at token `k`; the statement must go on or end after it. */
function name(g: FlinkGrammar, tokens: Tok[], k: number): TableRef {
  const names = nameStarts(g);
  const parts: string[] = [];
  let i = k;
  for (;;) {
    const token = tokens[i];
    if (!token || !(names.has(token.type) || isBacktickName(g, token))) {
      throw tokenError(token ?? tokens[tokens.length - 1], 'expected a name');
    }
    parts.push(unquoteIdentifier(token.text ?? ''));
    if (tokens[i + 1]?.type !== g.FlinkSqlLexer.DOT || parts.length === 3) {
      return tableRefOfParts(parts);
    }
    i += 2;
  }
}

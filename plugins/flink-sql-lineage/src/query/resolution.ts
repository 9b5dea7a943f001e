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
 * Column resolution: a column reference to the relation column it reads and its lineage.
 */
import type * as antlr from 'antlr4ng';
import { tokenError } from '../tokens/lex';
import { unquoteIdentifier } from '../tokens/text';
import {
  type Col,
  type Relation,
  Scope,
  type Mode,
  type Acc,
  uniqueSources,
  withField,
  findByName,
  isSystemColumn,
} from './scope';
import type { QueryLineage } from './queryLineage';
import { modelColumn } from './modelRelations';

export function uidInfo(
  ql: QueryLineage,
  ctx: antlr.ParserRuleContext,
): {
  parts: string[];
  literal: boolean;
} {
  const L = ql.g.FlinkSqlLexer;
  const identifiers = (ctx.children ?? []).filter(
    c => c.getChildCount() > 0,
  ) as antlr.ParserRuleContext[];
  const parts = identifiers.map(i => unquoteIdentifier(i.getText()));
  let literal = false;
  if (identifiers.length === 1) {
    const token = identifiers[0].start!;
    const first = (token.text ?? '').charAt(0);
    literal =
      token.type === L.DIG_LITERAL ||
      (token.type === L.STRING_LITERAL && (first === "'" || first === '"'));
  }
  return { parts, literal };
}

export function columnOf(
  ql: QueryLineage,
  relation: Relation,
  name: string,
  at: antlr.Token,
  strict: boolean,
): Col | undefined {
  const col = findByName(relation.columns, name, c => c.name);
  if (col) {
    return col;
  }
  if (relation.model) {
    return modelColumn(ql, relation, name, at);
  }
  if (relation.derived) {
    return { name, ...relation.derived.col };
  }
  // A base table's columns not listed are read as written; so are its
  // system columns, which no column list holds.
  if (relation.table && (!relation.complete || isSystemColumn(name))) {
    return {
      name,
      sources: [{ table: relation.table, column: name }],
      direct: true,
      expression: name,
      transforms: [],
    };
  }
  const stars = relation.columns.filter(c => c.star);
  if (stars.length) {
    // A column reaching us through `*` of a table with unknown columns.
    return {
      name,
      sources: stars.map(s => ({ table: s.star!, column: name })),
      direct: true,
      expression: name,
      transforms: [],
    };
  }
  if (strict) {
    throw tokenError(
      at,
      `column '${name}' not found in ${relation.alias ?? 'the subquery'}`,
    );
  }
  return undefined;
}

/** Resolves a column reference to the column it reads plus a field path. */
export function resolve(
  ql: QueryLineage,
  parts: string[],
  scope: Scope,
  at: antlr.Token,
): { col: Col; path: string[] } | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (parts.length >= 2 && s.patternVars?.has(parts[0])) {
      return resolveUnqualified(ql, parts.slice(1), s, at);
    }
    if (parts.length >= 2) {
      const relation = findByName(s.relations, parts[0], r => r.alias);
      if (relation) {
        const col = columnOf(ql, relation, parts[1], at, true)!;
        return { col, path: parts.slice(2) };
      }
    }
    const unqualified = resolveUnqualified(ql, parts, s, at);
    if (unqualified) {
      return unqualified;
    }
  }
  ql.warn(`Column '${parts.join('.')}' could not be resolved`);
  return undefined;
}

export function resolveUnqualified(
  ql: QueryLineage,
  parts: string[],
  s: Scope,
  at: antlr.Token,
): { col: Col; path: string[] } | undefined {
  const [name, ...path] = parts;
  const withColumn = s.relations.filter(r =>
    findByName(r.columns, name, c => c.name),
  );
  if (withColumn.length) {
    if (withColumn.length > 1) {
      ql.warn(`Column '${name}' is ambiguous`);
    }
    return {
      col: findByName(withColumn[0].columns, name, c => c.name)!,
      path,
    };
  }
  let open = s.relations.filter(r => !r.complete || r.model);
  if (open.length > 1) {
    // A column a table function reads comes from the table beside it.
    const tables = open.filter(r => !r.derived?.inputs.has(name));
    open = tables.length ? tables : open;
  }
  if (open.length === 1) {
    return { col: columnOf(ql, open[0], name, at, true)!, path };
  }
  if (open.length > 1) {
    const fns = open.filter(r => r.derived).map(r => r.derived!.fn);
    ql.warn(
      fns.length
        ? `Column '${name}' is not qualified and may come from a table or from the output of ${fns.join(
            ', ',
          )}; name the function's columns with AS alias(column, …)`
        : `Column '${name}' is not qualified and may come from any of ${open.length} tables`,
    );
    const cols = open.map(r => columnOf(ql, r, name, at, true)!);
    return {
      col: {
        name,
        sources: uniqueSources(cols.flatMap(c => c.sources)),
        direct: true,
        expression: name,
        transforms: [],
      },
      path,
    };
  }
  const output = s.outputs && findByName(s.outputs, name, c => c.name);
  if (output) {
    return { col: output, path };
  }
  const tables = s.relations.filter(r => r.table);
  if (isSystemColumn(name) && tables.length === 1) {
    return { col: columnOf(ql, tables[0], name, at, true)!, path };
  }
  return undefined;
}

/** The lineage of a resolved reference, following a field path into ROW columns. */
export function referenced(
  resolved: { col: Col; path: string[] } | undefined,
  parts: string[],
): Col {
  if (!resolved) {
    return {
      name: parts[parts.length - 1],
      sources: [],
      direct: false,
      expression: parts.join('.'),
      transforms: [],
    };
  }
  const { col, path } = resolved;
  if (path.length && col.fields) {
    const field = findByName(col.fields, path[0], f => f.name);
    if (field) {
      return {
        name: path[path.length - 1],
        sources: field.sources.map(s => withField(s, path.slice(1))),
        direct: field.direct,
        expression: field.expression,
        transforms: [],
      };
    }
  }
  return {
    ...col,
    sources: col.direct
      ? col.sources.map(s => withField(s, path))
      : col.sources,
    fields: path.length ? undefined : col.fields,
  };
}

export function referenceLineage(
  ql: QueryLineage,
  ctx: antlr.ParserRuleContext,
  scope: Scope,
  mode: Mode,
  acc: Acc,
): void {
  const { parts, literal } = uidInfo(ql, ctx);
  if (literal || parts.length === 0) {
    return;
  }
  const col = referenced(resolve(ql, parts, scope, ctx.start!), parts);
  if (mode.kind === 'value') {
    acc.sources.push(...col.sources);
    if (col.conditions) {
      (acc.conditions ??= []).push(...col.conditions);
    }
  } else {
    for (const source of col.sources) {
      ql.addControl(source, mode.usage);
    }
  }
}

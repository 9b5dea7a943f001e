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
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { loadFlinkGrammar, type FlinkGrammar } from './grammar';
import {
  DEFAULT_LIMITS,
  asInputError,
  checkLength,
  checkNesting,
  startBudget,
} from './limits';
import { QueryLineage, uniqueSources, type Col } from './queryLineage';
import { resourceStatement } from './resourceStatements';
import {
  identifierParts,
  parseStatement,
  runParse,
  tableRefOf,
  type ParsedCreateTable,
  type ParsedGrammarStatement,
} from './statements';
import { tableRefKey } from './tableRef';
import {
  lex,
  rewriteForGrammar,
  splitStatements,
  tokenError,
  unquoteIdentifier,
  unquoteString,
  type RewrittenTokens,
  type Tok,
} from './tokens';
import type {
  ColumnLineage,
  ExtractFlinkLineageOptions,
  FlinkLineage,
  TableColumnDefinition,
  TableRef,
} from './types';

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

function toLineage(
  col: Col,
  sink: TableRef,
  column: string,
  position: number,
): ColumnLineage {
  return {
    sink,
    column,
    sources: col.sources,
    direct: col.direct,
    expression: col.expression,
    transforms: col.transforms,
    position,
    ...(col.fields ? { fields: col.fields } : {}),
    ...(col.conditions ? { conditionalSources: col.conditions } : {}),
  };
}

/** Field names of a declared ROW type (`ROW<street STRING, city STRING>`), top level only. */
function rowFieldNames(type: string): string[] | undefined {
  const match = /^ROW\s*[<(]([\s\S]*)[>)]$/i.exec(type.trim());
  if (!match) {
    return undefined;
  }
  const names: string[] = [];
  let depth = 0;
  let current = '';
  // Inside a backticked name or a field description ('…, …'), if any.
  let quote = '';
  for (const ch of `${match[1]},`) {
    if (quote) {
      // A doubled quote closes and reopens: the net state is the same.
      quote = ch === quote ? '' : quote;
    } else if (ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '<' || ch === '(') {
      depth++;
    } else if (ch === '>' || ch === ')') {
      depth--;
    }
    if (ch === ',' && depth === 0 && !quote) {
      const name = /^\s*(`(?:[^`]|``)*`|\S+)/.exec(current)?.[1];
      if (name) {
        names.push(unquoteIdentifier(name));
      }
      current = '';
    } else {
      current += ch;
    }
  }
  return names;
}

/** Prelude statements (SET, RESET, USE) fold into the properties. */
function applyPrelude(
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

class LineageBuilder {
  readonly result: FlinkLineage;
  readonly analysis: QueryLineage;
  readonly #options: ExtractFlinkLineageOptions;
  readonly #insertColumns: RewrittenTokens['insertColumns'];

  constructor(
    result: FlinkLineage,
    analysis: QueryLineage,
    options: ExtractFlinkLineageOptions,
    insertColumns: RewrittenTokens['insertColumns'],
  ) {
    this.result = result;
    this.analysis = analysis;
    this.#options = options;
    this.#insertColumns = insertColumns;
  }

  addSink(sink: TableRef): void {
    if (!this.result.sinks.some(s => tableRefKey(s) === tableRefKey(sink))) {
      this.result.sinks.push(sink);
    }
  }

  /** Moves the control columns collected so far to `sink`. */
  closeSink(sink: TableRef): void {
    const columns = this.analysis.takeControlColumns();
    const existing = this.result.controlColumns.find(
      c => tableRefKey(c.sink) === tableRefKey(sink),
    );
    if (existing) {
      for (const column of columns) {
        const same = existing.columns.find(
          c =>
            tableRefKey(c.table) === tableRefKey(column.table) &&
            c.column === column.column &&
            c.field === column.field,
        );
        if (same) {
          same.usages = [...new Set([...same.usages, ...column.usages])];
        } else {
          existing.columns.push(column);
        }
      }
    } else {
      this.result.controlColumns.push({ sink, columns });
    }
  }

  finish(warnings: string[]): FlinkLineage {
    this.result.sources = [...this.analysis.sourceTables.values()];
    this.result.warnings = [...warnings, ...this.analysis.warnings];
    return this.result;
  }

  /** Query columns renamed by a column list (`CREATE VIEW v (a, b) AS …`), by position. */
  #named(cols: Col[], list: P.ColumnNameListContext, what: string): Col[] {
    if (cols.some(c => c.star)) {
      return cols;
    }
    const names = list
      .columnName()
      .map(c => identifierParts(c.uidAllowEmpty()!).join('.'));
    if (names.length !== cols.length) {
      throw tokenError(
        list.start!,
        `${what} lists ${names.length} columns but the query returns ${cols.length}`,
      );
    }
    return cols.map((c, i) => ({ ...c, name: names[i] }));
  }

  createTable(parsed: ParsedCreateTable): void {
    const { table, query } = parsed;
    this.result.table = table;
    this.result.target = table.name;
    if (!query) {
      this.result.kind = table.like ? 'CREATE_TABLE_LIKE' : 'CREATE_TABLE';
      return;
    }
    if (parsed.alter) {
      this.result.kind = 'ALTER_MATERIALIZED_TABLE';
    } else {
      this.result.kind = parsed.materialized
        ? 'CREATE_MATERIALIZED_TABLE'
        : 'CREATE_TABLE_AS';
    }
    this.result.sinkKind = parsed.materialized ? 'materialized-table' : 'ctas';
    const sink = table.name;
    this.addSink(sink);
    let cols = this.analysis.query(query);
    if (parsed.columnNames) {
      cols = this.#named(cols, parsed.columnNames, 'the table');
    }

    // CTAS with a column list (FLIP-463, as Confluent implements it): a
    // declared column whose name matches a query column re-declares it
    // (type, constraints) and takes its value; declared columns without a
    // match are new columns placed first; query columns not declared are
    // appended in query order. Matching is by name, not by position.
    const declared = table.columns;
    const columns: ColumnLineage[] = [];
    const matched = new Set<TableColumnDefinition>();
    const stars = cols.filter(c => c.star);
    const queryLineage: ColumnLineage[] = [];
    cols.forEach((col, position) => {
      const declaredColumn =
        declared.find(d => d.name === col.name) ??
        declared.find(d => d.name.toLowerCase() === col.name.toLowerCase());
      if (declaredColumn) {
        matched.add(declaredColumn);
      }
      const lineage = toLineage(
        col,
        sink,
        declaredColumn?.name ?? col.name,
        position,
      );
      const fieldNames = declaredColumn && rowFieldNames(declaredColumn.type);
      if (lineage.fields && fieldNames) {
        lineage.fields = lineage.fields.map((f, i) => ({
          ...f,
          name: fieldNames[i] ?? f.name,
        }));
      }
      queryLineage.push(lineage);
    });
    for (const column of declared) {
      if (matched.has(column) || column.kind === 'metadata') {
        continue;
      }
      // A declared column the query does not name: when the query selects
      // `*` from tables with unknown columns it most likely comes through it.
      columns.push({
        sink,
        column: column.name,
        sources: stars.map(s => ({ table: s.star!, column: column.name })),
        direct: stars.length > 0,
        expression: stars.length ? '*' : 'NULL',
        transforms: [],
        position: -1,
      });
    }
    columns.push(...queryLineage);
    // Computed columns derive from the table's other columns.
    for (const computed of parsed.computed) {
      const acc = {
        sources: [] as ColumnLineage['sources'],
        transforms: [] as string[],
      };
      const scope = this.analysis.tableScope(
        columns.map(c => ({ ...c, name: c.column })),
      );
      this.analysis.walk(computed.expression, scope, { kind: 'value' }, acc);
      columns.push({
        sink,
        column: computed.name,
        sources: uniqueSources(acc.sources),
        direct: false,
        expression: this.analysis.text(computed.expression),
        transforms: acc.transforms,
        position: -1,
      });
    }
    this.result.columns.push(...columns);
    this.closeSink(sink);
  }

  insert(insert: P.InsertSimpleStatementContext): void {
    const sink = tableRefOf(insert.tablePath());
    this.addSink(sink);
    const list = insert.columnNameList();
    const detached = this.#insertColumns.get(insert.start!.start);
    const listed =
      list
        ?.columnName()
        .map(c => identifierParts(c.uidAllowEmpty()!).join('.')) ??
      detached?.names;
    const query = insert.queryStatement();
    let cols: Col[];
    if (query) {
      cols = this.analysis.query(query);
    } else {
      const rows = insert.valuesDefinition()!.valuesRowDefinition();
      const width = rows[0]?.valueDefinition().length ?? 0;
      cols = Array.from({ length: width }, (_, i) => ({
        name: `EXPR$${i}`,
        sources: [],
        direct: false,
        expression: 'VALUES',
        transforms: [],
      }));
    }
    const targetNames = listed ?? this.#options.resolveTableColumns?.(sink);
    const hasStar = cols.some(c => c.star);
    if (targetNames && !hasStar && targetNames.length !== cols.length) {
      if (listed) {
        throw tokenError(
          list?.start ?? detached!.start,
          `INSERT INTO lists ${listed.length} columns but the query returns ${cols.length}`,
        );
      }
      this.analysis.warnings.push(
        `The query returns ${cols.length} columns but ${targetNames.length} are known for the sink`,
      );
    }
    const mapByPosition =
      targetNames && !hasStar && targetNames.length === cols.length;
    cols.forEach((col, position) => {
      this.result.columns.push(
        toLineage(
          col,
          sink,
          mapByPosition ? targetNames![position] : col.name,
          position,
        ),
      );
    });
    this.closeSink(sink);
  }

  grammarStatement(parsed: ParsedGrammarStatement): void {
    const { statement } = parsed;
    const dml = statement.dmlStatement();
    if (dml) {
      const query = dml.queryStatement();
      if (query) {
        this.result.kind = 'SELECT';
        const cols = this.analysis.query(query);
        this.result.resultColumns = cols.map((col, position) => {
          const { sink: _sink, ...rest } = toLineage(
            col,
            { table: '' },
            col.name,
            position,
          );
          return rest;
        });
        this.analysis.takeControlColumns();
        return;
      }
      const insert = dml.insertStatement()!;
      const single = insert.insertSimpleStatement();
      if (single) {
        this.result.kind = 'INSERT_INTO';
        this.result.sinkKind = 'table';
        this.insert(single);
        return;
      }
      this.result.kind = 'STATEMENT_SET';
      this.result.sinkKind = 'table';
      const set =
        insert.insertMulStatement() ??
        insert.insertMulStatementCompatibility()!;
      for (const each of set.insertSimpleStatement()) {
        this.insert(each);
      }
      return;
    }
    const ddl = statement.ddlStatement();
    if (ddl) {
      const view = ddl.createView();
      const alterView = ddl.alterView();
      if (view || alterView?.queryStatement()) {
        this.result.kind = view ? 'CREATE_VIEW' : 'ALTER_VIEW';
        const sink = view
          ? tableRefOf(view.viewPathCreate())
          : tableRefOf(alterView!.viewPath());
        this.result.target = sink;
        this.addSink(sink);
        this.result.sinkKind = 'view';
        let cols = this.analysis.query((view ?? alterView)!.queryStatement()!);
        const list = view?.columnNameList();
        if (list) {
          cols = this.#named(cols, list, 'the view');
        }
        cols.forEach((col, position) =>
          this.result.columns.push(toLineage(col, sink, col.name, position)),
        );
        this.closeSink(sink);
        return;
      }
      const child = ddl.getChild(0)! as P.DropTableContext;
      const ruleName = (child.constructor.name || '').replace(/Context$/, '');
      this.result.kind = ruleName
        .replace(/([a-z])([A-Z])/g, '$1_$2')
        .toUpperCase();
      const path =
        ddl.dropTable()?.tablePath() ??
        ddl.dropView()?.viewPath() ??
        ddl.alterView()?.viewPath() ??
        ddl.createTable()?.simpleCreateTable()?.tablePathCreate();
      if (path) {
        this.result.target = tableRefOf(path);
      }
      return;
    }
    const describe = statement.describeStatement();
    if (describe) {
      this.result.kind = 'DESCRIBE';
      this.result.target = tableRefOf(describe.tablePath());
      return;
    }
    if (statement.explainStatement()) {
      this.result.kind = 'EXPLAIN';
      return;
    }
    const show = statement.showStatement();
    if (show) {
      const words = (show.children ?? [])
        .filter(c => c.getChildCount() === 0)
        .map(c => c.getText().toUpperCase())
        .filter(w => /^[A-Z_]+$/.test(w) && w !== 'FROM' && w !== 'IN');
      this.result.kind = words
        .slice(0, words[1] === 'CREATE' ? 3 : 2)
        .join('_');
      const path = show.tablePath() ?? show.viewPath();
      if (path) {
        this.result.target = tableRefOf(path);
      }
      return;
    }
    if (statement.loadStatement()) {
      this.result.kind = 'LOAD_MODULE';
    } else if (statement.unloadStatement()) {
      this.result.kind = 'UNLOAD_MODULE';
    } else if (statement.jarStatement()) {
      this.result.kind = `${statement
        .jarStatement()!
        .start!.text!.toUpperCase()}_JAR`;
    } else {
      this.result.kind = 'OTHER';
    }
  }
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
    builder.createTable(parsed);
  } else {
    builder.grammarStatement(parsed);
  }
  return builder.finish(rewritten.warnings);
}

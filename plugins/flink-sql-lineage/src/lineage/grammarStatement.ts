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
 * Statements the grammar parses: statement sets, INSERT, SELECT, EXPLAIN, and
 * the DDL without data flow.
 */
import type * as P from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import { tableRefOf } from '../statements/names';
import type { ParsedGrammarStatement } from '../statements/parsed';
import { toLineage, LineageBuilder } from './lineageBuilder';
import { buildInsert } from './insert';

export function buildGrammarStatement(
  b: LineageBuilder,
  parsed: ParsedGrammarStatement,
): void {
  const { statement } = parsed;
  const dml = statement.dmlStatement();
  if (dml) {
    const query = dml.queryStatement();
    if (query) {
      b.result.kind = 'SELECT';
      const cols = b.analysis.query(query);
      b.result.resultColumns = cols.map((col, position) => {
        const { sink: _sink, ...rest } = toLineage(
          col,
          { table: '' },
          col.name,
          position,
        );
        return rest;
      });
      b.analysis.takeControlColumns();
      return;
    }
    const insert = dml.insertStatement()!;
    const single = insert.insertSimpleStatement();
    if (single) {
      b.result.kind = 'INSERT_INTO';
      b.result.sinkKind = 'table';
      buildInsert(b, single);
      return;
    }
    b.result.kind = 'STATEMENT_SET';
    b.result.sinkKind = 'table';
    const set =
      insert.insertMulStatement() ?? insert.insertMulStatementCompatibility()!;
    for (const each of set.insertSimpleStatement()) {
      buildInsert(b, each);
    }
    return;
  }
  const ddl = statement.ddlStatement();
  if (ddl) {
    const view = ddl.createView();
    const alterView = ddl.alterView();
    if (view || alterView?.queryStatement()) {
      b.result.kind = view ? 'CREATE_VIEW' : 'ALTER_VIEW';
      const sink = view
        ? tableRefOf(view.viewPathCreate())
        : tableRefOf(alterView!.viewPath());
      b.result.target = sink;
      b.addSink(sink);
      b.result.sinkKind = 'view';
      let cols = b.analysis.query((view ?? alterView)!.queryStatement()!);
      const list = view?.columnNameList();
      if (list) {
        cols = b.named(cols, list, 'the view');
      }
      cols.forEach((col, position) =>
        b.result.columns.push(toLineage(col, sink, col.name, position)),
      );
      b.closeSink(sink);
      return;
    }
    const child = ddl.getChild(0)! as P.DropTableContext;
    const ruleName = (child.constructor.name || '').replace(/Context$/, '');
    b.result.kind = ruleName.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    const path =
      ddl.dropTable()?.tablePath() ??
      ddl.dropView()?.viewPath() ??
      ddl.alterView()?.viewPath() ??
      ddl.createTable()?.simpleCreateTable()?.tablePathCreate();
    if (path) {
      b.result.target = tableRefOf(path);
    }
    return;
  }
  const describe = statement.describeStatement();
  if (describe) {
    b.result.kind = 'DESCRIBE';
    b.result.target = tableRefOf(describe.tablePath());
    return;
  }
  if (statement.explainStatement()) {
    b.result.kind = 'EXPLAIN';
    return;
  }
  const show = statement.showStatement();
  if (show) {
    const words = (show.children ?? [])
      .filter(c => c.getChildCount() === 0)
      .map(c => c.getText().toUpperCase())
      .filter(w => /^[A-Z_]+$/.test(w) && w !== 'FROM' && w !== 'IN');
    b.result.kind = words.slice(0, words[1] === 'CREATE' ? 3 : 2).join('_');
    const path = show.tablePath() ?? show.viewPath();
    if (path) {
      b.result.target = tableRefOf(path);
    }
    return;
  }
  if (statement.loadStatement()) {
    b.result.kind = 'LOAD_MODULE';
  } else if (statement.unloadStatement()) {
    b.result.kind = 'UNLOAD_MODULE';
  } else if (statement.jarStatement()) {
    b.result.kind = `${statement
      .jarStatement()!
      .start!.text!.toUpperCase()}_JAR`;
  } else {
    b.result.kind = 'OTHER';
  }
}

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
 * What parsing a statement gives: the statement kinds and the detached clauses.
 */
import type {
  ColumnNameContext,
  ColumnNameListContext,
  ExpressionContext,
  IdentifierContext,
  QueryStatementContext,
  SqlStatementContext,
  WindowSpecContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { Tok } from '../tokens/lex';
import type { FlinkTableAlteration, FlinkTableDefinition } from '../types';

/** A detached clause (see tokens/detachClauses.ts), parsed; `end` is its last token. */
export type DetachedClause = { end: Tok } & (
  | {
      kind: 'over';
      /** `OVER (PARTITION BY … ORDER BY … frame)`. */
      spec?: WindowSpecContext;
      /** `OVER w`, a window of the WINDOW clause. */
      name?: IdentifierContext;
    }
  | { kind: 'filter'; condition: ExpressionContext }
  | { kind: 'partition'; columns: ColumnNameContext | ColumnNameListContext }
);

/** What every parsed statement has. */
interface ParsedBase {
  /** The statement's tokens (indexed by the parse tree's token indices), ending with EOF. */
  tokens: Tok[];
  /** The detached clauses, by their first token. */
  clauses: Map<Tok, DetachedClause>;
}

/** A parsed CREATE TABLE (with or without AS / LIKE). */
export interface ParsedCreateTable extends ParsedBase {
  type: 'create-table';
  table: FlinkTableDefinition;
  materialized: boolean;
  query?: QueryStatementContext;
  /** `ALTER MATERIALIZED TABLE … AS query`: the query of an existing materialized table changes. */
  alter?: boolean;
  /** A materialized table's column list: names for the query's columns, in order. */
  columnNames?: ColumnNameListContext;
  /** Computed column expressions, for their lineage. */
  computed: { name: string; expression: ExpressionContext }[];
}

/** A parsed ALTER [MATERIALIZED] TABLE. */
export interface ParsedAlterTable extends ParsedBase {
  type: 'alter-table';
  alteration: FlinkTableAlteration;
  materialized?: boolean;
}

/** Any other statement, parsed by the grammar. */
export interface ParsedGrammarStatement extends ParsedBase {
  type: 'grammar';
  statement: SqlStatementContext;
}

/** A parsed statement. */
export type ParsedStatement =
  | ParsedCreateTable
  | ParsedAlterTable
  | ParsedGrammarStatement;

/*
 * Statement-level parsing. Standard Flink statements go to the grammar's
 * `sqlStatement` rule. CREATE TABLE and ALTER TABLE, where Confluent's
 * dialect differs (CTAS with a column list, optional WITH, `DISTRIBUTED BY
 * … INTO n BUCKETS`, `ALTER TABLE … MODIFY WATERMARK`, …), are parsed here
 * clause by clause, each clause by the grammar rule for it (table paths,
 * column definitions, watermarks, constraints, options, the query).
 *
 * Every parse is exact: the parser stops at the first syntax error and the
 * statement must be consumed to its end, so a parse that returns is valid.
 * It runs in ANTLR's fast SLL mode first and only falls back to full LL
 * when SLL fails (the standard two-stage strategy; SLL rarely fails on
 * valid input and the LL pass then reports the real error).
 */
import type * as antlr from 'antlr4ng';
import type {
  ColumnOptionDefinitionContext,
  ExpressionContext,
  FlinkSqlParser,
  QueryStatementContext,
  SqlStatementContext,
  TablePathContext,
  TablePathCreateContext,
  TablePropertyListContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { FlinkGrammar } from './grammar';
import {
  describeToken,
  eofToken,
  tokenError,
  tokensText,
  typeText,
  unquoteIdentifier,
  unquoteString,
  word,
  type Tok,
} from './tokens';
import type {
  ComputedColumnDefinition,
  FlinkTableAlteration,
  FlinkTableDefinition,
  TableColumnDefinition,
  TableRef,
  WatermarkDefinition,
} from './types';

/** A parsed CREATE TABLE (with or without AS / LIKE). */
export interface ParsedCreateTable {
  type: 'create-table';
  tokens: Tok[];
  table: FlinkTableDefinition;
  materialized: boolean;
  query?: QueryStatementContext;
  /** Computed column expressions, for their lineage. */
  computed: { name: string; expression: ExpressionContext }[];
}

/** A parsed ALTER TABLE. */
export interface ParsedAlterTable {
  type: 'alter-table';
  tokens: Tok[];
  alteration: FlinkTableAlteration;
}

/** Any other statement, parsed by the grammar. */
export interface ParsedGrammarStatement {
  type: 'grammar';
  tokens: Tok[];
  statement: SqlStatementContext;
}

/** A parsed statement. */
export type ParsedStatement =
  | ParsedCreateTable
  | ParsedAlterTable
  | ParsedGrammarStatement;

/** A minimal token source over a statement's tokens, ending with EOF. */
class ArrayTokenSource implements antlr.TokenSource {
  readonly #tokens: Tok[];
  #index = 0;
  readonly sourceName = 'flink-sql';
  tokenFactory: antlr.TokenFactory<antlr.Token>;
  constructor(tokens: Tok[], factory: antlr.TokenFactory<antlr.Token>) {
    this.#tokens = tokens;
    this.tokenFactory = factory;
  }
  nextToken(): antlr.Token {
    const token = this.#tokens[Math.min(this.#index, this.#tokens.length - 1)];
    this.#index++;
    return token;
  }
  get line(): number {
    return this.#tokens[Math.min(this.#index, this.#tokens.length - 1)].line;
  }
  get _tokenStartColumn(): number {
    return this.#tokens[Math.min(this.#index, this.#tokens.length - 1)].column;
  }
  get inputStream(): antlr.CharStream | null {
    return null;
  }
}

/** Thrown inside a parse attempt; carries the user-facing error. */
class ParseFailure extends Error {
  readonly error: Error;
  constructor(error: Error) {
    super(error.message);
    this.error = error;
  }
}

/** The parser plus helpers to read tokens between grammar rules. */
export class Cursor {
  readonly g: FlinkGrammar;
  readonly parser: FlinkSqlParser;
  readonly tokens: Tok[];
  readonly #stream: antlr.CommonTokenStream;

  constructor(
    g: FlinkGrammar,
    parser: FlinkSqlParser,
    stream: antlr.CommonTokenStream,
    tokens: Tok[],
  ) {
    this.g = g;
    this.parser = parser;
    this.#stream = stream;
    this.tokens = tokens;
  }

  peek(k = 1): antlr.Token {
    // eslint-disable-next-line new-cap
    return this.#stream.LT(k)!;
  }
  isType(type: number, k = 1): boolean {
    return this.peek(k).type === type;
  }
  isWord(text: string, k = 1): boolean {
    return word(this.peek(k)) === text;
  }
  next(): antlr.Token {
    const token = this.peek();
    this.#stream.consume();
    return token;
  }
  fail(detail: string, token: antlr.Token = this.peek()): never {
    throw new ParseFailure(tokenError(token, detail));
  }
  unexpected(expected?: string): never {
    const token = this.peek();
    return this.fail(
      `unexpected ${describeToken(this.g, token)}${
        expected ? `, expected ${expected}` : ''
      }`,
    );
  }
  expectType(type: number, expected: string): antlr.Token {
    if (!this.isType(type)) {
      this.unexpected(expected);
    }
    return this.next();
  }
  expectWord(text: string): antlr.Token {
    if (!this.isWord(text)) {
      this.unexpected(text);
    }
    return this.next();
  }
  acceptType(type: number): boolean {
    if (this.isType(type)) {
      this.next();
      return true;
    }
    return false;
  }
  acceptWord(text: string): boolean {
    if (this.isWord(text)) {
      this.next();
      return true;
    }
    return false;
  }
  expectEnd(): void {
    if (!this.isType(this.g.Token.EOF)) {
      this.unexpected();
    }
  }
  /** Normalised SQL text of a parse-tree node. */
  text(ctx: antlr.ParserRuleContext): string {
    return tokensText(
      this.tokens,
      ctx.start?.tokenIndex ?? 0,
      ctx.stop?.tokenIndex ?? -1,
    );
  }
}

function errorListener(g: FlinkGrammar): antlr.ANTLRErrorListener {
  return {
    syntaxError(_recognizer, offending, line, column, msg) {
      const token = offending as antlr.Token | null;
      let detail: string;
      if (token) {
        detail = `unexpected ${describeToken(g, token)}`;
        const expecting = /expecting (\{[^}]*\}|\S+)/.exec(msg)?.[1];
        if (expecting) {
          const options = expecting.replace(/^\{|\}$/g, '').split(', ');
          if (options.length <= 6) {
            detail += `, expected ${options.join(' or ')}`;
          }
        }
        if (/failed predicate/.test(msg)) {
          detail = `unexpected ${describeToken(g, token)}`;
        }
      } else {
        detail = msg;
      }
      throw new ParseFailure(
        tokenError(token ?? ({ line, column } as antlr.Token), detail),
      );
    },
    reportAmbiguity() {},
    reportAttemptingFullContext() {},
    reportContextSensitivity() {},
  };
}

/**
 * Runs a parse over a statement's tokens: SLL with bail-out first, then LL
 * with exact error reporting. Throws InputError on invalid SQL.
 */
export function runParse<T>(
  g: FlinkGrammar,
  tokens: Tok[],
  run: (cursor: Cursor) => T,
): T {
  const withEof = [...tokens, eofToken(g, tokens)];
  const attempt = (fast: boolean): T => {
    const source = new ArrayTokenSource(withEof, g.CommonTokenFactory.DEFAULT);
    const stream = new g.CommonTokenStream(source);
    const parser = new g.FlinkSqlParser(stream);
    parser.removeErrorListeners();
    if (fast) {
      parser.interpreter.predictionMode = g.PredictionMode.SLL;
      parser.errorHandler = new g.BailErrorStrategy();
    } else {
      parser.addErrorListener(errorListener(g));
    }
    return run(new Cursor(g, parser, stream, withEof));
  };
  try {
    return attempt(true);
  } catch (error) {
    if (
      !(error instanceof g.ParseCancellationException) &&
      !(error instanceof ParseFailure)
    ) {
      throw error;
    }
  }
  try {
    return attempt(false);
  } catch (error) {
    if (error instanceof ParseFailure) {
      throw error.error;
    }
    if (error instanceof g.ParseCancellationException) {
      // Defensive: LL never bails, but report something located if it does.
      throw tokenError(withEof[0], 'could not parse the statement');
    }
    throw error;
  }
}

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

interface SchemaElements {
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

/** Parses one schema element (column, WATERMARK, PRIMARY KEY) into `into`. */
function schemaElement(cursor: Cursor, into: SchemaElements): void {
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
  }
}

/** Parses `( element, … )`. */
function schemaElementList(cursor: Cursor, into: SchemaElements): void {
  const L = cursor.g.FlinkSqlLexer;
  cursor.expectType(L.LR_BRACKET, "'('");
  do {
    schemaElement(cursor, into);
  } while (cursor.acceptType(L.COMMA));
  cursor.expectType(L.RR_BRACKET, "',' or ')'");
}

/** Flink makes primary key columns NOT NULL. */
function markPrimaryKeyNotNull(into: SchemaElements): void {
  for (const key of into.primaryKey ?? []) {
    // With AS SELECT the key may name an undeclared query column.
    const column = into.columns.find(c => c.name === key);
    if (column) {
      column.nullable = false;
    }
  }
}

/**
 * `CREATE [OR REPLACE] [TEMPORARY] [MATERIALIZED] TABLE [IF NOT EXISTS] name
 *  [( elements )] [COMMENT '…'] [DISTRIBUTED BY [HASH](cols) [INTO n BUCKETS]
 *  | DISTRIBUTED INTO n BUCKETS] [PARTITIONED BY (cols)] [WITH (options)]
 *  [LIKE source [(options)] | AS query]`
 */
function parseCreateTable(cursor: Cursor): ParsedCreateTable {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  cursor.expectType(L.KW_CREATE, 'CREATE');
  let orReplace = false;
  if (cursor.acceptType(L.KW_OR)) {
    cursor.expectWord('REPLACE');
    orReplace = true;
  }
  const temporary = cursor.acceptType(L.KW_TEMPORARY);
  const materialized = cursor.acceptWord('MATERIALIZED');
  cursor.expectType(L.KW_TABLE, 'TABLE');
  let ifNotExists = false;
  if (cursor.isType(L.KW_IF)) {
    parser.ifNotExists();
    ifNotExists = true;
  }
  const name = tableRefOf(parser.tablePathCreate(), cursor);
  const elements: SchemaElements = {
    columns: [],
    computed: [],
    computedExpressions: [],
  };
  if (cursor.isType(L.LR_BRACKET)) {
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
    ...(ifNotExists ? { ifNotExists } : {}),
    ...(temporary ? { temporary } : {}),
  };

  if (cursor.acceptType(L.KW_COMMENT)) {
    table.comment = unquoteString(
      cursor.expectType(L.STRING_LITERAL, 'a comment string').text ?? '',
    );
  }
  if (cursor.acceptWord('DISTRIBUTED')) {
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
    table.distributedBy = distributedBy;
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
    while (!cursor.isType(L.KW_AS) && !cursor.isType(g.Token.EOF)) {
      cursor.next();
    }
  }
  let query: QueryStatementContext | undefined;
  if (cursor.isType(L.KW_LIKE)) {
    table.like = tableRefOf(parser.likeDefinition().tablePath(), cursor);
  } else if (cursor.acceptType(L.KW_AS)) {
    query = parser.queryStatement();
  }
  cursor.expectEnd();
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
    table,
    materialized,
    query,
    computed: elements.computedExpressions,
  };
}

/**
 * `ALTER TABLE [IF EXISTS] name { MODIFY WATERMARK FOR col AS expr | DROP
 *  WATERMARK | ADD element | ADD (elements) | MODIFY element | MODIFY
 *  (elements) | DROP PRIMARY KEY | DROP CONSTRAINT name | DROP col | DROP
 *  (cols) | SET (options) | RESET (keys) | RENAME TO name | RENAME col TO
 *  col }`
 */
function parseAlterTable(cursor: Cursor): ParsedAlterTable {
  const { parser, g } = cursor;
  const L = g.FlinkSqlLexer;
  cursor.expectType(L.KW_ALTER, 'ALTER');
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
      schemaElementList(cursor, elements);
    } else {
      schemaElement(cursor, elements);
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

  if (cursor.acceptType(L.KW_MODIFY)) {
    alteration = elementsChange('MODIFY');
  } else if (cursor.acceptType(L.KW_ADD)) {
    alteration = elementsChange('ADD');
  } else if (cursor.acceptType(L.KW_DROP)) {
    if (cursor.acceptType(L.KW_WATERMARK)) {
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
  return { type: 'alter-table', tokens: cursor.tokens, alteration };
}

/** Parses one statement (tokens already rewritten for the grammar). */
export function parseStatement(
  g: FlinkGrammar,
  tokens: Tok[],
): ParsedStatement {
  const L = g.FlinkSqlLexer;
  const first = tokens[0];
  let k = 1;
  if (first.type === L.KW_CREATE) {
    if (tokens[k]?.type === L.KW_OR) {
      k += 2;
    }
    if (tokens[k]?.type === L.KW_TEMPORARY) {
      k++;
    }
    if (word(tokens[k]) === 'MATERIALIZED') {
      k++;
    }
    if (tokens[k]?.type === L.KW_TABLE) {
      return runParse(g, tokens, parseCreateTable);
    }
  }
  if (first.type === L.KW_ALTER && tokens[1]?.type === L.KW_TABLE) {
    return runParse(g, tokens, parseAlterTable);
  }
  return runParse(g, tokens, cursor => {
    const statement = cursor.parser.sqlStatement();
    cursor.expectEnd();
    return { type: 'grammar' as const, tokens: cursor.tokens, statement };
  });
}

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
import { InputError } from '@backstage/errors';
import { formatTableRef } from '@shiftleft/flink-sql-lineage';
import { MaterializedTable, Statement } from '@shiftleft/plugin-confluent-node';
import {
  AnalyzedStatement,
  analyzeStatement,
  TopicResolver,
} from '../statement';
import { ConfluentTarget } from '../target';
import { ChangeFindings } from './findings';
import { statementOutput, StatementOutput } from './schemaDiff';
import {
  changeStatementName,
  ctasToInsert,
  materializedTableStatement,
  normalizeSql,
} from './sqlRewrite';

/** The new SQL of a change, and the statement that applies it. */
export interface ChangedStatement {
  /** The new SQL as the lineage library parsed it. */
  edited: AnalyzedStatement;
  /** The table it writes: the product's topic. */
  output: StatementOutput;
  startMode: string;
  /** The SQL to submit, when the new SQL can apply the change. */
  submitted?: string;
  /** The submitted statement's properties: the old ones, then the new. */
  properties: Record<string, string>;
  /** The statement to submit, named after its SQL and properties. */
  statement?: AnalyzedStatement;
}

/** Properties of the old statement the new one keeps. */
function carriedProperties(current: Statement): Record<string, string> {
  const kept = { ...(current.spec.properties ?? {}) };
  delete kept['client.statement-name'];
  delete kept['sql.tables.initial-offset-from'];
  return kept;
}

/**
 * The statement that applies a change: the new SQL must write the
 * product's topic; a materialized table takes CREATE [OR ALTER]
 * MATERIALIZED TABLE, any other table a blue/green INSERT INTO that
 * resumes from the current statement's offsets, with the same key.
 */
export async function changedStatement(options: {
  sql: string;
  startMode?: string;
  current: Statement;
  materialized?: MaterializedTable;
  topic: string;
  target: ConfluentTarget;
  resolver: TopicResolver;
  findings: ChangeFindings;
  signal?: AbortSignal;
}): Promise<ChangedStatement> {
  const { current, materialized, topic, target, signal } = options;
  const { problems } = options.findings;
  // The new SQL, parsed by the lineage library (syntax errors with line and
  // column are InputErrors).
  const edited = analyzeStatement({
    name: current.name,
    sql: options.sql,
    target,
  });
  const output = statementOutput(edited.lineage);
  const written = output
    ? await options.resolver.resolve(output.table, edited.properties, signal)
    : undefined;
  if (!written || 'problem' in written || written.topic !== topic) {
    throw new InputError(
      `The new SQL must write ${topic} (as CREATE TABLE … AS, INSERT INTO${
        materialized ? ' or CREATE [OR ALTER] MATERIALIZED TABLE' : ''
      }); it ${
        output
          ? `writes ${formatTableRef(output.table)}`
          : `is a ${edited.lineage.kind} statement`
      }`,
    );
  }

  const startMode = options.startMode ?? 'RESUME_OR_FROM_BEGINNING';
  let submitted: string | undefined;
  const properties = { ...carriedProperties(current), ...edited.properties };
  if (materialized) {
    submitted = materializedTableStatement(edited.sql, startMode);
    if (!submitted) {
      problems.push(
        `${topic} is a materialized table: write its new SQL as CREATE [OR ALTER] MATERIALIZED TABLE ${topic} … AS SELECT …`,
      );
    }
  } else {
    properties['sql.tables.initial-offset-from'] = current.name;
    submitted = blueGreenStatement({
      edited,
      output: output!,
      current,
      topic,
      target,
      problems,
    });
  }

  let statement: AnalyzedStatement | undefined;
  if (submitted) {
    const name = changeStatementName(current.name, submitted, properties);
    statement = analyzeStatement({ name, sql: submitted, target });
    statement = { ...statement, properties };
    if (
      normalizeSql(submitted) === normalizeSql(current.spec.statement ?? '')
    ) {
      problems.push(
        `The SQL is the same as ${current.name}'s: nothing to change`,
      );
    }
  }
  return {
    edited,
    output: output!,
    startMode,
    submitted,
    properties,
    statement,
  };
}

/**
 * The INSERT INTO of a blue/green change, if the new SQL gives one; a
 * changed primary key is a new product, not a change.
 */
function blueGreenStatement(options: {
  edited: AnalyzedStatement;
  output: StatementOutput;
  current: Statement;
  topic: string;
  target: ConfluentTarget;
  problems: string[];
}): string | undefined {
  const { edited, current, topic, target, problems } = options;
  let submitted: string | undefined;
  const table = formatTableRef(options.output.table);
  if (edited.lineage.kind === 'INSERT_INTO') submitted = edited.sql;
  else if (edited.lineage.table && !edited.lineage.table.materialized) {
    submitted = ctasToInsert(edited.sql, table);
  }
  if (!submitted) {
    problems.push(
      `${topic} is produced by statement ${current.name}: write its new SQL as CREATE TABLE ${topic} … AS SELECT … or INSERT INTO ${topic} SELECT …`,
    );
  }
  const oldLineage = analyzeStatement({
    name: current.name,
    sql: current.spec.statement ?? '',
    properties: {},
    target,
  }).lineage;
  const oldKey = oldLineage.table?.primaryKey ?? [];
  const newKey = edited.lineage.table?.primaryKey ?? oldKey;
  if (
    edited.lineage.kind !== 'INSERT_INTO' &&
    newKey.join(',') !== oldKey.join(',')
  ) {
    problems.push(
      `The primary key changes (${oldKey.join(', ') || 'none'} → ${
        newKey.join(', ') || 'none'
      }): a new key is a new product, not a change`,
    );
  }
  return submitted;
}

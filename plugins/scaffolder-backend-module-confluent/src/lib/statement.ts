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
import { InputError, NotFoundError } from '@backstage/errors';
import { StatementLineageSummary } from '@shiftleft/plugin-confluent-common';
import {
  extractFlinkLineage,
  FlinkLineage,
  formatTableRef,
  TableRef,
} from '@shiftleft/flink-sql-lineage';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { statementNameProblems, topicNameProblems } from './names';
import { ConfluentTarget } from './target';

/*
 * Checks a Flink statement before it is submitted: its syntax and lineage
 * (the suite's lineage library), its properties, and that every table it
 * reads exists upstream or is created earlier in the same run.
 */

// A leading `SET 'k' = 'v';` or `USE [CATALOG] x;` line, with any comments
// before it. The Flink REST API takes these as statement properties, not SQL.
const IDENT = '(?:`(?:[^`]|``)+`|[A-Za-z0-9_$-]+)';
const PRELUDE = new RegExp(
  `^\\s*(?:--[^\\n]*(?:\\n|$)\\s*)*(SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'|USE\\s+${IDENT}(?:\\.${IDENT})?|USE\\s+CATALOG\\s+${IDENT})\\s*;`,
  'i',
);

/** Properties a template may not set: the API sets them from the request. */
const RESERVED_PROPERTIES = new Set(['client.statement-name']);

/**
 * The longest SQL text a statement may have, in characters. The workshop's
 * statements are under 2 KB; a 389 KB one held the backend for 150 s.
 */
export const MAX_STATEMENT_SQL_LENGTH = 64 * 1024;

/**
 * The parser work one statement may take, in the lineage library's steps:
 * a tenth of its default, so a plan of 20 statements (each parsed twice)
 * holds the event loop a few seconds at most. A 64 KB statement of
 * ordinary SQL needs under 250,000.
 */
export const STATEMENT_WORK_STEPS = 500_000;

/** The limits every analysis of a statement's SQL runs with. */
const LINEAGE_LIMITS = {
  maxLength: MAX_STATEMENT_SQL_LENGTH,
  maxWorkSteps: STATEMENT_WORK_STEPS,
};

/**
 * Why a statement's SQL is too long to analyze, if it is: checked before
 * any parsing or placeholder scan, so oversize input costs nothing.
 */
export function sqlSizeProblem(sql: string): string | undefined {
  return sql.length > MAX_STATEMENT_SQL_LENGTH
    ? `is ${Math.ceil(sql.length / 1024)} KB of SQL; at most ${
        MAX_STATEMENT_SQL_LENGTH / 1024
      } KB is accepted: split it into several statements`
    : undefined;
}

/** What the statement action and the plan know about a statement. */
export interface AnalyzedStatement {
  name: string;
  /** The SQL submitted: the statement without its SET/USE lines. */
  sql: string;
  /** Properties submitted: defaults, then the SET/USE lines, then the input. */
  properties: Record<string, string>;
  lineage: FlinkLineage;
}

function unquote(value: string) {
  return value.replace(/''/g, "'");
}

/** Splits leading SET/USE lines off a statement. */
export function splitPrelude(sql: string): { body: string; prelude: string[] } {
  let body = sql;
  const prelude: string[] = [];
  for (let m = PRELUDE.exec(body); m; m = PRELUDE.exec(body)) {
    prelude.push(m[1]);
    body = body.slice(m[0].length);
  }
  return { body: body.trim(), prelude };
}

/**
 * Parses and checks a statement. Syntax errors are InputErrors with the line
 * and column (from the lineage library); the SET/USE lines become properties.
 */
export function analyzeStatement(options: {
  name: string;
  sql: string;
  properties?: Record<string, string>;
  target: ConfluentTarget;
}): AnalyzedStatement {
  const { name, target } = options;
  const problems = statementNameProblems(name ?? '');
  if (problems.length) throw new InputError(problems.join('; '));
  if (typeof options.sql !== 'string' || !options.sql.trim()) {
    throw new InputError(`Statement '${name}' has no SQL`);
  }
  const tooLong = sqlSizeProblem(options.sql);
  if (tooLong) throw new InputError(`Statement '${name}' ${tooLong}`);
  // Whole text first, so positions in syntax errors match what the user typed.
  let full: FlinkLineage;
  try {
    full = extractFlinkLineage(options.sql, LINEAGE_LIMITS);
  } catch (error) {
    // The library's message names the line and column; its cause adds nothing.
    throw new InputError(`Statement '${name}': ${(error as Error).message}`);
  }
  const { body } = splitPrelude(options.sql);
  const lineage = extractFlinkLineage(body, LINEAGE_LIMITS);
  if (Object.keys(lineage.properties).length) {
    throw new InputError(
      `Statement '${name}': could not separate its SET/USE lines from the statement; pass them as properties instead`,
    );
  }
  const fromSql = { ...full.properties };
  const setName = fromSql['client.statement-name'];
  if (setName !== undefined && setName !== name) {
    throw new InputError(
      `Statement '${name}' sets client.statement-name to '${setName}'; remove the SET line or use the same name`,
    );
  }
  for (const key of Object.keys(fromSql)) {
    if (RESERVED_PROPERTIES.has(key)) delete fromSql[key];
  }
  const input = options.properties ?? {};
  for (const [key, value] of Object.entries(input)) {
    if (RESERVED_PROPERTIES.has(key)) {
      throw new InputError(
        `Statement '${name}': property '${key}' is set from the statement name`,
      );
    }
    if (typeof value !== 'string') {
      throw new InputError(
        `Statement '${name}': property '${key}' must be a string`,
      );
    }
    if (fromSql[key] !== undefined && fromSql[key] !== value) {
      throw new InputError(
        `Statement '${name}': property '${key}' is '${value}' in the input but '${fromSql[key]}' in the SQL's SET line`,
      );
    }
  }
  return {
    name,
    sql: body.replace(/;\s*$/, ''),
    properties: {
      'sql.current-catalog': target.environmentId,
      'sql.current-database': target.kafkaClusterId,
      ...Object.fromEntries(
        Object.entries(fromSql).map(([k, v]) => [k, unquote(v)]),
      ),
      ...input,
    },
    lineage,
  };
}

/** The tables a statement needs to exist before it runs. */
export function tablesRead(lineage: FlinkLineage): TableRef[] {
  const reads = [...lineage.sources];
  if (lineage.kind === 'INSERT_INTO' || lineage.kind === 'STATEMENT_SET') {
    reads.push(...lineage.sinks);
  }
  if (lineage.alteration) reads.push(lineage.alteration.table);
  if (lineage.table?.like) reads.push(lineage.table.like);
  return reads;
}

/** The tables (topics) a statement creates. */
export function tablesCreated(lineage: FlinkLineage): TableRef[] {
  return lineage.table ? [lineage.table.name] : [];
}

/**
 * Maps a table of a statement to a topic of the target cluster: its catalog
 * must be the environment (id or display name) and its database the cluster
 * (id, or the statement's `sql.current-database`).
 */
export class TopicResolver {
  readonly #client: ConfluentClient;
  readonly #target: ConfluentTarget;
  #environmentName?: Promise<string | undefined>;

  constructor(client: ConfluentClient, target: ConfluentTarget) {
    this.#client = client;
    this.#target = target;
  }

  async resolve(
    ref: TableRef,
    properties: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<{ topic: string } | { problem: string }> {
    const catalog = ref.catalog ?? properties['sql.current-catalog'];
    const database = ref.database ?? properties['sql.current-database'];
    if (catalog !== this.#target.environmentId) {
      if (catalog !== (await this.#environmentDisplayName(signal))) {
        return {
          problem: `${formatTableRef(
            ref,
          )} is in catalog '${catalog}', not in environment ${
            this.#target.environmentId
          }`,
        };
      }
    }
    // Only the configured cluster's id: a display name cannot be checked
    // (no cluster API), and another cluster is outside what the portal
    // manages.
    if (database !== this.#target.kafkaClusterId) {
      return {
        problem: `${formatTableRef(
          ref,
        )} is in database '${database}', not in Kafka cluster ${
          this.#target.kafkaClusterId
        }`,
      };
    }
    const problems = topicNameProblems(ref.table);
    if (problems.length) return { problem: problems.join('; ') };
    return { topic: ref.table };
  }

  /**
   * Problems of a statement's `sql.current-catalog` / `sql.current-database`:
   * they must name the configured environment (id or display name) and
   * cluster (id), or the statement would run against tables the portal
   * does not manage.
   */
  async propertyProblems(
    properties: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const problems: string[] = [];
    const catalog = properties['sql.current-catalog'];
    if (
      catalog !== undefined &&
      catalog !== this.#target.environmentId &&
      catalog !== (await this.#environmentDisplayName(signal))
    ) {
      problems.push(
        `sets sql.current-catalog to '${catalog}', not the configured environment ${
          this.#target.environmentId
        }`,
      );
    }
    const database = properties['sql.current-database'];
    if (database !== undefined && database !== this.#target.kafkaClusterId) {
      problems.push(
        `sets sql.current-database to '${database}', not the configured Kafka cluster ${
          this.#target.kafkaClusterId
        } (use the cluster id)`,
      );
    }
    return problems;
  }

  #environmentDisplayName(signal?: AbortSignal) {
    this.#environmentName ??= this.#client.org
      .getEnvironment(this.#target.environmentId, { signal })
      .then(e => e.display_name)
      .catch(() => undefined);
    return this.#environmentName;
  }

  /** Whether a topic exists in the target cluster. */
  async exists(topic: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.#client
        .kafka(this.#target.environmentId, this.#target.kafkaClusterId)
        .getTopic(topic, { signal });
      return true;
    } catch (error) {
      if (NotFoundError.is(error)) return false;
      throw error;
    }
  }
}

/** The upstream check of one statement. */
export interface UpstreamCheck {
  /** Topics read, each existing or created earlier. */
  reads: Array<{ table: string; topic: string; createdEarlier: boolean }>;
  /** Topics the statement creates. */
  creates: string[];
  /** Of `creates`, the topics that exist already (IF NOT EXISTS, OR REPLACE, adoption). */
  existing: string[];
  /** What stops the statement (missing tables, existing CTAS targets). */
  problems: string[];
}

/**
 * Checks that every table a statement reads exists in the cluster or is in
 * `createdTables` (made earlier in the same run), and that a table it
 * creates does not exist yet (unless the statement itself is being adopted).
 */
export async function checkUpstream(options: {
  resolver: TopicResolver;
  statement: AnalyzedStatement;
  createdTables: string[];
  /** The statement already exists (its tables exist because of it). */
  adopting: boolean;
  signal?: AbortSignal;
}): Promise<UpstreamCheck> {
  const { resolver, statement, signal } = options;
  const created = new Set(options.createdTables);
  const result: UpstreamCheck = {
    reads: [],
    creates: [],
    existing: [],
    problems: await resolver.propertyProblems(statement.properties, signal),
  };
  const seen = new Set<string>();
  for (const ref of tablesRead(statement.lineage)) {
    const resolved = await resolver.resolve(ref, statement.properties, signal);
    if ('problem' in resolved) {
      result.problems.push(resolved.problem);
      continue;
    }
    if (seen.has(resolved.topic)) continue;
    seen.add(resolved.topic);
    const createdEarlier = created.has(resolved.topic);
    if (!createdEarlier && !(await resolver.exists(resolved.topic, signal))) {
      result.problems.push(
        `reads ${formatTableRef(
          ref,
        )}, which is neither a topic in the cluster nor a table created earlier in this run${
          created.size ? ` (created earlier: ${[...created].join(', ')})` : ''
        }`,
      );
      continue;
    }
    result.reads.push({
      table: formatTableRef(ref),
      topic: resolved.topic,
      createdEarlier,
    });
  }
  for (const ref of tablesCreated(statement.lineage)) {
    const resolved = await resolver.resolve(ref, statement.properties, signal);
    if ('problem' in resolved) {
      result.problems.push(resolved.problem);
      continue;
    }
    result.creates.push(resolved.topic);
    const table = statement.lineage.table!;
    const exists = await resolver.exists(resolved.topic, signal);
    if (exists) result.existing.push(resolved.topic);
    if (!options.adopting && !table.ifNotExists && !table.orReplace && exists) {
      result.problems.push(
        `creates ${formatTableRef(
          ref,
        )}, which already exists: choose another table name`,
      );
    }
  }
  return result;
}

/** A JSON-friendly summary of a statement's lineage, for plans and outputs. */
export function lineageSummary(lineage: FlinkLineage): StatementLineageSummary {
  const col = (s: { table: TableRef; column: string; field?: string }) =>
    `${formatTableRef(s.table)}.${s.column}${s.field ? `.${s.field}` : ''}`;
  return {
    kind: lineage.kind,
    sources: lineage.sources.map(formatTableRef),
    sinks: lineage.sinks.map(formatTableRef),
    columns: lineage.columns.map(c => ({
      sink: formatTableRef(c.sink),
      column: c.column,
      sources: c.sources.map(col),
      direct: c.direct,
      transforms: c.transforms,
    })),
  };
}

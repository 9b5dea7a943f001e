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
 * The contract between the scaffolder actions and the plan review field:
 * the plan `confluent:dataproduct:plan` outputs (template output `plan`)
 * and the database checks `confluent:cdc:preflight` outputs (`preflight`).
 * JSON, and never a secret: configs carry where each secret comes from.
 */

/**
 * What a run does with a connector: create it, adopt an identical one, or
 * restart an identical FAILED one.
 * @public
 */
export type PlannedConnectorAction = 'create' | 'adopt' | 'restart';

/**
 * What a run does with a statement: create it, adopt an identical one, or
 * replace an identical FAILED one.
 * @public
 */
export type PlannedStatementAction = 'create' | 'adopt' | 'replace';

/**
 * The outcome of a preflight check: `not_checked` when its subject does not
 * exist (no table to inspect), which is never a pass.
 * @public
 */
export type CdcPreflightStatus = 'passed' | 'failed' | 'not_checked';

/**
 * A database check of the CDC preflight.
 * @public
 */
export interface CdcPreflightCheck {
  /** Stable id: `connect`, `wal_level`, `tables`, `primary_keys`, … */
  id: string;
  title: string;
  status: CdcPreflightStatus;
  /** `status === 'passed'`. */
  passed: boolean;
  /** What was found. */
  detail: string;
  /** The SQL or setting that fixes a failed check. */
  fix?: string;
}

/**
 * One connector in the plan.
 * @public
 */
export interface PlannedConnector {
  name: string;
  role: 'source' | 'sink';
  connectorClass: string;
  /** What the run will do; absent when the config is invalid. */
  action?: PlannedConnectorAction;
  state?: string;
  /** The config, every secret replaced by where it comes from. */
  config: Record<string, string>;
  topics: string[];
  /** Sink target tables, per topic. */
  targets?: Record<string, string>;
}

/**
 * The table and column lineage of a statement: tables as
 * `formatTableRef` of `@shiftleft/flink-sql-lineage` writes them, source columns as
 * `table.column[.field]`.
 * @public
 */
export interface StatementLineageSummary {
  /** Confluent `sql_kind` style: `CREATE_TABLE_AS`, `INSERT_INTO`, … */
  kind: string;
  sources: string[];
  sinks: string[];
  columns: Array<{
    sink: string;
    column: string;
    sources: string[];
    direct: boolean;
    transforms: string[];
  }>;
}

/**
 * One statement in the plan.
 * @public
 */
export interface PlannedStatement {
  name: string;
  sql: string;
  properties: Record<string, string>;
  action?: PlannedStatementAction;
  phase?: string;
  reads: string[];
  creates: string[];
  lineage?: StatementLineageSummary;
}

/**
 * A column that reaches a sink and carries personal data.
 * @public
 */
export interface PlannedPiiField {
  column: string;
  field?: string;
  status: string;
  masked: boolean;
  replacement?: string;
  /** The proof, origin first: one sentence per step. */
  chain: string[];
}

/**
 * What one sink writes that carries personal data.
 * @public
 */
export interface PlannedPiiSink {
  sink: string;
  reads: string;
  target: string;
  fields: PlannedPiiField[];
}

/**
 * A column whose name looks personal (`createSuspectedPiiMatcher`) but
 * that the template neither masks nor declares PII. Only names are looked
 * at, never values.
 * @public
 */
export interface PlannedSuspectedPii {
  /** The topic (table) the column is in. */
  table: string;
  column: string;
  /** The configured pattern the name matched. */
  pattern: string;
  /** Where the column comes from: a source table, or a statement's output. */
  from: 'source' | 'statement';
}

/**
 * The whole plan of a data product.
 * @public
 */
export interface DataProductPlan {
  product: string;
  owner: string;
  environmentId: string;
  kafkaClusterId: string;
  serviceAccountId?: string;
  source?: PlannedConnector;
  statements: PlannedStatement[];
  sinks: PlannedConnector[];
  pii: PlannedPiiSink[];
  /**
   * Columns that look personal but carry no PII declaration: a warning, not
   * a problem. Absent in plans made before PII discovery.
   */
  suspectedPii?: PlannedSuspectedPii[];
  /** What stops the run: bad input, conflicts, missing tables, unmasked PII. */
  problems: string[];
  /** What the run can live with (a secret a dry run was not sent, …). */
  warnings: string[];
}

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
 * PII propagation through a pipeline: which columns of which tables carry
 * personal data, masked or not, and the chain of steps that proves it. This
 * file holds the model; piiTrace.ts the trace.
 *
 * Pure and isomorphic on purpose: the catalog provider builds the inputs from
 * what Confluent reports (connector SMTs, schema and Stream Catalog tags,
 * statement SQL), the scaffolder's dry run from its form for a pipeline that
 * does not exist yet, and both get the same answer.
 */
import type { LineageColumn, LineageTableRef } from './lineageContract';

/**
 * What a column carries:
 * - `pii`: personal data, copied unchanged from a PII-tagged field that
 *   nothing masks;
 * - `derived-from-pii`: computed from such a field (`UPPER(email)`), so it
 *   may still reveal it;
 * - `masked`: a masked value copied unchanged (still the replacement, e.g.
 *   `****`);
 * - `derived-from-masked`: computed from a masked value (holds no PII).
 * @public
 */
export type PiiStatus =
  | 'pii'
  | 'derived-from-pii'
  | 'masked'
  | 'derived-from-masked';

/**
 * The kind of evidence behind one step of a PII chain: a connector's
 * MaskField SMT, a tag in the Schema Registry schema (`confluent:tags`), a
 * Stream Catalog tag, or a Flink statement carrying the value on.
 * @public
 */
export type PiiEvidence = 'smt' | 'schema-tag' | 'catalog-tag' | 'statement';

/**
 * A tag on a source field. A plain string is a schema tag.
 * @public
 */
export type PiiFieldTag =
  | string
  | {
      name: string;
      how: 'schema-tag' | 'catalog-tag';
      /** Where the tag was found, for the chain (defaults to a generic text). */
      detail?: string;
    };

/**
 * A field of a source table the trace starts from: tagged, masked, or both.
 * Fields with neither may be passed; they start no finding.
 * @public
 */
export interface PiiSourceField {
  column: string;
  /** The dot-separated path inside a ROW/record column. */
  field?: string;
  /** The field is masked before it reaches the table (a MaskField SMT). */
  masked?: {
    /** Who masks it: the connector name (or entity ref). */
    by: string;
    /** The transform alias or class (`maskPii`, `MaskField$Value`). */
    transform?: string;
    /** The replacement text; absent when MaskField writes the type's empty value. */
    replacement?: string;
  };
  tags?: PiiFieldTag[];
}

/**
 * A table the trace starts from (a CDC topic, or any table with tagged or
 * masked fields).
 * @public
 */
export interface PiiSourceTable {
  /** The table's id, as {@link TracePiiInput.resolveTable} names tables. */
  table: string;
  fields: PiiSourceField[];
}

/**
 * A statement moving values between tables: its column lineage, as
 * `extractFlinkLineage` of `@shiftleft/flink-sql-lineage` returns it
 * (`lineage.columns`).
 * @public
 */
export interface PiiStatement {
  /** The statement name (or entity ref), used in the chain. */
  name: string;
  lineage: { columns: LineageColumn[] };
}

/**
 * A sink connector reading one table and writing it to an external target.
 * A connector with several topics is one entry per topic.
 * @public
 */
export interface PiiSink {
  /** The connector name (or entity ref). */
  name: string;
  /** The table it reads (a topic). */
  reads: string | LineageTableRef;
  /** Where it writes (a display name or entity ref of the target table). */
  target: string;
  /** Fields the sink's own MaskField SMT masks before writing. */
  masks?: Array<{
    column: string;
    field?: string;
    transform?: string;
    replacement?: string;
  }>;
}

/**
 * Input of {@link tracePii}.
 * @public
 */
export interface TracePiiInput {
  sources: PiiSourceTable[];
  statements?: PiiStatement[];
  sinks?: PiiSink[];
  /**
   * Tag names that mark personal data, compared case-insensitively.
   * Default: `['PII']`.
   */
  piiTags?: string[];
  /**
   * Names a table a statement reads or writes, so that it matches the
   * `table` of sources and the `reads` of sinks. Default: the table part
   * (`ref.table`), ignoring catalog and database.
   */
  resolveTable?: (ref: LineageTableRef) => string;
  /**
   * The display name of a table, connector or statement id in the chain's
   * `detail` sentences (for callers whose ids are entity refs). Default: the
   * id itself.
   */
  displayName?: (id: string) => string;
}

/**
 * One step of the chain that proves a finding, from the origin to the
 * column.
 * @public
 */
export interface PiiChainStep {
  /** The table the step is about. */
  table: string;
  column: string;
  field?: string;
  how: PiiEvidence;
  /** The connector or statement that did this step (SMT and statement steps). */
  via?: string;
  /** For statement steps: whether the value was copied unchanged. */
  direct?: boolean;
  /** For statement steps: the projection's SQL. */
  expression?: string;
  /** For SMT steps: the replacement text. */
  replacement?: string;
  /** One readable sentence. */
  detail: string;
}

/**
 * A field where personal data originates.
 * @public
 */
export interface PiiOrigin {
  table: string;
  column: string;
  field?: string;
}

/**
 * What one column (or ROW field) of a table carries.
 * @public
 */
export interface PiiColumnFinding {
  column: string;
  field?: string;
  /** The most sensitive status over all origins (`pii` first, then `derived-from-pii`, `masked`, `derived-from-masked`). */
  status: PiiStatus;
  /** For `masked`: the replacement value the column holds. */
  replacement?: string;
  /** Every origin field the column's value derives from. */
  origins: PiiOrigin[];
  /** The chain that proves {@link PiiColumnFinding.status}, origin first. */
  chain: PiiChainStep[];
}

/**
 * The findings of one table.
 * @public
 */
export interface PiiTableFindings {
  table: string;
  columns: PiiColumnFinding[];
}

/**
 * A column that reaches a sink's target.
 * @public
 */
export interface PiiSinkField extends PiiColumnFinding {
  /** True when the target receives a masked value (or one computed from it). */
  masked: boolean;
}

/**
 * What a sink writes to its target.
 * @public
 */
export interface PiiSinkFindings {
  name: string;
  reads: string;
  target: string;
  fields: PiiSinkField[];
}

/**
 * Result of {@link tracePii}.
 * @public
 */
export interface PiiTrace {
  /** Tables with at least one finding: sources first, then statement outputs in the order first reached. */
  tables: PiiTableFindings[];
  /** One entry per sink, in input order, with the fields carrying personal data (possibly none). */
  sinks: PiiSinkFindings[];
}

/**
 * Whether a status means the value holds no readable personal data.
 * @public
 */
export function isPiiMasked(status: PiiStatus): boolean {
  return status === 'masked' || status === 'derived-from-masked';
}

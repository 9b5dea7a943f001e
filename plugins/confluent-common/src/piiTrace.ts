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
 * personal data, masked or not, and the chain of steps that proves it.
 *
 * Pure and isomorphic on purpose: the catalog provider builds the inputs from
 * what Confluent reports (connector SMTs, schema and Stream Catalog tags,
 * statement SQL), the scaffolder's dry run from its form for a pipeline that
 * does not exist yet, and both get the same answer.
 */
import { InputError } from '@backstage/errors';
import type {
  LineageColumn,
  LineageSourceColumn,
  LineageTableRef,
} from './lineageContract';

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

const SEVERITY: Record<PiiStatus, number> = {
  'derived-from-masked': 1,
  masked: 2,
  'derived-from-pii': 3,
  pii: 4,
};

/**
 * Whether a status means the value holds no readable personal data.
 * @public
 */
export function isPiiMasked(status: PiiStatus): boolean {
  return status === 'masked' || status === 'derived-from-masked';
}

interface Entry {
  origin: PiiOrigin;
  status: PiiStatus;
  replacement?: string;
  chain: PiiChainStep[];
}

/** Findings of one table: column key → origin key → entry. */
type TableState = Map<string, Map<string, Entry>>;

// Column names are free text in Flink (backticks), so keys join parts with a
// character no identifier contains.
const SEP = '\u0000';

function columnKey(column: string, field?: string): string {
  return field ? `${column}${SEP}${field}` : column;
}

function splitKey(key: string): { column: string; field?: string } {
  const i = key.indexOf(SEP);
  return i < 0
    ? { column: key }
    : { column: key.slice(0, i), field: key.slice(i + 1) };
}

function originKey(origin: PiiOrigin): string {
  return [origin.table, origin.column, origin.field ?? ''].join(SEP);
}

function describeColumn(table: string, column: string, field?: string) {
  return `${table}.${column}${field ? `.${field}` : ''}`;
}

function derive(status: PiiStatus, direct: boolean): PiiStatus {
  if (direct) {
    return status;
  }
  if (status === 'pii') {
    return 'derived-from-pii';
  }
  if (status === 'masked') {
    return 'derived-from-masked';
  }
  return status;
}

/** Whether `candidate` should replace `current` for the same origin. */
function better(candidate: Entry, current: Entry | undefined): boolean {
  if (!current) {
    return true;
  }
  const a = SEVERITY[candidate.status];
  const b = SEVERITY[current.status];
  return a > b || (a === b && candidate.chain.length < current.chain.length);
}

function validate(input: TracePiiInput) {
  if (!input || !Array.isArray(input.sources)) {
    throw new InputError('tracePii: sources must be an array of tables');
  }
  for (const source of input.sources) {
    if (typeof source?.table !== 'string' || !source.table) {
      throw new InputError('tracePii: every source needs a table name');
    }
    if (!Array.isArray(source.fields)) {
      throw new InputError(
        `tracePii: source ${source.table} needs a fields array`,
      );
    }
    for (const field of source.fields) {
      if (typeof field?.column !== 'string' || !field.column) {
        throw new InputError(
          `tracePii: every field of source ${source.table} needs a column name`,
        );
      }
    }
  }
  for (const statement of input.statements ?? []) {
    if (!statement?.name || !Array.isArray(statement.lineage?.columns)) {
      throw new InputError(
        'tracePii: every statement needs a name and lineage.columns',
      );
    }
  }
  for (const sink of input.sinks ?? []) {
    if (!sink?.name || !sink.reads || typeof sink.target !== 'string') {
      throw new InputError(
        'tracePii: every sink needs a name, the table it reads and a target',
      );
    }
  }
}

/**
 * Traces personal data from tagged or masked source fields through the
 * statements' column lineage (across any number of hops) to every table and
 * sink it reaches.
 *
 * A value copied unchanged keeps its status (a masked email copied by
 * `c.email` is still `****`); a value computed from one is "derived from"
 * it. A column whose whole value is personal data makes each of its ROW
 * fields so; a ROW field copied into a column carries the field's status.
 * Columns used only to join or filter do not carry values and are not
 * flagged.
 *
 * @example
 * ```ts
 * const trace = tracePii({
 *   sources: [{ table: 'shiftleft.public.customers', fields: [
 *     { column: 'email', tags: ['PII'], masked: { by: 'cdc', replacement: '****' } },
 *   ] }],
 *   statements: [{ name: 'enriched', lineage: extractFlinkLineage(sql) }],
 *   sinks: [{ name: 'pg-sink', reads: 'enriched_customers', target: 'postgres.db.public.enriched_customers' }],
 * });
 * trace.sinks[0].fields; // [{ column: 'email', status: 'masked', masked: true, replacement: '****', … }]
 * ```
 * @public
 */
export function tracePii(input: TracePiiInput): PiiTrace {
  validate(input);
  const piiTags = new Set(
    (input.piiTags ?? ['PII']).map(tag => tag.toLocaleLowerCase('en-US')),
  );
  const resolveTable =
    input.resolveTable ?? ((ref: LineageTableRef) => ref.table);
  const show = input.displayName ?? ((id: string) => id);
  const state = new Map<string, TableState>();
  const tableOrder: string[] = [];

  const tableState = (table: string): TableState => {
    let found = state.get(table);
    if (!found) {
      found = new Map();
      state.set(table, found);
      tableOrder.push(table);
    }
    return found;
  };

  const offer = (table: string, key: string, entry: Entry): boolean => {
    const byOrigin = tableState(table);
    let entries = byOrigin.get(key);
    if (!entries) {
      entries = new Map();
      byOrigin.set(key, entries);
    }
    const oKey = originKey(entry.origin);
    if (!better(entry, entries.get(oKey))) {
      return false;
    }
    entries.set(oKey, entry);
    return true;
  };

  // Origins: tagged and masked source fields.
  for (const source of input.sources) {
    for (const field of source.fields) {
      const origin: PiiOrigin = {
        table: source.table,
        column: field.column,
        ...(field.field ? { field: field.field } : {}),
      };
      const chain: PiiChainStep[] = [];
      for (const raw of field.tags ?? []) {
        const tag =
          typeof raw === 'string'
            ? { name: raw, how: 'schema-tag' as const }
            : raw;
        if (!piiTags.has(tag.name.toLocaleLowerCase('en-US'))) {
          continue;
        }
        chain.push({
          ...origin,
          how: tag.how,
          detail:
            tag.detail ??
            (tag.how === 'schema-tag'
              ? `Tagged ${tag.name} in the schema of ${show(source.table)}`
              : `Tagged ${tag.name} in Stream Catalog`),
        });
      }
      if (field.masked) {
        const { by, transform, replacement } = field.masked;
        chain.push({
          ...origin,
          how: 'smt',
          via: by,
          ...(replacement !== undefined ? { replacement } : {}),
          detail: `Masked by ${show(by)}${
            transform ? ` (${transform})` : ''
          }: ${
            replacement !== undefined
              ? `the value is replaced with ${replacement}`
              : "the value is replaced with its type's empty value"
          }`,
        });
      }
      if (chain.length === 0) {
        continue;
      }
      offer(source.table, columnKey(field.column, field.field), {
        origin,
        status: field.masked ? 'masked' : 'pii',
        ...(field.masked?.replacement !== undefined
          ? { replacement: field.masked.replacement }
          : {}),
        chain,
      });
    }
  }

  const statements = input.statements ?? [];
  // Which statements read which table, to re-run only those a change reaches.
  const readers = new Map<string, Set<number>>();
  statements.forEach((statement, index) => {
    for (const column of statement.lineage.columns) {
      const refs = [
        ...column.sources,
        ...(column.conditionalSources ?? []),
        ...(column.fields ?? []).flatMap(f => f.sources),
      ];
      for (const ref of refs) {
        const table = resolveTable(ref.table);
        let set = readers.get(table);
        if (!set) {
          set = new Set();
          readers.set(table, set);
        }
        set.add(index);
      }
    }
  });

  const step = (
    statement: PiiStatement,
    table: string,
    column: string,
    field: string | undefined,
    direct: boolean,
    expression: string,
    from: LineageSourceColumn,
    conditional: boolean,
  ): PiiChainStep => {
    const fromColumn = describeColumn(
      show(resolveTable(from.table)),
      from.column,
      from.field,
    );
    let detail = `Computed by ${show(
      statement.name,
    )} from ${fromColumn}: ${expression}`;
    if (direct) {
      detail = `Copied unchanged by ${show(statement.name)}: ${expression}`;
    } else if (conditional) {
      detail = `Computed by ${show(
        statement.name,
      )} with a condition on ${fromColumn}: ${expression}`;
    }
    return {
      table,
      column,
      ...(field ? { field } : {}),
      how: 'statement',
      via: statement.name,
      direct,
      expression,
      detail,
    };
  };

  const runStatement = (statement: PiiStatement): Set<string> => {
    const changed = new Set<string>();
    const carry = (
      table: string,
      column: string,
      fieldPrefix: string | undefined,
      sources: LineageSourceColumn[],
      direct: boolean,
      expression: string,
      conditional = false,
    ) => {
      for (const ref of sources) {
        const byKey = state.get(resolveTable(ref.table));
        if (!byKey) {
          continue;
        }
        for (const [key, entries] of byKey) {
          const source = splitKey(key);
          const match = landingOf(ref, source.column, source.field);
          if (match === null) {
            continue;
          }
          // A `*` column lands each source column on its own name.
          const targetColumn = column === '*' ? source.column : column;
          const relative = direct ? match : undefined;
          const field =
            [fieldPrefix, relative].filter(Boolean).join('.') || undefined;
          for (const entry of entries.values()) {
            const status = derive(entry.status, direct);
            const next: Entry = {
              origin: entry.origin,
              status,
              ...(status === 'masked' && entry.replacement !== undefined
                ? { replacement: entry.replacement }
                : {}),
              chain: [
                ...entry.chain,
                step(
                  statement,
                  table,
                  targetColumn,
                  field,
                  direct,
                  expression,
                  {
                    ...ref,
                    column: ref.column === '*' ? source.column : ref.column,
                  },
                  conditional,
                ),
              ],
            };
            if (offer(table, columnKey(targetColumn, field), next)) {
              changed.add(table);
            }
          }
        }
      }
    };
    for (const column of statement.lineage.columns) {
      const table = resolveTable(column.sink);
      if (column.fields?.length) {
        for (const f of column.fields) {
          carry(
            table,
            column.column,
            f.name,
            f.sources,
            f.direct,
            f.expression,
          );
        }
        continue;
      }
      carry(
        table,
        column.column,
        undefined,
        column.sources,
        column.direct,
        column.expression,
      );
      // A value decided by a condition on PII tells something about it.
      carry(
        table,
        column.column,
        undefined,
        column.conditionalSources ?? [],
        false,
        column.expression,
        true,
      );
    }
    return changed;
  };

  // Worklist to a fixpoint: findings only grow or get more severe, so this
  // ends; the cap guards against a bug turning into an endless loop.
  const queue: number[] = statements.map((_, i) => i);
  const queued = new Set(queue);
  let budget = Math.max(1000, statements.length * 64);
  while (queue.length > 0 && budget-- > 0) {
    const index = queue.shift()!;
    queued.delete(index);
    for (const table of runStatement(statements[index])) {
      for (const reader of readers.get(table) ?? []) {
        if (!queued.has(reader)) {
          queued.add(reader);
          queue.push(reader);
        }
      }
    }
  }

  const summarize = (
    entries: Map<string, Entry>,
    column: string,
    field: string | undefined,
  ): PiiColumnFinding => {
    const all = [...entries.values()];
    const best = all.reduce((a, b) => {
      const sa = SEVERITY[a.status];
      const sb = SEVERITY[b.status];
      if (sb !== sa) {
        return sb > sa ? b : a;
      }
      return b.chain.length < a.chain.length ? b : a;
    });
    return {
      column,
      ...(field ? { field } : {}),
      status: best.status,
      ...(best.replacement !== undefined
        ? { replacement: best.replacement }
        : {}),
      origins: all
        .map(e => e.origin)
        .sort((a, b) => originKey(a).localeCompare(originKey(b))),
      chain: best.chain,
    };
  };

  const findingsOf = (table: string): PiiColumnFinding[] =>
    [...(state.get(table) ?? new Map<string, Map<string, Entry>>())]
      .filter(([, entries]) => entries.size > 0)
      .map(([key, entries]) => {
        const { column, field } = splitKey(key);
        return summarize(entries, column, field);
      });

  const tables = tableOrder
    .map(table => ({ table, columns: findingsOf(table) }))
    .filter(t => t.columns.length > 0);

  const sinks = (input.sinks ?? []).map(sink => {
    const reads =
      typeof sink.reads === 'string' ? sink.reads : resolveTable(sink.reads);
    const fields = findingsOf(reads).map((finding): PiiSinkField => {
      const mask = sink.masks?.find(
        m =>
          m.column === finding.column &&
          (!m.field ||
            m.field === finding.field ||
            (finding.field ?? '').startsWith(`${m.field}.`)),
      );
      if (!mask || finding.status === 'masked') {
        return { ...finding, masked: isPiiMasked(finding.status) };
      }
      return {
        ...finding,
        status: 'masked',
        masked: true,
        ...(mask.replacement !== undefined
          ? { replacement: mask.replacement }
          : {}),
        chain: [
          ...finding.chain,
          {
            table: sink.target,
            column: finding.column,
            ...(finding.field ? { field: finding.field } : {}),
            how: 'smt',
            via: sink.name,
            ...(mask.replacement !== undefined
              ? { replacement: mask.replacement }
              : {}),
            detail: `Masked by ${show(sink.name)}${
              mask.transform ? ` (${mask.transform})` : ''
            } before writing to ${show(sink.target)}`,
          },
        ],
      };
    });
    return { name: sink.name, reads, target: sink.target, fields };
  });

  return { tables, sinks };
}

/**
 * Where a source key `(column, field)` lands relative to the target column
 * when a statement reads `ref`: `undefined` for the whole column, a field
 * path, or `null` when the key is not read by `ref`.
 */
function landingOf(
  ref: LineageSourceColumn,
  column: string,
  field: string | undefined,
): string | undefined | null {
  if (ref.column !== '*' && column !== ref.column) {
    return null;
  }
  if (ref.column === '*' || !ref.field) {
    return field;
  }
  if (!field || field === ref.field) {
    return undefined;
  }
  if (field.startsWith(`${ref.field}.`)) {
    return field.slice(ref.field.length + 1);
  }
  return null;
}

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
 * The trace behind {@link tracePii}: origins seeded from tagged and masked
 * source fields, statements run to a fixpoint, findings summarised per
 * table and sink.
 */
import { InputError } from '@backstage/errors';
import type { LineageSourceColumn, LineageTableRef } from './lineageContract';
import {
  type PiiStatus,
  type PiiSourceTable,
  type PiiStatement,
  type PiiSink,
  type TracePiiInput,
  type PiiChainStep,
  type PiiOrigin,
  type PiiColumnFinding,
  type PiiSinkField,
  type PiiSinkFindings,
  type PiiTrace,
  isPiiMasked,
} from './pii';

const SEVERITY: Record<PiiStatus, number> = {
  'derived-from-masked': 1,
  masked: 2,
  'derived-from-pii': 3,
  pii: 4,
};

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
  const trace: Trace = {
    state: new Map(),
    tableOrder: [],
    resolveTable: input.resolveTable ?? ((ref: LineageTableRef) => ref.table),
    show: input.displayName ?? ((id: string) => id),
  };
  const piiTags = new Set(
    (input.piiTags ?? ['PII']).map(tag => tag.toLocaleLowerCase('en-US')),
  );
  for (const source of input.sources) {
    seedOrigins(trace, source, piiTags);
  }
  propagate(trace, input.statements ?? []);
  const tables = trace.tableOrder
    .map(table => ({ table, columns: findingsOf(trace, table) }))
    .filter(t => t.columns.length > 0);
  const sinks = (input.sinks ?? []).map(sink => traceSink(trace, sink));
  return { tables, sinks };
}

/**
 * What a trace knows so far (the best entries per table, column key and
 * origin; tables in the order first reached) and how it names tables.
 */
interface Trace {
  state: Map<string, TableState>;
  tableOrder: string[];
  resolveTable: (ref: LineageTableRef) => string;
  show: (id: string) => string;
}

/** Records an entry unless one from the same origin is as good; says whether it did. */
function offer(
  trace: Trace,
  table: string,
  key: string,
  entry: Entry,
): boolean {
  let byOrigin = trace.state.get(table);
  if (!byOrigin) {
    byOrigin = new Map();
    trace.state.set(table, byOrigin);
    trace.tableOrder.push(table);
  }
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
}

/** Origins: a source table's tagged and masked fields. */
function seedOrigins(
  trace: Trace,
  source: PiiSourceTable,
  piiTags: Set<string>,
): void {
  const { show } = trace;
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
        detail: `Masked by ${show(by)}${transform ? ` (${transform})` : ''}: ${
          replacement !== undefined
            ? `the value is replaced with ${replacement}`
            : "the value is replaced with its type's empty value"
        }`,
      });
    }
    if (chain.length === 0) {
      continue;
    }
    offer(trace, source.table, columnKey(field.column, field.field), {
      origin,
      status: field.masked ? 'masked' : 'pii',
      ...(field.masked?.replacement !== undefined
        ? { replacement: field.masked.replacement }
        : {}),
      chain,
    });
  }
}

/** Which statements read which table, to re-run only those a change reaches. */
function readersOf(
  trace: Trace,
  statements: PiiStatement[],
): Map<string, Set<number>> {
  const readers = new Map<string, Set<number>>();
  statements.forEach((statement, index) => {
    for (const column of statement.lineage.columns) {
      const refs = [
        ...column.sources,
        ...(column.conditionalSources ?? []),
        ...(column.fields ?? []).flatMap(f => f.sources),
      ];
      for (const ref of refs) {
        const table = trace.resolveTable(ref.table);
        let set = readers.get(table);
        if (!set) {
          set = new Set();
          readers.set(table, set);
        }
        set.add(index);
      }
    }
  });
  return readers;
}

/**
 * Runs the statements to a fixpoint with a worklist: findings only grow or
 * get more severe, so this ends; the cap guards against a bug turning into
 * an endless loop.
 */
function propagate(trace: Trace, statements: PiiStatement[]): void {
  const readers = readersOf(trace, statements);
  const queue: number[] = statements.map((_, i) => i);
  const queued = new Set(queue);
  let budget = Math.max(1000, statements.length * 64);
  while (queue.length > 0 && budget-- > 0) {
    const index = queue.shift()!;
    queued.delete(index);
    for (const table of runStatement(trace, statements[index])) {
      for (const reader of readers.get(table) ?? []) {
        if (!queued.has(reader)) {
          queued.add(reader);
          queue.push(reader);
        }
      }
    }
  }
}

/** Where a statement writes a value: the sink table, column and ROW field. */
interface Landing {
  table: string;
  column: string;
  field: string | undefined;
}

/** How a statement computes the value it writes from one source column. */
interface Flow {
  direct: boolean;
  expression: string;
  from: LineageSourceColumn;
  conditional: boolean;
}

/** The chain step of a value a statement writes. */
function step(
  trace: Trace,
  statement: PiiStatement,
  { table, column, field }: Landing,
  { direct, expression, from, conditional }: Flow,
): PiiChainStep {
  const { show, resolveTable } = trace;
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
}

/** Carries what a statement reads into the columns it writes; returns the tables that changed. */
function runStatement(trace: Trace, statement: PiiStatement): Set<string> {
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
      carryFrom(trace, statement, {
        ref,
        table,
        column,
        fieldPrefix,
        direct,
        expression,
        conditional,
        changed,
      });
    }
  };
  for (const column of statement.lineage.columns) {
    const table = trace.resolveTable(column.sink);
    if (column.fields?.length) {
      for (const f of column.fields) {
        carry(table, column.column, f.name, f.sources, f.direct, f.expression);
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
}

/** Carries the entries of one source column a statement reads into the column it writes. */
function carryFrom(
  trace: Trace,
  statement: PiiStatement,
  options: {
    ref: LineageSourceColumn;
    table: string;
    column: string;
    fieldPrefix: string | undefined;
    direct: boolean;
    expression: string;
    conditional: boolean;
    changed: Set<string>;
  },
): void {
  const { ref, table, column, fieldPrefix, direct, expression } = options;
  const byKey = trace.state.get(trace.resolveTable(ref.table));
  if (!byKey) {
    return;
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
            trace,
            statement,
            { table, column: targetColumn, field },
            {
              direct,
              expression,
              from: {
                ...ref,
                column: ref.column === '*' ? source.column : ref.column,
              },
              conditional: options.conditional,
            },
          ),
        ],
      };
      if (offer(trace, table, columnKey(targetColumn, field), next)) {
        options.changed.add(table);
      }
    }
  }
}

/** One finding of a column: the most severe entry (shortest chain on a tie) and every origin. */
function summarize(
  entries: Map<string, Entry>,
  column: string,
  field: string | undefined,
): PiiColumnFinding {
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
}

function findingsOf(trace: Trace, table: string): PiiColumnFinding[] {
  return [...(trace.state.get(table) ?? new Map<string, Map<string, Entry>>())]
    .filter(([, entries]) => entries.size > 0)
    .map(([key, entries]) => {
      const { column, field } = splitKey(key);
      return summarize(entries, column, field);
    });
}

/** What a sink writes: the findings of the table it reads, with the sink's own masks applied. */
function traceSink(trace: Trace, sink: PiiSink): PiiSinkFindings {
  const { show } = trace;
  const reads =
    typeof sink.reads === 'string'
      ? sink.reads
      : trace.resolveTable(sink.reads);
  const fields = findingsOf(trace, reads).map((finding): PiiSinkField => {
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

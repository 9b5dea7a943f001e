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
import {
  CONFLUENT_PII_TAG,
  isPiiMasked,
  PiiSink,
  PiiSourceField,
  PiiSourceTable,
  PiiStatement,
  PiiTrace,
  tracePii,
} from '@shiftleft/plugin-confluent-common';
import { readTableColumns } from '../preflight';
import { taskSecret } from '../secrets';
import { AnalyzedStatement } from '../statement';
import { findSuspectedPii } from '../suspectedPii';
import { message, PlanContext, unique } from './context';
import { PlannedSink } from './sinks';
import { PlannedSource } from './source';

/*
 * Personal data: from the declared fields of the source tables and the
 * catalog's findings on existing upstream topics, through the statements'
 * column lineage, to the sinks.
 */

/**
 * Traces the product's personal data to its sinks: unmasked fields reaching
 * a sink are problems (warnings when the template allows them), and the
 * undeclared columns that look personal are listed.
 */
export async function planPii(
  ctx: PlanContext,
  parts: {
    source: PlannedSource;
    analyzed: AnalyzedStatement[];
    sinks: PlannedSink[];
  },
): Promise<void> {
  const { source, analyzed, sinks } = parts;
  const declared = await declaredPiiSources(ctx, source);
  const piiSources = [
    ...declared.sources,
    ...(await upstreamPiiSources(ctx, sinks)),
  ];
  const piiStatements: PiiStatement[] = analyzed.map(s => ({
    name: s.name,
    lineage: s.lineage,
  }));
  const piiSinks: PiiSink[] = sinks.flatMap(({ rendered, system }) =>
    rendered.topicsRead.map(topic => ({
      name: rendered.name,
      reads: topic,
      target: `${system} table ${rendered.sinkTables?.[topic] ?? topic}`,
    })),
  );
  const trace = tracePii({
    sources: piiSources,
    statements: piiStatements,
    sinks: piiSinks,
  });
  const { suspectedPii } = ctx.options;
  if (suspectedPii) {
    const { columns } = declared;
    ctx.plan.suspectedPii = findSuspectedPii({
      matcher: suspectedPii,
      sources: source.tables
        .map((t, i) => ({
          topic: source.topics[i],
          columns: columns?.get(`${t.schema}.${t.table}`),
        }))
        .filter(s => s.topic),
      declared: [...source.maskFields, ...source.piiFields],
      lineage: analyzed.map(a => a.lineage.columns),
      trace,
    });
  }
  reportPiiAtSinks(ctx, trace);
}

/**
 * The PII fields the template declares on its source tables, placed in the
 * tables that have them when their columns can be read (only to place
 * declared fields: discovery alone never opens a database connection).
 */
async function declaredPiiSources(
  ctx: PlanContext,
  source: PlannedSource,
): Promise<{ sources: PiiSourceTable[]; columns?: Map<string, string[]> }> {
  const { options, product, warnings } = ctx;
  const { maskFields, piiFields, tables } = source;
  const sources: PiiSourceTable[] = [];
  const input = options.input.source;
  if (!source.rendered || !(maskFields.length || piiFields.length)) {
    return { sources };
  }
  let columns: Map<string, string[]> | undefined;
  try {
    columns = await readTableColumns(
      {
        host: input.database.hostname,
        port: input.database.port ?? 5432,
        database: input.database.name,
        user: input.database.user,
        password: input.database.passwordSecret
          ? taskSecret(options.secrets, input.database.passwordSecret, {
              what: 'source database password',
              dryRun: true,
            }).value
          : undefined,
        sslMode: input.database.sslMode ?? 'prefer',
        tables,
        connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      },
      { network: options.network },
    );
  } catch (error) {
    options.logger.warn(`Could not read the source columns: ${message(error)}`);
  }
  if (!columns) {
    warnings.push(
      'Could not read the source tables’ columns: PII fields are assumed to be in every table',
    );
  }
  const declared = `Declared PII in the template of ${product}`;
  const tag = {
    name: CONFLUENT_PII_TAG,
    how: 'catalog-tag' as const,
    detail: declared,
  };
  tables.forEach((t, i) => {
    const has = (c: string) =>
      !columns || (columns.get(`${t.schema}.${t.table}`) ?? []).includes(c);
    const fields: PiiSourceField[] = [
      ...maskFields.filter(has).map(column => ({
        column,
        tags: [{ ...tag }],
        masked: {
          by: source.name,
          transform: 'maskPii (MaskField$Value)',
          replacement: input.maskReplacement ?? '****',
        },
      })),
      ...piiFields.filter(has).map(column => ({ column, tags: [{ ...tag }] })),
    ];
    if (fields.length) sources.push({ table: source.topics[i], fields });
  });
  return { sources, columns };
}

/**
 * The catalog's PII findings on every existing topic the product reads, by
 * a statement or directly by a sink: the same PII rule holds on every path
 * to a sink.
 */
async function upstreamPiiSources(
  ctx: PlanContext,
  sinks: PlannedSink[],
): Promise<PiiSourceTable[]> {
  const { upstreamPii } = ctx.options;
  if (!upstreamPii) return [];
  const sources: PiiSourceTable[] = [];
  const upstreamTopics = unique(
    [
      ...ctx.plan.statements.flatMap(s => s.reads),
      ...sinks.flatMap(s => s.rendered.topicsRead),
    ].filter(t => !ctx.created.includes(t)),
  );
  for (const topic of upstreamTopics) {
    try {
      const fields = await upstreamPii(topic);
      if (fields?.length) sources.push({ table: topic, fields });
    } catch (error) {
      ctx.signal?.throwIfAborted();
      ctx.warnings.push(
        `Could not read the catalog's PII findings of ${topic}: ${message(
          error,
        )}`,
      );
    }
  }
  return sources;
}

/** Lists the PII reaching each sink; unmasked fields are problems. */
function reportPiiAtSinks(ctx: PlanContext, trace: PiiTrace): void {
  for (const sink of trace.sinks) {
    if (!sink.fields.length) continue;
    ctx.plan.pii.push({
      sink: sink.name,
      reads: sink.reads,
      target: sink.target,
      fields: sink.fields.map(f => ({
        column: f.column,
        ...(f.field ? { field: f.field } : {}),
        status: f.status,
        masked: isPiiMasked(f.status) || f.masked,
        ...(f.replacement !== undefined ? { replacement: f.replacement } : {}),
        chain: f.chain.map(step => step.detail),
      })),
    });
    const unmasked = sink.fields.filter(f => !f.masked);
    if (unmasked.length) {
      const text = `Unmasked personal data reaches ${sink.target} through ${
        sink.name
      }: ${unmasked
        .map(f => `${f.column}${f.field ? `.${f.field}` : ''} (${f.status})`)
        .join(', ')}`;
      if (ctx.options.input.allowUnmaskedPii) ctx.warnings.push(text);
      else
        ctx.problems.push(
          `${text}. Mask the field at the source, leave it out of the statement, or remove the sink`,
        );
    }
  }
}

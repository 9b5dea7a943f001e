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
 * PII provenance over the graph: which topic fields are tagged (in the
 * value schema or in Stream Catalog) or masked by a source connector, and,
 * traced through statements and sink connectors, which columns downstream
 * hold or derive from them.
 */
import {
  DataProductPiiChainStep,
  DataProductPiiFinding,
  PiiChainStep,
  PiiColumnFinding,
  PiiSink,
  PiiSourceTable,
  PiiStatement,
  PiiStatus,
  tracePii,
} from '@shiftleft/plugin-confluent-common';
import type { EntityRefs } from './refs';
import { ConnectorNode, FlowGraph, mapColumnTables, TopicNode } from './graph';

/** The PII of a graph, per entity ref. */
export interface GraphPii {
  /** Every topic with tagged or masked fields, as the trace started from. */
  sources: PiiSourceTable[];
  /** Findings of each topic (by entity ref). */
  byTopic: Map<string, PiiColumnFinding[]>;
  /** Findings of each sink table (by entity ref), the most severe per column. */
  bySinkTable: Map<string, PiiColumnFinding[]>;
}

/** Options of {@link traceGraphPii}. */
export interface TraceGraphPiiOptions {
  /** Tags that mark a field as personal data (case-insensitive). */
  piiTags: string[];
}

interface TopicMask {
  connector: ConnectorNode;
  alias: string;
  fields: string[];
  replacement?: string;
}

const SEVERITY: Record<PiiStatus, number> = {
  'derived-from-masked': 1,
  masked: 2,
  'derived-from-pii': 3,
  pii: 4,
};

/** Traces PII from tagged and masked topic fields through the graph. */
export function traceGraphPii(
  graph: FlowGraph,
  refs: EntityRefs,
  options: TraceGraphPiiOptions,
): GraphPii {
  const { topics, statements, connectors, tables } = graph;
  const masksByTopic = new Map<string, TopicMask[]>();
  for (const node of connectors.values()) {
    if (node.type !== 'source') continue;
    for (const mask of node.connector.flow?.masks ?? []) {
      for (const t of node.topics) {
        const list = masksByTopic.get(t) ?? [];
        list.push({ connector: node, ...mask });
        masksByTopic.set(t, list);
      }
    }
  }
  const piiTags = new Set(
    options.piiTags.map(t => t.toLocaleLowerCase('en-US')),
  );
  const isPiiTag = (tag: string) => piiTags.has(tag.toLocaleLowerCase('en-US'));
  const sources: PiiSourceTable[] = [];
  for (const node of topics.values()) {
    const fields = sourceFields(
      node,
      masksByTopic.get(node.key) ?? [],
      isPiiTag,
    );
    if (fields.length) sources.push({ table: node.ref, fields });
  }
  const topicRef = (key: string) => topics.get(key)?.ref ?? key;
  const piiStatements: PiiStatement[] = [...statements.values()].map(node => ({
    name: node.ref,
    lineage: {
      columns: node.columns.map(c =>
        mapColumnTables(c, t => topicRef(t.table)),
      ),
    },
  }));
  const piiSinks: PiiSink[] = [];
  for (const table of tables.values()) {
    for (const { connector, topic } of table.writtenBy) {
      const node = connectors.get(connector)!;
      piiSinks.push({
        name: node.ref,
        reads: topicRef(topic),
        target: table.ref,
        masks: (node.connector.flow?.masks ?? []).flatMap(m =>
          m.fields.map(column => ({
            column,
            transform: `${m.alias}, MaskField$Value`,
            ...(m.replacement !== undefined
              ? { replacement: m.replacement }
              : {}),
          })),
        ),
      });
    }
  }
  const trace = tracePii({
    sources,
    statements: piiStatements,
    sinks: piiSinks,
    piiTags: options.piiTags,
    displayName: id => refs.display.get(id) ?? id,
  });
  const byTopic = new Map(trace.tables.map(t => [t.table, t.columns]));
  const bySinkTable = new Map<string, PiiColumnFinding[]>();
  for (const sink of trace.sinks) {
    const list = bySinkTable.get(sink.target) ?? [];
    for (const field of sink.fields) {
      const { masked: _masked, ...finding } = field;
      const same = list.findIndex(
        f => f.column === finding.column && f.field === finding.field,
      );
      if (same < 0) list.push(finding);
      else if (SEVERITY[finding.status] > SEVERITY[list[same].status]) {
        list[same] = finding;
      }
    }
    bySinkTable.set(sink.target, list);
  }
  return { sources, byTopic, bySinkTable };
}

/** The tagged or masked fields of one topic. */
function sourceFields(
  node: TopicNode,
  masks: TopicMask[],
  isPiiTag: (tag: string) => boolean,
): PiiSourceTable['fields'] {
  const schema = node.env.schemas.get(node.topic);
  const catalogTags = node.env.fieldTags.get(node.topic);
  const fields: PiiSourceTable['fields'] = [];
  const seen = new Set<string>();
  for (const field of schema?.fields ?? []) {
    const path = field.field ? `${field.column}.${field.field}` : field.column;
    seen.add(path);
    // MaskField masks top-level columns only.
    const mask = field.field
      ? undefined
      : masks.find(m => m.fields.includes(field.column));
    const tags = [
      ...field.tags.filter(isPiiTag).map(name => ({
        name,
        how: 'schema-tag' as const,
        detail: `Tagged ${name} in the value schema ${
          schema!.subject
        } (version ${schema!.version})`,
      })),
      ...(catalogTags?.get(path) ?? []).filter(isPiiTag).map(name => ({
        name,
        how: 'catalog-tag' as const,
        detail: `Tagged ${name} on the field in Stream Catalog (${
          schema!.subject
        })`,
      })),
    ];
    if (tags.length || mask) {
      fields.push({
        column: field.column,
        ...(field.field ? { field: field.field } : {}),
        tags,
        ...(mask ? { masked: maskedBy(mask) } : {}),
      });
    }
  }
  if (!schema) {
    // Without a schema the masked fields are still known to be masked.
    for (const mask of masks) {
      for (const column of mask.fields) {
        if (seen.has(column)) continue;
        fields.push({ column, masked: maskedBy(mask) });
      }
    }
  }
  return fields;
}

function maskedBy(mask: TopicMask) {
  return {
    by: mask.connector.ref,
    transform: `${mask.alias}, MaskField$Value`,
    ...(mask.replacement !== undefined
      ? { replacement: mask.replacement }
      : {}),
  };
}

/** Trace findings as the catalog entity's lineage spec holds them. */
export function piiFindings(
  findings: PiiColumnFinding[] | undefined,
): DataProductPiiFinding[] {
  return (findings ?? []).map(f => ({
    column: f.column,
    ...(f.field ? { field: f.field } : {}),
    status: f.status,
    ...(f.replacement !== undefined ? { replacement: f.replacement } : {}),
    origins: f.origins.map(o => ({
      entityRef: o.table,
      column: o.column,
      ...(o.field ? { field: o.field } : {}),
    })),
    chain: f.chain.map(chainStep),
  }));
}

/**
 * The entity tags for its findings: `pii` when any column holds or derives
 * from unmasked personal data, `masked-pii` when all of it is masked.
 */
export function piiTagsOf(findings: DataProductPiiFinding[]): string[] {
  if (
    findings.some(f => f.status === 'pii' || f.status === 'derived-from-pii')
  ) {
    return ['pii'];
  }
  return findings.length ? ['masked-pii'] : [];
}

function chainStep(step: PiiChainStep): DataProductPiiChainStep {
  return {
    entityRef: step.table,
    column: step.column,
    ...(step.field ? { field: step.field } : {}),
    how: step.how,
    ...(step.via ? { via: step.via } : {}),
    ...(step.direct !== undefined ? { direct: step.direct } : {}),
    ...(step.expression ? { expression: step.expression } : {}),
    ...(step.replacement !== undefined
      ? { replacement: step.replacement }
      : {}),
    detail: step.detail,
  };
}

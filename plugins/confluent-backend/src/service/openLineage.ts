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
import { createHash } from 'node:crypto';
import {
  LineageGraphEdge,
  LineageGraphResponse,
} from '@shiftleft/plugin-confluent-common';

/*
 * The column graph as OpenLineage run events (spec 2-0-2, column lineage
 * facet 1-2-0), one per statement or connector: what Marquez, DataHub and
 * OpenMetadata ingest at their OpenLineage endpoints.
 */

const RUN_EVENT_SCHEMA =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const COLUMN_LINEAGE_SCHEMA =
  'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet';

/** The `producer` of every event and facet: this plugin. */
export const OPENLINEAGE_PRODUCER =
  'https://github.com/shiftleft-backstage/confluent-backstage/tree/main/plugins/confluent-backend';

/** One input field of the column lineage facet. */
export interface OpenLineageInputField {
  namespace: string;
  name: string;
  field: string;
  transformations: OpenLineageTransformation[];
}

/** A dataset of an event. */
export interface OpenLineageDataset {
  namespace: string;
  name: string;
  facets?: {
    columnLineage?: {
      _producer: string;
      _schemaURL: string;
      fields: Record<string, { inputFields: OpenLineageInputField[] }>;
    };
  };
}

/** An OpenLineage run event. */
export interface OpenLineageRunEvent {
  eventType: 'COMPLETE';
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string };
  job: { namespace: string; name: string };
  inputs: OpenLineageDataset[];
  outputs: OpenLineageDataset[];
}

/** Options of {@link toOpenLineageEvents}. */
export interface OpenLineageOptions {
  /** The OpenLineage namespace of the jobs (statements and connectors). */
  jobNamespace: string;
  /** The event time; defaults to now. */
  now?: Date;
}

// Windowed and grouped aggregates read many rows into one value.
const AGGREGATE =
  /\b(SUM|COUNT|AVG|MIN|MAX|LISTAGG|COLLECT|FIRST_VALUE|LAST_VALUE)\s*\(/i;

/** One transformation of an input field (facet 1-2-0's `transformations`). */
export interface OpenLineageTransformation {
  type: 'DIRECT' | 'INDIRECT';
  /**
   * DIRECT: `IDENTITY`, `TRANSFORMATION`, `AGGREGATION`; INDIRECT: `JOIN`,
   * `GROUP_BY`, `FILTER`, `SORT`, `WINDOW`, `CONDITIONAL`.
   */
  subtype: string;
  description?: string;
  masking: boolean;
}

function transformation(edge: LineageGraphEdge): OpenLineageTransformation {
  if (edge.input === 'indirect') {
    // The column's own expression tests the input (`CASE WHEN`, `IF`, an
    // aggregate's FILTER clause): OpenLineage's INDIRECT/CONDITIONAL. Its
    // value never reaches the output, so nothing is masked.
    return {
      type: 'INDIRECT',
      subtype: 'CONDITIONAL',
      ...(edge.expression ? { description: edge.expression } : {}),
      masking: false,
    };
  }
  const masking =
    (edge.transforms ?? []).some(t => /mask/i.test(t)) ||
    /MaskField/.test(edge.expression ?? '');
  let subtype = 'IDENTITY';
  if (!edge.direct) {
    subtype = AGGREGATE.test(edge.expression ?? '')
      ? 'AGGREGATION'
      : 'TRANSFORMATION';
  }
  return {
    type: 'DIRECT' as const,
    subtype,
    ...(edge.expression ? { description: edge.expression } : {}),
    masking,
  };
}

/**
 * A stable run id per job, so exporting twice updates the same run in the
 * receiving system instead of piling up copies (a UUID v5-shaped digest).
 */
export function stableRunId(jobNamespace: string, jobName: string): string {
  const hex = createHash('sha1')
    .update(`${jobNamespace}\u0000${jobName}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(
    13,
    16,
  )}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Converts a lineage graph into OpenLineage run events, one per process node
 * (statement or connector): its inputs, and its outputs with the column
 * lineage facet saying which input columns make each output column and how
 * (DIRECT: copied, computed, aggregated, with `masking` when an SMT masks
 * the value; INDIRECT/CONDITIONAL: only tested by a condition).
 * Restricted nodes are left out: an export never names what the caller may
 * not read.
 */
export function toOpenLineageEvents(
  graph: LineageGraphResponse,
  options: OpenLineageOptions,
): OpenLineageRunEvent[] {
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  const eventTime = (options.now ?? new Date()).toISOString();
  const dataset = (id: string) => {
    const node = nodes.get(id);
    return node?.kind === 'dataset' ? node.dataset : undefined;
  };
  const events: OpenLineageRunEvent[] = [];
  for (const process of graph.nodes.filter(n => n.kind === 'process')) {
    const inputs = new Map<string, OpenLineageDataset>();
    const outputs = new Map<string, OpenLineageDataset>();
    for (const edge of graph.edges) {
      if (edge.kind !== 'flow') continue;
      if (edge.target === process.id) {
        const d = dataset(edge.source);
        if (d) inputs.set(edge.source, { ...d });
      }
      if (edge.source === process.id) {
        const d = dataset(edge.target);
        if (d) outputs.set(edge.target, { ...d });
      }
    }
    for (const edge of graph.edges) {
      if (edge.kind !== 'column' || edge.via !== process.id) continue;
      const output = outputs.get(edge.target);
      const input = dataset(edge.source);
      if (!output || !input || !edge.targetColumn || !edge.sourceColumn) {
        continue;
      }
      const facet = ((output.facets ??= {}).columnLineage ??= {
        _producer: OPENLINEAGE_PRODUCER,
        _schemaURL: COLUMN_LINEAGE_SCHEMA,
        fields: {},
      });
      const field = (facet.fields[edge.targetColumn] ??= { inputFields: [] });
      field.inputFields.push({
        ...input,
        field: edge.sourceField
          ? `${edge.sourceColumn}.${edge.sourceField}`
          : edge.sourceColumn,
        transformations: [transformation(edge)],
      });
    }
    if (!inputs.size && !outputs.size) continue;
    const name = process.title ?? process.id;
    events.push({
      eventType: 'COMPLETE',
      eventTime,
      producer: OPENLINEAGE_PRODUCER,
      schemaURL: RUN_EVENT_SCHEMA,
      run: { runId: stableRunId(options.jobNamespace, name) },
      job: { namespace: options.jobNamespace, name },
      inputs: [...inputs.values()],
      outputs: [...outputs.values()],
    });
  }
  return events;
}

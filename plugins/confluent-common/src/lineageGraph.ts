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
 * The contract of the column lineage graph route
 * (`GET /api/confluent/entities/:kind/:namespace/:name/lineage`) and the pure
 * walks over it the Lineage tab and the impact download share: the path of a
 * column, and everything downstream of it.
 */
import type { DataProductPiiChainStep } from './dataProduct';
import type { PiiStatus } from './pii';

/**
 * The most hops each way the graph route walks; `depth=all` means this.
 * @public
 */
export const LINEAGE_GRAPH_MAX_DEPTH = 25;

/**
 * The hops each way the Lineage tab shows first.
 * @public
 */
export const LINEAGE_GRAPH_DEFAULT_DEPTH = 2;

/**
 * A column of a dataset node, with its personal-data status when it carries
 * any (the same finding and chain the schema card shows).
 * @public
 */
export interface LineageGraphColumn {
  name: string;
  pii?: {
    status: PiiStatus;
    /** For `masked`: the value the column holds (`****`). */
    replacement?: string;
    /** How it came to be, origin first. */
    chain: DataProductPiiChainStep[];
  };
}

/**
 * A box of the graph.
 *
 * - `dataset`: a topic API or a database table Resource; it lists columns.
 * - `process`: a Flink statement or connector Component that moves data.
 * - `restricted`: an entity the caller may not read (or that no longer
 *   exists): no name, no columns, and the walk does not go past it.
 * @public
 */
export interface LineageGraphNode {
  /** The entity ref, or `restricted:<n>` for a restricted node. */
  id: string;
  kind: 'dataset' | 'process' | 'restricted';
  /**
   * Dataset hops from the root: negative upstream, 0 the root, positive
   * downstream; a process sits half a hop beyond the dataset before it.
   */
  depth: number;
  entityRef?: string;
  /** Display name: the title, else the entity name. */
  title?: string;
  /** The entity's `spec.type` (`data-product`, `flink-statement`, …). */
  type?: string;
  owner?: string;
  /** For processes: the Flink statement or connector name behind it. */
  statement?: string;
  connector?: string;
  /** For `database-table` Resources: `postgres`, `redshift`, `snowflake`. */
  system?: string;
  /**
   * For datasets: where the data lives, in OpenLineage's naming
   * (`kafka://<cluster id>` + topic, `postgres://<host>` +
   * `<database>.<schema>.<table>`).
   */
  dataset?: { namespace: string; name: string };
  columns: LineageGraphColumn[];
  /** The walk stopped here at the depth limit while more lies beyond. */
  more?: { upstream?: boolean; downstream?: boolean };
}

/**
 * How a source column feeds a column: its value flows in (`direct`), or it
 * only takes part in a condition that decides the value (`indirect`).
 * @public
 */
export type LineageInputKind = 'direct' | 'indirect';

/**
 * An edge of the graph: `flow` joins a dataset and the process that reads or
 * writes it; `column` joins a source column to the column it feeds.
 * @public
 */
export interface LineageGraphEdge {
  id: string;
  kind: 'flow' | 'column';
  source: string;
  target: string;
  /** For `column` edges; absent on a restricted end. */
  sourceColumn?: string;
  /** Dot-separated path inside a ROW source column. */
  sourceField?: string;
  targetColumn?: string;
  /** The value is copied unchanged rather than computed. */
  direct?: boolean;
  /**
   * For `column` edges, how the source feeds the target, in OpenLineage's
   * terms: `direct` when its value flows into the column (copied, computed
   * or aggregated; drawn solid), `indirect` when it only decides the value
   * through a condition in the column's expression
   * (`CASE WHEN cc_number IS NOT NULL THEN 'CARD' END`; drawn dashed).
   */
  input?: LineageInputKind;
  /** The projection SQL or the SMT that writes the column. */
  expression?: string;
  transforms?: string[];
  /** The process node that writes the target column. */
  via?: string;
}

/**
 * The response of the graph route.
 * @public
 */
export interface LineageGraphResponse {
  root: string;
  upstream: number;
  downstream: number;
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
}

/**
 * One column a walk reached, with the hop that led there.
 * @public
 */
export interface LineageColumnHop {
  node: string;
  column?: string;
  /** The edge that reached it (absent for the start). */
  edge?: LineageGraphEdge;
}

/** A column key; `\u0000` never appears in a name. */
const key = (node: string, column?: string) => `${node}\u0000${column ?? ''}`;

function walk(
  graph: Pick<LineageGraphResponse, 'edges'>,
  start: { node: string; column: string },
  forward: boolean,
): LineageColumnHop[] {
  const byEnd = new Map<string, LineageGraphEdge[]>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'column') continue;
    const from = forward
      ? key(edge.source, edge.sourceColumn)
      : key(edge.target, edge.targetColumn);
    const list = byEnd.get(from) ?? [];
    list.push(edge);
    byEnd.set(from, list);
  }
  const seen = new Set([key(start.node, start.column)]);
  const out: LineageColumnHop[] = [];
  const queue = [key(start.node, start.column)];
  // Breadth first, so each column is listed with its nearest hop, and a
  // cycle in the flow ends the walk instead of looping.
  while (queue.length) {
    for (const edge of byEnd.get(queue.shift()!) ?? []) {
      const node = forward ? edge.target : edge.source;
      const column = forward ? edge.targetColumn : edge.sourceColumn;
      const k = key(node, column);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ node, column, edge });
      queue.push(k);
    }
  }
  return out;
}

/**
 * Every column upstream of a column (what it is computed from, hop by hop).
 * @public
 */
export function lineageUpstream(
  graph: Pick<LineageGraphResponse, 'edges'>,
  start: { node: string; column: string },
): LineageColumnHop[] {
  return walk(graph, start, false);
}

/**
 * Every column downstream of a column (everything it feeds, hop by hop).
 * @public
 */
export function lineageDownstream(
  graph: Pick<LineageGraphResponse, 'edges'>,
  start: { node: string; column: string },
): LineageColumnHop[] {
  return walk(graph, start, true);
}

/**
 * One row of a downstream impact report.
 * @public
 */
export interface LineageImpactRow {
  entityRef: string;
  title: string;
  /** `data-product`, `kafka-topic`, `database-table`, … */
  type: string;
  owner: string;
  column: string;
  /** Copied unchanged all the way from the start column. */
  direct: boolean;
  /** The expression of the last hop. */
  expression: string;
  /** The statement or connector of the last hop. */
  via: string;
  /** Hops from the start column. */
  hops: number;
  /** True for a table outside Confluent (a sink's warehouse table). */
  sinkTable: boolean;
}

/**
 * Every column, entity and sink table downstream of a column (or of every
 * column of an entity), with owners: the impact report the Lineage tab
 * downloads as CSV and JSON.
 * @public
 */
export function lineageImpact(
  graph: LineageGraphResponse,
  start: { node: string; column?: string },
): LineageImpactRow[] {
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  const columns = start.column
    ? [start.column]
    : nodes.get(start.node)?.columns.map(c => c.name) ?? [];
  const rows = new Map<string, LineageImpactRow>();
  for (const column of columns) {
    const hops = lineageDownstream(graph, { node: start.node, column });
    // Hops of one walk come out nearest first, and each one's parent was
    // listed before it, so direct-ness and distance accumulate in order.
    const state = new Map<string, { direct: boolean; hops: number }>([
      [key(start.node, column), { direct: true, hops: 0 }],
    ]);
    for (const hop of hops) {
      const edge = hop.edge!;
      const parent = state.get(key(edge.source, edge.sourceColumn)) ?? {
        direct: false,
        hops: 0,
      };
      const here = {
        direct: parent.direct && edge.direct === true,
        hops: parent.hops + 1,
      };
      state.set(key(hop.node, hop.column), here);
      const node = nodes.get(hop.node);
      const k = key(hop.node, hop.column);
      if (rows.has(k)) continue;
      const via = edge.via ? nodes.get(edge.via) : undefined;
      rows.set(k, {
        entityRef: node?.entityRef ?? 'restricted',
        title: node?.title ?? 'Restricted',
        type: node?.type ?? '',
        owner: node?.owner ?? '',
        column: hop.column ?? '',
        direct: here.direct,
        expression: edge.expression ?? '',
        via: via?.entityRef ?? edge.via ?? '',
        hops: here.hops,
        sinkTable: node?.type === 'database-table',
      });
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.hops - b.hops ||
      a.entityRef.localeCompare(b.entityRef) ||
      a.column.localeCompare(b.column),
  );
}

const CSV_COLUMNS: Array<keyof LineageImpactRow> = [
  'entityRef',
  'title',
  'type',
  'owner',
  'column',
  'direct',
  'expression',
  'via',
  'hops',
  'sinkTable',
];

/**
 * The impact report as CSV (RFC 4180 quoting, header row first). Cells that
 * a spreadsheet would run as a formula are prefixed with `'`.
 * @public
 */
export function lineageImpactCsv(rows: LineageImpactRow[]): string {
  const cell = (value: unknown) => {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [
    CSV_COLUMNS.join(','),
    ...rows.map(row => CSV_COLUMNS.map(c => cell(row[c])).join(',')),
  ]
    .join('\r\n')
    .concat('\r\n');
}

/**
 * One hit of the Data lineage page's search: an entity, or one of its
 * columns.
 * @public
 */
export interface LineageSearchHit {
  entityRef: string;
  title: string;
  type: string;
  owner?: string;
  /** Set when the hit is a column. */
  column?: string;
  /** The column's personal-data status, or the entity's worst one. */
  pii?: PiiStatus;
}

/**
 * The response of `GET /api/confluent/lineage/search`.
 * @public
 */
export interface LineageSearchResponse {
  hits: LineageSearchHit[];
  /** Owners of the entities searched, for the owner filter. */
  owners: string[];
  /** More hits matched than were returned. */
  truncated: boolean;
}

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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_DATABASE_SYSTEM,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_TOPIC,
  ANNOTATION_CONFLUENT_STATEMENT,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_FLINK_STATEMENT,
  LineageGraphColumn,
  LineageGraphEdge,
  LineageGraphNode,
  LineageGraphResponse,
  LineageInputKind,
  readDataProductLineage,
  RELATION_FED_BY,
  RELATION_FEEDS,
  readExternalTable,
  SPEC_EXTERNAL_TABLE,
  SPEC_FEEDS,
} from '@shiftleft/plugin-confluent-common';

/**
 * The entity fields the graph needs; the rest (a topic's whole schema in
 * `spec.definition`, links) stays in the catalog.
 */
export const LINEAGE_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.lineage',
  `spec.${SPEC_FEEDS}`,
  `spec.${SPEC_EXTERNAL_TABLE}`,
  'relations',
];

/** Options of {@link buildLineageGraph}. */
export interface LineageGraphOptions {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  /** The root entity, already read with the caller's credentials. */
  root: Entity;
  /** Dataset hops upstream and downstream; processes do not count. */
  upstream: number;
  downstream: number;
}

type Direction = 'up' | 'down';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Statements and connectors move data; everything else holds it. */
export function isProcess(entity: Entity): boolean {
  return (
    lower(entity.kind) === 'component' &&
    (entity.spec?.type === ENTITY_TYPE_FLINK_STATEMENT ||
      entity.spec?.type === ENTITY_TYPE_CONNECTOR)
  );
}

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef);
}

/**
 * The entities next to `entity` in one direction: the catalog's data-flow
 * relations, plus what the entity's own spec says (the relations are built
 * from it, but lag one processing round behind a refresh).
 */
function neighbours(entity: Entity, direction: Direction): string[] {
  const refs = new Set<string>();
  if (direction === 'down') {
    relationTargets(entity, RELATION_FEEDS).forEach(r => refs.add(r));
    const feeds = entity.spec?.[SPEC_FEEDS];
    if (Array.isArray(feeds)) {
      feeds.filter(f => typeof f === 'string').forEach(f => refs.add(f));
    }
  } else {
    relationTargets(entity, RELATION_FED_BY).forEach(r => refs.add(r));
    const lineage = readDataProductLineage(entity);
    lineage?.producedBy.forEach(r => refs.add(r));
    for (const column of lineage?.columns ?? []) {
      column.sources.forEach(s => refs.add(s.entityRef));
      column.conditionalSources?.forEach(s => refs.add(s.entityRef));
    }
  }
  refs.delete(stringifyEntityRef(entity));
  return [...refs].map(lower);
}

/**
 * The columns of a dataset: its own column lineage, its PII findings, and
 * the columns its readers take from it (a CDC source table has no lineage of
 * its own; what is known of it is what the topics read).
 */
function datasetColumns(entity: Entity, used: string[]): LineageGraphColumn[] {
  const lineage = readDataProductLineage(entity);
  const names: string[] = [];
  const add = (name: string) => {
    if (name && name !== '*' && !names.includes(name)) names.push(name);
  };
  lineage?.columns.forEach(c => add(c.column));
  lineage?.pii.forEach(p => add(p.column));
  used.forEach(add);
  return names.map(name => {
    // A column's status is its whole value's; a ROW field's finding is
    // shown on its column when the column has none of its own.
    const findings = (lineage?.pii ?? []).filter(p => p.column === name);
    const finding = findings.find(p => !p.field) ?? findings[0];
    return finding
      ? {
          name,
          pii: {
            status: finding.status,
            ...(finding.replacement !== undefined
              ? { replacement: finding.replacement }
              : {}),
            chain: finding.chain,
          },
        }
      : { name };
  });
}

/** Where a dataset lives, named the way OpenLineage names datasets. */
function datasetLocation(
  entity: Entity,
): { namespace: string; name: string } | undefined {
  const table = readExternalTable(entity);
  if (table) {
    return {
      namespace: `${table.system}://${table.host ?? 'unknown'}`,
      name: [table.database, table.schema, table.table]
        .filter(Boolean)
        .join('.'),
    };
  }
  const annotations = entity.metadata.annotations ?? {};
  const topic = annotations[ANNOTATION_CONFLUENT_TOPIC];
  const cluster = annotations[ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID];
  return topic && cluster
    ? { namespace: `kafka://${cluster}`, name: topic }
    : undefined;
}

/**
 * Assembles the column lineage graph around an entity from catalog entities:
 * a breadth-first walk that reads each ring of neighbours in one batched
 * catalog request with the caller's credentials, so the catalog's read
 * permission decides, entity by entity, what the caller sees. An entity the
 * catalog does not return becomes a nameless `restricted` node the walk does
 * not pass. Each entity is visited once, so cycles end the walk.
 *
 * Depth counts datasets (topics, tables): a statement or connector between
 * two datasets is part of the hop.
 */
export async function buildLineageGraph(
  options: LineageGraphOptions,
): Promise<LineageGraphResponse> {
  const { catalog, credentials, root } = options;
  const rootRef = lower(stringifyEntityRef(root));
  const entities = new Map<string, Entity>([[rootRef, root]]);
  const depthOf = new Map<string, number>([[rootRef, 0]]);
  const restricted = new Set<string>();
  const more = new Map<string, { upstream?: boolean; downstream?: boolean }>();

  type Item = { ref: string; direction: Direction; hops: number };
  const limit = (d: Direction) =>
    d === 'up' ? options.upstream : options.downstream;
  const expand = (ref: string, direction: Direction, hops: number): Item[] => {
    const entity = entities.get(ref)!;
    const next = neighbours(entity, direction);
    // A dataset at the limit stops the walk; a process is always finished,
    // so the datasets it writes or reads are whole hops.
    if (!isProcess(entity) && hops >= limit(direction)) {
      if (next.length) {
        more.set(ref, {
          ...more.get(ref),
          [direction === 'up' ? 'upstream' : 'downstream']: true,
        });
      }
      return [];
    }
    return next.map(n => ({ ref: n, direction, hops }));
  };

  let frontier: Item[] = [
    ...expand(rootRef, 'up', 0),
    ...expand(rootRef, 'down', 0),
  ];
  while (frontier.length) {
    const fresh = [
      ...new Set(
        frontier
          .map(i => i.ref)
          .filter(r => !entities.has(r) && !restricted.has(r)),
      ),
    ];
    if (fresh.length) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: fresh, fields: LINEAGE_ENTITY_FIELDS },
        { credentials },
      );
      fresh.forEach((ref, i) => {
        const entity = items[i];
        if (entity) entities.set(ref, entity);
        else restricted.add(ref);
      });
    }
    const next: Item[] = [];
    const queued = new Set<string>();
    for (const item of frontier) {
      if (depthOf.has(item.ref)) continue;
      const entity = entities.get(item.ref);
      const step = entity && isProcess(entity) ? 0 : 1;
      const hops = item.hops + step;
      const sign = item.direction === 'up' ? -1 : 1;
      // A process sits between the datasets it joins: half a hop further.
      depthOf.set(item.ref, sign * (step ? hops : hops + 0.5));
      if (!entity) continue;
      for (const n of expand(item.ref, item.direction, hops)) {
        const k = `${n.ref} ${n.direction}`;
        if (!depthOf.has(n.ref) && !queued.has(k)) {
          queued.add(k);
          next.push(n);
        }
      }
    }
    frontier = next;
  }

  return assemble({
    root: rootRef,
    upstream: options.upstream,
    downstream: options.downstream,
    entities,
    depthOf,
    restricted,
    more,
  });
}

/**
 * The column lineage graph between the given entities only (the whole
 * environment's, for the OpenLineage export): references to entities not
 * given, which the caller could not read, are left out.
 */
export function lineageGraphOfEntities(
  list: Entity[],
  root = '',
): LineageGraphResponse {
  const entities = new Map(
    list.map(e => [lower(stringifyEntityRef(e)), e] as const),
  );
  return assemble({
    root,
    upstream: 0,
    downstream: 0,
    entities,
    depthOf: new Map([...entities.keys()].map(ref => [ref, 0])),
    restricted: new Set(),
    more: new Map(),
  });
}

/** What a graph walk found, for {@link assemble}. */
interface WalkState {
  root: string;
  upstream: number;
  downstream: number;
  entities: Map<string, Entity>;
  depthOf: Map<string, number>;
  restricted: Set<string>;
  more: Map<string, { upstream?: boolean; downstream?: boolean }>;
}

function assemble(state: WalkState): LineageGraphResponse {
  const { depthOf, restricted } = state;
  // Restricted nodes get opaque ids: the caller learns that something it
  // may not read is there, never what it is.
  const ids = new Map<string, string>();
  let hidden = 0;
  for (const ref of depthOf.keys()) {
    ids.set(ref, restricted.has(ref) ? `restricted:${++hidden}` : ref);
  }
  const { edges, usedColumns } = graphEdges(state, ids);
  const nodes = [...depthOf].map(([ref, depth]) =>
    graphNode(state, ids, usedColumns, ref, depth),
  );
  return {
    root: state.root,
    upstream: state.upstream,
    downstream: state.downstream,
    nodes,
    edges: [...edges.values()],
  };
}

/**
 * The flow and column edges between the nodes of the graph, by id, and the
 * columns of each readable dataset that column edges use.
 */
function graphEdges(
  state: WalkState,
  ids: Map<string, string>,
): {
  edges: Map<string, LineageGraphEdge>;
  usedColumns: Map<string, string[]>;
} {
  const { entities, depthOf, restricted } = state;
  const edges = new Map<string, LineageGraphEdge>();
  const usedColumns = new Map<string, string[]>();
  const flow = (source: string, target: string) => {
    const id = `flow:${ids.get(source)}->${ids.get(target)}`;
    edges.set(id, {
      id,
      kind: 'flow',
      source: ids.get(source)!,
      target: ids.get(target)!,
    });
  };

  for (const [ref, entity] of entities) {
    if (!depthOf.has(ref)) continue;
    // Flow edges, from either end's knowledge, between nodes in the graph.
    for (const n of neighbours(entity, 'down')) {
      if (depthOf.has(n)) flow(ref, n);
    }
    for (const n of neighbours(entity, 'up')) {
      const upstream = entities.get(n);
      // Column sources name datasets, not the process between: those
      // become column edges, not flow edges.
      if (
        depthOf.has(n) &&
        (restricted.has(n) ||
          (upstream && (isProcess(upstream) || isProcess(entity))))
      ) {
        flow(n, ref);
      }
    }
    addColumnEdges(state, ids, ref, entity, { edges, usedColumns });
  }
  return { edges, usedColumns };
}

/** The column edges into an entity's columns, from its data product lineage. */
function addColumnEdges(
  state: WalkState,
  ids: Map<string, string>,
  ref: string,
  entity: Entity,
  into: {
    edges: Map<string, LineageGraphEdge>;
    usedColumns: Map<string, string[]>;
  },
): void {
  const { depthOf, restricted } = state;
  const { edges, usedColumns } = into;
  const lineage = readDataProductLineage(entity);
  for (const column of lineage?.columns ?? []) {
    const via = column.via ? lower(column.via) : undefined;
    const input = 'direct' as LineageInputKind;
    const sources = [
      ...column.sources.map(s => ({ ...s, direct: column.direct, input })),
      ...(column.fields ?? []).flatMap(f =>
        f.sources.map(s => ({
          ...s,
          direct: column.direct && f.direct,
          input,
        })),
      ),
      // Conditional inputs after the value's own, so a column that is
      // both (`CASE WHEN x > 0 THEN x END`) keeps its solid edge.
      ...(column.conditionalSources ?? []).map(s => ({
        ...s,
        direct: false,
        input: 'indirect' as LineageInputKind,
      })),
    ];
    for (const source of sources) {
      const from = lower(source.entityRef);
      if (!depthOf.has(from)) continue;
      const open = !restricted.has(from);
      if (open) {
        const list = usedColumns.get(from) ?? [];
        list.push(source.column);
        usedColumns.set(from, list);
      }
      const sourceColumn = open ? source.column : undefined;
      const id = `col:${ids.get(from)}.${sourceColumn ?? ''}${
        source.field ? `.${source.field}` : ''
      }->${ref}.${column.column}`;
      if (source.input === 'indirect' && edges.has(id)) continue;
      edges.set(id, {
        id,
        kind: 'column',
        source: ids.get(from)!,
        target: ref,
        ...(sourceColumn !== undefined ? { sourceColumn } : {}),
        ...(open && source.field ? { sourceField: source.field } : {}),
        targetColumn: column.column,
        direct: source.direct,
        input: source.input,
        ...(column.expression ? { expression: column.expression } : {}),
        ...(column.transforms?.length ? { transforms: column.transforms } : {}),
        ...(via && depthOf.has(via) ? { via: ids.get(via) } : {}),
      });
    }
  }
}

/**
 * A column with its PII chain's restricted entities named by their opaque
 * ids: the chain names the entities it passed through, and one the caller
 * may not read must stay unnamed.
 */
function hideRestricted(
  restricted: Set<string>,
  ids: Map<string, string>,
  column: LineageGraphColumn,
): LineageGraphColumn {
  const hide = (ref: string | undefined) =>
    ref && restricted.has(lower(ref)) ? ids.get(lower(ref)) : ref;
  return column.pii
    ? {
        ...column,
        pii: {
          ...column.pii,
          chain: column.pii.chain.map(step => ({
            ...step,
            entityRef: hide(step.entityRef)!,
            ...(step.via ? { via: hide(step.via) } : {}),
            ...(restricted.has(lower(step.entityRef)) ||
            (step.via && restricted.has(lower(step.via)))
              ? { detail: 'Passed through an entity you may not read' }
              : {}),
          })),
        },
      }
    : column;
}

/** One node of the graph: a dataset or process, or an opaque restricted one. */
function graphNode(
  state: WalkState,
  ids: Map<string, string>,
  usedColumns: Map<string, string[]>,
  ref: string,
  depth: number,
): LineageGraphNode {
  const { restricted, more } = state;
  const entity = state.entities.get(ref);
  if (!entity) {
    return {
      id: ids.get(ref)!,
      kind: 'restricted',
      depth,
      columns: [],
    };
  }
  const annotations = entity.metadata.annotations ?? {};
  const process = isProcess(entity);
  const node: LineageGraphNode = {
    id: ref,
    kind: process ? 'process' : 'dataset',
    depth,
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    ...(typeof entity.spec?.type === 'string'
      ? { type: entity.spec.type }
      : {}),
    ...(typeof entity.spec?.owner === 'string'
      ? { owner: entity.spec.owner }
      : {}),
    columns: process
      ? []
      : datasetColumns(entity, usedColumns.get(ref) ?? []).map(column =>
          hideRestricted(restricted, ids, column),
        ),
  };
  if (process && entity.spec?.type === ENTITY_TYPE_FLINK_STATEMENT) {
    node.statement = annotations[ANNOTATION_CONFLUENT_STATEMENT];
  }
  if (process && entity.spec?.type === ENTITY_TYPE_CONNECTOR) {
    node.connector = annotations[ANNOTATION_CONFLUENT_CONNECTOR];
  }
  if (annotations[ANNOTATION_CONFLUENT_DATABASE_SYSTEM]) {
    node.system = annotations[ANNOTATION_CONFLUENT_DATABASE_SYSTEM];
  }
  if (!process) {
    const location = datasetLocation(entity);
    if (location) node.dataset = location;
  }
  if (more.has(ref)) node.more = more.get(ref);
  return node;
}

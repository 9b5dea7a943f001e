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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  LineageSearchHit,
  LineageSearchResponse,
  PiiStatus,
  readDataProductLineage,
} from '@shiftleft/plugin-confluent-common';

/** Options of {@link searchLineage}. */
export interface LineageSearchOptions {
  /** `customers`, `email`, or `customers.email`; empty lists everything. */
  query: string;
  owner?: string;
  piiOnly?: boolean;
  /** Most hits returned. Default: 50. */
  limit?: number;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');
const SEVERITY: Record<PiiStatus, number> = {
  'derived-from-masked': 1,
  masked: 2,
  'derived-from-pii': 3,
  pii: 4,
};

/**
 * Finds entities and columns for the Data lineage page. A query with a dot
 * is tried at every dot as `<entity>.<column>` (entity names have dots of
 * their own: `shiftleft.public.customers.email`), and as a whole as an
 * entity name; without one it matches entity names and column names.
 * Matching is case-insensitive on substrings; exact names rank first.
 */
export function searchLineage(
  entities: Entity[],
  options: LineageSearchOptions,
): LineageSearchResponse {
  const limit = options.limit ?? 50;
  const q = lower(options.query.trim());
  // Columns come from each entity's own lineage, its PII findings, and what
  // other entities read from it (a source table has no lineage of its own).
  const columns = new Map<string, Map<string, PiiStatus | undefined>>();
  const columnsOf = (ref: string) => {
    let found = columns.get(ref);
    if (!found) {
      found = new Map();
      columns.set(ref, found);
    }
    return found;
  };
  for (const entity of entities) {
    const ref = lower(stringifyEntityRef(entity));
    const lineage = readDataProductLineage(entity);
    const own = columnsOf(ref);
    for (const column of lineage?.columns ?? []) {
      if (!own.has(column.column)) own.set(column.column, undefined);
      for (const source of column.sources) {
        const theirs = columnsOf(lower(source.entityRef));
        if (!theirs.has(source.column)) theirs.set(source.column, undefined);
      }
    }
    for (const finding of lineage?.pii ?? []) {
      const current = own.get(finding.column);
      if (!current || SEVERITY[finding.status] > SEVERITY[current]) {
        own.set(finding.column, finding.status);
      }
    }
  }

  const owners = new Set<string>();
  const hits: Array<LineageSearchHit & { rank: number }> = [];
  for (const entity of entities) {
    const owner =
      typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
    if (owner) owners.add(owner);
    if (options.owner && owner !== options.owner) continue;
    const ref = lower(stringifyEntityRef(entity));
    const name = lower(entity.metadata.name);
    const title = lower(entity.metadata.title ?? entity.metadata.name);
    const own = columns.get(ref) ?? new Map<string, PiiStatus | undefined>();
    const worst = [...own.values()].reduce<PiiStatus | undefined>(
      (a, b) => (b && (!a || SEVERITY[b] > SEVERITY[a]) ? b : a),
      undefined,
    );
    const base = {
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title ?? entity.metadata.name,
      type: String(entity.spec?.type ?? ''),
      ...(owner ? { owner } : {}),
    };
    const nameRank = (term: string) => {
      if (!term) return 3;
      if (name === term || title === term) return 0;
      if (name.endsWith(`.${term}`) || title.endsWith(`.${term}`)) return 1;
      return name.includes(term) || title.includes(term) ? 2 : undefined;
    };
    const entityRank = nameRank(q);
    if (entityRank !== undefined && (!options.piiOnly || worst)) {
      hits.push({
        ...base,
        ...(worst ? { pii: worst } : {}),
        rank: entityRank,
      });
    }
    if (!q) continue;
    const seen = new Set<string>();
    const splits: Array<[string, string]> = [['', q]];
    for (let i = q.indexOf('.'); i > 0; i = q.indexOf('.', i + 1)) {
      splits.push([q.slice(0, i), q.slice(i + 1)]);
    }
    for (const [entityTerm, columnTerm] of splits) {
      const rank = nameRank(entityTerm);
      if (rank === undefined || !columnTerm) continue;
      for (const [column, pii] of own) {
        const c = lower(column);
        if (seen.has(column) || !c.includes(columnTerm)) continue;
        if (options.piiOnly && !pii) continue;
        seen.add(column);
        hits.push({
          ...base,
          column,
          ...(pii ? { pii } : {}),
          // A named entity and an exact column rank above loose matches.
          rank: (entityTerm ? rank : 3) + (c === columnTerm ? 0 : 4),
        });
      }
    }
  }
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.title.localeCompare(b.title) ||
      (a.column ?? '').localeCompare(b.column ?? ''),
  );
  return {
    hits: hits.slice(0, limit).map(({ rank: _, ...hit }) => hit),
    owners: [...owners].sort(),
    truncated: hits.length > limit,
  };
}

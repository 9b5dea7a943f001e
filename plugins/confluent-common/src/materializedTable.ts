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
 * A Flink materialized table as the catalog shows it: the data product's
 * current version and its version history, written by the entity provider
 * on the table's topic entity and read by the entity page.
 */
import type { Entity } from '@backstage/catalog-model';

/**
 * Annotation on a data product that is a Flink materialized table: its
 * current version (`status.version` of the Flink API), e.g. `3`.
 * @public
 */
export const ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION =
  'confluent.io/materialized-table-version';

/**
 * Spec field of such a data product holding the table's versions
 * (`MaterializedTableInfo`, read with `readMaterializedTable`).
 * @public
 */
export const SPEC_MATERIALIZED_TABLE = 'materializedTable';

/**
 * One version of a materialized table.
 * @public
 */
export interface MaterializedTableVersionInfo {
  version: number;
  /** The full CREATE [OR ALTER] MATERIALIZED TABLE statement of the version. */
  statement: string;
  /** When the version was created (RFC 3339), when Confluent says. */
  createdAt?: string;
  /** What changed since the version before, in Confluent's words. */
  changes: string[];
}

/**
 * A materialized table: its current version, its query and phase, and its
 * versions, oldest first.
 * @public
 */
export interface MaterializedTableInfo {
  /** The version whose query runs. */
  version: number;
  /** The latest submitted version; above `version` while an evolution activates. */
  latestVersion: number;
  /** The Flink phase of the table's query, e.g. `RUNNING`. */
  phase?: string;
  /** The query of the current version. */
  query?: string;
  versions: MaterializedTableVersionInfo[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? value
    : undefined;
}

function readVersion(value: unknown): MaterializedTableVersionInfo | undefined {
  if (!isObject(value)) return undefined;
  const version = positiveInteger(value.version);
  if (!version || typeof value.statement !== 'string') return undefined;
  return {
    version,
    statement: value.statement,
    ...(typeof value.createdAt === 'string'
      ? { createdAt: value.createdAt }
      : {}),
    changes: Array.isArray(value.changes)
      ? value.changes.filter((c): c is string => typeof c === 'string')
      : [],
  };
}

/**
 * Reads `spec.materializedTable` of an entity written by the Confluent
 * entity provider; undefined for entities that are not materialized tables.
 * Malformed versions are dropped, so a page still shows what it can.
 * @public
 */
export function readMaterializedTable(
  entity: Entity,
): MaterializedTableInfo | undefined {
  const value = entity.spec?.[SPEC_MATERIALIZED_TABLE];
  if (!isObject(value)) return undefined;
  const version = positiveInteger(value.version);
  if (!version) return undefined;
  return {
    version,
    latestVersion: positiveInteger(value.latestVersion) ?? version,
    ...(typeof value.phase === 'string' ? { phase: value.phase } : {}),
    ...(typeof value.query === 'string' ? { query: value.query } : {}),
    versions: Array.isArray(value.versions)
      ? value.versions
          .map(readVersion)
          .filter((v): v is MaterializedTableVersionInfo => !!v)
          .sort((a, b) => a.version - b.version)
      : [],
  };
}

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
 * The metadata the catalog entity provider writes on data products, topics
 * and external tables: column lineage down to the source columns, and PII
 * provenance with the chain that proves it. The schema card and the
 * scaffolder read it with readDataProductLineage instead of re-deriving it.
 *
 * Everything here lives in the entity's spec (`spec.lineage`, `spec.table`),
 * which the catalog stores as given; references between entities are full
 * entity refs (`api:default/enriched_customers`).
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ENTITY_TYPE_DATABASE_TABLE,
  SPEC_EXTERNAL_TABLE,
  SPEC_LINEAGE,
} from './entityModel';
import type { PiiEvidence, PiiStatus } from './pii';

/**
 * A column of another entity that a column's value comes from.
 * @public
 */
export interface DataProductColumnSource {
  /** The entity holding the column: an API (topic) or a Resource (table). */
  entityRef: string;
  column: string;
  /** Dot-separated path inside a ROW column (`shipping_address` + `city`). */
  field?: string;
}

/**
 * Lineage of one field of a column built with `ROW(...)`.
 * @public
 */
export interface DataProductFieldLineage {
  name: string;
  sources: DataProductColumnSource[];
  direct: boolean;
  expression?: string;
}

/**
 * Where one column of the entity comes from.
 * @public
 */
export interface DataProductColumnLineage {
  column: string;
  sources: DataProductColumnSource[];
  /** True when the value is copied unchanged (a masked value stays masked). */
  direct: boolean;
  /** The statement's projection SQL, or the SMT that rewrites the value. */
  expression?: string;
  /** Functions, operators or SMTs applied, outermost first. */
  transforms?: string[];
  fields?: DataProductFieldLineage[];
  /**
   * Indirect inputs: columns the value depends on only through a condition in
   * its own expression (`CASE WHEN cc_number IS NOT NULL THEN 'CARD' END`);
   * absent when there are none.
   */
  conditionalSources?: DataProductColumnSource[];
  /** The entity that writes the column: a statement or connector Component. */
  via?: string;
}

/**
 * One step of a PII chain, origin first.
 * @public
 */
export interface DataProductPiiChainStep {
  /** The entity the step is about (topic API or table Resource). */
  entityRef: string;
  column: string;
  field?: string;
  how: PiiEvidence;
  /** The connector or statement Component that did the step. */
  via?: string;
  direct?: boolean;
  expression?: string;
  replacement?: string;
  /** One readable sentence. */
  detail: string;
}

/**
 * A column of the entity that carries personal data, masked or not.
 * @public
 */
export interface DataProductPiiFinding {
  column: string;
  field?: string;
  status: PiiStatus;
  /** For `masked`: the replacement value the column holds (`****`). */
  replacement?: string;
  /** The fields where the personal data originates. */
  origins: DataProductColumnSource[];
  /** The chain that proves the status, origin first. */
  chain: DataProductPiiChainStep[];
}

/**
 * `spec.lineage` of a data product, topic or external table entity.
 * @public
 */
export interface DataProductLineage {
  /** The statement or connector Components that write it. */
  producedBy: string[];
  /** Column lineage; empty when it is not known (a topic nothing in Confluent produces). */
  columns: DataProductColumnLineage[];
  /** Columns carrying personal data; empty when none do. */
  pii: DataProductPiiFinding[];
}

/**
 * The database system of an external table.
 * @public
 */
export type ExternalDatabaseSystem = 'postgres' | 'redshift' | 'snowflake';

/**
 * `spec.table` of a `database-table` Resource: the table outside Confluent a
 * connector reads or writes.
 * @public
 */
export interface ExternalTable {
  system: ExternalDatabaseSystem;
  /** The database host (or Snowflake account URL host), when configured. */
  host?: string;
  database?: string;
  schema?: string;
  table: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readSource(value: unknown): DataProductColumnSource | undefined {
  if (
    !isObject(value) ||
    typeof value.entityRef !== 'string' ||
    typeof value.column !== 'string'
  ) {
    return undefined;
  }
  const field = optionalString(value.field);
  return {
    entityRef: value.entityRef,
    column: value.column,
    ...(field ? { field } : {}),
  };
}

function readSources(value: unknown): DataProductColumnSource[] {
  return Array.isArray(value)
    ? value.map(readSource).filter((s): s is DataProductColumnSource => !!s)
    : [];
}

function readStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

function withOptional<T extends object>(
  base: T,
  optional: Record<string, unknown>,
): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out as T;
}

const STATUSES: ReadonlySet<string> = new Set([
  'pii',
  'derived-from-pii',
  'masked',
  'derived-from-masked',
]);
const EVIDENCE: ReadonlySet<string> = new Set([
  'smt',
  'schema-tag',
  'catalog-tag',
  'statement',
]);

function readColumn(value: unknown): DataProductColumnLineage | undefined {
  if (!isObject(value) || typeof value.column !== 'string') {
    return undefined;
  }
  const fields = Array.isArray(value.fields)
    ? value.fields
        .filter(isObject)
        .filter(f => typeof f.name === 'string')
        .map(f =>
          withOptional<DataProductFieldLineage>(
            {
              name: f.name as string,
              sources: readSources(f.sources),
              direct: f.direct === true,
            },
            { expression: optionalString(f.expression) },
          ),
        )
    : undefined;
  return withOptional<DataProductColumnLineage>(
    {
      column: value.column,
      sources: readSources(value.sources),
      direct: value.direct === true,
    },
    {
      expression: optionalString(value.expression),
      transforms: Array.isArray(value.transforms)
        ? readStrings(value.transforms)
        : undefined,
      fields,
      conditionalSources: Array.isArray(value.conditionalSources)
        ? readSources(value.conditionalSources)
        : undefined,
      via: optionalString(value.via),
    },
  );
}

function readStep(value: unknown): DataProductPiiChainStep | undefined {
  if (
    !isObject(value) ||
    typeof value.entityRef !== 'string' ||
    typeof value.column !== 'string' ||
    typeof value.how !== 'string' ||
    !EVIDENCE.has(value.how)
  ) {
    return undefined;
  }
  return withOptional<DataProductPiiChainStep>(
    {
      entityRef: value.entityRef,
      column: value.column,
      how: value.how as PiiEvidence,
      detail: optionalString(value.detail) ?? '',
    },
    {
      field: optionalString(value.field),
      via: optionalString(value.via),
      direct: typeof value.direct === 'boolean' ? value.direct : undefined,
      expression: optionalString(value.expression),
      replacement: optionalString(value.replacement),
    },
  );
}

function readFinding(value: unknown): DataProductPiiFinding | undefined {
  if (
    !isObject(value) ||
    typeof value.column !== 'string' ||
    typeof value.status !== 'string' ||
    !STATUSES.has(value.status)
  ) {
    return undefined;
  }
  return withOptional<DataProductPiiFinding>(
    {
      column: value.column,
      status: value.status as PiiStatus,
      origins: readSources(value.origins),
      chain: Array.isArray(value.chain)
        ? value.chain
            .map(readStep)
            .filter((s): s is DataProductPiiChainStep => !!s)
        : [],
    },
    {
      field: optionalString(value.field),
      replacement: optionalString(value.replacement),
    },
  );
}

/**
 * Reads `spec.lineage` of an entity written by the Confluent entity
 * provider. Returns undefined when the entity has none. Malformed items are
 * dropped rather than thrown, since a card should still show what it can.
 * @public
 */
export function readDataProductLineage(
  entity: Entity,
): DataProductLineage | undefined {
  const lineage = entity.spec?.[SPEC_LINEAGE];
  if (!isObject(lineage)) {
    return undefined;
  }
  return {
    producedBy: readStrings(lineage.producedBy),
    columns: Array.isArray(lineage.columns)
      ? lineage.columns
          .map(readColumn)
          .filter((c): c is DataProductColumnLineage => !!c)
      : [],
    pii: Array.isArray(lineage.pii)
      ? lineage.pii
          .map(readFinding)
          .filter((f): f is DataProductPiiFinding => !!f)
      : [],
  };
}

const SYSTEMS: ReadonlySet<string> = new Set([
  'postgres',
  'redshift',
  'snowflake',
]);

/**
 * Reads `spec.table` of a `database-table` Resource written by the Confluent
 * entity provider. Returns undefined for other entities.
 * @public
 */
export function readExternalTable(entity: Entity): ExternalTable | undefined {
  if (
    entity.kind.toLocaleLowerCase('en-US') !== 'resource' ||
    entity.spec?.type !== ENTITY_TYPE_DATABASE_TABLE
  ) {
    return undefined;
  }
  const table = entity.spec?.[SPEC_EXTERNAL_TABLE];
  if (
    !isObject(table) ||
    typeof table.table !== 'string' ||
    typeof table.system !== 'string' ||
    !SYSTEMS.has(table.system)
  ) {
    return undefined;
  }
  return withOptional<ExternalTable>(
    { system: table.system as ExternalDatabaseSystem, table: table.table },
    {
      host: optionalString(table.host),
      database: optionalString(table.database),
      schema: optionalString(table.schema),
    },
  );
}

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
 * The version history of a data product, as the Version history card shows
 * it. A product backed by a Flink statement is changed blue/green (a new
 * statement replaces the old one, which is kept STOPPED), so its history is
 * the chain of statements its annotation lists; a materialized table evolves
 * in place, so its history is the table's versions.
 */

/** Where an entity's history comes from. @public */
export type ConfluentHistorySource =
  | 'statements'
  | 'materialized-table'
  | 'none';

/**
 * One version of a data product: a statement of the chain, or a version of
 * a materialized table. Never a statement property (they may hold secrets),
 * only the name of the statement it resumed from.
 * @public
 */
export interface ConfluentVersion {
  /** The statement's name, or the materialized table's version number. */
  id: string;
  /** How people call it: the statement name, or `Version 3`. */
  label: string;
  /** When Confluent says it was created (RFC 3339). */
  createdAt?: string;
  /**
   * A statement's phase now (`RUNNING`, `STOPPED`, …), or `MISSING` when the
   * annotation names a statement Confluent no longer has. A materialized
   * table's phase, on its current version only.
   */
  phase?: string;
  /** Confluent's detail of the phase, when it gives one. */
  detail?: string;
  /** The statement's principal (a service account, never a key). */
  principal?: string;
  computePoolId?: string;
  /** `sha256:<hex>` of the SQL, as drift compares it. */
  sqlDigest?: string;
  /**
   * The SQL text. Left out of a statement for callers outside the entity's
   * owners (as `GET …/sql` refuses them); a materialized table's versions
   * are on the entity already, so they always carry it.
   */
  sql?: string;
  /** Whether this version is the one that produces the product now. */
  current: boolean;
  /**
   * The statement this one started from (`sql.tables.initial-offset-from`):
   * the one it replaced blue/green.
   */
  resumedFrom?: string;
  /** What a materialized table version changed, in Confluent's words. */
  changes?: string[];
  consoleUrl?: string;
}

/** Body of `GET /entities/:kind/:namespace/:name/history`. @public */
export interface ConfluentHistoryResponse {
  entityRef: string;
  source: ConfluentHistorySource;
  /** Oldest first. */
  versions: ConfluentVersion[];
  /**
   * Whether statements carry their SQL: only for the entity's owners. When
   * false, the digests still tell whether two versions differ.
   */
  sqlShown: boolean;
  checkedAt: string;
}

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
 * The plan of a change to an existing data product, as the
 * `confluent:dataproduct:plan-change` and `confluent:dataproduct:change`
 * actions return it and the change review field shows it.
 */

/**
 * One column of the product's value schema that the change adds, removes
 * or retypes.
 * @public
 */
export interface SchemaColumnChange {
  column: string;
  change: 'added' | 'removed' | 'type-changed';
  /** The Avro type before (removed, type-changed). */
  before?: string;
  /** The Avro type after (added, type-changed). */
  after?: string;
}

/**
 * Schema Registry's verdict on the new value schema.
 * @public
 */
export interface ChangeCompatibility {
  /** The subject checked, e.g. `enriched_customers-value`. */
  subject: string;
  /** The registry's compatibility level, when it could be read. */
  level?: string;
  /** `unchanged` when the schema does not change; `not-checked` with a reason in `messages`. */
  verdict: 'compatible' | 'incompatible' | 'unchanged' | 'not-checked';
  messages: string[];
}

/**
 * One dataset downstream that reads a removed or retyped column.
 * @public
 */
export interface ChangeImpact {
  /** The product, topic or sink table, as a catalog ref. */
  entityRef: string;
  /** `data-product`, `kafka-topic`, `database-table`, … */
  type: string;
  owner: string;
  /** Its column that is computed from the changed one. */
  column: string;
  /** The changed column of the product it comes from. */
  changedColumn: string;
  /** Dataset hops from the product. */
  hops: number;
  /** The statement or connector that reads it (catalog ref). */
  via: string;
  viaType?: string;
  viaOwner?: string;
  /** A table in a database or warehouse, written by a sink connector. */
  sinkTable: boolean;
}

/**
 * How the change is applied.
 * @public
 */
export type ChangeMethod =
  | {
      kind: 'materialized-table';
      /** The `CREATE OR ALTER MATERIALIZED TABLE` statement submitted. */
      statementName: string;
      startMode: string;
      currentVersion?: number;
    }
  | {
      kind: 'blue-green';
      /** The statement replaced (stopped once the new one runs). */
      previousStatement: string;
      /** The new statement, resuming from the old one's offsets. */
      statementName: string;
      /** Steps in order, in words. */
      steps: string[];
    };

/**
 * The plan of a change to a data product.
 * @public
 */
export interface DataProductChangePlan {
  /** The product's catalog ref. */
  product: string;
  topic: string;
  owner: string;
  environmentId: string;
  kafkaClusterId: string;
  /** The statement that produces the product now. */
  currentStatement: string;
  /** The SQL submitted, and its properties. */
  sql: string;
  properties: Record<string, string>;
  method: ChangeMethod;
  schemaChanges: SchemaColumnChange[];
  compatibility: ChangeCompatibility;
  impact: ChangeImpact[];
  /** Downstream entities the caller may not read: unknown owners. */
  restrictedDownstream: number;
  /** Other teams whose products, sinks or statements the change breaks. */
  teamsToTell: string[];
  /** Whether the run needs `confirmBreakingChange` to go ahead. */
  needsConfirmation: boolean;
  problems: string[];
  warnings: string[];
}

/**
 * The response of `GET /api/confluent/entities/:kind/:namespace/:name/sql`:
 * the SQL of the statement that produces a data product now, for its
 * owners (the starting point of a change). No statement properties.
 * @public
 */
export interface ProductSqlResponse {
  entityRef: string;
  statement: string;
  sql: string;
}

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
 * Materialized tables, as Confluent Cloud keeps them: a CREATE [OR ALTER]
 * MATERIALIZED TABLE statement that starts creates the table (version 1);
 * an OR ALTER statement, or ALTER MATERIALIZED TABLE … AS, on an existing
 * table evolves it (a new version whose changes name the columns added and
 * removed). The statement planner
 * creates the topic and schemas; this service keeps the resource and its
 * version history that `sql/v1/…/materialized-tables` serves.
 */
import { randomUUID } from 'node:crypto';
import { errors } from '../http/errors';
import { analyzeStatement, type TableRef } from '../flink/sqlAnalysis';
import type {
  MaterializedTableRecord,
  StatementRecord,
  StatementTraitsJson,
} from '../state/model';
import type { EmulatorStore } from '../state/store';

/** What one version changed, as `sql.v1.ResourceChange` reports it. */
export interface MaterializedTableChange {
  kind: 'MATERIALIZED_TABLE';
  environmentLocator: string;
  databaseLocator: string;
  name: string;
  details: string[];
}

/**
 * The query of a CREATE … MATERIALIZED TABLE … AS statement: the text after
 * the `AS` (outside parentheses, so not a computed column's or watermark's)
 * that starts a SELECT or WITH.
 */
export function queryOf(statement: string): string | undefined {
  const as = /\bAS\s+(?=SELECT\b|WITH\b|\()/gi;
  for (const match of statement.matchAll(as)) {
    const before = statement.slice(0, match.index);
    const depth =
      (before.match(/\(/g)?.length ?? 0) - (before.match(/\)/g)?.length ?? 0);
    if (depth === 0) {
      return statement
        .slice(match.index! + match[0].length)
        .trim()
        .replace(/;\s*$/, '');
    }
  }
  return undefined;
}

function columnsOf(traits: StatementTraitsJson | undefined): string[] {
  return (traits?.schema?.columns ?? []).map(
    c => `${c.name}: ${c.type.type}${c.type.nullable ? '' : ' NOT NULL'}`,
  );
}

/** Column changes between two versions, in Confluent's wording. */
function changeDetails(before: string[], after: string[]): string[] {
  const name = (column: string) => column.slice(0, column.indexOf(':'));
  const beforeNames = new Set(before.map(name));
  const afterNames = new Set(after.map(name));
  return [
    ...after
      .filter(c => !beforeNames.has(name(c)))
      .map(c => `Column '${c}' added`),
    ...before
      .filter(c => !afterNames.has(name(c)))
      .map(c => `Column '${c}' removed`),
    ...after
      .filter(c => beforeNames.has(name(c)) && !before.includes(c))
      .map(c => `Column '${c}' modified`),
  ];
}

/** Materialized tables and their versions. */
export class MaterializedTableService {
  readonly #store: EmulatorStore;

  constructor(store: EmulatorStore) {
    this.#store = store;
  }

  #tablesOf(organizationId: string, environmentId: string) {
    if (organizationId !== this.#store.state.organization.id) {
      throw errors.notFound(`Organization '${organizationId}' not found`);
    }
    if (!this.#store.environment(environmentId)) {
      throw errors.notFound(`Environment '${environmentId}' not found`);
    }
    const all = (this.#store.state.materializedTables ??= {});
    return (all[environmentId] ??= {});
  }

  /** Every materialized table of an environment, oldest first. */
  list(organizationId: string, environmentId: string) {
    return Object.values(this.#tablesOf(organizationId, environmentId)).sort(
      (a, b) => a.seq - b.seq,
    );
  }

  get(
    organizationId: string,
    environmentId: string,
    clusterId: string,
    name: string,
  ): MaterializedTableRecord {
    const table = this.#tablesOf(organizationId, environmentId)[
      `${clusterId}/${name}`
    ];
    if (!table) {
      throw errors.notFound(`Materialized table '${name}' not found`);
    }
    return table;
  }

  /** The changes a version made, against the version before it. */
  changes(
    table: MaterializedTableRecord,
    version: number,
  ): MaterializedTableChange[] {
    const previous = table.versions[version - 2];
    const current = table.versions[version - 1];
    if (!previous || !current) return [];
    return [
      {
        kind: 'MATERIALIZED_TABLE',
        environmentLocator: table.environmentId,
        databaseLocator: table.clusterId,
        name: table.name,
        details: changeDetails(previous.columns, current.columns),
      },
    ];
  }

  /**
   * Records a statement that started: a CREATE [OR ALTER] MATERIALIZED
   * TABLE creates the table or, with OR ALTER on an existing one, adds a
   * version, as ALTER MATERIALIZED TABLE … AS does. Any other statement
   * changes nothing.
   */
  onStatementStarted(statement: StatementRecord) {
    const kind = statement.traits?.sql_kind;
    if (
      kind !== 'CREATE_MATERIALIZED_TABLE' &&
      kind !== 'ALTER_MATERIALIZED_TABLE'
    ) {
      return;
    }
    const result = analyzeStatement(statement.spec.statement, () => undefined);
    const definition =
      'analysis' in result ? result.analysis.lineage.table : undefined;
    if (!definition?.materialized) return;
    const target = this.#resolve(definition.name, statement.spec.properties);
    if (!target) return;
    const tables = this.#tablesOf(
      statement.organizationId,
      target.environmentId,
    );
    const key = `${target.clusterId}/${definition.name.table}`;
    const existing = tables[key];
    // CREATE … IF NOT EXISTS on an existing table leaves it as it is;
    // ALTER … AS only evolves one that exists.
    if (existing && !definition.orAlter) return;
    if (!existing && kind === 'ALTER_MATERIALIZED_TABLE') return;

    const now = new Date().toISOString();
    const version = {
      version: (existing?.versions.length ?? 0) + 1,
      statement: statement.spec.statement,
      createdAt: now,
      statementName: statement.name,
      columns: columnsOf(statement.traits),
    };
    tables[key] = {
      seq: existing?.seq ?? this.#store.nextSeq(),
      name: definition.name.table,
      uid: existing?.uid ?? randomUUID(),
      organizationId: statement.organizationId,
      environmentId: target.environmentId,
      clusterId: target.clusterId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      resourceVersion: this.#store.nextResourceVersion(),
      statementName: statement.name,
      computePoolId: statement.spec.computePoolId,
      principal: statement.spec.principal,
      tableOptions: definition.options,
      ...(definition.watermark ? { watermark: definition.watermark } : {}),
      ...(definition.primaryKey?.length
        ? { primaryKey: definition.primaryKey }
        : {}),
      versions: [...(existing?.versions ?? []), version],
    };
    this.#store.changed();
  }

  /** Catalog = environment, database = cluster, by display name or id. */
  #resolve(ref: TableRef, properties: Record<string, string>) {
    const catalog = ref.catalog ?? properties['sql.current-catalog'];
    const database = ref.database ?? properties['sql.current-database'];
    const environment = catalog
      ? this.#store.environmentByCatalogName(catalog)
      : undefined;
    const cluster =
      environment && database
        ? this.#store.clusterByDatabaseName(environment.id, database)
        : undefined;
    return environment && cluster
      ? { environmentId: environment.id, clusterId: cluster.id }
      : undefined;
  }
}

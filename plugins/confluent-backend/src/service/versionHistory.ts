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
import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  ConfluentHistoryResponse,
  ConfluentVersion,
  readMaterializedTable,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  sqlDigest,
  Statement,
  orMissing,
} from '@shiftleft/plugin-confluent-node';
import { EntityAccess } from './entityAccess';
import { StatementTarget } from './StatusService';

/** The property a blue/green change sets on the new statement. */
const RESUMED_FROM = 'sql.tables.initial-offset-from';
/** Phases in which a statement produces its table. */
const LIVE = ['RUNNING', 'DEGRADED', 'PENDING'];

/** Options of {@link readVersionHistory}. */
export interface VersionHistoryOptions {
  client: ConfluentClient;
  access: EntityAccess;
}

/** A caller of the read routes: a user or a service. */
type Caller = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** What {@link readVersionHistory} reads the history of. */
export interface VersionHistoryRequest {
  /** The entity, already authorized for the caller. */
  entity: Entity;
  /** Its statements, already checked against the entity's owner. */
  statements: StatementTarget[];
  credentials: Caller;
}

/**
 * Whether the caller may read the statements' SQL: a user among the
 * entity's owners, the rule of `GET …/sql` (SQL is the team's code).
 */
async function mayReadSql(
  access: EntityAccess,
  entity: Entity,
  credentials: Caller,
): Promise<boolean> {
  if (credentials.principal.type !== 'user') return false;
  try {
    await access.assertOwner(entity, credentials, 'read its SQL');
    return true;
  } catch (error) {
    if (NotAllowedError.is(error)) return false;
    throw error;
  }
}

function statementVersion(
  client: ConfluentClient,
  target: StatementTarget,
  statement: Statement | undefined,
  withSql: boolean,
): ConfluentVersion {
  const consoleUrl = client.links.statement(target.environmentId, target.name);
  if (!statement) {
    return {
      id: target.name,
      label: target.name,
      phase: 'MISSING',
      detail: 'Confluent has no statement of this name any more',
      current: false,
      consoleUrl,
    };
  }
  const { spec, status, metadata } = statement;
  const resumedFrom = spec.properties?.[RESUMED_FROM];
  return {
    id: statement.name,
    label: statement.name,
    ...(metadata.created_at ? { createdAt: metadata.created_at } : {}),
    phase: status.phase,
    ...(status.detail ? { detail: status.detail } : {}),
    ...(spec.principal ? { principal: spec.principal } : {}),
    ...(spec.compute_pool_id ? { computePoolId: spec.compute_pool_id } : {}),
    sqlDigest: sqlDigest(spec.statement),
    ...(withSql ? { sql: spec.statement } : {}),
    current: false,
    ...(resumedFrom ? { resumedFrom } : {}),
    consoleUrl,
  };
}

/**
 * Oldest first: by creation time, and a statement after the one it resumed
 * from when the times tie (or Confluent gives none). A missing statement
 * has no time and comes first: it can only be an old one.
 */
function chainOrder(a: ConfluentVersion, b: ConfluentVersion): number {
  if (b.resumedFrom === a.id) return -1;
  if (a.resumedFrom === b.id) return 1;
  const at = a.createdAt ? Date.parse(a.createdAt) : -Infinity;
  const bt = b.createdAt ? Date.parse(b.createdAt) : -Infinity;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id.localeCompare(b.id);
}

/**
 * The chain of statements behind a product, read fresh from Confluent (a
 * history is asked for rarely, and right after a change the status cache
 * may not know the new statement yet). The current one is the newest that
 * runs: during a blue/green switch both run, and the new one takes over.
 */
async function statementHistory(
  options: VersionHistoryOptions,
  request: VersionHistoryRequest,
  withSql: boolean,
): Promise<ConfluentVersion[]> {
  const { client } = options;
  const versions = await Promise.all(
    request.statements.map(async target => {
      const statement = await orMissing(
        client.flink(target.environmentId).getStatement(target.name),
      );
      return {
        version: statementVersion(client, target, statement, withSql),
        live: Boolean(
          statement &&
            !statement.spec.stopped &&
            LIVE.includes(statement.status.phase),
        ),
      };
    }),
  );
  const live = new Set(versions.filter(v => v.live).map(v => v.version.id));
  const ordered = versions.map(v => v.version).sort(chainOrder);
  const current = ordered.filter(v => live.has(v.id)).pop();
  if (current) current.current = true;
  return ordered;
}

/** A materialized table's versions, as the provider wrote them on the entity. */
function materializedTableHistory(
  entity: Entity,
): ConfluentVersion[] | undefined {
  const table = readMaterializedTable(entity);
  if (!table) return undefined;
  return table.versions.map(v => ({
    id: String(v.version),
    label: `Version ${v.version}`,
    ...(v.createdAt ? { createdAt: v.createdAt } : {}),
    ...(v.version === table.version && table.phase
      ? { phase: table.phase }
      : {}),
    sqlDigest: sqlDigest(v.statement),
    sql: v.statement,
    current: v.version === table.version,
    changes: v.changes,
  }));
}

/**
 * The version history of an entity: a materialized table's versions, or
 * the chain of statements its `confluent.io/statement-name` annotation
 * lists (a blue/green change adds the new statement next to the stopped
 * old one). Statement SQL goes to the entity's owners only; statement
 * properties never leave the backend.
 */
export async function readVersionHistory(
  options: VersionHistoryOptions,
  request: VersionHistoryRequest,
): Promise<ConfluentHistoryResponse> {
  const { entity } = request;
  const entityRef = stringifyEntityRef(entity);
  const checkedAt = new Date().toISOString();
  const table = materializedTableHistory(entity);
  if (table) {
    return {
      entityRef,
      source: 'materialized-table',
      versions: table,
      sqlShown: true,
      checkedAt,
    };
  }
  if (request.statements.length === 0) {
    return {
      entityRef,
      source: 'none',
      versions: [],
      sqlShown: false,
      checkedAt,
    };
  }
  const withSql = await mayReadSql(options.access, entity, request.credentials);
  return {
    entityRef,
    source: 'statements',
    versions: await statementHistory(options, request, withSql),
    sqlShown: withSql,
    checkedAt,
  };
}

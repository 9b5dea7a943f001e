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
import Router from 'express-promise-router';
import type { Request } from 'express';
import { ApiError } from '../http/errors';
import { baseUrlOf, paginate, selfUrl } from '../http/pagination';
import type { MaterializedTableRecord } from '../state/model';
import type { EmulatorServices } from '../services';
import { queryOf } from '../services/materializedTables';

const ENV = '/sql/v1/organizations/:org/environments/:env';
const TABLE = `${ENV}/databases/:lkc/materialized-tables/:name`;

/** The table's URL at the Flink gateway's path. */
function tablePath(req: Request, table: MaterializedTableRecord) {
  return `${baseUrlOf(req)}/sql/v1/organizations/${
    table.organizationId
  }/environments/${table.environmentId}/databases/${
    table.clusterId
  }/materialized-tables/${table.name}`;
}

/** A materialized table, its phase and stop from the statement running its query. */
function renderTable(
  services: EmulatorServices,
  req: Request,
  table: MaterializedTableRecord,
) {
  const { statements, store } = services;
  const current = table.versions[table.versions.length - 1];
  // The table's query runs as its statement: phase and stop come from it.
  const statement = statements.statementsOf(
    table.organizationId,
    table.environmentId,
  )[table.statementName];
  const status: Record<string, unknown> = {
    phase: statement?.phase ?? 'RUNNING',
    creation_statement: current.statement,
    version: current.version,
    latest_version: current.version,
  };
  if (statement?.detail) status.detail = statement.detail;
  const query = queryOf(current.statement);
  const pool = store.state.computePools[table.computePoolId];
  const region = pool
    ? `${pool.cloud.toLowerCase()}.${pool.region}`
    : 'aws.us-east-1';
  return {
    api_version: 'sql/v1',
    kind: 'MaterializedTable',
    organization_id: table.organizationId,
    environment_id: table.environmentId,
    name: table.name,
    metadata: {
      self: tablePath(req, table),
      created_at: table.createdAt,
      updated_at: table.updatedAt,
      uid: table.uid,
      resource_version: table.resourceVersion,
      resource_name: `crn://confluent.cloud/organization=${table.organizationId}/environment=${table.environmentId}/flink-region=${region}/materialized-table=${table.name}`,
    },
    spec: {
      kafka_cluster_id: table.clusterId,
      compute_pool_id: table.computePoolId,
      principal: table.principal,
      stopped: statement?.spec.stopped ?? false,
      table_options: table.tableOptions,
      ...(table.watermark ? { watermark: table.watermark } : {}),
      ...(table.primaryKey
        ? {
            constraints: [
              {
                name: `PK_${table.name}`,
                type: 'PRIMARY_KEY',
                columns: table.primaryKey,
                enforced: false,
              },
            ],
          }
        : {}),
      ...(query ? { query } : {}),
    },
    status,
  };
}

/** One version of a table, with the changes it made. */
function renderVersion(
  services: EmulatorServices,
  req: Request,
  table: MaterializedTableRecord,
  version: number,
) {
  const { materializedTables } = services;
  const changes = materializedTables.changes(table, version);
  return {
    api_version: 'sql/v1',
    kind: 'MaterializedTableVersion',
    organization_id: table.organizationId,
    environment_id: table.environmentId,
    name: `${table.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-v${version}`,
    metadata: {
      self: `${tablePath(req, table)}/versions/${version}`,
      created_at: table.versions[version - 1].createdAt,
    },
    spec: {
      version,
      statement: table.versions[version - 1].statement,
      ...(changes.length
        ? {
            changes: changes.map(c => ({
              kind: c.kind,
              environment_locator: c.environmentLocator,
              database_locator: c.databaseLocator,
              name: c.name,
              details: c.details,
            })),
          }
        : {}),
    },
  };
}

/**
 * Materialized tables (`sql/v1`): the environment's list, one table, and
 * its versions, at the paths of Confluent's Flink gateway API. Tables are
 * created and evolved by CREATE [OR ALTER] MATERIALIZED TABLE statements.
 */
export function createMaterializedTablesRouter(services: EmulatorServices) {
  const router = Router();
  const { materializedTables } = services;

  const find = (req: Request) =>
    materializedTables.get(
      req.params.org,
      req.params.env,
      req.params.lkc,
      req.params.name,
    );

  router.get(`${ENV}/materialized-tables`, (req, res) => {
    const { page, next } = paginate(
      req,
      materializedTables.list(req.params.org, req.params.env),
    );
    res.json({
      api_version: 'sql/v1',
      kind: 'MaterializedTableList',
      metadata: { self: selfUrl(req), ...(next ? { next } : {}) },
      data: page.map(t => renderTable(services, req, t)),
    });
  });

  router.get(TABLE, (req, res) => {
    res.json(renderTable(services, req, find(req)));
  });

  router.get(`${TABLE}/versions`, (req, res) => {
    const table = find(req);
    // Versions are numbered from 1; that number orders the pages.
    const { page, next } = paginate(
      req,
      table.versions.map(v => ({ seq: v.version })),
    );
    res.json({
      api_version: 'sql/v1',
      kind: 'MaterializedTableVersionList',
      metadata: { self: selfUrl(req), ...(next ? { next } : {}) },
      data: page.map(v => renderVersion(services, req, table, v.seq)),
    });
  });

  router.get(`${TABLE}/versions/:version`, (req, res) => {
    const table = find(req);
    const version = Number(req.params.version);
    if (
      !/^\d+$/.test(req.params.version) ||
      version < 1 ||
      version > table.versions.length
    ) {
      throw new ApiError(
        404,
        `Version '${req.params.version}' of materialized table '${table.name}' not found`,
      );
    }
    res.json(renderVersion(services, req, table, version));
  });

  return router;
}

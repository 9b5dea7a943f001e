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
  CacheService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  confluentSchemaReadPermission,
  confluentStatusReadPermission,
  ConfluentConnectorsResponse,
  ConfluentDriftResponse,
  ConfluentHistoryResponse,
  ConfluentStatementsResponse,
  FlinkSqlValidation,
  SinkDestination,
  SinkDestinationsResponse,
} from '@shiftleft/plugin-confluent-common';
import { validateFlinkSql } from '@shiftleft/flink-sql-lineage';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { addLineageRoutes } from './lineageRoutes';
import {
  entityParams,
  parse,
  sqlBody,
  statementParams,
  tagPiiBody,
} from './request';
import { EntityAccess } from './service/entityAccess';
import {
  connectorTargets,
  schemaTarget,
  statementTargets,
} from './service/entityTargets';
import { EntityResourceGuard } from './service/resourceGuard';
import { DriftService } from './service/DriftService';
import { SchemaService } from './service/SchemaService';
import { tagOwnedSchemaPii } from './service/schemaTagging';
import { readProductSql } from './service/productSql';
import { readVersionHistory } from './service/versionHistory';
import { setOwnedStatementStopped } from './service/statementControl';
import { StatusService } from './service/StatusService';

/**
 * Options of {@link createRouter}.
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  access: EntityAccess;
  catalog: CatalogService;
  client: ConfluentClient;
  status: StatusService;
  schema: SchemaService;
  drift: DriftService;
  /** The plugin's cache, shared by the replicas: owners for the read routes. */
  cache?: CacheService;
  /**
   * The sink destinations a template may name (`confluent.scaffolder.sinks`),
   * names and types only. Default: none.
   */
  sinkDestinations?: SinkDestination[];
}

/**
 * The routes of the Confluent cards:
 *
 * - `GET /entities/:kind/:namespace/:name/statements`: live status of the
 *   entity's Flink statements (`confluent.status.read`);
 * - `GET /entities/:kind/:namespace/:name/connectors`: live status of its
 *   connectors (`confluent.status.read`);
 * - `GET /entities/:kind/:namespace/:name/schema`: its topic's value schema
 *   with masked and PII fields (`confluent.schema.read`);
 * - `GET /entities/:kind/:namespace/:name/drift`: how its statements and
 *   connectors differ from what the portal declared (`confluent.status.read`);
 * - `GET /entities/:kind/:namespace/:name/history`: its versions, a
 *   materialized table's or the chain of statements of a blue/green
 *   product, with SQL for its owners only (`confluent.status.read`);
 * - `POST /entities/:kind/:namespace/:name/statements/:statement/stop` and
 *   `/resume`: owners only (`confluent.statement.manage` and ownership);
 * - `POST /entities/:kind/:namespace/:name/schema/pii-tags` `{ fields }`:
 *   tags fields of its topic's schema PII in Stream Catalog, owners only
 *   (`confluent.schema.tag` and ownership);
 * - `POST /sql/validate` `{ sql }`: the problems of a Flink SQL statement
 *   with their line and column, for the SQL editor (any signed-in user: it
 *   only parses, reading nothing);
 * - `GET /scaffolder/sink-destinations`: the configured sink destinations'
 *   names and types, for the template's destination picker (any signed-in
 *   user: never a host or a credential).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, access, catalog, client } = options;
  const routes: RouteContext = {
    ...options,
    // The read routes are what every open page renews: their owner checks
    // may use an owner read up to 30 s ago (see EntityResourceGuard).
    guard: new EntityResourceGuard({ client, cache: options.cache }),
    readEntity: async (req, permission) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entity = await access.authorizedEntity(
        stringifyEntityRef(parse(entityParams, req.params)),
        permission,
        credentials,
      );
      return { credentials, entity };
    },
  };
  const router = Router();
  router.use(express.json());
  addStatusRoutes(router, routes);
  addSchemaAndDriftRoutes(router, routes);
  addOwnerRoutes(router, routes);
  addLineageRoutes(router, { httpAuth, catalog });
  addEditorRoutes(router, routes);
  return router;
}

/** What the route groups share. */
interface RouteContext extends RouterOptions {
  guard: EntityResourceGuard;
  /** The request's caller (a user or a service) and its entity, if allowed. */
  readEntity(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<{
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >;
    entity: Entity;
  }>;
}

// Signals go to users only; a service caller just reads.
function watcherOf(
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
) {
  return credentials.principal.type === 'user'
    ? credentials.principal.userEntityRef
    : undefined;
}

/** `GET …/statements` and `GET …/connectors`: live status, watched. */
function addStatusRoutes(router: express.Router, ctx: RouteContext) {
  const { client, status, guard, readEntity } = ctx;
  router.get(
    '/entities/:kind/:namespace/:name/statements',
    async (req, res) => {
      const { credentials, entity } = await readEntity(
        req,
        confluentStatusReadPermission,
      );
      const targets = statementTargets(entity, client.environments);
      await guard.checkStatements(entity, targets);
      const body: ConfluentStatementsResponse = {
        entityRef: stringifyEntityRef(entity),
        statements: await Promise.all(
          targets.map(t => status.watchStatement(t, watcherOf(credentials))),
        ),
        refresh: status.refreshHints,
      };
      res.json(body);
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/connectors',
    async (req, res) => {
      const { credentials, entity } = await readEntity(
        req,
        confluentStatusReadPermission,
      );
      const targets = connectorTargets(entity, client.environments);
      await guard.checkConnectors(entity, targets);
      const body: ConfluentConnectorsResponse = {
        entityRef: stringifyEntityRef(entity),
        connectors: await Promise.all(
          targets.map(t => status.watchConnector(t, watcherOf(credentials))),
        ),
        refresh: status.refreshHints,
      };
      res.json(body);
    },
  );
}

/** `GET …/schema`, `GET …/drift` and `GET …/history`. */
function addSchemaAndDriftRoutes(router: express.Router, ctx: RouteContext) {
  const { client, access, schema, drift, guard, readEntity } = ctx;
  router.get('/entities/:kind/:namespace/:name/schema', async (req, res) => {
    const { entity } = await readEntity(req, confluentSchemaReadPermission);
    const target = schemaTarget(entity, client.environments);
    if (target) await guard.checkSchema(entity, target);
    res.json(await schema.entitySchema(entity));
  });

  router.get('/entities/:kind/:namespace/:name/drift', async (req, res) => {
    const { entity } = await readEntity(req, confluentStatusReadPermission);
    await guard.checkStatementsAndConnectors(entity);
    const body: ConfluentDriftResponse = await drift.entityDrift(entity);
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const { credentials, entity } = await readEntity(
      req,
      confluentStatusReadPermission,
    );
    const statements = statementTargets(entity, client.environments);
    await guard.checkStatements(entity, statements);
    const body: ConfluentHistoryResponse = await readVersionHistory(
      { client, access },
      { entity, statements, credentials },
    );
    res.json(body);
  });
}

/** Owners' routes: PII tags, statement stop/resume, the product's SQL. */
function addOwnerRoutes(router: express.Router, ctx: RouteContext) {
  const { httpAuth, access, client, schema, status } = ctx;
  router.post(
    '/entities/:kind/:namespace/:name/schema/pii-tags',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user'],
      });
      const { fields } = parse(tagPiiBody, req.body);
      res.json(
        await tagOwnedSchemaPii(
          { access, client, schema },
          {
            entityRef: stringifyEntityRef(parse(entityParams, req.params)),
            fields,
            credentials,
          },
        ),
      );
    },
  );

  for (const action of ['stop', 'resume'] as const) {
    router.post(
      `/entities/:kind/:namespace/:name/statements/:statement/${action}`,
      async (req, res) => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const { statement } = parse(statementParams, req.params);
        res.json(
          await setOwnedStatementStopped(
            { access, client, status },
            {
              entityRef: stringifyEntityRef(parse(entityParams, req.params)),
              statement,
              stopped: action === 'stop',
              credentials,
              watcher: watcherOf(credentials),
            },
          ),
        );
      },
    );
  }

  router.get('/entities/:kind/:namespace/:name/sql', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await readProductSql(
        { access, client },
        {
          entityRef: stringifyEntityRef(parse(entityParams, req.params)),
          credentials,
        },
      ),
    );
  });
}

/** The SQL editor's and the template's helpers: read nothing of Confluent. */
function addEditorRoutes(router: express.Router, ctx: RouteContext) {
  const { httpAuth } = ctx;
  router.post('/sql/validate', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const { sql } = parse(sqlBody, req.body);
    const body: FlinkSqlValidation = validateFlinkSql(sql);
    res.json(body);
  });

  router.get('/scaffolder/sink-destinations', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const body: SinkDestinationsResponse = {
      destinations: ctx.sinkDestinations ?? [],
    };
    res.json(body);
  });
}

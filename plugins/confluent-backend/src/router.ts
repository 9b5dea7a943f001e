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
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  confluentSchemaReadPermission,
  confluentStatementManagePermission,
  confluentStatusReadPermission,
  ConfluentConnectorsResponse,
  ConfluentStatementsResponse,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { addLineageRoutes } from './lineageRoutes';
import { entityParams, parse, statementParams } from './request';
import {
  connectorTargets,
  entityOwners,
  statementTargets,
} from './service/entityTargets';
import { SchemaService } from './service/SchemaService';
import { StatusService } from './service/StatusService';

/**
 * Options of {@link createRouter}.
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  catalog: CatalogService;
  client: ConfluentClient;
  status: StatusService;
  schema: SchemaService;
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
 * - `POST /entities/:kind/:namespace/:name/statements/:statement/stop` and
 *   `/resume`: owners only (`confluent.statement.manage` and ownership).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, userInfo, permissions, catalog, client, status, schema } =
    options;
  const router = Router();
  router.use(express.json());

  /**
   * Authorizes `permission` on the entity, then reads it with the caller's
   * credentials (so catalog read rules apply too). Authorizing first keeps
   * a denied caller from learning whether the entity exists.
   */
  async function authorizedEntity(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const { kind, namespace, name } = parse(entityParams, req.params);
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to ${permission.name} on ${entityRef}`,
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    return entity;
  }

  // Signals go to users only; a service caller just reads.
  const watcherOf = (
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ) =>
    credentials.principal.type === 'user'
      ? credentials.principal.userEntityRef
      : undefined;

  router.get(
    '/entities/:kind/:namespace/:name/statements',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entity = await authorizedEntity(
        req,
        confluentStatusReadPermission,
        credentials,
      );
      const targets = statementTargets(entity, client.environments);
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
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entity = await authorizedEntity(
        req,
        confluentStatusReadPermission,
        credentials,
      );
      const targets = connectorTargets(entity, client.environments);
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

  router.get('/entities/:kind/:namespace/:name/schema', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await authorizedEntity(
      req,
      confluentSchemaReadPermission,
      credentials,
    );
    res.json(await schema.entitySchema(entity));
  });

  for (const action of ['stop', 'resume'] as const) {
    router.post(
      `/entities/:kind/:namespace/:name/statements/:statement/${action}`,
      async (req, res) => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const { statement } = parse(statementParams, req.params);
        const entity = await authorizedEntity(
          req,
          confluentStatementManagePermission,
          credentials,
        );
        // Owner-only whatever the policy says: stopping a pipeline is the
        // owning team's call.
        const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
        const mine = new Set(
          ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
        );
        if (!entityOwners(entity).some(owner => mine.has(owner))) {
          throw new NotAllowedError(
            `Only the owners of ${stringifyEntityRef(
              entity,
            )} may ${action} its statements`,
          );
        }
        const target = statementTargets(entity, client.environments).find(
          t => t.name === statement,
        );
        if (!target) {
          throw new NotFoundError(
            `${stringifyEntityRef(entity)} has no statement '${statement}'`,
          );
        }
        res.json(
          await status.setStatementStopped(
            target,
            action === 'stop',
            watcherOf(credentials),
          ),
        );
      },
    );
  }

  addLineageRoutes(router, { httpAuth, catalog });

  return router;
}

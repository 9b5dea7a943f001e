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
import { entityOwners } from './entityTargets';

/** Options of {@link createEntityAccess}. */
export interface EntityAccessOptions {
  permissions: PermissionsService;
  catalog: CatalogService;
  userInfo: UserInfoService;
}

/**
 * The access rules every route and action of the plugin applies, so an agent
 * calling an action gets exactly what the same user gets from the cards.
 */
export interface EntityAccess {
  /**
   * Authorizes `permission` on the entity, then reads it with the caller's
   * credentials (so catalog read rules apply too). Authorizing first keeps a
   * denied caller from learning whether the entity exists.
   */
  authorizedEntity(
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<Entity>;
  /**
   * Throws unless the caller belongs to the entity's owners: changing a
   * pipeline is the owning team's call, whatever the policy says.
   */
  assertOwner(
    entity: Entity,
    credentials: BackstageCredentials,
    what: string,
  ): Promise<void>;
}

/** Creates the plugin's {@link EntityAccess}. */
export function createEntityAccess(options: EntityAccessOptions): EntityAccess {
  const { permissions, catalog, userInfo } = options;
  return {
    async authorizedEntity(entityRef, permission, credentials) {
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
    },
    async assertOwner(entity, credentials, what) {
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      const mine = new Set(
        ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
      );
      if (!entityOwners(entity).some(owner => mine.has(owner))) {
        throw new NotAllowedError(
          `Only the owners of ${stringifyEntityRef(entity)} may ${what}`,
        );
      }
    },
  };
}

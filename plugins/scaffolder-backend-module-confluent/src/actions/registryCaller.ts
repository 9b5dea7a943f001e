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
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { ChangeCaller } from '../lib/change/plan';

/**
 * The caller of an actions-registry action as the template actions see
 * their task's user (`ctx.user`): its ref and the groups it belongs to, so
 * the same owner rules (`resolveInitiator`) apply to agents as to
 * templates. A caller that is not a user (a service) has no user, and
 * every owner check refuses it.
 */
export function createRegistryCaller(options: {
  userInfo: UserInfoService;
  logger: LoggerService;
}): (credentials: BackstageCredentials) => Promise<ChangeCaller> {
  const { userInfo, logger } = options;
  return async credentials => {
    const user =
      credentials.principal &&
      (credentials.principal as { type?: string }).type === 'user'
        ? await userInfo.getUserInfo(credentials)
        : undefined;
    return {
      user: user && {
        ref: user.userEntityRef,
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: user.userEntityRef },
          relations: user.ownershipEntityRefs.map(targetRef => ({
            type: RELATION_MEMBER_OF,
            targetRef,
          })),
        },
      },
      credentials: async () => credentials,
      logger,
    };
  };
}

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
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { confluentPermissions } from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  confluentClientServiceRef,
  readConfluentConfig,
  readSuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-node';
import { readConfluentCardsConfig } from './config';
import { registerConfluentActions } from './actions';
import { createRouter } from './router';
import { DriftService } from './service/DriftService';
import { createEntityAccess } from './service/entityAccess';
import { SchemaService } from './service/SchemaService';
import { readSinkDestinations } from './service/sinkDestinations';
import { StatusService } from './service/StatusService';

/**
 * The Confluent cards' backend (plugin id `confluent`): live status of the
 * Flink statements and connectors behind catalog entities, pushed over
 * signals, and their topics' schemas with masked and PII fields explained.
 * @public
 */
export const confluentPlugin = createBackendPlugin({
  pluginId: 'confluent',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        client: confluentClientServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        logger,
        lifecycle,
        cache,
        scheduler,
        httpAuth,
        httpRouter,
        userInfo,
        permissions,
        permissionsRegistry,
        catalog,
        signals,
        client,
        actionsRegistry,
      }) {
        const cardsConfig = readConfluentCardsConfig(config, { logger });
        permissionsRegistry.addPermissions(confluentPermissions);
        const status = new StatusService({
          // The pollers back off by themselves and serve the last state
          // meanwhile, so their client must not retry on its own.
          pollClient: ConfluentClient.create({
            config: {
              ...readConfluentConfig(config, { logger }),
              maxRetries: 0,
            },
            logger,
          }),
          client,
          signals,
          cache,
          scheduler,
          config: cardsConfig,
          logger,
        });
        await status.start();
        lifecycle.addShutdownHook(() => status.stop());
        const schema = new SchemaService({
          client,
          cacheMs: cardsConfig.schemaCacheMs,
          logger,
          suspectedPii: readSuspectedPiiMatcher(config),
        });
        const access = createEntityAccess({ permissions, catalog, userInfo });
        const drift = new DriftService({ client });
        registerConfluentActions({
          actionsRegistry,
          access,
          catalog,
          client,
          status,
          drift,
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            access,
            catalog,
            client,
            status,
            schema,
            drift,
            cache,
            sinkDestinations: readSinkDestinations(config),
          }),
        );
      },
    });
  },
});

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
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  scaffolderActionsExtensionPoint,
  scaffolderServiceRef,
} from '@backstage/plugin-scaffolder-node';
import {
  confluentClientServiceRef,
  readSuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-node';
import {
  createCatalogRefreshAction,
  createCdcPreflightAction,
  createConnectorCreateAction,
  createDataProductChangeAction,
  createDataProductPlanAction,
  createDataProductPlanChangeAction,
  createFlinkStatementCreateAction,
} from './actions';
import { registerChangeActions } from './actions/changeRegistryActions';
import { registerDataProductActions } from './actions/dataProductRegistryActions';
import { readConfluentScaffolderSettings } from './lib/config';
import { createDatabaseNetwork } from './lib/network';

/**
 * The scaffolder module of the Confluent suite: the actions that provision
 * a streaming data product (CDC preflight, connectors, Flink statements,
 * plan, catalog refresh), and the change of an existing product.
 *
 * @public
 */
export const scaffolderModuleConfluent = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'confluent',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        confluent: confluentClientServiceRef,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        auth: coreServices.auth,
        actionsRegistry: actionsRegistryServiceRef,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
        scaffolderService: scaffolderServiceRef,
      },
      async init({
        scaffolder,
        config,
        confluent,
        catalog,
        events,
        auth,
        actionsRegistry,
        userInfo,
        logger,
        scaffolderService,
      }) {
        const settings = readConfluentScaffolderSettings(config, { logger });
        const network = createDatabaseNetwork({
          allowedHosts: settings.allowedDatabaseHosts,
        });
        const options = { client: confluent, settings, catalog, auth, network };
        const suspectedPii = readSuspectedPiiMatcher(config);
        scaffolder.addActions(
          createCdcPreflightAction({ network }),
          createConnectorCreateAction(options),
          createFlinkStatementCreateAction(options),
          createDataProductPlanAction({ ...options, suspectedPii }),
          createCatalogRefreshAction({ ...options, events }),
          createDataProductPlanChangeAction(options),
          createDataProductChangeAction(options),
        );
        // Agents reach the plan, the creation and the change through the
        // actions registry (MCP).
        registerChangeActions({
          ...options,
          actionsRegistry,
          userInfo,
          logger,
        });
        registerDataProductActions({
          ...options,
          actionsRegistry,
          userInfo,
          logger,
          scaffolder: scaffolderService,
          appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
          suspectedPii,
        });
      },
    });
  },
});

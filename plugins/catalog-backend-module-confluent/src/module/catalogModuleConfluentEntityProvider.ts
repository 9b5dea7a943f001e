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
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { confluentClientServiceRef } from '@shiftleft/plugin-confluent-node';
import { ConfluentFeedsProcessor } from '../processor/ConfluentFeedsProcessor';
import { ConfluentEntityProvider } from '../providers/ConfluentEntityProvider';

/**
 * The catalog module of the Confluent suite: the `feeds`/`fedBy` processor,
 * and one entity provider per entry of `catalog.providers.confluent`.
 * @public
 */
export const catalogModuleConfluentEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'confluent-entity-provider',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        events: eventsServiceRef,
        confluent: confluentClientServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        lifecycle,
        events,
        confluent,
      }) {
        catalog.addProcessor(new ConfluentFeedsProcessor());
        const providers = ConfluentEntityProvider.fromConfig(config, {
          client: confluent,
          logger,
          scheduler,
          events,
        });
        catalog.addEntityProvider(providers);
        lifecycle.addShutdownHook(() => providers.forEach(p => p.stop()));
      },
    });
  },
});

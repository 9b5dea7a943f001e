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
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ConfluentClient } from './ConfluentClient';

/**
 * The shared Confluent Cloud client, for backend plugins and modules.
 *
 * The default factory reads the `confluent` config block once per plugin and
 * logs through that plugin's logger; a missing or invalid block fails the
 * plugin's startup with an error naming the offending keys.
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { confluent: confluentClientServiceRef },
 *   async init({ confluent }) {
 *     const statements = await confluent.flink('env-abc123').listStatements();
 *   },
 * });
 * ```
 * @public
 */
export const confluentClientServiceRef = createServiceRef<ConfluentClient>({
  id: 'confluent.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      factory: ({ config, logger }) =>
        ConfluentClient.fromConfig(config, { logger }),
    }),
});

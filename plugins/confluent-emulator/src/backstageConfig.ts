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
import { SEED_IDS, SEED_KEYS } from './seed/base';
import type { EmulatorBackstageConfig } from './types';

/**
 * The `confluent` config section (see `@shiftleft/plugin-confluent-node`'s
 * config.d.ts) that points every API at an emulator reachable at `baseUrl`.
 */
export function backstageConfigFor(baseUrl: string): EmulatorBackstageConfig {
  const ids = SEED_IDS;
  return {
    confluent: {
      organizationId: ids.organizationId,
      consoleUrl: 'https://confluent.cloud',
      cloud: {
        baseUrl,
        apiKey: SEED_KEYS.cloud.key,
        apiSecret: SEED_KEYS.cloud.secret,
      },
      environments: [
        {
          id: ids.environmentId,
          flink: {
            baseUrl,
            apiKey: SEED_KEYS.flink.key,
            apiSecret: SEED_KEYS.flink.secret,
            computePoolId: ids.computePoolId,
            principal: ids.serviceAccountId,
          },
          schemaRegistry: {
            id: ids.schemaRegistryId,
            baseUrl,
            apiKey: SEED_KEYS.schemaRegistry.key,
            apiSecret: SEED_KEYS.schemaRegistry.secret,
          },
          kafkaClusters: [
            {
              id: ids.kafkaClusterId,
              restBaseUrl: baseUrl,
              apiKey: SEED_KEYS.kafka.key,
              apiSecret: SEED_KEYS.kafka.secret,
            },
          ],
        },
      ],
    },
  };
}

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
/*
 * Test harness: a connection and task runner for the provider, and a
 * provider built from config on the emulator over real HTTP (the emulator's
 * shared `testUtils` give the config and the capturing logger).
 */
import type { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  CapturingLogger,
  emulatorConfluentConfig,
} from '@shiftleft/confluent-emulator/testUtils';
import {
  ConfluentClient,
  type ConfluentResponseObserver,
} from '@shiftleft/plugin-confluent-node';
import { ConfluentEntityProvider } from '../providers/ConfluentEntityProvider';

/** The workshop's provider config, as app-config.yaml has it. */
export const WORKSHOP_PROVIDER_CONFIG: JsonObject = {
  defaultOwner: 'group:default/platform-team',
  ownership: [
    {
      pattern:
        '^(customer-snapshot-materializer|thirty_day_customer_snapshot)$',
      owner: 'group:default/customer-service-team',
    },
    {
      pattern: '^shiftleft(\\.public\\..+|-postgres-cdc-source)$',
      owner: 'group:default/platform-team',
      kinds: ['API', 'Component'],
    },
  ],
  eventSettleDelay: { milliseconds: 50 },
};

/** A connection that records mutations. */
export function recordingConnection() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => void mutations.push(mutation),
    refresh: async () => {},
  };
  return { connection, mutations };
}

/** A task runner that runs nothing by itself: tests call refresh(). */
export const manualTaskRunner: SchedulerServiceTaskRunner = {
  run: async () => {},
};

export function makeProvider(
  emu: ConfluentEmulator,
  options: {
    provider?: JsonObject;
    confluent?: JsonObject;
    logger?: CapturingLogger;
    events?: EventsService;
    schedule?: SchedulerServiceTaskRunner;
    /** Sees every response the provider's client receives. */
    onResponse?: ConfluentResponseObserver;
  } = {},
) {
  const logger = options.logger ?? new CapturingLogger();
  const config = new ConfigReader({
    // Backoff capped at 50 ms: a refresh makes many reads, and tests that
    // inject faults want its retries quick.
    confluent: emulatorConfluentConfig(emu, options.confluent, {
      retryMaxDelay: { milliseconds: 50 },
    }),
    catalog: {
      providers: {
        confluent: { ...WORKSHOP_PROVIDER_CONFIG, ...options.provider },
      },
    },
  });
  const client = ConfluentClient.fromConfig(config, {
    onResponse: options.onResponse,
  });
  const [provider] = ConfluentEntityProvider.fromConfig(config, {
    client,
    logger,
    schedule: options.schedule ?? manualTaskRunner,
    events: options.events,
  });
  return { provider, client, logger };
}

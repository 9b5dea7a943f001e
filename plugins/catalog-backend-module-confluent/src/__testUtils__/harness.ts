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
 * Test harness: the emulator over real HTTP, the suite's client, a logger
 * that keeps what it was told, and a provider built from config.
 */
import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
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

const DEPRECATED_DURATION_KEYS = {
  requestTimeoutMs: 'requestTimeout',
  retryBaseDelayMs: 'retryBaseDelay',
  retryMaxDelayMs: 'retryMaxDelay',
};

export function emulatorConfig(
  emu: ConfluentEmulator,
  overrides: JsonObject = {},
): JsonObject {
  const base: JsonObject = {
    ...emu.backstageConfig().confluent,
    retryBaseDelay: { milliseconds: 5 },
    retryMaxDelay: { milliseconds: 50 },
    requestTimeout: { seconds: 5 },
  };
  // An override under a deprecated `…Ms` key (still read) must not lose to
  // the base's new key, which wins when both are set.
  for (const [old, key] of Object.entries(DEPRECATED_DURATION_KEYS)) {
    if (old in overrides) delete base[key];
  }
  return { ...base, ...overrides };
}

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
}

/** A logger that keeps every line, so tests can check what was logged. */
export function capturingLogger(lines: LogLine[] = []): LoggerService & {
  lines: LogLine[];
} {
  const make = (): LoggerService & { lines: LogLine[] } => ({
    lines,
    error: (message: string) => void lines.push({ level: 'error', message }),
    warn: (message: string) => void lines.push({ level: 'warn', message }),
    info: (message: string) => void lines.push({ level: 'info', message }),
    debug: (message: string) => void lines.push({ level: 'debug', message }),
    child: () => make(),
  });
  return make();
}

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
    logger?: ReturnType<typeof capturingLogger>;
    events?: EventsService;
    schedule?: SchedulerServiceTaskRunner;
    /** Sees every response the provider's client receives. */
    onResponse?: ConfluentResponseObserver;
  } = {},
) {
  const logger = options.logger ?? capturingLogger();
  const config = new ConfigReader({
    confluent: emulatorConfig(emu, options.confluent),
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

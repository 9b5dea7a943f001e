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
import { ConfigReader } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { ConfluentClient } from '../ConfluentClient';
import { ConfluentResponseObserver } from '../http/transport';

/** The emulator's `confluent` config with quick retries, plus overrides. */
export function emulatorConfig(
  emu: ConfluentEmulator,
  overrides: JsonObject = {},
): JsonObject {
  return {
    ...emu.backstageConfig().confluent,
    retryBaseDelay: { milliseconds: 5 },
    retryMaxDelay: { seconds: 2 },
    requestTimeout: { seconds: 5 },
    ...overrides,
  };
}

export function clientFor(
  emu: ConfluentEmulator,
  options: {
    config?: JsonObject;
    logger?: LoggerService;
    onResponse?: ConfluentResponseObserver;
  } = {},
): ConfluentClient {
  return ConfluentClient.fromConfig(
    new ConfigReader({ confluent: emulatorConfig(emu, options.config) }),
    { logger: options.logger, onResponse: options.onResponse },
  );
}

/**
 * Polls `read` until `done` holds; lifecycles in the emulator are
 * asynchronous, as in Confluent Cloud.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { attempts = 200, intervalMs = 20 } = {},
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not reached; last value: ${JSON.stringify(last)}`);
}

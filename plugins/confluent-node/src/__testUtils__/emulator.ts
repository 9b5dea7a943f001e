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
import { emulatorConfluentConfig } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from '../ConfluentClient';
import { ConfluentResponseObserver } from '../http/transport';

/**
 * The emulator's `confluent` config with the shared quick retries, plus
 * overrides. Backoff is capped at 2 s rather than the shared 200 ms: the
 * resilience tests check that a `Retry-After` of a second is honoured.
 */
export function emulatorConfig(
  emu: ConfluentEmulator,
  overrides: JsonObject = {},
): JsonObject {
  return emulatorConfluentConfig(emu, overrides, {
    retryMaxDelay: { seconds: 2 },
  });
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

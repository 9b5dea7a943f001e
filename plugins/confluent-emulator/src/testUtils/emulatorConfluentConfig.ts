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
import type {
  ConfluentEmulator,
  EmulatorBackstageConfig,
} from '@shiftleft/confluent-emulator';

/**
 * A duration in config, as Backstage's `HumanDuration` writes it
 * (`{ milliseconds: 5 }`, `{ seconds: 2 }`).
 * @public
 */
export type TestDuration = { [unit: string]: number };

/** Settings of the suite's Confluent client that tests shorten. @public */
export type TestClientSettings = {
  retryBaseDelay: TestDuration;
  retryMaxDelay: TestDuration;
  requestTimeout: TestDuration;
};

/**
 * The retry and timeout settings tests want: retries quick enough that a
 * test of a retried 429 or 5xx takes milliseconds, a timeout short enough
 * that a hung call fails the test rather than the suite.
 * @public
 */
export const TEST_CLIENT_SETTINGS: Readonly<TestClientSettings> = {
  retryBaseDelay: { milliseconds: 5 },
  retryMaxDelay: { milliseconds: 200 },
  requestTimeout: { seconds: 5 },
};

/** The deprecated key, in milliseconds, of each setting; still read. */
const DEPRECATED_KEYS: Record<string, keyof TestClientSettings> = {
  retryBaseDelayMs: 'retryBaseDelay',
  retryMaxDelayMs: 'retryMaxDelay',
  requestTimeoutMs: 'requestTimeout',
};

/**
 * The `confluent` config section for an emulator, as a test's
 * `app-config` would hold it: the emulator's URLs and keys
 * (`emu.backstageConfig().confluent`), {@link TEST_CLIENT_SETTINGS} with a
 * package's own `settings` over them, then a test's `overrides` on top. An
 * override under a deprecated `…Ms` key replaces the setting too: the client
 * prefers the new key when both are set, so the setting is left out.
 * @public
 */
export function emulatorConfluentConfig<
  TOverrides extends object = Record<never, never>,
>(
  emu: Pick<ConfluentEmulator, 'backstageConfig'>,
  overrides?: TOverrides,
  settings: Partial<TestClientSettings> = {},
): Omit<EmulatorBackstageConfig['confluent'], keyof TOverrides> &
  Partial<TestClientSettings> &
  TOverrides {
  const defaults: Partial<TestClientSettings> = {
    ...TEST_CLIENT_SETTINGS,
    ...settings,
  };
  for (const [deprecated, key] of Object.entries(DEPRECATED_KEYS)) {
    if (overrides && deprecated in overrides) delete defaults[key];
  }
  return {
    ...emu.backstageConfig().confluent,
    ...defaults,
    ...(overrides as TOverrides),
  };
}

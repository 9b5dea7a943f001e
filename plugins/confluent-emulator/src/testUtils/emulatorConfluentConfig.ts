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
import type { ConfluentEmulator, EmulatorBackstageConfig } from '../types';

/** Settings of the suite's Confluent client that tests shorten. @public */
export type TestClientSettings = {
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  requestTimeoutMs: number;
};

/**
 * The retry and timeout settings tests want: retries quick enough that a
 * test of a retried 429 or 5xx takes milliseconds, a timeout short enough
 * that a hung call fails the test rather than the suite.
 * @public
 */
export const TEST_CLIENT_SETTINGS: Readonly<TestClientSettings> = {
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 200,
  requestTimeoutMs: 5000,
};

/**
 * The `confluent` config section for an emulator, as a test's
 * `app-config` would hold it: the emulator's URLs and keys
 * (`emu.backstageConfig().confluent`), {@link TEST_CLIENT_SETTINGS}, then
 * `overrides` on top.
 * @public
 */
export function emulatorConfluentConfig<
  TOverrides extends object = Record<never, never>,
>(
  emu: Pick<ConfluentEmulator, 'backstageConfig'>,
  overrides?: TOverrides,
): Omit<
  EmulatorBackstageConfig['confluent'] & TestClientSettings,
  keyof TOverrides
> &
  TOverrides {
  return {
    ...emu.backstageConfig().confluent,
    ...TEST_CLIENT_SETTINGS,
    ...(overrides as TOverrides),
  };
}

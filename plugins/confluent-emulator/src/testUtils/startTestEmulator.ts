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
import { startEmulator } from '../startEmulator';
// The package's own name, not '../types': this entry point's API then refers
// to the main entry point's types instead of repeating them.
import type {
  ConfluentEmulator,
  EmulatorTimings,
  StartEmulatorOptions,
} from '@shiftleft/confluent-emulator';

/**
 * Lifecycles fast enough for tests, slow enough to observe each phase;
 * offsets advance once a second, as by default.
 * @public
 */
export const TEST_TIMINGS: Readonly<Required<EmulatorTimings>> = {
  statementPendingMs: 30,
  statementStoppingMs: 30,
  statementDeletingMs: 30,
  connectorProvisioningMs: 30,
  connectorStateChangeMs: 30,
  offsetTickMs: 1000,
};

/**
 * Starts an emulator for a test: on an ephemeral port, seeded with the
 * workshop, with {@link TEST_TIMINGS}. `options` override each of these;
 * `options.timings` overrides single timings.
 * @public
 */
export function startTestEmulator(
  options: StartEmulatorOptions = {},
): Promise<ConfluentEmulator> {
  return startEmulator({
    port: 0,
    seed: 'workshop',
    ...options,
    timings: { ...TEST_TIMINGS, ...options.timings },
  });
}

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
/**
 * Test utilities shared by the suite's packages: an emulator started the
 * way tests want it, its `confluent` config, waiting for asynchronous
 * lifecycles, a logger that keeps what it is told, and validation of
 * responses against Confluent's official OpenAPI specs.
 *
 * The OpenAPI validators need `ajv`, `ajv-formats` and `yaml` (optional
 * peer dependencies, loaded only when a validator is built).
 *
 * @packageDocumentation
 */
export { startTestEmulator, TEST_TIMINGS } from './startTestEmulator';
export {
  emulatorConfluentConfig,
  TEST_CLIENT_SETTINGS,
  type TestClientSettings,
  type TestDuration,
} from './emulatorConfluentConfig';
export {
  eventually,
  type Awaitable,
  type EventuallyOptions,
} from './eventually';
export { CapturingLogger, type CapturedLine } from './CapturingLogger';
export {
  OpenApiSpec,
  type OpenApiOperation,
  type OpenApiResponse,
  type OpenApiSpecOptions,
} from './openapi/OpenApiSpec';
export {
  CONFLUENT_OPENAPI_DIR,
  CONFLUENT_OPENAPI_SPECS,
  OpenApiContract,
  type ContractProblem,
  type ContractResponse,
  type OpenApiContractOptions,
} from './openapi/OpenApiContract';

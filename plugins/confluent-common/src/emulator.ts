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
 * The local Confluent emulator's API keys, one per kind of Confluent Cloud
 * key. They are documented (app-config.yaml, the emulator's README), so
 * they are public: the emulator accepts them, and a production backend
 * refuses to start with them.
 * @public
 */
export const CONFLUENT_EMULATOR_KEYS = {
  cloud: { key: 'EMULATORCLOUDKEY', secret: 'emulator-cloud-secret' },
  flink: { key: 'EMULATORFLINKKEY', secret: 'emulator-flink-secret' },
  schemaRegistry: { key: 'EMULATORSRKEY000', secret: 'emulator-sr-secret' },
  kafka: { key: 'EMULATORKAFKAKEY', secret: 'emulator-kafka-secret' },
} as const;

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
import { Config } from '@backstage/config';
import {
  SINK_DESTINATION_TYPES,
  SinkDestination,
  SinkDestinationType,
} from '@shiftleft/plugin-confluent-common';

/**
 * The sink destinations configured under `confluent.scaffolder.sinks`, for
 * the template's destination picker: each one's name and system, read
 * key by key so no other value (host, user, password, private key) is ever
 * loaded here, let alone answered. An entry of an unknown type is left out:
 * the scaffolder module refuses it at startup anyway.
 */
export function readSinkDestinations(config: Config): SinkDestination[] {
  const sinks = config.getOptionalConfig('confluent.scaffolder.sinks');
  if (!sinks) return [];
  return sinks
    .keys()
    .flatMap(name => {
      const type = sinks.getConfig(name).getOptionalString('type');
      return (SINK_DESTINATION_TYPES as readonly string[]).includes(type ?? '')
        ? [{ name, type: type as SinkDestinationType }]
        : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

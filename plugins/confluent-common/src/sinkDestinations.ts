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
 * The systems a configured sink destination can be
 * (`confluent.scaffolder.sinks.<name>.type`).
 * @public
 */
export const SINK_DESTINATION_TYPES = [
  'postgres',
  'redshift',
  'snowflake',
] as const;

/**
 * One of {@link SINK_DESTINATION_TYPES}.
 * @public
 */
export type SinkDestinationType = (typeof SINK_DESTINATION_TYPES)[number];

/**
 * A sink destination the platform team configured, as the template's
 * destination picker sees it: its name and system only. Hosts, users and
 * credentials stay in the backend's configuration.
 * @public
 */
export interface SinkDestination {
  name: string;
  type: SinkDestinationType;
}

/**
 * The answer of `GET /api/confluent/scaffolder/sink-destinations`.
 * @public
 */
export interface SinkDestinationsResponse {
  /** Sorted by name; empty when none is configured. */
  destinations: SinkDestination[];
}

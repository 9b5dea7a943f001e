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
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

/** One entry of `catalog.providers.confluent`. */
interface ConfluentProviderEntry {
  /**
   * (Optional) When and how long the full refresh runs. Default:
   * `{ frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 5 } }`.
   */
  schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  /**
   * (Optional) Ids of the environments to read, from `confluent.environments`.
   * Default: all configured environments.
   */
  environments?: string[];
  /**
   * (Optional) Owner of entities no label, ownership record, inheritance or
   * mapping decides (annotation `confluent.io/owner-source: default`). An
   * entity ref; a bare name is a group in the default namespace.
   * Default: `group:default/unknown`.
   */
  defaultOwner?: string;
  /**
   * (Optional) Owners by name pattern, tried in order after statement labels,
   * `backstage_ownership` business metadata and connector inheritance.
   * Default: none.
   */
  ownership?: Array<{
    /**
     * A JavaScript regular expression matched against the resource's name:
     * topic, statement or connector name, the Kafka cluster id for Systems,
     * `<system>.<database>.<schema>.<table>` for tables. Unanchored: use
     * `^…$` for whole names.
     */
    pattern: string;
    /** The owner's entity ref (`group:default/team-a`, or `team-a`). */
    owner: string;
    /**
     * (Optional) Entity kinds the rule applies to: `API`, `Component`,
     * `Resource`, `System`. Default: all.
     */
    kinds?: string[];
  }>;
  /** (Optional) `spec.lifecycle` of APIs and Components. Default: `production`. */
  lifecycle?: string;
  /**
   * (Optional) Tag names (schema `confluent:tags`, schema metadata tags,
   * Stream Catalog field tags) that mark personal data, case-insensitive.
   * Default: `[PII]`.
   */
  piiTags?: string[];
  /**
   * (Optional) Read Stream Catalog tags of the fields of topics no statement
   * writes: one search per `piiTags` tag per refresh (500 fields a request).
   * Default: `true`.
   */
  streamCatalogFieldTags?: boolean;
  /** (Optional) Include internal topics (`_confluent-…`). Default: `false`. */
  includeInternalTopics?: boolean;
  /**
   * (Optional) After a `confluent.resources` event, the delay before the
   * second delta read, when a new statement's topic and schema exist: a
   * duration object, an ISO 8601 duration (`PT10S`) or a string such as
   * `10s`. Default: `{ seconds: 10 }`.
   */
  eventSettleDelay?: HumanDuration | string;
}

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The Confluent entity provider: one entry, or named entries
       * (`{ prod: {…}, staging: {…} }`) each with its own schedule.
       */
      confluent?:
        | ConfluentProviderEntry
        | { [id: string]: ConfluentProviderEntry };
    };
  };
}

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
/*
 * Reads `catalog.providers.confluent`: one provider (a single object, id
 * `default`) or several (a map of named entries).
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { HumanDuration } from '@backstage/types';
import { CONFLUENT_PII_TAG } from '@shiftleft/plugin-confluent-common';
import { readDurationConfig } from '@shiftleft/plugin-confluent-node';

/** Backstage kinds the ownership mapping can be limited to. */
export type OwnershipKind = 'API' | 'Component' | 'Resource' | 'System';

const KINDS: Record<string, OwnershipKind> = {
  api: 'API',
  component: 'Component',
  resource: 'Resource',
  system: 'System',
};

/** One rule of the ownership mapping. */
export interface OwnershipRule {
  pattern: RegExp;
  /** A full entity ref (`group:default/team-a`). */
  owner: string;
  /** Kinds the rule applies to; all when absent. */
  kinds?: OwnershipKind[];
}

/**
 * The options of one Confluent entity provider, as read from config.
 * @public
 */
export interface ConfluentEntityProviderConfig {
  id: string;
  /** Environment ids to read; all environments of the `confluent` block when absent. */
  environments?: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaultOwner: string;
  ownership: OwnershipRule[];
  lifecycle: string;
  piiTags: string[];
  streamCatalogFieldTags: boolean;
  includeInternalTopics: boolean;
  /** Delay before the second read that follows an event. */
  eventSettleDelay: HumanDuration;
}

/** Defaults of the provider options. @public */
export const CONFLUENT_PROVIDER_DEFAULTS = {
  schedule: {
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
  } as SchedulerServiceTaskScheduleDefinition,
  defaultOwner: 'group:default/unknown',
  lifecycle: 'production',
  piiTags: [CONFLUENT_PII_TAG],
  eventSettleDelay: { seconds: 10 } as HumanDuration,
};

function ownerRef(value: string, key: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `${key} is not a valid entity ref: ${(error as Error).message}`,
    );
  }
}

function readEntry(id: string, config: Config, path: string) {
  const schedule = config.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : CONFLUENT_PROVIDER_DEFAULTS.schedule;
  const ownership = (config.getOptionalConfigArray('ownership') ?? []).map(
    (rule, index) => {
      const key = `${path}.ownership[${index}]`;
      const source = rule.getString('pattern');
      let pattern: RegExp;
      try {
        pattern = new RegExp(source);
      } catch (error) {
        throw new InputError(
          `${key}.pattern is not a valid regular expression: ${
            (error as Error).message
          }`,
        );
      }
      const kinds = rule.getOptionalStringArray('kinds')?.map(kind => {
        const known = KINDS[kind.toLocaleLowerCase('en-US')];
        if (!known) {
          throw new InputError(
            `${key}.kinds has '${kind}'; use API, Component, Resource or System`,
          );
        }
        return known;
      });
      const parsed: OwnershipRule = {
        pattern,
        owner: ownerRef(rule.getString('owner'), `${key}.owner`),
        ...(kinds ? { kinds } : {}),
      };
      return parsed;
    },
  );
  return {
    id,
    environments: config.getOptionalStringArray('environments'),
    schedule,
    defaultOwner: ownerRef(
      config.getOptionalString('defaultOwner') ??
        CONFLUENT_PROVIDER_DEFAULTS.defaultOwner,
      `${path}.defaultOwner`,
    ),
    ownership,
    lifecycle:
      config.getOptionalString('lifecycle') ??
      CONFLUENT_PROVIDER_DEFAULTS.lifecycle,
    piiTags:
      config.getOptionalStringArray('piiTags') ??
      CONFLUENT_PROVIDER_DEFAULTS.piiTags,
    streamCatalogFieldTags:
      config.getOptionalBoolean('streamCatalogFieldTags') ?? true,
    includeInternalTopics:
      config.getOptionalBoolean('includeInternalTopics') ?? false,
    // A duration object, an ISO 8601 string (`PT10S`) or `10s`.
    eventSettleDelay: {
      milliseconds: readDurationConfig(config, {
        key: 'eventSettleDelay',
        path,
        defaultValue: CONFLUENT_PROVIDER_DEFAULTS.eventSettleDelay,
      }),
    },
  };
}

/**
 * Reads every provider entry of `catalog.providers.confluent`. Returns an
 * empty list when the block is absent.
 * @throws InputError on an invalid entry, naming its config key
 * @public
 */
export function readProviderConfigs(
  config: Config,
): ConfluentEntityProviderConfig[] {
  const root = 'catalog.providers.confluent';
  const block = config.getOptionalConfig(root);
  if (!block) {
    return [];
  }
  // A single object is recognised by a key only an entry has.
  const single = [
    'schedule',
    'environments',
    'defaultOwner',
    'ownership',
    'lifecycle',
    'piiTags',
    'streamCatalogFieldTags',
    'includeInternalTopics',
    'eventSettleDelay',
  ].some(key => block.has(key));
  if (single || block.keys().length === 0) {
    return [readEntry('default', block, root)];
  }
  return block
    .keys()
    .map(id => readEntry(id, block.getConfig(id), `${root}.${id}`));
}

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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HumanDuration } from '@backstage/types';
import {
  readDurationConfig,
  ReadDurationConfigOptions,
} from '@shiftleft/plugin-confluent-node';

/**
 * The cards backend's settings, in milliseconds.
 * @public
 */
export interface ConfluentCardsConfig {
  /** Between two reads of a key nobody has open in a browser. */
  pollIntervalMs: number;
  /** Between two reads of a key a user has open (never above the former). */
  livePollIntervalMs: number;
  idleTimeoutMs: number;
  maxBackoffMs: number;
  schemaCacheMs: number;
}

/**
 * Defaults of {@link ConfluentCardsConfig}, in seconds.
 * @public
 */
export const CONFLUENT_CARDS_CONFIG_DEFAULTS = {
  pollIntervalSeconds: 5,
  livePollIntervalSeconds: 1,
  idleTimeoutSeconds: 60,
  maxBackoffSeconds: 120,
  schemaCacheSeconds: 60,
} as const;

type Setting = Omit<ReadDurationConfigOptions, 'path' | 'logger'> & {
  block: 'status' | 'schema';
};

const d = CONFLUENT_CARDS_CONFIG_DEFAULTS;
const ms = (milliseconds: number): HumanDuration => ({ milliseconds });
const seconds = (s: number): HumanDuration => ({ seconds: s });

// Each duration key and the `…Seconds` key it replaces (still read, with a
// deprecation warning, when the new key is not set).
const SETTINGS: Record<keyof ConfluentCardsConfig, Setting> = {
  pollIntervalMs: {
    block: 'status',
    key: 'pollInterval',
    deprecated: { key: 'pollIntervalSeconds', unit: 'seconds' },
    defaultValue: seconds(d.pollIntervalSeconds),
    min: ms(50),
    max: { hours: 1 },
  },
  livePollIntervalMs: {
    block: 'status',
    key: 'livePollInterval',
    deprecated: { key: 'livePollIntervalSeconds', unit: 'seconds' },
    defaultValue: seconds(d.livePollIntervalSeconds),
    min: ms(50),
    max: { hours: 1 },
  },
  idleTimeoutMs: {
    block: 'status',
    key: 'idleTimeout',
    deprecated: { key: 'idleTimeoutSeconds', unit: 'seconds' },
    defaultValue: seconds(d.idleTimeoutSeconds),
    min: ms(100),
    max: { days: 1 },
  },
  maxBackoffMs: {
    block: 'status',
    key: 'maxBackoff',
    deprecated: { key: 'maxBackoffSeconds', unit: 'seconds' },
    defaultValue: seconds(d.maxBackoffSeconds),
    min: ms(50),
    max: { days: 1 },
  },
  schemaCacheMs: {
    block: 'schema',
    key: 'cacheTtl',
    deprecated: { key: 'cacheSeconds', unit: 'seconds' },
    defaultValue: seconds(d.schemaCacheSeconds),
    min: ms(0),
    max: { days: 1 },
  },
};

/**
 * Reads `confluent.status` and `confluent.schema`; an invalid value fails
 * the plugin's startup with an error naming the key (never the whole block,
 * which holds secrets, nor the value).
 *
 * @param options - `logger` receives a one-time warning per deprecated
 *   `…Seconds` key still in use
 * @public
 */
export function readConfluentCardsConfig(
  config: Config,
  options: { logger?: LoggerService } = {},
): ConfluentCardsConfig {
  const problems: string[] = [];
  const read = (field: keyof ConfluentCardsConfig): number => {
    const { block, ...setting } = SETTINGS[field];
    try {
      return readDurationConfig(
        config.getOptionalConfig(`confluent.${block}`),
        { ...setting, path: `confluent.${block}`, logger: options.logger },
      );
    } catch (error) {
      problems.push((error as Error).message);
      return NaN;
    }
  };
  const pollIntervalMs = read('pollIntervalMs');
  const result: ConfluentCardsConfig = {
    pollIntervalMs,
    livePollIntervalMs: Math.min(read('livePollIntervalMs'), pollIntervalMs),
    idleTimeoutMs: read('idleTimeoutMs'),
    // Never back off to less than the normal interval.
    maxBackoffMs: Math.max(read('maxBackoffMs'), pollIntervalMs),
    schemaCacheMs: read('schemaCacheMs'),
  };
  if (problems.length) {
    throw new InputError(
      `Invalid Confluent cards configuration: ${problems.join('; ')}`,
    );
  }
  return result;
}

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
import { InputError } from '@backstage/errors';
import { z } from 'zod';

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
 * Defaults of {@link ConfluentCardsConfig}, in seconds as configured.
 * @public
 */
export const CONFLUENT_CARDS_CONFIG_DEFAULTS = {
  pollIntervalSeconds: 5,
  livePollIntervalSeconds: 1,
  idleTimeoutSeconds: 60,
  maxBackoffSeconds: 120,
  schemaCacheSeconds: 60,
} as const;

// `${VAR}` substitution yields strings, so digit strings are accepted too.
const seconds = (min: number, max: number) =>
  z.preprocess(
    v => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v),
    z.number().min(min).max(max),
  );

const schema = z.object({
  status: z
    .object({
      pollIntervalSeconds: seconds(0.05, 3600).optional(),
      livePollIntervalSeconds: seconds(0.05, 3600).optional(),
      idleTimeoutSeconds: seconds(0.1, 86400).optional(),
      maxBackoffSeconds: seconds(0.05, 86400).optional(),
    })
    .optional(),
  schema: z
    .object({
      cacheSeconds: seconds(0, 86400).optional(),
    })
    .optional(),
});

/**
 * Reads `confluent.status` and `confluent.schema`; an invalid value fails
 * the plugin's startup with an error naming the key (never the whole block,
 * which holds secrets).
 * @public
 */
export function readConfluentCardsConfig(config: Config): ConfluentCardsConfig {
  const block = config.getOptionalConfig('confluent');
  const raw = {
    status: block?.getOptional('status'),
    schema: block?.getOptional('schema'),
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `confluent.${issue.path.join('.')}: ${issue.message}`,
    );
    throw new InputError(
      `Invalid Confluent cards configuration: ${problems.join('; ')}`,
    );
  }
  const d = CONFLUENT_CARDS_CONFIG_DEFAULTS;
  const status = parsed.data.status ?? {};
  const pollIntervalSeconds =
    status.pollIntervalSeconds ?? d.pollIntervalSeconds;
  return {
    pollIntervalMs: pollIntervalSeconds * 1000,
    livePollIntervalMs:
      Math.min(
        status.livePollIntervalSeconds ?? d.livePollIntervalSeconds,
        pollIntervalSeconds,
      ) * 1000,
    idleTimeoutMs: (status.idleTimeoutSeconds ?? d.idleTimeoutSeconds) * 1000,
    // Never back off to less than the normal interval.
    maxBackoffMs:
      Math.max(
        status.maxBackoffSeconds ?? d.maxBackoffSeconds,
        pollIntervalSeconds,
      ) * 1000,
    schemaCacheMs:
      (parsed.data.schema?.cacheSeconds ?? d.schemaCacheSeconds) * 1000,
  };
}

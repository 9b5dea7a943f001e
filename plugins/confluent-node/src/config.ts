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
import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HumanDuration } from '@backstage/types';
import { CONFLUENT_EMULATOR_KEYS } from '@shiftleft/plugin-confluent-common';
import { z } from 'zod';
import { readDurationConfig } from './durationConfig';

/** An API key and its secret (HTTP Basic credentials). @public */
export interface ConfluentCredentials {
  apiKey: string;
  apiSecret: string;
}

/** Flink SQL access for one environment. @public */
export interface ConfluentFlinkConfig extends ConfluentCredentials {
  /** The regional endpoint, `https://flink.<region>.<cloud>.confluent.cloud`. */
  baseUrl: string;
  /** Compute pool used for new statements when the caller names none. */
  computePoolId?: string;
  /** Principal new statements run as when the caller names none. */
  principal?: string;
}

/** The Schema Registry (and Stream Catalog) of one environment. @public */
export interface ConfluentSchemaRegistryConfig extends ConfluentCredentials {
  /** The Schema Registry cluster id, `lsrc-…`. */
  id: string;
  baseUrl: string;
}

/** A Kafka cluster reached through Kafka REST v3. @public */
export interface ConfluentKafkaClusterConfig extends ConfluentCredentials {
  /** The cluster id, `lkc-…`. */
  id: string;
  /** The cluster's REST endpoint. */
  restBaseUrl: string;
}

/** One configured Confluent environment. @public */
export interface ConfluentEnvironmentConfig {
  /** The environment id, `env-…`. */
  id: string;
  flink?: ConfluentFlinkConfig;
  schemaRegistry?: ConfluentSchemaRegistryConfig;
  kafkaClusters: ConfluentKafkaClusterConfig[];
}

/**
 * The validated `confluent` configuration block, with defaults applied.
 * It holds secrets: never log or return it. Durations are in milliseconds
 * here (configured as `requestTimeout`, `retryBaseDelay`, `retryMaxDelay`).
 * @public
 */
export interface ConfluentConfig {
  organizationId: string;
  consoleUrl: string;
  /** `confluent.requestTimeout`, in milliseconds. */
  requestTimeoutMs: number;
  maxRetries: number;
  /** `confluent.retryBaseDelay`, in milliseconds. */
  retryBaseDelayMs: number;
  /** `confluent.retryMaxDelay`, in milliseconds. */
  retryMaxDelayMs: number;
  cloud: ConfluentCredentials & { baseUrl: string };
  environments: ConfluentEnvironmentConfig[];
}

/** Default values of the optional `confluent.*` keys. @public */
export const CONFLUENT_CONFIG_DEFAULTS = {
  consoleUrl: 'https://confluent.cloud',
  cloudBaseUrl: 'https://api.confluent.cloud',
  requestTimeoutMs: 30_000,
  maxRetries: 4,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
} as const;

// Config values substituted from the environment (`${X}`) arrive as strings,
// so integer keys accept digit strings too.
const integer = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^\d+$/, 'must be an integer')])
    .transform(v => Number(v))
    .pipe(
      z
        .number()
        .int('must be an integer')
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );

const required = z.string({ required_error: 'is required' });
const nonEmpty = () => required.trim().min(1, 'must not be empty');
const httpUrl = () =>
  nonEmpty()
    .url('must be an http(s) URL')
    .refine(v => /^https?:\/\//i.test(v), 'must be an http(s) URL')
    // Paths are appended to the base URL; a trailing slash would double up.
    .transform(v => v.replace(/\/+$/, ''));

const credentials = {
  apiKey: nonEmpty(),
  apiSecret: nonEmpty(),
};

const environmentSchema = z.object({
  id: nonEmpty().regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    'must be an id like env-abc123',
  ),
  flink: z
    .object({
      baseUrl: httpUrl(),
      ...credentials,
      computePoolId: nonEmpty().optional(),
      principal: nonEmpty().optional(),
    })
    .optional(),
  schemaRegistry: z
    .object({ id: nonEmpty(), baseUrl: httpUrl(), ...credentials })
    .optional(),
  kafkaClusters: z
    .array(z.object({ id: nonEmpty(), restBaseUrl: httpUrl(), ...credentials }))
    .default([])
    .superRefine((clusters, ctx) => {
      const seen = new Set<string>();
      clusters.forEach((c, i) => {
        if (seen.has(c.id)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [i, 'id'],
            message: `repeats Kafka cluster ${c.id}`,
          });
        }
        seen.add(c.id);
      });
    }),
});

const confluentSchema = z.object({
  organizationId: nonEmpty().uuid('must be the organization UUID'),
  consoleUrl: httpUrl().default(CONFLUENT_CONFIG_DEFAULTS.consoleUrl),
  maxRetries: integer(0, 10).default(CONFLUENT_CONFIG_DEFAULTS.maxRetries),
  cloud: z.object(
    {
      baseUrl: httpUrl().default(CONFLUENT_CONFIG_DEFAULTS.cloudBaseUrl),
      ...credentials,
    },
    { required_error: 'is required' },
  ),
  environments: z
    .array(environmentSchema, { required_error: 'is required' })
    .min(1, 'must list at least one environment')
    .superRefine((envs, ctx) => {
      const seen = new Set<string>();
      envs.forEach((e, i) => {
        if (seen.has(e.id)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [i, 'id'],
            message: `repeats environment ${e.id}`,
          });
        }
        seen.add(e.id);
      });
    }),
});

/**
 * The duration keys: `HumanDuration` or a duration string; the older
 * `…Ms` keys (a number of milliseconds) are still read, with a warning.
 * The parsed {@link ConfluentConfig} carries `…Ms` numbers, so parsing it
 * again (without a logger) reads them back unchanged.
 */
type DurationField =
  | 'requestTimeoutMs'
  | 'retryBaseDelayMs'
  | 'retryMaxDelayMs';

const DURATION_KEYS: Array<{
  key: string;
  field: DurationField;
  min: HumanDuration;
  max: HumanDuration;
}> = [
  {
    key: 'requestTimeout',
    field: 'requestTimeoutMs',
    min: { milliseconds: 1 },
    max: { minutes: 10 },
  },
  {
    key: 'retryBaseDelay',
    field: 'retryBaseDelayMs',
    min: { milliseconds: 0 },
    max: { minutes: 1 },
  },
  {
    key: 'retryMaxDelay',
    field: 'retryMaxDelayMs',
    min: { milliseconds: 0 },
    max: { minutes: 10 },
  },
];

function readDurations(
  raw: unknown,
  problems: string[],
  logger?: LoggerService,
): Record<DurationField, number> {
  const reader = new ConfigReader(
    typeof raw === 'object' && raw && !Array.isArray(raw)
      ? (raw as Record<string, any>)
      : {},
  );
  const result = {} as Record<DurationField, number>;
  for (const { key, field, min, max } of DURATION_KEYS) {
    try {
      result[field] = readDurationConfig(reader, {
        key,
        path: 'confluent',
        deprecated: { key: field, unit: 'milliseconds' },
        defaultValue: { milliseconds: CONFLUENT_CONFIG_DEFAULTS[field] },
        min,
        max,
        logger,
      });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return result;
}

function formatPath(path: Array<string | number>): string {
  return path.reduce<string>(
    (acc, part) =>
      typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${part}`,
    'confluent',
  );
}

const EMULATOR_KEYS = new Set<string>(
  Object.values(CONFLUENT_EMULATOR_KEYS).flatMap(k => [k.key, k.secret]),
);

/**
 * The keys holding one of the emulator's documented local keys. They are
 * public: a production backend holding one would authenticate with a key
 * anyone knows (or send it to whatever its base URLs point at).
 */
function emulatorKeyProblems(config: ConfluentConfig): string[] {
  const found: string[] = [];
  const check = (key: string, c?: ConfluentCredentials) => {
    if (c && (EMULATOR_KEYS.has(c.apiKey) || EMULATOR_KEYS.has(c.apiSecret))) {
      found.push(key);
    }
  };
  check('confluent.cloud', config.cloud);
  config.environments.forEach((env, i) => {
    const key = `confluent.environments[${i}]`;
    check(`${key}.flink`, env.flink);
    check(`${key}.schemaRegistry`, env.schemaRegistry);
    env.kafkaClusters.forEach((cluster, j) =>
      check(`${key}.kafkaClusters[${j}]`, cluster),
    );
  });
  return found;
}

/**
 * Validates the raw `confluent` config object (as found under that key).
 * Errors name every offending key and never echo a value, so a secret in the
 * wrong place cannot leak through the message. In production
 * (`NODE_ENV=production`, or `options.production`) the emulator's
 * documented local keys are refused.
 *
 * @public
 */
export function parseConfluentConfig(
  raw: unknown,
  options: { production?: boolean; logger?: LoggerService } = {},
): ConfluentConfig {
  if (raw === undefined || raw === null) {
    throw new InputError(
      "Missing required config value at 'confluent' (the Confluent Cloud connection settings)",
    );
  }
  const durationProblems: string[] = [];
  const durations = readDurations(raw, durationProblems, options.logger);
  const result = confluentSchema.safeParse(raw);
  if (!result.success || durationProblems.length) {
    const issues = result.success ? [] : result.error.issues;
    // zod's default messages can quote a received enum value; build our own
    // from the path and the issue kind only.
    const problems = issues.map(issue => {
      const key = formatPath(issue.path);
      if (issue.code === z.ZodIssueCode.invalid_type) {
        return issue.received === 'undefined'
          ? `${key} is required`
          : `${key} must be ${
              issue.expected === 'object' ? 'an object' : `a ${issue.expected}`
            }`;
      }
      if (issue.code === z.ZodIssueCode.unrecognized_keys) {
        return `${key} has unknown keys`;
      }
      return `${key} ${issue.message}`;
    });
    problems.push(...durationProblems);
    throw new InputError(
      `Invalid Confluent configuration: ${[...new Set(problems)].join('; ')}`,
    );
  }
  const parsed: ConfluentConfig = { ...result.data, ...durations };
  const production =
    options.production ?? process.env.NODE_ENV === 'production';
  const local = production ? emulatorKeyProblems(parsed) : [];
  if (local.length) {
    throw new InputError(
      `Invalid Confluent configuration: ${local.join(
        ', ',
      )} hold the local emulator's documented keys, which are public and refused when NODE_ENV=production. Set your Confluent Cloud API keys (app-config.production.yaml reads them from the environment)`,
    );
  }
  return parsed;
}

/**
 * Reads and validates the `confluent` block of the app config.
 *
 * @param config - the root config (`coreServices.rootConfig`)
 * @param options - `logger` receives a one-time warning per deprecated key
 *   (`requestTimeoutMs`, `retryBaseDelayMs`, `retryMaxDelayMs`)
 * @throws InputError naming each missing or invalid key
 * @public
 */
export function readConfluentConfig(
  config: Config,
  options: { logger?: LoggerService } = {},
): ConfluentConfig {
  return parseConfluentConfig(config.getOptional('confluent'), options);
}

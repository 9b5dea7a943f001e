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
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { DOCUMENTED_RATE_LIMITS } from './http/rateLimits';
import {
  EMULATOR_APIS,
  type EmulatorApi,
  type EmulatorLogger,
  type EmulatorRateLimit,
  type StartEmulatorOptions,
} from './types';

const timingsSchema = z
  .object({
    statementPendingMs: z.number().int().min(0).default(2000),
    statementStoppingMs: z.number().int().min(0).default(1500),
    statementDeletingMs: z.number().int().min(0).default(1000),
    connectorProvisioningMs: z.number().int().min(0).default(3000),
    connectorStateChangeMs: z.number().int().min(0).default(1000),
    offsetTickMs: z.number().int().min(1).default(1000),
  })
  .strict();

/** Lifecycle timings with every default applied. */
export type ResolvedTimings = z.infer<typeof timingsSchema>;

const largeSchema = z
  .object({
    topics: z.number().int().min(1).max(200_000).default(10_000),
    statements: z.number().int().min(0).max(50_000).default(3_000),
    connectors: z.number().int().min(0).max(20_000).default(1_000),
  })
  .strict();

/** The seed, validated. */
const seedSchema = z.union([
  z.literal('workshop'),
  z.literal('empty'),
  z.object({ large: largeSchema }).strict(),
]);

export type ResolvedSeed = z.infer<typeof seedSchema>;

const apiSchema = z.enum(EMULATOR_APIS as [string, ...string[]]);

const rateLimitSchema = z
  .object({
    readPerSecond: z.number().int().min(1).max(1_000_000),
    writePerSecond: z.number().int().min(1).max(1_000_000),
  })
  .strict();

const optionsSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().min(1).default('127.0.0.1'),
    seed: seedSchema.default('workshop'),
    stateFile: z.string().min(1).optional(),
    timings: timingsSchema.default({}),
    sourceDatabases: z.enum(['connect', 'never']).default('connect'),
    rateLimits: z
      .union([z.boolean(), z.record(apiSchema, rateLimitSchema)])
      .default(false),
  })
  .strict();

export interface ResolvedOptions
  extends Omit<z.infer<typeof optionsSchema>, 'rateLimits'> {
  logger: EmulatorLogger;
  /** The limits enforced, by API (none when rate limits are off). */
  rateLimits: Partial<Record<EmulatorApi, EmulatorRateLimit>>;
}

const silentLogger: EmulatorLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

function describe(error: z.ZodError): string {
  return error.issues
    .map(issue => `${issue.path.join('.') || 'options'}: ${issue.message}`)
    .join('; ');
}

/** Validates the options of `startEmulator`; bad input is an InputError. */
export function resolveOptions(
  options: StartEmulatorOptions = {},
): ResolvedOptions {
  const { logger, ...rest } = options;
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) {
    throw new InputError(`Invalid emulator options: ${describe(parsed.error)}`);
  }
  const { rateLimits, ...data } = parsed.data;
  return {
    ...data,
    rateLimits:
      rateLimits === false
        ? {}
        : {
            ...DOCUMENTED_RATE_LIMITS,
            ...(rateLimits === true ? {} : rateLimits),
          },
    logger: logger ?? silentLogger,
  };
}

/** Validates a seed given later (reset). */
export function resolveSeed(seed: unknown): ResolvedSeed {
  const parsed = seedSchema.safeParse(seed);
  if (!parsed.success)
    throw new InputError(`Invalid seed: ${describe(parsed.error)}`);
  return parsed.data;
}

/** Schema of one API's fault rates. */
const faultRatesSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    rate429: z.number().min(0).max(1).optional(),
    rate5xx: z.number().min(0).max(1).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  })
  .strict();

/** Schema of `injectFaults`. */
export const faultInjectionSchema = z
  .object({
    api: apiSchema,
    status: z.union([
      z.literal(429),
      z.literal(500),
      z.literal(502),
      z.literal(503),
    ]),
    times: z.number().int().min(1).max(1_000_000),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    methods: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** Schema of `setFaultRates`: rates by API. */
export const faultRatesByApiSchema = z.record(apiSchema, faultRatesSchema);

export { describe as describeZodError };

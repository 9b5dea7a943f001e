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
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/**
 * Options of {@link readDurationConfig}.
 * @public
 */
export interface ReadDurationConfigOptions {
  /**
   * The key, relative to the config passed, holding a Backstage
   * `HumanDuration` (`{ seconds: 30 }`), an ISO 8601 duration (`PT30S`) or a
   * duration string (`30s`, `2 minutes`).
   */
  key: string;
  /**
   * The full path of the config passed (`confluent.status`), so messages
   * name the whole key. Default: none (keys are named as given).
   */
  path?: string;
  /**
   * A deprecated key whose plain number (or digit string, as `${VAR}`
   * substitution yields) is still read, in `unit`, when `key` is not set.
   * It may equal `key` when a number used to be accepted there.
   */
  deprecated?: { key: string; unit: 'seconds' | 'milliseconds' };
  /** Used when neither key is set. */
  defaultValue: HumanDuration;
  /** (Optional) Smallest accepted value, inclusive. */
  min?: HumanDuration;
  /** (Optional) Largest accepted value, inclusive. */
  max?: HumanDuration;
  /** (Optional) Receives the one-time deprecation warning. */
  logger?: LoggerService;
}

const UNIT_MS = { seconds: 1000, milliseconds: 1 } as const;
// A number, or the digit string `${VAR}` substitution makes of one.
const NUMERIC = /^\d+(\.\d+)?$/;

// One warning per logger and key: config is read by several plugins (each
// with its own logger) and sometimes more than once by the same one.
const warned = new WeakMap<LoggerService, Set<string>>();

function warnOnce(
  logger: LoggerService | undefined,
  key: string,
  text: string,
) {
  if (!logger) return;
  const seen = warned.get(logger) ?? new Set<string>();
  warned.set(logger, seen);
  if (seen.has(key)) return;
  seen.add(key);
  logger.warn(text);
}

const UNITS: Array<[string, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** `90000` → `90 seconds`, `3600000` → `1 hour`: the largest exact unit. */
function formatMs(ms: number): string {
  const [unit, size] = UNITS.find(([, n]) => ms >= n && ms % n === 0) ?? [
    'millisecond',
    1,
  ];
  const count = ms / size;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    return value;
  }
  if (typeof value === 'string' && NUMERIC.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

const DURATION_HINT =
  "a duration such as { seconds: 30 }, an ISO 8601 string such as 'PT30S' or a string such as '30s'";

/**
 * Reads one duration setting and returns it in milliseconds.
 *
 * The key holds a Backstage `HumanDuration` object or a duration string,
 * read with `readDurationFromConfig`. During the move from numeric keys
 * (`pollIntervalSeconds`, `requestTimeoutMs`), `options.deprecated` names
 * the old key: its plain number is still read in its old unit, with a
 * one-time warning naming the new key; when both are set the new key wins.
 *
 * @throws InputError naming the key (never echoing its value) when the value
 *   is not a duration or lies outside `min`/`max`
 * @public
 */
export function readDurationConfig(
  config: Config | undefined,
  options: ReadDurationConfigOptions,
): number {
  const { key, deprecated, logger } = options;
  const name = (k: string) => (options.path ? `${options.path}.${k}` : k);
  const value = config?.getOptional(key);
  const old =
    deprecated && deprecated.key !== key
      ? config?.getOptional(deprecated.key)
      : undefined;
  let ms: number;

  if (deprecated && deprecated.key === key && asNumber(value) !== undefined) {
    // The same key used to take a plain number.
    ms = asNumber(value)! * UNIT_MS[deprecated.unit];
    warnOnce(
      logger,
      name(key),
      `Config ${name(key)}: a plain number (${
        deprecated.unit
      }) is deprecated; write a duration such as { seconds: 30 } or '30s'`,
    );
  } else if (value !== undefined) {
    if (deprecated && old !== undefined) {
      warnOnce(
        logger,
        name(deprecated.key),
        `Config ${name(
          deprecated.key,
        )} is deprecated and ignored because ${name(key)} is set; remove it`,
      );
    }
    ms = readDuration(config!, key, name(key));
  } else if (deprecated && old !== undefined) {
    const n = asNumber(old);
    if (n === undefined) {
      throw new InputError(
        `${name(deprecated.key)} must be a number of ${
          deprecated.unit
        } (deprecated: use ${name(key)}, ${DURATION_HINT})`,
      );
    }
    ms = n * UNIT_MS[deprecated.unit];
    warnOnce(
      logger,
      name(deprecated.key),
      `Config ${name(deprecated.key)} is deprecated; use ${name(
        key,
      )} with ${DURATION_HINT}`,
    );
  } else {
    ms = durationToMilliseconds(options.defaultValue);
  }

  if (options.min && ms < durationToMilliseconds(options.min)) {
    throw new InputError(
      `${name(key)} must be at least ${formatMs(
        durationToMilliseconds(options.min),
      )}`,
    );
  }
  if (options.max && ms > durationToMilliseconds(options.max)) {
    throw new InputError(
      `${name(key)} must be at most ${formatMs(
        durationToMilliseconds(options.max),
      )}`,
    );
  }
  return ms;
}

function readDuration(config: Config, key: string, fullKey: string): number {
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch {
    // Backstage's message quotes a string value; ours names the key only,
    // since a misplaced secret must never reach a log.
    throw new InputError(`${fullKey} must be ${DURATION_HINT}`);
  }
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InputError(`${fullKey} must not be negative`);
  }
  return ms;
}

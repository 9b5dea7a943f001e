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
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  readDurationConfig,
  ReadDurationConfigOptions,
} from './durationConfig';

const base: ReadDurationConfigOptions = {
  key: 'pollInterval',
  path: 'confluent.status',
  deprecated: { key: 'pollIntervalSeconds', unit: 'seconds' },
  defaultValue: { seconds: 5 },
};

function read(
  data: Record<string, unknown>,
  options: Partial<ReadDurationConfigOptions> = {},
) {
  const logger = mockServices.logger.mock();
  const ms = readDurationConfig(new ConfigReader(data as any), {
    ...base,
    logger,
    ...options,
  });
  return { ms, warnings: logger.warn.mock.calls.map(c => c[0]) };
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('readDurationConfig', () => {
  it('returns the default when no key is set', () => {
    expect(read({})).toEqual({ ms: 5000, warnings: [] });
  });

  it('reads the new key as a HumanDuration object', () => {
    expect(read({ pollInterval: { minutes: 1, seconds: 30 } })).toEqual({
      ms: 90_000,
      warnings: [],
    });
  });

  it('reads the new key as a duration string or an ISO 8601 duration', () => {
    expect(read({ pollInterval: '30s' }).ms).toBe(30_000);
    expect(read({ pollInterval: '2 minutes' }).ms).toBe(120_000);
    expect(read({ pollInterval: 'PT0.5S' }).ms).toBe(500);
  });

  it('reads a number under the old key in its old unit, with a warning naming the new key', () => {
    const { ms, warnings } = read({ pollIntervalSeconds: 0.05 });
    expect(ms).toBe(50);
    expect(warnings).toEqual([
      expect.stringContaining(
        'confluent.status.pollIntervalSeconds is deprecated; use confluent.status.pollInterval',
      ),
    ]);
    expect(
      read(
        { requestTimeoutMs: '1500' },
        {
          key: 'requestTimeout',
          path: 'confluent',
          deprecated: { key: 'requestTimeoutMs', unit: 'milliseconds' },
        },
      ).ms,
    ).toBe(1500);
  });

  it('lets the new key win when both are set, and says the old one is ignored', () => {
    const { ms, warnings } = read({
      pollInterval: { seconds: 2 },
      pollIntervalSeconds: 600,
    });
    expect(ms).toBe(2000);
    expect(warnings).toEqual([
      expect.stringContaining(
        'confluent.status.pollIntervalSeconds is deprecated and ignored because confluent.status.pollInterval is set',
      ),
    ]);
  });

  it('reads a number under a key that used to take one, in its old unit', () => {
    const options = {
      key: 'waitTimeout',
      path: 'confluent.scaffolder',
      deprecated: { key: 'waitTimeout', unit: 'milliseconds' as const },
    };
    const { ms, warnings } = read({ waitTimeout: 3000 }, options);
    expect(ms).toBe(3000);
    expect(warnings).toEqual([
      expect.stringContaining(
        'confluent.scaffolder.waitTimeout: a plain number (milliseconds) is deprecated',
      ),
    ]);
    expect(read({ waitTimeout: { minutes: 2 } }, options)).toEqual({
      ms: 120_000,
      warnings: [],
    });
  });

  it('warns once per logger and key', () => {
    const logger = mockServices.logger.mock();
    const config = new ConfigReader({ pollIntervalSeconds: 1 });
    readDurationConfig(config, { ...base, logger });
    readDurationConfig(config, { ...base, logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const other = mockServices.logger.mock();
    readDurationConfig(config, { ...base, logger: other });
    expect(other.warn).toHaveBeenCalledTimes(1);
  });

  it('names the key of an invalid value without echoing it', () => {
    const secret = 'super-secret-value-123';
    const message = messageOf(() => read({ pollInterval: secret }));
    expect(message).toContain(
      'confluent.status.pollInterval must be a duration',
    );
    expect(message).not.toContain(secret);
    expect(messageOf(() => read({ pollInterval: { sec: 1 } }))).toContain(
      'confluent.status.pollInterval must be a duration',
    );
    // A plain number under the new key has no unit to read it in.
    expect(messageOf(() => read({ pollInterval: 5 }))).toContain(
      'confluent.status.pollInterval must be a duration',
    );
    const old = messageOf(() => read({ pollIntervalSeconds: secret }));
    expect(old).toContain(
      'confluent.status.pollIntervalSeconds must be a number of seconds (deprecated: use confluent.status.pollInterval',
    );
    expect(old).not.toContain(secret);
  });

  it('enforces the bounds, whichever key gave the value', () => {
    const bounds = { min: { milliseconds: 50 }, max: { hours: 1 } };
    expect(messageOf(() => read({ pollInterval: '2h' }, bounds))).toBe(
      'confluent.status.pollInterval must be at most 1 hour',
    );
    expect(messageOf(() => read({ pollIntervalSeconds: 0.01 }, bounds))).toBe(
      'confluent.status.pollInterval must be at least 50 milliseconds',
    );
    expect(read({ pollInterval: '1h' }, bounds).ms).toBe(3_600_000);
  });

  it('refuses a negative duration', () => {
    expect(messageOf(() => read({ pollInterval: { seconds: -5 } }))).toContain(
      'confluent.status.pollInterval must not be negative',
    );
  });
});

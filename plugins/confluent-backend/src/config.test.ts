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
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readConfluentCardsConfig } from './config';

function read(confluent: Record<string, unknown>) {
  const logger = mockServices.logger.mock();
  const config = readConfluentCardsConfig(
    new ConfigReader({ confluent } as any),
    { logger },
  );
  return { config, warnings: logger.warn.mock.calls.map(c => c[0]) };
}

describe('readConfluentCardsConfig', () => {
  it('applies the defaults', () => {
    expect(read({})).toEqual({
      config: {
        pollIntervalMs: 5000,
        livePollIntervalMs: 1000,
        idleTimeoutMs: 60_000,
        maxBackoffMs: 120_000,
        schemaCacheMs: 60_000,
      },
      warnings: [],
    });
  });

  it('reads the duration keys as objects and strings', () => {
    expect(
      read({
        status: {
          pollInterval: { seconds: 10 },
          livePollInterval: '500ms',
          idleTimeout: 'PT2M',
          maxBackoff: { minutes: 5 },
        },
        schema: { cacheTtl: '1 hour' },
      }),
    ).toEqual({
      config: {
        pollIntervalMs: 10_000,
        livePollIntervalMs: 500,
        idleTimeoutMs: 120_000,
        maxBackoffMs: 300_000,
        schemaCacheMs: 3_600_000,
      },
      warnings: [],
    });
  });

  it('still reads the deprecated …Seconds keys, with a warning naming the new key', () => {
    const { config, warnings } = read({
      status: { pollIntervalSeconds: 0.05, idleTimeoutSeconds: '0.2' },
      schema: { cacheSeconds: 0 },
    });
    expect(config).toMatchObject({
      pollIntervalMs: 50,
      livePollIntervalMs: 50,
      idleTimeoutMs: 200,
      maxBackoffMs: 120_000,
      schemaCacheMs: 0,
    });
    expect(warnings).toEqual([
      expect.stringContaining(
        'confluent.status.pollIntervalSeconds is deprecated; use confluent.status.pollInterval',
      ),
      expect.stringContaining(
        'confluent.status.idleTimeoutSeconds is deprecated; use confluent.status.idleTimeout',
      ),
      expect.stringContaining(
        'confluent.schema.cacheSeconds is deprecated; use confluent.schema.cacheTtl',
      ),
    ]);
  });

  it('lets the new key win over the old one', () => {
    const { config } = read({
      status: { pollInterval: '2s', pollIntervalSeconds: 600 },
    });
    expect(config.pollIntervalMs).toBe(2000);
  });

  it('keeps the live interval at most, and the backoff at least, the poll interval', () => {
    const { config } = read({
      status: {
        pollInterval: '2s',
        livePollInterval: '10s',
        maxBackoff: '100ms',
      },
    });
    expect(config.livePollIntervalMs).toBe(2000);
    expect(config.maxBackoffMs).toBe(2000);
  });

  it('names every invalid key', () => {
    expect(() =>
      read({
        status: { pollInterval: 'often', idleTimeout: { days: 2 } },
        schema: { cacheSeconds: 'long' },
      }),
    ).toThrow(
      "Invalid Confluent cards configuration: confluent.status.pollInterval must be a duration such as { seconds: 30 }, an ISO 8601 string such as 'PT30S' or a string such as '30s'; confluent.status.idleTimeout must be at most 1 day; confluent.schema.cacheSeconds must be a number of seconds",
    );
  });
});

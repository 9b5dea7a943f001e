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
import { InputError } from '@backstage/errors';
import { parseConfluentConfig, readConfluentConfig } from './config';

const ORG = '5c9e2a4f-7d1b-4e8a-b3f6-0a2c4e6f8b1d';

function minimal(overrides: Record<string, unknown> = {}) {
  return {
    organizationId: ORG,
    cloud: { apiKey: 'CLOUDKEY', apiSecret: 'cloud-secret-value' },
    environments: [
      {
        id: 'env-abc123',
        flink: {
          baseUrl: 'https://flink.us-east-1.aws.confluent.cloud/',
          apiKey: 'FLINKKEY',
          apiSecret: 'flink-secret-value',
          computePoolId: 'lfcp-1',
        },
        schemaRegistry: {
          id: 'lsrc-1',
          baseUrl: 'https://psrc-1.us-east-1.aws.confluent.cloud',
          apiKey: 'SRKEY',
          apiSecret: 'sr-secret-value',
        },
        kafkaClusters: [
          {
            id: 'lkc-1',
            restBaseUrl: 'https://pkc-1.us-east-1.aws.confluent.cloud:443',
            apiKey: 'KAFKAKEY',
            apiSecret: 'kafka-secret-value',
          },
        ],
      },
    ],
    ...overrides,
  };
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

describe('readConfluentConfig', () => {
  it('applies the documented defaults and trims trailing slashes', () => {
    const config = readConfluentConfig(
      new ConfigReader({ confluent: minimal() }),
    );
    expect(config).toMatchObject({
      organizationId: ORG,
      consoleUrl: 'https://confluent.cloud',
      requestTimeoutMs: 30000,
      maxRetries: 4,
      retryBaseDelayMs: 500,
      retryMaxDelayMs: 30000,
      cloud: { baseUrl: 'https://api.confluent.cloud' },
    });
    expect(config.environments[0].flink?.baseUrl).toBe(
      'https://flink.us-east-1.aws.confluent.cloud',
    );
  });

  it('accepts integers given as strings (values substituted from the environment)', () => {
    const config = parseConfluentConfig(
      minimal({ requestTimeoutMs: '1500', maxRetries: '0' }),
    );
    expect(config.requestTimeoutMs).toBe(1500);
    expect(config.maxRetries).toBe(0);
  });

  it('reads durations as HumanDuration objects or strings', () => {
    const logger = mockServices.logger.mock();
    const config = readConfluentConfig(
      new ConfigReader({
        confluent: minimal({
          requestTimeout: { seconds: 10 },
          retryBaseDelay: '250ms',
          retryMaxDelay: 'PT1M',
        }),
      }),
      { logger },
    );
    expect(config).toMatchObject({
      requestTimeoutMs: 10_000,
      retryBaseDelayMs: 250,
      retryMaxDelayMs: 60_000,
    });
    expect(logger.warn).not.toHaveBeenCalled();
    // The parsed config reads back unchanged.
    expect(parseConfluentConfig(config)).toEqual(config);
  });

  it('still reads the deprecated …Ms keys, warning once each; the new key wins', () => {
    const logger = mockServices.logger.mock();
    const config = readConfluentConfig(
      new ConfigReader({
        confluent: minimal({
          requestTimeoutMs: 2000,
          retryBaseDelayMs: '100',
          retryMaxDelay: { seconds: 5 },
          retryMaxDelayMs: 1,
        }),
      }),
      { logger },
    );
    expect(config).toMatchObject({
      requestTimeoutMs: 2000,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 5000,
    });
    const warnings = logger.warn.mock.calls.map(c => c[0]);
    expect(warnings).toEqual([
      expect.stringContaining(
        'confluent.requestTimeoutMs is deprecated; use confluent.requestTimeout',
      ),
      expect.stringContaining(
        'confluent.retryBaseDelayMs is deprecated; use confluent.retryBaseDelay',
      ),
      expect.stringContaining(
        'confluent.retryMaxDelayMs is deprecated and ignored because confluent.retryMaxDelay is set',
      ),
    ]);
  });

  it('names an invalid duration key among the other problems', () => {
    const message = messageOf(() =>
      parseConfluentConfig(
        minimal({
          requestTimeout: 'soon',
          retryMaxDelay: { hours: 1 },
          maxRetries: 99,
        }),
      ),
    );
    expect(message).toContain('confluent.requestTimeout must be a duration');
    expect(message).toContain(
      'confluent.retryMaxDelay must be at most 10 minutes',
    );
    expect(message).toContain('confluent.maxRetries must be at most 10');
  });

  it('defaults kafkaClusters to an empty list', () => {
    const raw = minimal();
    delete (raw.environments[0] as Record<string, unknown>).kafkaClusters;
    expect(parseConfluentConfig(raw).environments[0].kafkaClusters).toEqual([]);
  });

  it('names the missing confluent block', () => {
    expect(messageOf(() => readConfluentConfig(new ConfigReader({})))).toMatch(
      /Missing required config value at 'confluent'/,
    );
  });

  it('names every missing or invalid key', () => {
    const raw = minimal({
      cloud: { apiKey: 'CLOUDKEY' },
      consoleUrl: 'not a url',
      maxRetries: 99,
    });
    delete (raw.environments[0] as any).flink.apiSecret;
    const message = messageOf(() => parseConfluentConfig(raw));
    expect(message).toContain('confluent.cloud.apiSecret is required');
    expect(message).toContain(
      'confluent.environments[0].flink.apiSecret is required',
    );
    expect(message).toContain('confluent.consoleUrl must be an http(s) URL');
    expect(message).toContain('confluent.maxRetries must be at most 10');
  });

  it('rejects an empty environment list and repeated ids', () => {
    expect(
      messageOf(() => parseConfluentConfig(minimal({ environments: [] }))),
    ).toContain('confluent.environments must list at least one environment');
    const env = minimal().environments[0];
    expect(
      messageOf(() =>
        parseConfluentConfig(minimal({ environments: [env, env] })),
      ),
    ).toContain('confluent.environments[1].id repeats environment env-abc123');
  });

  it('never echoes a value, even a secret put in the wrong place', () => {
    const secret = 'super-secret-value-123';
    const message = messageOf(() =>
      parseConfluentConfig(
        minimal({
          organizationId: secret,
          requestTimeoutMs: secret,
          consoleUrl: secret,
          cloud: { apiKey: 'K', apiSecret: 42, baseUrl: `ftp://${secret}` },
        }),
      ),
    );
    expect(message).toContain(
      'confluent.organizationId must be the organization UUID',
    );
    expect(message).toContain('confluent.cloud.apiSecret must be a string');
    expect(message).not.toContain(secret);
  });
});

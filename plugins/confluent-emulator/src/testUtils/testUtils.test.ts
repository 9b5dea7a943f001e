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
import fs from 'node:fs';
import {
  CapturingLogger,
  CONFLUENT_OPENAPI_DIR,
  emulatorConfluentConfig,
  eventually,
  OpenApiContract,
  TEST_CLIENT_SETTINGS,
} from '.';

describe('eventually', () => {
  it('returns the first value that is done', async () => {
    let n = 0;
    await expect(
      eventually(
        async () => ++n,
        v => v >= 3,
      ),
    ).resolves.toBe(3);
  });

  it('waits for a truthy value when given no condition', async () => {
    let n = 0;
    await expect(
      eventually(() => (++n > 2 ? { n } : undefined), { intervalMs: 1 }),
    ).resolves.toEqual({ n: 3 });
  });

  it('fails after the timeout with the last value', async () => {
    await expect(
      eventually(
        () => ({ phase: 'PENDING' }),
        v => v.phase === 'RUNNING',
        { timeoutMs: 50, intervalMs: 5 },
      ),
    ).rejects.toThrow(/within 50 ms; last value: \{"phase":"PENDING"\}/);
  });
});

describe('CapturingLogger', () => {
  it('keeps lines with child fields, shared with the children', () => {
    const logger = new CapturingLogger();
    logger.child({ api: 'flink' }).warn('retry', { delayMs: 5 });
    logger.info('plain');
    expect(logger.lines).toEqual([
      { level: 'warn', message: 'retry', meta: { api: 'flink', delayMs: 5 } },
      { level: 'info', message: 'plain', meta: {} },
    ]);
  });

  it('shows what errors carry in its text', () => {
    const logger = new CapturingLogger();
    logger.error('failed', new Error('the secret s3cr3t leaked'));
    logger.child({ task: 1 }).error('again', new TypeError('also here'));
    expect(logger.text()).toContain('the secret s3cr3t leaked');
    expect(logger.text()).toContain('TypeError');
    expect(logger.text()).toContain('"task":1');
  });
});

describe('emulatorConfluentConfig', () => {
  const emu = {
    backstageConfig: () => ({
      confluent: { organizationId: 'org' } as any,
    }),
  };

  it("puts the test settings and overrides over the emulator's config", () => {
    expect(
      emulatorConfluentConfig(emu, { retryMaxDelay: { seconds: 2 } }),
    ).toEqual({
      organizationId: 'org',
      ...TEST_CLIENT_SETTINGS,
      retryMaxDelay: { seconds: 2 },
    });
  });

  it("takes a package's settings between the defaults and the overrides", () => {
    const settings = { retryMaxDelay: { milliseconds: 50 } };
    expect(emulatorConfluentConfig(emu, {}, settings).retryMaxDelay).toEqual({
      milliseconds: 50,
    });
    expect(
      emulatorConfluentConfig(emu, { retryMaxDelayMs: 5000 }, settings),
    ).not.toHaveProperty('retryMaxDelay');
  });

  it('lets an override under a deprecated key replace the setting', () => {
    const config = emulatorConfluentConfig(emu, { requestTimeoutMs: 50 });
    expect(config).toEqual({
      organizationId: 'org',
      retryBaseDelay: TEST_CLIENT_SETTINGS.retryBaseDelay,
      retryMaxDelay: TEST_CLIENT_SETTINGS.retryMaxDelay,
      requestTimeoutMs: 50,
    });
  });
});

const specs = fs.existsSync(CONFLUENT_OPENAPI_DIR);
(specs ? describe : describe.skip)('OpenApiContract', () => {
  const contract = OpenApiContract.load()!;
  const topic = (body: unknown, status = 200) =>
    contract.check({
      api: 'kafka',
      method: 'GET',
      path: '/kafka/v3/clusters/lkc-1/topics/orders',
      query: {},
      status,
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('finds the operation from the path and validates the body', () => {
    expect(
      topic({ topic_name: 42 })
        .map(p => p.problem)
        .join(),
    ).toMatch(/must be string/);
    expect(
      topic({}, 418)
        .map(p => p.problem)
        .join(),
    ).toMatch(/not documented/);
    expect(contract.covered).toContain(
      'kafka GET /kafka/v3/clusters/{cluster_id}/topics/{topic_name} 200',
    );
  });

  it('says when no operation matches', () => {
    expect(
      contract.check({
        api: 'org',
        method: 'GET',
        path: '/org/v2/nothing-here',
        query: {},
        status: 200,
        headers: {},
        body: {},
      }),
    ).toEqual([
      {
        response: 'org: GET /org/v2/nothing-here → 200',
        problem: 'no operation in the spec matches',
      },
    ]);
  });
});

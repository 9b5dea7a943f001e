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
import { client, paths, startTestEmulator } from './__testUtils__/http';
import type { ConfluentEmulator } from './types';

describe('fault injection and the /_emulator controls', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterEach(() => emu.clearFaults());
  afterAll(() => emu.stop());

  it('fails the next N matching requests as each API fails', async () => {
    const cloud = client(emu, emu.keys.cloud);
    emu.injectFaults({
      api: 'org',
      status: 429,
      times: 2,
      retryAfterSeconds: 7,
    });
    for (let i = 0; i < 2; i++) {
      const res = await cloud.get('/org/v2/environments');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('x-ratelimit-reset')).toBe('7');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(res.body.errors[0]).toMatchObject({
        status: '429',
        code: 'too_many_requests',
      });
    }
    expect((await cloud.get('/org/v2/environments')).status).toBe(200);

    emu.injectFaults({ api: 'connect', status: 500, times: 1 });
    const connect = await cloud.get(paths(emu).connectors);
    expect(connect.status).toBe(500);
    expect(connect.body).toEqual({
      error: { code: 500, message: 'Oops, something went wrong' },
    });

    emu.injectFaults({
      api: 'schemaRegistry',
      status: 503,
      times: 1,
      retryAfterSeconds: 2,
    });
    const sr = await client(emu, emu.keys.schemaRegistry).get('/subjects');
    expect(sr.status).toBe(503);
    expect(sr.headers.get('retry-after')).toBe('2');
    expect(sr.body).toEqual({
      error_code: 503,
      message: 'Service Unavailable',
    });

    emu.injectFaults({ api: 'kafka', status: 429, times: 1 });
    const kafka = await client(emu, emu.keys.kafka).get(paths(emu).topics);
    expect(kafka.status).toBe(429);
    expect(kafka.headers.get('content-type')).toMatch(/^text\/html/);
    expect(kafka.text).toContain('HTTP ERROR 429 Too Many Requests');
    expect(kafka.headers.get('retry-after')).toBe('1');
  });

  it('limits injected faults to the given methods and leaves other APIs alone', async () => {
    const flink = client(emu, emu.keys.flink);
    emu.injectFaults({
      api: 'flink',
      status: 502,
      times: 1,
      methods: ['POST'],
    });
    expect((await flink.get(paths(emu).statements)).status).toBe(200);
    expect(
      (await client(emu, emu.keys.cloud).get('/org/v2/environments')).status,
    ).toBe(200);
    const post = await flink.post(paths(emu).statements, {
      name: 'x',
      spec: { statement: 'SELECT 1;' },
    });
    expect(post.status).toBe(502);
    expect(post.body.errors[0]).toMatchObject({
      status: '502',
      title: 'Bad Gateway',
    });
  });

  it('answers a share of requests with faults at the configured rates', async () => {
    emu.setFaultRates({
      catalog: { rate429: 0.5, rate5xx: 0.25, retryAfterSeconds: 3 },
    });
    const catalog = client(emu, emu.keys.schemaRegistry);
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++)
      statuses.push((await catalog.get('/catalog/v1/types/tagdefs')).status);
    const share = (status: number) =>
      statuses.filter(s => s === status).length / statuses.length;
    expect(share(429)).toBeGreaterThan(0.35);
    expect(share(429)).toBeLessThan(0.65);
    expect(share(500)).toBeGreaterThan(0.12);
    expect(share(200)).toBeGreaterThan(0.12);
  });

  it('counts requests per API, failed ones included', async () => {
    emu.resetRequestCounts();
    const kafka = client(emu, emu.keys.kafka);
    await kafka.get(paths(emu).topics);
    await client(emu).get(paths(emu).topics);
    await client(emu, emu.keys.schemaRegistry).get('/subjects');
    expect(emu.requestCount('kafka')).toBe(2);
    expect(emu.requestCount('schemaRegistry')).toBe(1);
    expect(emu.requestCount()).toBe(3);
  });

  it('refuses invalid faults with a clear error', () => {
    expect(() =>
      emu.injectFaults({ api: 'nope' as any, status: 500, times: 1 }),
    ).toThrow(/Invalid fault/);
    expect(() =>
      emu.injectFaults({ api: 'org', status: 404 as any, times: 1 }),
    ).toThrow(/status/);
    expect(() => emu.setFaultRates({ org: { rate429: 2 } })).toThrow(/rate429/);
  });

  it('exposes the same controls over HTTP under /_emulator', async () => {
    const control = client(emu);
    expect((await control.get('/_emulator/health')).body).toEqual({
      status: 'ok',
    });
    const info = await control.get('/_emulator/info');
    expect(info.body).toMatchObject({
      url: emu.url,
      ids: emu.ids,
      keys: emu.keys,
    });
    expect((await control.get('/_emulator/config')).body).toEqual(
      emu.backstageConfig(),
    );

    expect(
      (
        await control.post('/_emulator/faults', {
          api: 'iam',
          status: 500,
          times: 1,
        })
      ).status,
    ).toBe(204);
    expect(
      (await client(emu, emu.keys.cloud).get('/iam/v2/service-accounts'))
        .status,
    ).toBe(500);
    expect(
      (
        await control.post('/_emulator/faults', {
          api: 'iam',
          status: 418,
          times: 1,
        })
      ).status,
    ).toBe(400);

    const rates = await control.put('/_emulator/fault-rates', {
      kafka: { latencyMs: 20 },
    });
    expect(rates.body).toEqual({ kafka: { latencyMs: 20 } });
    expect((await control.delete('/_emulator/faults')).status).toBe(204);
    expect((await control.get('/_emulator/faults')).body).toEqual({
      pending: {},
      rates: {},
    });

    await control.delete('/_emulator/stats');
    await client(emu, emu.keys.cloud).get('/org/v2/environments');
    const stats = await control.get('/_emulator/stats');
    expect(stats.body.requests.org).toBe(1);
    expect(stats.body.total).toBe(1);

    await client(emu, emu.keys.kafka).post(paths(emu).topics, {
      topic_name: 'before-reset',
    });
    expect(
      (await control.post('/_emulator/reset', { seed: 'empty' })).status,
    ).toBe(204);
    expect(
      (await client(emu, emu.keys.kafka).get(paths(emu).topics)).body.data,
    ).toEqual([]);
    expect(
      (await control.post('/_emulator/reset', { seed: 'bogus' })).status,
    ).toBe(400);
  });
});

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
import { client, startTestEmulator } from './__testUtils__/http';
import { DOCUMENTED_RATE_LIMITS } from './http/rateLimits';
import type { ConfluentEmulator, StartEmulatorOptions } from './types';

describe('rate limits', () => {
  const emulators: ConfluentEmulator[] = [];
  const start = async (rateLimits: StartEmulatorOptions['rateLimits']) => {
    const emu = await startTestEmulator({ rateLimits });
    emulators.push(emu);
    return emu;
  };
  afterAll(() => Promise.all(emulators.map(e => e.stop())));

  it('answers requests over the limit with the API’s 429, Retry-After and X-RateLimit-*', async () => {
    const emu = await start({
      catalog: { readPerSecond: 3, writePerSecond: 1 },
    });
    const sr = client(emu, emu.keys.schemaRegistry);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => sr.get('/catalog/v1/types/tagdefs')),
    );
    const ok = answers.filter(a => a.status === 200);
    const limited = answers.filter(a => a.status === 429);
    // Eight requests at once: three per one-second window pass.
    expect(limited.length).toBeGreaterThan(0);
    expect(ok.length).toBeLessThanOrEqual(6);
    expect(ok[0].headers.get('x-ratelimit-limit')).toBe('3');
    const [rejected] = limited;
    expect(rejected.body).toEqual({
      error_code: 429,
      message: 'Too Many Requests',
    });
    expect(rejected.headers.get('retry-after')).toBe('1');
    expect(rejected.headers.get('x-ratelimit-limit')).toBe('3');
    expect(rejected.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(rejected.headers.get('x-ratelimit-reset')).toBe('1');

    // Writes have their own budget; other APIs are not limited.
    await new Promise(resolve => setTimeout(resolve, 1100));
    const write = await sr.post('/catalog/v1/types/tagdefs', [
      { name: 'Limited', entityTypes: ['cf_entity'] },
    ]);
    expect(write.status).toBe(200);
    expect(write.headers.get('x-ratelimit-limit')).toBe('1');
    expect(
      (await sr.post('/catalog/v1/types/tagdefs', [{ name: 'Second' }])).status,
    ).toBe(429);
    const subjects = await Promise.all(
      Array.from({ length: 8 }, () => sr.get('/subjects')),
    );
    expect(subjects.every(a => a.status === 200)).toBe(true);
  });

  it('enforces the documented limits with `true` and none by default', async () => {
    const documented = await start(true);
    const res = await client(documented, documented.keys.schemaRegistry).get(
      '/subjects',
    );
    expect(res.headers.get('x-ratelimit-limit')).toBe(
      String(DOCUMENTED_RATE_LIMITS.schemaRegistry!.readPerSecond),
    );

    const unlimited = await start(undefined);
    const sr = client(unlimited, unlimited.keys.schemaRegistry);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => sr.get('/catalog/v1/types/tagdefs')),
    );
    expect(answers.every(a => a.status === 200)).toBe(true);
    expect(answers[0].headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('rejects invalid limits and changes nothing', async () => {
    await expect(
      startTestEmulator({
        rateLimits: { catalog: { readPerSecond: 0, writePerSecond: 1 } },
      }),
    ).rejects.toThrow(/rateLimits.*catalog.*readPerSecond/);
  });
});

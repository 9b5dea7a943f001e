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
import {
  backoffDelayMs,
  retryDelayMs,
  serverRequestedDelayMs,
  sleep,
} from './retry';

const policy = { maxRetries: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retry delays', () => {
  it('reads Retry-After seconds, Retry-After dates and X-RateLimit-Reset (seconds from now)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(serverRequestedDelayMs({ 'retry-after': '2' }, now)).toBe(2000);
    expect(serverRequestedDelayMs({ 'retry-after': '0.5' }, now)).toBe(500);
    expect(
      serverRequestedDelayMs(
        { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' },
        now,
      ),
    ).toBe(3000);
    expect(serverRequestedDelayMs({ 'x-ratelimit-reset': '7' }, now)).toBe(
      7000,
    );
    expect(
      serverRequestedDelayMs(
        { 'retry-after': '1', 'x-ratelimit-reset': '7' },
        now,
      ),
    ).toBe(1000);
    expect(
      serverRequestedDelayMs({ 'retry-after': 'soon' }, now),
    ).toBeUndefined();
    expect(serverRequestedDelayMs({}, now)).toBeUndefined();
  });

  it('honours the server on 429 and 503, capped by maxDelayMs', () => {
    expect(
      retryDelayMs({
        retry: 1,
        status: 429,
        headers: { 'retry-after': '0.3' },
        policy,
      }),
    ).toEqual({ delayMs: 300, source: 'server' });
    expect(
      retryDelayMs({
        retry: 1,
        status: 503,
        headers: { 'x-ratelimit-reset': '60' },
        policy,
      }),
    ).toEqual({ delayMs: 1000, source: 'server' });
    // A 500 carries no rate-limit meaning: exponential backoff.
    expect(
      retryDelayMs({
        retry: 1,
        status: 500,
        headers: { 'retry-after': '9' },
        policy,
        random: () => 0,
      }),
    ).toEqual({ delayMs: 50, source: 'backoff' });
  });

  it('doubles the backoff ceiling per retry, with jitter in its upper half, capped', () => {
    const low = (retry: number) => backoffDelayMs(retry, policy, () => 0);
    const high = (retry: number) => backoffDelayMs(retry, policy, () => 1);
    expect([1, 2, 3, 4, 5].map(low)).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map(high)).toEqual([100, 200, 400, 800, 1000]);
  });

  it('sleep rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
    await expect(sleep(10, controller.signal)).rejects.toThrow('stop now');
  });
});

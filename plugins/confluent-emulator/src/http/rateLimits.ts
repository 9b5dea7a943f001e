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
import type { EmulatorApi, EmulatorRateLimit } from '../types';

/**
 * The request rates Confluent documents, per API. Stream Governance (Schema
 * Registry and Stream Catalog, one endpoint per environment) allows 75 read
 * and 25 write requests per second ("Stream Governance Packages, Features,
 * and Limits" and the Stream Catalog REST API usage guide). Confluent
 * publishes no numbers for the other APIs (their responses carry the
 * `X-RateLimit-*` headers, and "the numbers are not part of the API
 * contract"), so they are unlimited unless configured.
 * @public
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<
  Partial<Record<EmulatorApi, EmulatorRateLimit>>
> = {
  schemaRegistry: { readPerSecond: 75, writePerSecond: 25 },
  catalog: { readPerSecond: 75, writePerSecond: 25 },
};

/** What one request may do under its API's limit. */
export interface RateDecision {
  limited: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets, rounded up (at least 1). */
  resetSeconds: number;
}

const WINDOW_MS = 1000;

/**
 * Counts requests in one-second windows per API, credential scope (the
 * Schema Registry cluster, Kafka cluster or Flink environment of the key,
 * else the key) and kind: GET and HEAD are reads, every other method a write.
 */
export class RateLimiter {
  readonly #limits: Partial<Record<EmulatorApi, EmulatorRateLimit>>;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(limits: Partial<Record<EmulatorApi, EmulatorRateLimit>>) {
    this.#limits = limits;
  }

  /** Whether `api` is limited at all. */
  applies(api: EmulatorApi): boolean {
    return this.#limits[api] !== undefined;
  }

  /** Counts one request; undefined when its API is not limited. */
  take(
    api: EmulatorApi,
    scope: string,
    method: string,
    now: number = Date.now(),
  ): RateDecision | undefined {
    const limits = this.#limits[api];
    if (!limits) return undefined;
    const read = method === 'GET' || method === 'HEAD';
    const limit = read ? limits.readPerSecond : limits.writePerSecond;
    const key = `${api}|${scope}|${read ? 'read' : 'write'}`;
    let window = this.#windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return {
      limited: window.count > limit,
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(
        1,
        Math.ceil((window.start + WINDOW_MS - now) / 1000),
      ),
    };
  }

  clear() {
    this.#windows.clear();
  }
}

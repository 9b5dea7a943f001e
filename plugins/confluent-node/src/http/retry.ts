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

/**
 * How the client retries idempotent calls.
 * @public
 */
export interface ConfluentRetryPolicy {
  /** Retries after the first attempt. 0 disables retrying. */
  maxRetries: number;
  /** Backoff before the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of one delay, `Retry-After` included. */
  maxDelayMs: number;
}

type HeaderBag = Record<string, unknown>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  if (Array.isArray(value))
    return value[0] === undefined ? undefined : String(value[0]);
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * The wait the server asked for, in milliseconds:
 * `Retry-After` (seconds, or an HTTP date), else `X-RateLimit-Reset`, which
 * Confluent defines as seconds from now (not an epoch time).
 */
export function serverRequestedDelayMs(
  headers: HeaderBag,
  now: number = Date.now(),
): number | undefined {
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) {
      return Math.round(Number(retryAfter) * 1000);
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = header(headers, 'x-ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    return Math.round(Number(reset) * 1000);
  }
  return undefined;
}

/**
 * Exponential backoff with "equal jitter": half the ceiling is fixed, half
 * random, so retries from many callers spread out but never hammer at 0 ms.
 *
 * @param retry - 1 for the first retry
 */
export function backoffDelayMs(
  retry: number,
  policy: ConfluentRetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, retry - 1),
  );
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The delay before a retry after an error status or a transport failure. */
export function retryDelayMs(options: {
  retry: number;
  status?: number;
  headers?: HeaderBag;
  policy: ConfluentRetryPolicy;
  random?: () => number;
}): { delayMs: number; source: 'server' | 'backoff' } {
  const { retry, status, headers, policy, random } = options;
  if ((status === 429 || status === 503) && headers) {
    const requested = serverRequestedDelayMs(headers);
    if (requested !== undefined) {
      return {
        delayMs: Math.min(requested, policy.maxDelayMs),
        source: 'server',
      };
    }
  }
  return { delayMs: backoffDelayMs(retry, policy, random), source: 'backoff' };
}

/** The error an aborted signal stands for (its reason, or an AbortError). */
export function abortReason(signal: AbortSignal): unknown {
  return (
    signal.reason ??
    new DOMException('This operation was aborted', 'AbortError')
  );
}

/** Waits `ms`, rejecting with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

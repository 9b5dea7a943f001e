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
import { setTimeout as sleep } from 'node:timers/promises';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';

/** What one look at a resource decided. */
export type PollDecision<T> =
  | { done: true; value: T }
  | { done: false; state: string };

/**
 * Reads a resource until `decide` says it is done (or throws), the signal
 * aborts, or `timeoutMs` passes. Confluent's lifecycles are asynchronous
 * (PROVISIONING → RUNNING, PENDING → RUNNING), so every create waits here.
 */
export async function pollUntil<T, R>(options: {
  read: () => Promise<R>;
  decide: (value: R) => PollDecision<T>;
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
  /** E.g. `connector 'x' to be RUNNING`, for the timeout message. */
  what: string;
}): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'unknown';
  for (;;) {
    options.signal?.throwIfAborted();
    const decision = options.decide(await options.read());
    if (decision.done) return decision.value;
    last = decision.state;
    if (Date.now() >= deadline) {
      throw new ServiceUnavailableError(
        `Timed out after ${
          options.timeoutMs < 10_000
            ? `${options.timeoutMs} ms`
            : `${Math.round(options.timeoutMs / 1000)} s`
        } waiting for ${
          options.what
        }; last state ${last}. Retry the task to keep waiting.`,
      );
    }
    // Rejects with the signal's reason as soon as the task is cancelled.
    await sleep(
      Math.min(options.intervalMs, Math.max(0, deadline - Date.now())),
      undefined,
      { signal: options.signal },
    );
  }
}

/**
 * Repeats a Stream Catalog write until it is accepted. Stream Catalog
 * indexes new topics and schemas asynchronously: until it has, the
 * entities a write names are unknown to it (404).
 */
export async function writeOnceIndexed(options: {
  write: () => Promise<unknown>;
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
  /** E.g. `topic x to appear in Stream Catalog`, for the timeout message. */
  what: string;
}): Promise<void> {
  const { write, ...poll } = options;
  await pollUntil({
    ...poll,
    read: () =>
      write().then(
        () => true,
        error => {
          if (NotFoundError.is(error)) return false;
          throw error;
        },
      ),
    decide: ok =>
      ok ? { done: true, value: ok } : { done: false, state: 'not indexed' },
  });
}

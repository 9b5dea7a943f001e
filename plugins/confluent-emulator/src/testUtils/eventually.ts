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

/** How long `eventually` keeps polling. @public */
export interface EventuallyOptions {
  /** Gives up after this long. Default: 5000 ms. */
  timeoutMs?: number;
  /** Waits this long between two reads. Default: 20 ms. */
  intervalMs?: number;
}

/** A value or a promise of it. @public */
export type Awaitable<T> = T | Promise<T>;

/**
 * Polls `read` until `done` holds for its value, and returns that value.
 * Lifecycles in the emulator are asynchronous, as in Confluent Cloud, so
 * tests wait for a state rather than sleep.
 *
 * Throws after `timeoutMs` with the last value read, which is what a failing
 * test wants to see.
 * @public
 */
export function eventually<T>(
  read: () => Awaitable<T>,
  done: (value: T) => boolean,
  options?: EventuallyOptions,
): Promise<T>;
/**
 * Polls `read` until it returns a truthy value, and returns that value.
 * @public
 */
export function eventually<T>(
  read: () => Awaitable<T | undefined | null | false>,
  options?: EventuallyOptions,
): Promise<T>;
export async function eventually<T>(
  read: () => Awaitable<T>,
  doneOrOptions?: ((value: T) => boolean) | EventuallyOptions,
  maybeOptions?: EventuallyOptions,
): Promise<T> {
  const [done, options] =
    typeof doneOrOptions === 'function'
      ? [doneOrOptions, maybeOptions]
      : [(value: T) => Boolean(value), doneOrOptions];
  const { timeoutMs = 5000, intervalMs = 20 } = options ?? {};
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `Condition not reached within ${timeoutMs} ms; last value: ${describe(
          last,
        )}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
    last = await read();
  }
  return last;
}

/** The last value, cut short: a whole catalog in an error is no help. */
function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

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
import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * What a poller last learned about one key.
 */
export interface PollSnapshot<T> {
  /** The last value read successfully. */
  value?: T;
  /** When {@link PollSnapshot.value} was read. */
  fetchedAt?: Date;
  /** The error of the last read; cleared by a successful one. */
  error?: unknown;
  /** Consecutive failed reads. */
  failures: number;
}

/**
 * Options of {@link SharedPoller}.
 */
export interface SharedPollerOptions<T> {
  /** For log lines. */
  name: string;
  /** Reads the current value of a key; `previous` is the last value read. */
  read(key: string, previous: T | undefined, signal: AbortSignal): Promise<T>;
  /** Called after every read, successful or not. */
  onRead?(key: string, snapshot: PollSnapshot<T>): void;
  /** Called when a key is dropped because nobody watched it. */
  onIdle?(key: string): void;
  intervalMs: number;
  /** Stop polling a key this long after its last watch. */
  idleTimeoutMs: number;
  /** Upper bound of the wait after consecutive failures. */
  maxBackoffMs: number;
  logger: LoggerService;
  /** For tests. Default: `Date.now`. */
  now?: () => number;
}

interface Entry<T> {
  snapshot: PollSnapshot<T>;
  lastWatchedAt: number;
  /** The read in flight, shared by every caller that needs it. */
  reading?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Polls keys (a statement, a connector) on behalf of any number of
 * watchers, with one read per key per interval whatever their number.
 *
 * A key starts being polled on its first {@link SharedPoller.watch} and
 * stops once nobody has watched it for `idleTimeoutMs`. After a failed read
 * the wait doubles, up to `maxBackoffMs`, while the last value read stays
 * available with its age: a rate-limited or failing upstream degrades the
 * cards to "stale" instead of breaking them, and is not hammered meanwhile.
 */
export class SharedPoller<T> {
  readonly #options: SharedPollerOptions<T>;
  readonly #entries = new Map<string, Entry<T>>();
  readonly #abort = new AbortController();
  readonly #now: () => number;

  constructor(options: SharedPollerOptions<T>) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Records a watch of `key` and returns what is known about it, starting
   * to poll it if needed. The first watch of a key waits for its first
   * read; later watches answer from memory at once.
   */
  async watch(key: string): Promise<PollSnapshot<T>> {
    if (this.#abort.signal.aborted) {
      throw new Error(`${this.#options.name} poller is stopped`);
    }
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { snapshot: { failures: 0 }, lastWatchedAt: this.#now() };
      this.#entries.set(key, entry);
      this.#readNow(key, entry);
    }
    entry.lastWatchedAt = this.#now();
    if (entry.reading && !entry.snapshot.fetchedAt && !entry.snapshot.error) {
      await entry.reading;
    }
    return entry.snapshot;
  }

  /**
   * Reads `key` again now (after a change made through the backend) and
   * returns the result. A read already in flight may have started before
   * the change, so it is waited for, then a new one is made.
   */
  async refresh(key: string): Promise<PollSnapshot<T>> {
    const entry = this.#entries.get(key);
    if (!entry) {
      return this.watch(key);
    }
    entry.lastWatchedAt = this.#now();
    if (entry.reading) {
      await entry.reading;
    }
    if (this.#entries.get(key) !== entry || this.#abort.signal.aborted) {
      return entry.snapshot;
    }
    if (!entry.reading) {
      clearTimeout(entry.timer);
      this.#readNow(key, entry);
    }
    await entry.reading;
    return entry.snapshot;
  }

  /** The keys being polled. */
  keys(): string[] {
    return [...this.#entries.keys()];
  }

  /** Stops every poll (plugin shutdown). */
  stop() {
    this.#abort.abort();
    for (const entry of this.#entries.values()) {
      clearTimeout(entry.timer);
    }
    this.#entries.clear();
  }

  #readNow(key: string, entry: Entry<T>) {
    entry.timer = undefined;
    entry.reading = this.#read(key, entry).finally(() => {
      entry.reading = undefined;
      this.#schedule(key, entry);
    });
  }

  async #read(key: string, entry: Entry<T>) {
    const { read, onRead, logger, name } = this.#options;
    try {
      const value = await read(key, entry.snapshot.value, this.#abort.signal);
      entry.snapshot = { value, fetchedAt: new Date(this.#now()), failures: 0 };
    } catch (error) {
      if (this.#abort.signal.aborted) {
        return;
      }
      entry.snapshot = {
        ...entry.snapshot,
        error,
        failures: entry.snapshot.failures + 1,
      };
      logger.warn(
        `${name} ${key}: read failed (${entry.snapshot.failures} in a row): ${
          (error as Error)?.message ?? error
        }`,
      );
    }
    try {
      onRead?.(key, entry.snapshot);
    } catch (error) {
      logger.error(
        `${name} ${key}: failed to publish the read`,
        error as Error,
      );
    }
  }

  #schedule(key: string, entry: Entry<T>) {
    if (this.#abort.signal.aborted || this.#entries.get(key) !== entry) {
      return;
    }
    const { intervalMs, idleTimeoutMs, maxBackoffMs, logger, name } =
      this.#options;
    if (this.#now() - entry.lastWatchedAt >= idleTimeoutMs) {
      this.#entries.delete(key);
      logger.debug(`${name} ${key}: nobody watches it any more; stopped`);
      this.#options.onIdle?.(key);
      return;
    }
    const { failures } = entry.snapshot;
    const delay =
      failures === 0
        ? intervalMs
        : Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(failures, 30));
    entry.timer = setTimeout(() => this.#readNow(key, entry), delay);
    // Polling must never keep the process alive on its own.
    entry.timer.unref?.();
  }
}

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
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { ConfluentUpstreamError } from '@shiftleft/plugin-confluent-common';
import { ConfluentCardsConfig } from '../config';
import { DueRead, Found, StatusReader } from './statusReader';
import { Watch, WatchRegistry } from './WatchRegistry';
import { summarizeUpstreamError } from './views';
import { readCached, writeCached } from './cacheJson';

/** What the deployment knows about one key, kept in the shared cache. */
export interface KeyState {
  /** The last value read successfully. */
  value?: Found;
  /** When {@link KeyState.value} was read (ISO 8601). */
  fetchedAt?: string;
  /** The last read's failure; cleared by a successful read. */
  error?: ConfluentUpstreamError;
  /** Consecutive failed reads. */
  failures: number;
  /** When the key is due for its next read, epoch ms. */
  nextReadAt: number;
  /** What was last pushed to viewers (the status without its read time). */
  pushed?: string;
}

/** A status to push, on its signals channel. */
export interface StatusMessage {
  channel: string;
  /** The signal's message; its `status.fetchedAt` changes with every read. */
  message: { status: { fetchedAt?: string } } & object;
}

/** Options of {@link StatusPoller}. */
export interface StatusPollerOptions {
  cache: CacheService;
  registry: WatchRegistry;
  reader: StatusReader;
  signals: SignalsService;
  config: ConfluentCardsConfig;
  logger: LoggerService;
  /** The signal for a key's state. */
  toMessage(watch: Watch, state: KeyState): StatusMessage;
  /** For tests. Default: `Date.now`. */
  now?: () => number;
}

const stateKey = (key: string) => `status:state:${key}`;

/**
 * Reads watched statements and connectors for the whole deployment and
 * pushes their changes.
 *
 * {@link StatusPoller.tick} runs as a global scheduled task, so one replica
 * at a time reads the keys that are due; when each key is due next, what it
 * last read and what was last pushed all live in the shared cache, so the
 * next tick, on whichever replica, carries on where this one stopped. Each
 * read's status is pushed once, to every user watching on any replica, and
 * only when it differs from the last one pushed: the signals service
 * carries it to their browsers whatever replica holds their connection.
 */
export class StatusPoller {
  readonly #options: StatusPollerOptions;
  readonly #now: () => number;
  readonly #abort = new AbortController();
  /** Reads in flight on this replica, shared by every caller. */
  readonly #reading = new Map<string, Promise<KeyState>>();

  constructor(options: StatusPollerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** What the deployment last learned about `key`, if anything. */
  async state(key: string): Promise<KeyState | undefined> {
    return readCached<KeyState>(this.#options.cache, stateKey(key));
  }

  /** Reads every watched key that is due (one scheduled run). */
  async tick(signal?: AbortSignal): Promise<void> {
    const abort = signal
      ? AbortSignal.any([signal, this.#abort.signal])
      : this.#abort.signal;
    const watches = await this.#options.registry.all();
    const now = this.#now();
    const due: Array<DueRead & { state?: KeyState }> = [];
    await Promise.all(
      [...watches].map(async ([key, watch]) => {
        if (this.#reading.has(key)) return;
        const state = await this.state(key);
        if (!state || state.nextReadAt <= now) {
          due.push({ key, watch, previous: state?.value, state });
        }
      }),
    );
    // A read may have started here while the states were fetched.
    const toRead = due.filter(d => !this.#reading.has(d.key));
    if (toRead.length === 0 || abort.aborted) return;
    const done = this.#readAll(toRead, abort);
    for (const d of toRead) {
      this.#reading.set(
        d.key,
        done.then(states => states.get(d.key)!),
      );
    }
    try {
      await done;
    } finally {
      for (const d of toRead) this.#reading.delete(d.key);
    }
  }

  /**
   * What a viewer is answered: the state the deployment last read, unless
   * nobody reads the key (any more), then a read made now.
   */
  async current(key: string, watch: Watch): Promise<KeyState> {
    const state = this.#reading.has(key) ? undefined : await this.state(key);
    return state && this.#polled(state) ? state : this.readNow(key, watch);
  }

  /**
   * Reads `key` now: its first watch, or after a change made through the
   * portal (then `force`, so the read starts after the change). A read in
   * flight on this replica is shared instead, and without `force` a state
   * read meanwhile, on any replica, is used.
   */
  async readNow(
    key: string,
    watch: Watch,
    options: { force?: boolean } = {},
  ): Promise<KeyState> {
    const inFlight = this.#reading.get(key);
    if (inFlight) {
      const state = await inFlight;
      if (!options.force) return state;
    }
    const read = (async () => {
      const state = await this.state(key);
      if (!options.force && state && this.#polled(state)) return state;
      // Everyone watching, on any replica, not only who this replica knows.
      const merged = (await this.#options.registry.all()).get(key) ?? watch;
      const states = await this.#readAll(
        [{ key, watch: merged, previous: state?.value, state }],
        this.#abort.signal,
        // A first watch's read answers the request that asked for it; a
        // read after a change is news to every viewer.
        !!options.force,
      );
      return states.get(key)!;
    })();
    this.#reading.set(key, read);
    try {
      return await read;
    } finally {
      if (this.#reading.get(key) === read) this.#reading.delete(key);
    }
  }

  /** Stops reading (plugin shutdown). */
  stop() {
    this.#abort.abort();
  }

  /**
   * Reads `due`, stores the results and pushes the changes; `pushFirst`:
   * whether a key's first state is pushed too.
   */
  async #readAll(
    due: Array<DueRead & { state?: KeyState }>,
    signal: AbortSignal,
    pushFirst = true,
  ): Promise<Map<string, KeyState>> {
    const { reader, logger } = this.#options;
    const results = await reader.read(due, signal);
    const states = new Map<string, KeyState>();
    await Promise.all(
      due.map(async d => {
        const result = results.get(d.key)!;
        const before = d.state;
        const now = this.#now();
        let state: KeyState;
        if ('value' in result) {
          state = {
            value: result.value,
            fetchedAt: new Date(now).toISOString(),
            failures: 0,
            nextReadAt: now + this.#interval(d.watch),
          };
        } else {
          const failures = (before?.failures ?? 0) + 1;
          state = {
            ...(before?.value ? { value: before.value } : {}),
            ...(before?.fetchedAt ? { fetchedAt: before.fetchedAt } : {}),
            error: summarizeUpstreamError(result.error),
            failures,
            nextReadAt: now + this.#backoff(d.watch, failures),
          };
          logger.warn(
            `${d.watch.kind} ${
              d.watch.target.name
            }: read failed (${failures} in a row): ${state.error!.message}`,
          );
        }
        if (signal.aborted) return;
        const changed = before ? undefined : pushFirst;
        states.set(
          d.key,
          await this.#save(d.key, d.watch, state, before, changed),
        );
      }),
    );
    return states;
  }

  /** Stores a read and pushes it when it changed what viewers see. */
  async #save(
    key: string,
    watch: Watch,
    state: KeyState,
    before: KeyState | undefined,
    /** Whether to push it; default: when it differs from `before`. */
    push?: boolean,
  ): Promise<KeyState> {
    const { cache, config, toMessage } = this.#options;
    const { channel, message } = toMessage(watch, state);
    const { fetchedAt: _readAt, ...shown } = message.status;
    const pushed = JSON.stringify(shown);
    const saved = { ...state, pushed };
    await writeCached(
      cache,
      stateKey(key),
      saved,
      2 * config.idleTimeoutMs + config.maxBackoffMs,
    );
    if (push ?? before?.pushed !== pushed) {
      await this.#publish(watch, channel, message);
    }
    return saved;
  }

  /** Whether a state is kept current by the poll (not overdue). */
  #polled(state: KeyState): boolean {
    return (
      this.#now() - state.nextReadAt <= this.#options.config.pollIntervalMs
    );
  }

  #interval(watch: Watch): number {
    const { pollIntervalMs, livePollIntervalMs } = this.#options.config;
    // Someone has the page open: read at the live pace.
    return Object.keys(watch.users).length > 0
      ? livePollIntervalMs
      : pollIntervalMs;
  }

  #backoff(watch: Watch, failures: number): number {
    const interval = this.#interval(watch);
    return Math.min(
      Math.max(this.#options.config.maxBackoffMs, interval),
      interval * 2 ** Math.min(failures, 30),
    );
  }

  /** Pushes to the users of `watch`, merged from every replica's watches. */
  async #publish(watch: Watch, channel: string, message: object) {
    const { signals, logger } = this.#options;
    try {
      const users = Object.keys(watch.users);
      if (users.length === 0) return;
      await signals.publish({
        recipients: { type: 'user', entityRef: users },
        channel,
        message: message as JsonObject,
      });
    } catch (error) {
      logger.warn(`Could not publish on signals channel ${channel}: ${error}`);
    }
  }
}

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
import { readCached, writeCached } from './cacheJson';

/** A Flink statement to watch. */
export interface StatementTarget {
  environmentId: string;
  name: string;
}

/** A connector to watch. */
export interface ConnectorTarget {
  environmentId: string;
  kafkaClusterId: string;
  name: string;
}

/** A watched statement or connector, as every replica sees it. */
export type Watch = (
  | { kind: 'statement'; target: StatementTarget }
  | { kind: 'connector'; target: ConnectorTarget }
) & {
  /** When anybody (user or service) last asked for it, epoch ms. */
  watchedAt: number;
  /** User entity ref → when that user last asked, epoch ms. */
  users: Record<string, number>;
};

/** Options of {@link WatchRegistry}. */
export interface WatchRegistryOptions {
  /** The plugin's cache: Redis (shared by every replica) in production. */
  cache: CacheService;
  /** This replica's id, unique per process. */
  replicaId: string;
  /** A watch lapses this long after it was last renewed. */
  idleTimeoutMs: number;
  logger: LoggerService;
  /** For tests. Default: `Date.now`. */
  now?: () => number;
}

const INDEX_KEY = 'status:replicas';
const entryKey = (replicaId: string) => `status:watches:${replicaId}`;
/** A replica missing this long from the index is gone. */
const REPLICA_TTL_MS = 30_000;

/**
 * Who watches what, across every replica, in the plugin's cache.
 *
 * Each replica writes only its own entry (the watches its REST routes
 * received), so no two replicas write the same watch. The one shared
 * entry, the index of replicas, is rewritten by each replica whenever it
 * finds itself missing or old there: a concurrent write that drops a
 * replica heals on that replica's next write or heartbeat.
 */
export class WatchRegistry {
  readonly #options: WatchRegistryOptions;
  readonly #now: () => number;
  readonly #local = new Map<string, Watch>();
  /** When each watch (and user) was last written to the cache. */
  readonly #written = new Map<string, number>();
  #flushing?: Promise<void>;
  #dirty = false;

  constructor(options: WatchRegistryOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Records a watch of `key` by `user` (none for a service caller). The
   * cache is written when the watch is new to it or its time there is old
   * enough to matter for the idle timeout, not on every request.
   */
  async add(
    key: string,
    watch: Omit<Watch, 'watchedAt' | 'users'>,
    user?: string,
  ) {
    const now = this.#now();
    const existing = this.#local.get(key);
    const next: Watch = {
      ...(watch as Watch),
      watchedAt: now,
      users: { ...existing?.users, ...(user ? { [user]: now } : {}) },
    };
    this.#local.set(key, next);
    const mark = user ? `${key}\n${user}` : key;
    const writtenAt = this.#written.get(mark);
    if (
      writtenAt === undefined ||
      now - writtenAt > this.#options.idleTimeoutMs / 4
    ) {
      this.#written.set(mark, now);
      this.#written.set(key, now);
      await this.flush();
    }
  }

  /**
   * Writes this replica's watches and its place in the index. Calls made
   * while a write is in flight share the next write.
   */
  async flush(): Promise<void> {
    if (this.#flushing) {
      this.#dirty = true;
      return this.#flushing;
    }
    this.#flushing = (async () => {
      try {
        do {
          this.#dirty = false;
          await this.#write();
        } while (this.#dirty);
      } finally {
        this.#flushing = undefined;
      }
    })();
    return this.#flushing;
  }

  /** Every live watch of every replica, merged by key. */
  async all(): Promise<Map<string, Watch>> {
    const { cache, idleTimeoutMs } = this.#options;
    const cutoff = this.#now() - idleTimeoutMs;
    const index =
      (await readCached<Record<string, number>>(cache, INDEX_KEY)) ?? {};
    const entries = await Promise.all(
      Object.keys(index).map(
        async id =>
          (await readCached<Record<string, Watch>>(cache, entryKey(id))) ?? {},
      ),
    );
    const merged = new Map<string, Watch>();
    for (const entry of entries) {
      for (const [key, watch] of Object.entries(entry)) {
        if (watch.watchedAt < cutoff) continue;
        const seen = merged.get(key);
        const users = { ...seen?.users };
        for (const [user, at] of Object.entries(watch.users)) {
          if (at >= cutoff && !(users[user] >= at)) users[user] = at;
        }
        merged.set(key, {
          ...watch,
          watchedAt: Math.max(watch.watchedAt, seen?.watchedAt ?? 0),
          users,
        });
      }
    }
    return merged;
  }

  /** Removes this replica's watches (shutdown). */
  async remove() {
    await this.#options.cache.delete(entryKey(this.#options.replicaId));
  }

  async #write() {
    const { cache, replicaId, idleTimeoutMs } = this.#options;
    const now = this.#now();
    const cutoff = now - idleTimeoutMs;
    const entry: Record<string, Watch> = {};
    for (const [key, watch] of this.#local) {
      if (watch.watchedAt < cutoff) {
        this.#local.delete(key);
        continue;
      }
      const users = Object.fromEntries(
        Object.entries(watch.users).filter(([, at]) => at >= cutoff),
      );
      entry[key] = { ...watch, users };
    }
    for (const [mark, at] of this.#written) {
      if (at < cutoff) this.#written.delete(mark);
    }
    await writeCached(
      cache,
      entryKey(replicaId),
      entry,
      idleTimeoutMs + REPLICA_TTL_MS,
    );
    const index =
      (await readCached<Record<string, number>>(cache, INDEX_KEY)) ?? {};
    const seenAt = index[replicaId];
    if (seenAt === undefined || now - seenAt > REPLICA_TTL_MS / 3) {
      const live = Object.fromEntries(
        Object.entries(index).filter(
          ([, at]) => at >= now - REPLICA_TTL_MS - idleTimeoutMs,
        ),
      );
      await writeCached(
        cache,
        INDEX_KEY,
        { ...live, [replicaId]: now },
        REPLICA_TTL_MS + idleTimeoutMs,
      );
    }
  }
}

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
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { JsonObject } from '@backstage/types';
import { createClient } from '@keyv/redis';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import eventsBackend from '@backstage/plugin-events-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import signalsBackend from '@backstage/plugin-signals-backend';
import { confluentPlugin } from '../plugin';

/*
 * Backend replicas as a production deployment runs them: every one on the
 * same PostgreSQL (plugin databases, the scheduler's task locks, the event
 * bus that carries signals) and the same Redis (the cache), each with its
 * own HTTP server and signals WebSockets.
 */

/** Where the replicas keep their shared state; unique per run. */
export interface SharedStores {
  /** Prefix of the plugin databases on the shared PostgreSQL. */
  databasePrefix: string;
  /** Namespace of the cache keys in the shared Redis. */
  redisNamespace: string;
  postgres: { host: string; port: number; user: string; password?: string };
  redisUrl: string;
}

/** Fresh names on this machine's PostgreSQL and Redis (see `scripts/test.sh`). */
export function uniqueStores(label: string): SharedStores {
  const id = `${label}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  return {
    databasePrefix: `${id}_`,
    redisNamespace: id,
    postgres: {
      host: process.env.POSTGRES_HOST ?? '127.0.0.1',
      port: Number(process.env.POSTGRES_PORT ?? 5432),
      user: process.env.POSTGRES_USER ?? 'postgres',
      ...(process.env.POSTGRES_PASSWORD
        ? { password: process.env.POSTGRES_PASSWORD }
        : {}),
    },
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

/** Drops the replicas' databases and cache keys. */
export async function dropStores(stores: SharedStores) {
  const pg = new Client({ ...stores.postgres, database: 'postgres' });
  await pg.connect();
  try {
    const { rows } = await pg.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${stores.databasePrefix}%`],
    );
    for (const { datname } of rows) {
      await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await pg.end();
  }
  const redis = createClient({ url: stores.redisUrl });
  await redis.connect();
  try {
    for await (const keys of redis.scanIterator({
      MATCH: `${stores.redisNamespace}:*`,
    })) {
      const batch = ([] as string[]).concat(keys);
      if (batch.length) await redis.del(batch);
    }
  } finally {
    await redis.quit();
  }
}

/** Options of {@link startReplica}. */
export interface ReplicaOptions {
  emu: ConfluentEmulator;
  entities: Entity[];
  stores: SharedStores;
  /** `confluent.status` settings. */
  status?: JsonObject;
}

/** A running replica and its base URLs. */
export interface Replica {
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Mock auth that also takes `ws-user.<name>` for `user:default/<name>`: a
 * browser passes its token as the WebSocket protocol, where the mock
 * tokens' JSON is not allowed.
 */
const webSocketSafeAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const authenticate = auth.authenticate.bind(auth);
    auth.authenticate = (token, options) => {
      const name = /^ws-user\.([a-z0-9-]+)$/.exec(token)?.[1];
      return authenticate(
        name ? mockCredentials.user.token(`user:default/${name}`) : token,
        options,
      );
    };
    return auth;
  },
});

/** Starts one backend replica on the shared stores. */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const { emu, entities, stores } = options;
  const backend = await startTestBackend({
    features: [
      confluentPlugin,
      webSocketSafeAuth,
      databaseServiceFactory,
      cacheServiceFactory,
      schedulerServiceFactory,
      // The real events service, on the events backend's PostgreSQL bus.
      eventsServiceFactory,
      eventsBackend,
      signalsBackend,
      permissionBackend,
      allowAllPolicy,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: stores.postgres,
              prefix: stores.databasePrefix,
            },
            cache: {
              store: 'redis',
              connection: stores.redisUrl,
              redis: { client: { namespace: stores.redisNamespace } },
            },
          },
          permission: { enabled: true },
          confluent: {
            ...emu.backstageConfig().confluent,
            ...(options.status ? { status: options.status } : {}),
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    wsUrl: `ws://localhost:${port}`,
    stop: () => backend.stop(),
  };
}

/** A message a viewer's signals WebSocket received. */
export interface Received {
  at: number;
  channel: string;
  message: any;
}

/** A browser tab showing an entity's card, on one replica. */
export interface Viewer {
  received: Received[];
  /** Asks for the status again, as the card does to renew its watch. */
  load(): Promise<any>;
  close(): void;
}

/**
 * A WebSocket to the signals backend, which reads the user's token from
 * the WebSocket protocol. The backend only starts handling upgrades after
 * the first upgrade request reaches it, so the first attempt after a start
 * may go unanswered; like the browser's signals client, try again.
 */
async function connectSignals(wsUrl: string, user: string) {
  for (let attempt = 1; ; attempt++) {
    const ws = new WebSocket(`${wsUrl}/api/signals`, [
      `ws-user.${parseEntityRef(user).name}`,
    ]);
    const opened = await new Promise<boolean>(resolve => {
      ws.onopen = () => resolve(true);
      ws.onerror = () => resolve(false);
      setTimeout(() => resolve(false), 1000);
    });
    if (opened) return ws;
    ws.close();
    if (attempt >= 5) throw new Error('Could not connect to /api/signals');
  }
}

/**
 * Opens the card of `path` (e.g. `/api/confluent/entities/api/default/x/statements`)
 * as `user` on `replica`: one REST request, then a signals subscription to
 * each status's channel, as the card does.
 */
export async function openViewer(
  replica: Replica,
  path: string,
  user: string,
): Promise<Viewer> {
  const received: Received[] = [];
  const load = async () => {
    const res = await fetch(`${replica.url}${path}`, {
      headers: { Authorization: mockCredentials.user.header(user) },
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json();
  };
  const body = await load();
  const ws = await connectSignals(replica.wsUrl, user);
  ws.onmessage = event => {
    const data = JSON.parse(String(event.data));
    received.push({
      at: performance.now(),
      channel: data.channel,
      message: data.message,
    });
  };
  const items: Array<{ channel: string }> =
    body.statements ?? body.connectors ?? [];
  for (const { channel } of items) {
    ws.send(JSON.stringify({ action: 'subscribe', channel }));
  }
  return { received, load, close: () => ws.close() };
}

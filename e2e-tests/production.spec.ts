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
import { expect, test } from '@playwright/test';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { createClient } from '@keyv/redis';
import { signInAsGuest } from './helpers';

/*
 * The production path: the backend booted with app-config.production.yaml
 * on the machine's PostgreSQL, every Confluent setting coming from the
 * environment (here pointing at an emulator of its own). It runs beside the
 * dev portal, on other ports and in databases of its own that it drops.
 */
const BACKEND_PORT = 7017;
const EMULATOR_PORT = 8091;
const backendUrl = `http://localhost:${BACKEND_PORT}`;
const emulatorUrl = `http://localhost:${EMULATOR_PORT}`;
const dbPrefix = `e2e_prod_${Date.now()}_`;
const pg = { host: '127.0.0.1', port: 5432, user: 'postgres' };
// Redis as the production cache, under keys of this run's own.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisNamespace = dbPrefix.slice(0, -1);

const processes: ChildProcess[] = [];

function startProcess(args: string[], env: Record<string, string>) {
  const child = spawn('yarn', args, {
    env: { ...process.env, ...env },
    detached: true, // its own process group, so the whole tree stops with it
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  processes.push(child);
  return () => stderr;
}

async function waitFor(url: string, timeoutMs: number, stderr: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      r => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not come up; last stderr:\n${stderr()}`);
}

test.describe('production configuration', () => {
  test.describe.configure({ timeout: 300_000 });

  test.beforeAll(async () => {
    // Building the frontend alone takes minutes on a busy 2-core machine;
    // a hook has the config's timeout unless it sets its own.
    test.setTimeout(300_000);
    // The production backend serves the built frontend (app-backend).
    const build = spawnSync('yarn', ['workspace', 'app', 'build'], {
      encoding: 'utf8',
    });
    if (build.status !== 0) {
      throw new Error(
        `The frontend build failed:\n${build.stderr.slice(-4000)}`,
      );
    }

    const emulatorErr = startProcess(['emulator'], {
      CONFLUENT_EMULATOR_PORT: String(EMULATOR_PORT),
      CONFLUENT_EMULATOR_STATE: 'none',
    });
    await waitFor(`${emulatorUrl}/_emulator/stats`, 60_000, emulatorErr);

    const backendErr = startProcess(
      [
        'workspace',
        'backend',
        'start',
        '--config',
        '../../app-config.yaml',
        '--config',
        '../../app-config.production.yaml',
      ],
      {
        APP_BASE_URL: backendUrl,
        BACKEND_BASE_URL: backendUrl,
        APP_CONFIG_backend_listen: `:${BACKEND_PORT}`,
        APP_CONFIG_backend_database_prefix: dbPrefix,
        POSTGRES_HOST: pg.host,
        POSTGRES_PORT: String(pg.port),
        POSTGRES_USER: pg.user,
        POSTGRES_PASSWORD: '',
        REDIS_URL: redisUrl,
        APP_CONFIG_backend_cache_redis_client_namespace: redisNamespace,
        GUEST_SIGN_IN_ALLOWED: 'true',
        CONFLUENT_ORGANIZATION_ID: '5c9e2a4f-7d1b-4e8a-b3f6-0a2c4e6f8b1d',
        CONFLUENT_CLOUD_URL: emulatorUrl,
        CONFLUENT_CLOUD_API_KEY: 'EMULATORCLOUDKEY',
        CONFLUENT_CLOUD_API_SECRET: 'emulator-cloud-secret',
        CONFLUENT_ENVIRONMENT_ID: 'env-q7m2xz',
        CONFLUENT_FLINK_URL: emulatorUrl,
        CONFLUENT_FLINK_API_KEY: 'EMULATORFLINKKEY',
        CONFLUENT_FLINK_API_SECRET: 'emulator-flink-secret',
        CONFLUENT_FLINK_COMPUTE_POOL_ID: 'lfcp-6r8k1v',
        CONFLUENT_FLINK_PRINCIPAL: 'sa-3nz8wq',
        CONFLUENT_SCHEMA_REGISTRY_ID: 'lsrc-2xq9ld',
        CONFLUENT_SCHEMA_REGISTRY_URL: emulatorUrl,
        CONFLUENT_SCHEMA_REGISTRY_API_KEY: 'EMULATORSRKEY000',
        CONFLUENT_SCHEMA_REGISTRY_API_SECRET: 'emulator-sr-secret',
        CONFLUENT_KAFKA_CLUSTER_ID: 'lkc-8w3pvd',
        CONFLUENT_KAFKA_REST_URL: emulatorUrl,
        CONFLUENT_KAFKA_API_KEY: 'EMULATORKAFKAKEY',
        CONFLUENT_KAFKA_API_SECRET: 'emulator-kafka-secret',
      },
    );
    await waitFor(
      `${backendUrl}/.backstage/health/v1/readiness`,
      240_000,
      backendErr,
    );
  });

  test.afterAll(async () => {
    for (const child of processes) {
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    await new Promise(r => setTimeout(r, 2000));
    const client = new Client({ ...pg, database: 'postgres' });
    await client.connect();
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${dbPrefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.end();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    for await (const keys of redis.scanIterator({
      MATCH: `${redisNamespace}:*`,
    })) {
      const batch = ([] as string[]).concat(keys);
      if (batch.length) await redis.del(batch);
    }
    await redis.quit();
  });

  test('the backend stores its plugins in PostgreSQL and answers', async () => {
    const client = new Client({ ...pg, database: 'postgres' });
    await client.connect();
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1',
      [`${dbPrefix}%`],
    );
    await client.end();
    expect(rows.map(r => r.datname)).toEqual(
      expect.arrayContaining([`${dbPrefix}catalog`, `${dbPrefix}scaffolder`]),
    );

    const { backstageIdentity } = await fetch(
      `${backendUrl}/api/auth/guest/refresh`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    ).then(r => r.json());
    const headers = { authorization: `Bearer ${backstageIdentity.token}` };

    await expect
      .poll(
        async () => {
          const res = await fetch(
            `${backendUrl}/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name`,
            { headers },
          );
          const body = await res.json();
          return body.items?.map((e: any) => e.metadata.name) ?? [];
        },
        { timeout: 60_000 },
      )
      .toContain('portal');
  });

  test('the catalog ingests Confluent through the configuration from the environment', async () => {
    const { backstageIdentity } = await fetch(
      `${backendUrl}/api/auth/guest/refresh`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    ).then(r => r.json());
    const headers = { authorization: `Bearer ${backstageIdentity.token}` };

    await expect
      .poll(
        async () => {
          const res = await fetch(
            `${backendUrl}/api/catalog/entities/by-name/api/default/enriched_customers`,
            { headers },
          );
          return res.ok ? (await res.json()).spec?.owner : res.status;
        },
        { timeout: 120_000, intervals: [2000] },
      )
      .toBe('group:default/customer-data-team');
  });

  test('the live status is kept in Redis, the cache replicas share', async () => {
    const { backstageIdentity } = await fetch(
      `${backendUrl}/api/auth/guest/refresh`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    ).then(r => r.json());
    const headers = { authorization: `Bearer ${backstageIdentity.token}` };
    await expect
      .poll(
        async () => {
          const res = await fetch(
            `${backendUrl}/api/confluent/entities/api/default/enriched_customers/statements`,
            { headers },
          );
          return res.ok
            ? (await res.json()).statements[0]?.statement?.phase
            : res.status;
        },
        { timeout: 120_000, intervals: [2000] },
      )
      .toBe('RUNNING');
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({
      MATCH: `${redisNamespace}:confluent*`,
    })) {
      keys.push(...([] as string[]).concat(batch));
    }
    await redis.quit();
    // The watch registry and the statement's last state, at least.
    expect(keys.length).toBeGreaterThanOrEqual(2);
  });

  test('the backend serves the built portal, and a guest signs in and finds a data product', async ({
    page,
  }) => {
    await signInAsGuest(
      page,
      `${backendUrl}/catalog/default/api/enriched_customers`,
    );
    await expect(
      page.getByRole('heading', { name: 'enriched_customers' }),
    ).toBeVisible();
    await expect(page.getByText('customer-data-team').first()).toBeVisible();
  });
});

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
/*
 * Benchmark of the Confluent entity provider on the emulator's large
 * synthetic organization, and of the catalog ingesting the same entities
 * from static YAML (what users do without this plugin). Prints figures;
 * asserts nothing.
 *
 * The catalog's own processing of ~16,000 entities takes many minutes on 2
 * cores (it is the same with or without this plugin), so the catalog part
 * runs on a tenth of the organization unless CATALOG_FULL=1.
 *
 *   yarn bench:catalog
 *   TOPICS=2000 STATEMENTS=600 CONNECTORS=200 yarn bench:catalog   # smaller
 *   CATALOG_FULL=1 yarn bench:catalog     # catalog part on the full organization
 *   SKIP_CATALOG=1 yarn bench:catalog     # provider only
 *   SKIP_UNLIMITED=1 yarn bench:catalog   # provider with the documented rate limits only
 *
 * The provider part runs twice: on an emulator without rate limits, then on
 * one enforcing the limits Confluent documents.
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { EMULATOR_APIS, startEmulator } from '@shiftleft/confluent-emulator';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import YAML from 'yaml';
import {
  catalogModuleConfluentEntityProvider,
  ConfluentEntityProvider,
} from '../src';

const sizes = {
  topics: Number(process.env.TOPICS ?? 10_000),
  statements: Number(process.env.STATEMENTS ?? 3_000),
  connectors: Number(process.env.CONNECTORS ?? 1_000),
};
const quiet = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child() {
    return quiet;
  },
};

/** The provider's config, beside the emulator's `confluent` block. */
const providerConfig = {
  defaultOwner: 'group:default/platform-team',
  ownership: [{ pattern: '^app\\d+', owner: 'group:default/platform-team' }],
};

/** Samples RSS and heap while `work` runs. */
async function measure<T>(work: () => Promise<T>) {
  global.gc?.();
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 25);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function countEntities(server: Server): Promise<number> {
  const res = await request(server)
    .get('/api/catalog/entities/by-query')
    .query({
      limit: 1,
      filter: 'metadata.annotations.confluent.io/environment-id',
    });
  return res.status === 200 ? res.body.totalItems ?? 0 : 0;
}

async function untilServed(server: Server, expected: number, started: number) {
  for (;;) {
    const count = await countEntities(server);
    if (count >= expected) return performance.now() - started;
    if (performance.now() - started > 15 * 60_000) {
      throw new Error(`only ${count} of ${expected} entities after 15 minutes`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * First and warm refresh of the large organization by a fresh provider,
 * on an emulator with or without Confluent's documented rate limits.
 */
async function providerRefreshes(rateLimits: boolean) {
  const seeded = performance.now();
  const emu = await startEmulator({
    port: 0,
    seed: { large: sizes },
    rateLimits,
  });
  const label = rateLimits
    ? "with Confluent's documented rate limits (Stream Catalog and Schema Registry 75 reads/s, 25 writes/s)"
    : 'without rate limits';
  console.log(
    `\n== ${label}: ${sizes.topics} topics, ${sizes.statements} statements, ${
      sizes.connectors
    } connectors (seeded in ${s(performance.now() - seeded)})`,
  );
  const confluent = { ...emu.backstageConfig().confluent };
  const config = new ConfigReader({
    confluent,
    catalog: { providers: { confluent: providerConfig } },
  });
  const client = ConfluentClient.fromConfig(config);
  const [provider] = ConfluentEntityProvider.fromConfig(config, {
    client,
    logger: quiet,
    schedule: { run: async () => {} },
  });

  const requests = () =>
    Object.fromEntries(
      EMULATOR_APIS.map(api => [api, emu.requestCount(api)]).filter(
        ([, n]) => n,
      ),
    );
  const report = (
    name: string,
    run: Awaited<ReturnType<typeof measure>>,
    stats: object,
  ) => {
    console.log(
      `\nprovider, ${name}: ${s(
        run.ms,
      )}, Stream Catalog requests ${emu.requestCount('catalog')}, peak RSS ${mb(
        run.rss,
      )}, peak heap ${mb(run.heap)}`,
    );
    console.log(
      `  upstream requests (429s included): ${JSON.stringify(requests())}`,
    );
    console.log(`  ${JSON.stringify(stats)}`);
  };

  emu.resetRequestCounts();
  const cold = await measure(() => provider.read());
  report('first refresh', cold, {
    entities: cold.result.entities.length,
    ...cold.result.stats,
  });
  emu.resetRequestCounts();
  const warm = await measure(() => provider.read());
  report('warm refresh', warm, {
    entities: warm.result.entities.length,
    ...warm.result.stats,
  });
  return { emu, confluent, entities: warm.result.entities as Entity[] };
}

async function main() {
  if (!process.env.SKIP_UNLIMITED)
    await (await providerRefreshes(false)).emu.stop();
  const { emu, confluent, entities } = await providerRefreshes(true);
  const byKind = entities.reduce<Record<string, number>>((acc, e) => {
    const key = `${e.kind}/${e.spec?.type ?? '-'}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});
  console.log(`  entities by kind/type: ${JSON.stringify(byKind)}`);

  if (process.env.SKIP_CATALOG) {
    await emu.stop();
    return;
  }
  if (process.env.CATALOG_FULL) {
    await compareWithYaml(entities, confluent);
  } else {
    const small = {
      topics: Math.round(sizes.topics / 10),
      statements: Math.round(sizes.statements / 10),
      connectors: Math.round(sizes.connectors / 10),
    };
    const smallEmu = await startEmulator({ port: 0, seed: { large: small } });
    const smallConfluent = { ...smallEmu.backstageConfig().confluent };
    const smallConfig = new ConfigReader({
      confluent: smallConfluent,
      catalog: { providers: { confluent: providerConfig } },
    });
    const [smallProvider] = ConfluentEntityProvider.fromConfig(smallConfig, {
      client: ConfluentClient.fromConfig(smallConfig),
      logger: quiet,
      schedule: { run: async () => {} },
    });
    console.log(
      `\ncatalog ingestion, on a tenth of the organization (${small.topics} topics, ${small.statements} statements, ${small.connectors} connectors; CATALOG_FULL=1 for all):`,
    );
    const { entities: smallEntities } = await smallProvider.read();
    await compareWithYaml(smallEntities, smallConfluent);
    await smallEmu.stop();
  }
  await emu.stop();
}

async function compareWithYaml(entities: Entity[], confluent: object) {
  // The same entities as static YAML, ingested through a file location.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confluent-bench-'));
  const file = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(file, entities.map(e => YAML.stringify(e)).join('---\n'));
  console.log(
    `\nwrote ${entities.length} entities as YAML (${mb(
      fs.statSync(file).size,
    )})`,
  );
  const rules = [
    { allow: ['Component', 'System', 'API', 'Resource', 'Location'] },
  ];
  const logger = mockServices.rootLogger.factory({ level: 'error' });

  let started = performance.now();
  const fileBackend = await startTestBackend({
    features: [
      catalogPlugin,
      logger,
      mockServices.rootConfig.factory({
        data: {
          catalog: { rules, locations: [{ type: 'file', target: file }] },
        },
      }),
    ],
  });
  const fileMs = await untilServed(
    fileBackend.server,
    entities.length,
    started,
  );
  await fileBackend.stop();
  console.log(
    `catalog from a YAML file location: all ${
      entities.length
    } entities served after ${s(fileMs)}`,
  );

  started = performance.now();
  const providerBackend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleConfluentEntityProvider,
      logger,
      mockServices.rootConfig.factory({
        data: {
          confluent,
          catalog: {
            rules,
            providers: {
              confluent: {
                ...providerConfig,
                schedule: { frequency: { hours: 1 }, timeout: { minutes: 15 } },
              },
            },
          },
        },
      }),
    ],
  });
  const providerMs = await untilServed(
    providerBackend.server,
    entities.length,
    started,
  );
  await providerBackend.stop();
  console.log(
    `catalog from the Confluent provider (reading Confluent included): all ${
      entities.length
    } entities served after ${s(providerMs)}`,
  );
  console.log(
    `ratio provider / YAML file: ${(providerMs / fileMs).toFixed(2)}`,
  );

  fs.rmSync(dir, { recursive: true, force: true });
}

main().then(
  // The test catalog backends keep the event loop alive after stop(), so
  // the command ends itself once it has printed.
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

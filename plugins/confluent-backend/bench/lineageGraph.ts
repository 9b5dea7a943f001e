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
 * Benchmark of the lineage graph route on the emulator's large synthetic
 * organization. Prints figures; asserts nothing.
 *
 * The entities are the real entity provider's output for the organization
 * (with the `feeds`/`fedBy` relations the catalog module's processor adds),
 * served from memory: the figures are the route's own work (HTTP, auth,
 * validation, the walk and the assembly) plus the number of batched
 * catalog reads it makes (each one request to a real catalog). Ingesting ~16,000 entities into a real
 * catalog takes many minutes on 2 cores (see `yarn bench:catalog`).
 *
 *   yarn bench:lineage-graph
 *   TOPICS=2000 STATEMENTS=600 CONNECTORS=200 yarn bench:lineage-graph
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ConfluentEntityProvider } from '@shiftleft/plugin-catalog-backend-module-confluent';
import { startEmulator } from '@shiftleft/confluent-emulator';
import {
  LineageGraphResponse,
  RELATION_FED_BY,
  RELATION_FEEDS,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import request from 'supertest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { confluentPlugin } from '../src/plugin';

const sizes = {
  topics: Number(process.env.TOPICS ?? 10_000),
  statements: Number(process.env.STATEMENTS ?? 3_000),
  connectors: Number(process.env.CONNECTORS ?? 1_000),
};
const RUNS = Number(process.env.RUNS ?? 30);
/** Where the graph goes for the layout bench of the frontend plugin. */
const GRAPH_FILE = path.resolve(
  __dirname,
  '../../../node_modules/.cache/lineage-bench/graph.json',
);
const quiet = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child() {
    return quiet;
  },
};

/** The relations the catalog module's processor derives from `spec.feeds`. */
function withRelations(entities: Entity[]): Entity[] {
  const fedBy = new Map<string, string[]>();
  for (const e of entities) {
    for (const target of (e.spec?.feeds as string[] | undefined) ?? []) {
      fedBy.set(target, [...(fedBy.get(target) ?? []), stringifyEntityRef(e)]);
    }
  }
  return entities.map(e => ({
    ...e,
    relations: [
      ...((e.spec?.feeds as string[] | undefined) ?? []).map(targetRef => ({
        type: RELATION_FEEDS,
        targetRef,
      })),
      ...(fedBy.get(stringifyEntityRef(e)) ?? []).map(targetRef => ({
        type: RELATION_FED_BY,
        targetRef,
      })),
    ],
  }));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function main() {
  const emu = await startEmulator({ port: 0, seed: { large: sizes } });
  const confluent = { ...emu.backstageConfig().confluent };
  const config = new ConfigReader({
    confluent,
    catalog: {
      providers: {
        confluent: { defaultOwner: 'group:default/platform-team' },
      },
    },
  });
  const [provider] = ConfluentEntityProvider.fromConfig(config, {
    client: ConfluentClient.fromConfig(config),
    logger: quiet,
    schedule: { run: async () => {} },
  });
  const entities = withRelations(
    (await provider.read({ logger: quiet })).entities,
  );
  // Figures scale with what else the machine runs: say how busy it was.
  console.log(
    `load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  console.log(
    `large organization: ${sizes.topics} topics, ${sizes.statements} statements, ${sizes.connectors} connectors → ${entities.length} entities`,
  );

  // A catalog answering from a map, counting requests: Backstage's
  // in-memory test catalog re-indexes all entities on every call, which
  // would measure the mock rather than the route. Field selection is not
  // applied (a real catalog does it in its database), so answers are bigger
  // than a real catalog's.
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  const find = (ref: string) => byRef.get(ref.toLocaleLowerCase('en-US'));
  let catalogReads = 0;
  const counted = {
    async getEntityByRef(ref: string) {
      catalogReads++;
      return find(ref);
    },
    async getEntitiesByRefs(req: { entityRefs: string[] }) {
      catalogReads++;
      return { items: req.entityRefs.map(find) };
    },
  };
  const backend = await startTestBackend({
    features: [
      confluentPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => counted as any,
      }),
      mockServices.rootConfig.factory({ data: { confluent } }),
    ],
  });
  const auth = mockCredentials.user.header('user:default/bench');
  const graphOf = async (ref: string, depth: number) => {
    const [kind, rest] = ref.split(':');
    const res = await request(backend.server)
      .get(`/api/confluent/entities/${kind}/${rest}/lineage?depth=${depth}`)
      .set('Authorization', auth);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return res.body as LineageGraphResponse;
  };
  const columns = (g: LineageGraphResponse) =>
    g.nodes.reduce((n, node) => n + node.columns.length, 0);

  // The data product with the largest 3-hop neighbourhood among a sample.
  const products = entities.filter(e => e.spec?.type === 'data-product');
  let root = '';
  let best = -1;
  for (const e of products.filter((_, i) => i % 25 === 0).slice(0, 200)) {
    const ref = stringifyEntityRef(e);
    const n = columns(await graphOf(ref, 3));
    if (n > best) {
      best = n;
      root = ref;
    }
  }

  const first = await graphOf(root, 3);
  catalogReads = 0;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await graphOf(root, 3);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `\n3-hop graph of ${root}: ${first.nodes.length} nodes, ${columns(
      first,
    )} column nodes, ${first.edges.length} edges`,
  );
  console.log(
    `  catalog requests per graph: ${
      catalogReads / RUNS
    } (batched getEntitiesByRefs + the root)`,
  );
  console.log(
    `  route, warm, ${RUNS} runs: median ${percentile(times, 0.5).toFixed(
      1,
    )} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms, max ${times[
      times.length - 1
    ].toFixed(1)} ms`,
  );

  // The Lineage tab's layout is timed on this graph by
  // `yarn workspace @shiftleft/plugin-confluent bench:layout`.
  fs.mkdirSync(path.dirname(GRAPH_FILE), { recursive: true });
  fs.writeFileSync(GRAPH_FILE, JSON.stringify(first));
  await backend.stop();
  await emu.stop();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});

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
 * Replica benchmark (prints figures; asserts nothing):
 *
 *   yarn bench:replicas
 *
 * Boots backend replicas as a production deployment runs them (this
 * plugin, the signals, events and permission backends, the real database,
 * cache and scheduler services) on this machine's PostgreSQL and Redis
 * (fresh databases and key namespace, dropped afterwards), against a local
 * emulator, and measures:
 *
 * 1. Upstream calls: the Flink API requests while the same viewers (each a
 *    REST request and a signals WebSocket, as the card) watch one statement
 *    for the same time, served by one replica, then spread over two.
 * 2. Cross-replica latency and duplicates: an owner stops (then resumes)
 *    the statement through replica A's route; the time until a viewer
 *    connected to replica B receives the result, and how many signals every
 *    viewer received more than once (the same status twice).
 *
 * Environment: BENCH_WINDOW_SECONDS (default 20), BENCH_VIEWERS (default
 * 4), BENCH_TRIALS (default 6); POSTGRES_*, REDIS_URL as in the tests.
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import { mockCredentials } from '@backstage/backend-test-utils';
import { startEmulator } from '@shiftleft/confluent-emulator';
import { workshopEntities } from '../src/__testUtils__/fixtures';
import {
  dropStores,
  openViewer,
  Replica,
  startReplica,
  uniqueStores,
  Viewer,
} from '../src/__testUtils__/replicas';

const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 20);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 4);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 6);
const STATEMENT = 'enriched-customer-materializer';
const PRODUCT = '/api/confluent/entities/api/default/enriched_customers';
const OWNER = 'user:default/alice';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The same status received again (its read time aside). */
function duplicates(viewer: Viewer): number {
  const seen = viewer.received.map(m =>
    JSON.stringify({ ...m.message.status, fetchedAt: undefined }),
  );
  return seen.filter((json, i) => i > 0 && json === seen[i - 1]).length;
}

async function main() {
  const emu = await startEmulator({
    port: 0,
    seed: 'workshop',
    timings: { statementStoppingMs: 1500, statementPendingMs: 1000 },
  });
  // Alice owns the data product, so she may stop its statement.
  const entities = workshopEntities(emu).map(e =>
    e.metadata.name === 'enriched_customers'
      ? { ...e, relations: [{ type: 'ownedBy', targetRef: OWNER }] }
      : e,
  );

  async function scenario(replicaCount: number) {
    const stores = uniqueStores('confluent_bench_replicas');
    const replicas: Replica[] = [];
    for (let i = 0; i < replicaCount; i++) {
      replicas.push(await startReplica({ emu, entities, stores }));
    }
    try {
      emu.resetRequestCounts();
      const started = performance.now();
      const viewers = await Promise.all(
        Array.from({ length: VIEWERS }, (_, i) =>
          openViewer(
            replicas[i % replicaCount],
            `${PRODUCT}/statements`,
            `user:default/viewer-${i}`,
          ),
        ),
      );
      await sleep(WINDOW_SECONDS * 1000 - (performance.now() - started));
      const calls = emu.requestCount('flink');
      viewers.forEach(v => v.close());
      return { calls, replicas, stores };
    } catch (error) {
      await Promise.all(replicas.map(r => r.stop()));
      await dropStores(stores);
      throw error;
    }
  }

  console.log(
    `Live status across replicas: ${VIEWERS} viewers of one statement, ${WINDOW_SECONDS} s, PostgreSQL event bus and scheduler, Redis cache\n`,
  );
  const one = await scenario(1);
  await Promise.all(one.replicas.map(r => r.stop()));
  await dropStores(one.stores);
  const two = await scenario(2);
  console.log('1. Upstream Flink API calls');
  console.log(`   one replica:  ${one.calls}`);
  console.log(
    `   two replicas: ${two.calls} (${(two.calls / one.calls).toFixed(
      2,
    )}× one replica; target ≤ 1.2×)`,
  );

  const [a, b] = two.replicas;
  const watchers = [
    await openViewer(a, `${PRODUCT}/statements`, 'user:default/carol'),
    await openViewer(b, `${PRODUCT}/statements`, 'user:default/dave'),
    await openViewer(b, `${PRODUCT}/statements`, 'user:default/carol'),
  ];
  const onB = watchers[1];
  const latencies: number[] = [];
  const act = async (action: 'stop' | 'resume', stopped: boolean) => {
    const since = performance.now();
    const res = await fetch(
      `${a.url}${PRODUCT}/statements/${STATEMENT}/${action}`,
      {
        method: 'POST',
        headers: { Authorization: mockCredentials.user.header(OWNER) },
      },
    );
    if (!res.ok) throw new Error(`${action} answered ${res.status}`);
    for (;;) {
      const hit = onB.received.find(
        m => m.at >= since && m.message.status.statement?.stopped === stopped,
      );
      if (hit) return hit.at - since;
      if (performance.now() - since > 15_000) {
        throw new Error(`no ${action} signal on replica B within 15 s`);
      }
      await sleep(5);
    }
  };
  for (let trial = 0; trial < TRIALS; trial++) {
    latencies.push(await act('stop', true));
    await sleep(2500);
    latencies.push(await act('resume', false));
    await sleep(2500);
  }
  await sleep(1500);
  const dupes = watchers.reduce((n, v) => n + duplicates(v), 0);
  const received = watchers.reduce((n, v) => n + v.received.length, 0);
  watchers.forEach(v => v.close());
  await Promise.all(two.replicas.map(r => r.stop()));
  await dropStores(two.stores);
  await emu.stop();

  const sorted = [...latencies].sort((x, y) => x - y);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  console.log(
    `2. Stop/resume through replica A's route → viewer on replica B, ${latencies.length} changes`,
  );
  console.log(
    `   cross-replica latency: median ${seconds(pct(50))}, p90 ${seconds(
      pct(90),
    )}, max ${seconds(sorted[sorted.length - 1])} (target ≤ 2 s)`,
  );
  console.log(
    `   duplicate signals: ${dupes} of ${received} received by ${watchers.length} tabs (target 0)`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

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
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  eventually,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { workshopEntities } from './__testUtils__/fixtures';
import {
  dropStores,
  openViewer,
  Replica,
  SharedStores,
  startReplica,
  uniqueStores,
  Viewer,
} from './__testUtils__/replicas';

const STATEMENT = 'enriched-customer-materializer';
const STATEMENTS =
  '/api/confluent/entities/api/default/enriched_customers/statements';

/*
 * Two backend replicas on one PostgreSQL and one Redis, as a production
 * deployment runs them (needs both on this machine; scripts/test.sh starts
 * them when they are down).
 */
jest.setTimeout(120_000);

describe('status across replicas', () => {
  let emu: ConfluentEmulator;
  let stores: SharedStores;
  let replicas: Replica[] = [];
  let viewers: Viewer[] = [];

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(async () => {
    await emu.stop();
  });

  beforeEach(() => {
    stores = uniqueStores('confluent_replicas');
  });

  afterEach(async () => {
    viewers.forEach(v => v.close());
    viewers = [];
    await Promise.all(replicas.map(r => r.stop()));
    replicas = [];
    await dropStores(stores);
    await emu.reset();
  });

  const startBoth = async (status: object) => {
    const start = () =>
      startReplica({
        emu,
        entities: workshopEntities(emu),
        stores,
        status: status as any,
      });
    replicas = [await start(), await start()];
    return replicas;
  };

  it('reads a watched statement once for the deployment, whichever replica its viewers ask', async () => {
    // An interval longer than the test: only a first read can happen.
    const [a, b] = await startBoth({
      pollIntervalSeconds: 600,
      livePollIntervalSeconds: 600,
    });
    emu.resetRequestCounts();
    const first = await openViewer(a, STATEMENTS, 'user:default/alice');
    viewers.push(first);
    for (let i = 0; i < 5; i++) {
      viewers.push(await openViewer(b, STATEMENTS, `user:default/viewer-${i}`));
      viewers.push(await openViewer(a, STATEMENTS, `user:default/other-${i}`));
    }
    // One GET of the statement and one of its exceptions, by replica a;
    // replica b answers from the state a left in the shared cache.
    expect(emu.requestCount('flink')).toBe(2);
    const fromB = await viewers[1].load();
    expect(fromB.statements[0].statement.phase).toBe('RUNNING');
    expect(fromB.statements[0].fetchedAt).toBe(
      (await first.load()).statements[0].fetchedAt,
    );
    expect(emu.requestCount('flink')).toBe(2);
  });

  it('pushes each change once to every viewer on every replica, from one poll', async () => {
    const [a, b] = await startBoth({ livePollIntervalSeconds: 0.5 });
    const alice = await openViewer(a, STATEMENTS, 'user:default/alice');
    const bob = await openViewer(b, STATEMENTS, 'user:default/bob');
    // One person with the page open in two tabs, served by both replicas.
    const carolOnA = await openViewer(a, STATEMENTS, 'user:default/carol');
    const carolOnB = await openViewer(b, STATEMENTS, 'user:default/carol');
    viewers.push(alice, bob, carolOnA, carolOnB);

    // Both replicas run the poll task; one at a time reads.
    emu.resetRequestCounts();
    const started = Date.now();
    await new Promise(r => setTimeout(r, 4000));
    const intervals = (Date.now() - started) / 500;
    // Uncoordinated replicas would read about twice per interval.
    expect(emu.requestCount('flink')).toBeLessThanOrEqual(
      Math.ceil(intervals) + 2,
    );

    const upstream = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
    const flink = upstream.flink(emu.ids.environmentId);
    await flink.stopStatement(STATEMENT);
    const phaseSeen = (v: Viewer, phase: string) =>
      v.received.some(m => m.message.status.statement?.phase === phase);
    await eventually(() => viewers.every(v => phaseSeen(v, 'STOPPED')), {
      timeoutMs: 10_000,
    });
    await flink.resumeStatement(STATEMENT);
    await eventually(
      () =>
        viewers.every(
          v => v.received.at(-1)?.message.status.statement?.phase === 'RUNNING',
        ),
      { timeoutMs: 10_000 },
    );
    // Let any late duplicate arrive before counting.
    await new Promise(r => setTimeout(r, 1000));

    const shown = (v: Viewer) =>
      v.received
        .filter(
          m =>
            m.channel ===
            `confluent:statement:${emu.ids.environmentId}:${STATEMENT}`,
        )
        .map(m =>
          JSON.stringify({ ...m.message.status, fetchedAt: undefined }),
        );
    // No tab received a status twice, and every tab received the same
    // stopped states (all happened after every tab subscribed).
    const stopped = (v: Viewer) =>
      shown(v).filter(json => json.includes('"phase":"STOPPED"'));
    expect(stopped(alice).length).toBeGreaterThanOrEqual(1);
    for (const v of viewers) {
      const statuses = shown(v);
      expect(statuses.filter((json, i) => json === statuses[i - 1])).toEqual(
        [],
      );
      expect(stopped(v)).toEqual(stopped(alice));
    }
  });
});

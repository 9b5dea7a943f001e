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
 * Live status benchmark (prints figures; asserts nothing):
 *
 *   yarn bench:status
 *
 * It runs the cards backend as the portal does (this plugin, the signals
 * and events backends, the permission backend with the allow-all policy,
 * the Confluent client) against a local emulator, and measures:
 *
 * 1. Upstream calls: the Flink API requests the emulator serves while 1,
 *    then 100, viewers watch the same statement for the same time. Each
 *    viewer does what the card does: one REST request, a WebSocket to
 *    /api/signals subscribed to the statement's channel, and a REST request
 *    every third of the watch lease.
 * 2. Latency: from a phase change upstream (the PUT that stops the
 *    statement returns; the emulator's phase is STOPPING from then on) to
 *    the moment a viewer's WebSocket receives a status showing it (STOPPING,
 *    or STOPPED if it finished stopping before the next read), through the
 *    real signals backend. One stop/resume cycle per trial, the stop at a
 *    random point of the poll cycle. A browser adds only its rendering.
 *
 * Environment: BENCH_POLL_SECONDS (default 1, the portal's default
 * `livePollInterval`: the interval while a page is open),
 * BENCH_WINDOW_SECONDS (default 30), BENCH_TRIALS (default 8).
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  confluentStatementChannel,
  ConfluentStatementSignal,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { startEmulator } from '@shiftleft/confluent-emulator';
import { AddressInfo } from 'node:net';
import { confluentPlugin } from '../src/plugin';

const POLL_SECONDS = Number(process.env.BENCH_POLL_SECONDS ?? 1);
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 30);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 8);
const STATEMENT = 'enriched-customer-materializer';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

interface Viewer {
  messages: Array<{ at: number; message: ConfluentStatementSignal }>;
  close(): void;
}

async function main() {
  const emu = await startEmulator({
    port: 0,
    seed: 'workshop',
    // Stopping takes a while upstream, as in Confluent; the latency is
    // measured to STOPPING, which the emulator reports at once.
    timings: { statementStoppingMs: 1500, statementPendingMs: 1000 },
  });
  const upstream = ConfluentClient.create({
    config: emu.backstageConfig().confluent,
  });
  const flink = upstream.flink(emu.ids.environmentId);
  const channel = confluentStatementChannel(emu.ids.environmentId, STATEMENT);
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'enriched_customers',
      annotations: {
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
        [ANNOTATION_CONFLUENT_STATEMENT]: STATEMENT,
      },
    },
    spec: { type: 'data-product', owner: 'group:default/customer-data-team' },
  };
  const startBackend = () =>
    startTestBackend({
      features: [
        confluentPlugin,
        // The real scheduler runs the poll task (the test one does not).
        schedulerServiceFactory,
        // The real events service: the test default keeps one bus per
        // plugin, so signals published here would never reach the signals
        // backend.
        eventsServiceFactory,
        import('@backstage/plugin-signals-backend'),
        import('@backstage/plugin-events-backend'),
        import('@backstage/plugin-permission-backend'),
        import('@backstage/plugin-permission-backend-module-allow-all-policy'),
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            confluent: {
              ...emu.backstageConfig().confluent,
              status: { livePollInterval: { seconds: POLL_SECONDS } },
            },
          },
        }),
      ],
    });

  /**
   * A WebSocket to the signals backend, which reads the user's token from
   * the WebSocket protocol. The backend only starts handling upgrades after
   * the first upgrade request reaches it, so the first attempt after a start
   * goes unanswered; like the browser's signals client, try again.
   */
  async function connectSignals(wsBase: string): Promise<WebSocket> {
    for (let attempt = 1; ; attempt++) {
      const ws = new WebSocket(`${wsBase}/api/signals`, [
        mockCredentials.user.token(),
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

  /** A browser tab showing the card. */
  async function openViewer(base: string, wsBase: string): Promise<Viewer> {
    const messages: Viewer['messages'] = [];
    const auth = { Authorization: mockCredentials.user.header() };
    const load = async () => {
      const res = await fetch(
        `${base}/api/confluent/entities/api/default/enriched_customers/statements`,
        { headers: auth },
      );
      if (!res.ok) throw new Error(`status route answered ${res.status}`);
      return (await res.json()) as {
        refresh: { watchLeaseSeconds: number };
      };
    };
    const first = await load();
    const ws = await connectSignals(wsBase);
    ws.onmessage = event => {
      const data = JSON.parse(String(event.data));
      if (data.channel === channel) {
        messages.push({ at: performance.now(), message: data.message });
      }
    };
    ws.send(JSON.stringify({ action: 'subscribe', channel }));
    const renew = setInterval(
      () => load().catch(() => {}),
      (first.refresh.watchLeaseSeconds * 1000) / 3,
    );
    return {
      messages,
      close() {
        clearInterval(renew);
        ws.close();
      },
    };
  }

  async function viewersScenario(count: number) {
    const backend = await startBackend();
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://localhost:${port}`;
    emu.resetRequestCounts();
    const started = performance.now();
    const viewers = await Promise.all(
      Array.from({ length: count }, () =>
        openViewer(base, `ws://localhost:${port}`),
      ),
    );
    await sleep(WINDOW_SECONDS * 1000 - (performance.now() - started));
    const calls = emu.requestCount('flink');
    const received = viewers.reduce((n, v) => n + v.messages.length, 0);
    viewers.forEach(v => v.close());
    await backend.stop();
    return { calls, received };
  }

  console.log(
    `Live statement status: poll interval ${POLL_SECONDS} s, window ${WINDOW_SECONDS} s, emulator ${emu.url}\n`,
  );
  console.log(
    '1. Upstream Flink API calls while viewers watch the same statement',
  );
  console.log(
    '   viewers  upstream calls  signals received  calls if each viewer polled Confluent',
  );
  for (const count of [1, 100]) {
    const { calls, received } = await viewersScenario(count);
    const naive = count * Math.floor(WINDOW_SECONDS / POLL_SECONDS);
    console.log(
      `   ${String(count).padStart(7)}  ${String(calls).padStart(14)}  ${String(
        received,
      ).padStart(16)}  ${String(naive).padStart(37)}`,
    );
  }

  console.log(
    `\n2. Phase change upstream → signals subscriber (WebSocket on the real /api/signals), ${TRIALS} trials`,
  );
  const backend = await startBackend();
  const { port } = backend.server.address() as AddressInfo;
  const viewer = await openViewer(
    `http://localhost:${port}`,
    `ws://localhost:${port}`,
  );
  const latencies: number[] = [];
  const waitFor = async (
    phases: string[],
    since: number,
    timeoutMs: number,
  ) => {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const hit = viewer.messages.find(
        m =>
          m.at >= since &&
          phases.includes(m.message.status.statement?.phase ?? ''),
      );
      if (hit) return hit.at;
      if (performance.now() > until) {
        throw new Error(`no ${phases} signal within ${timeoutMs} ms`);
      }
      await sleep(5);
    }
  };
  for (let trial = 0; trial < TRIALS; trial++) {
    // Change the phase at a random point of the poll cycle.
    await sleep(Math.random() * POLL_SECONDS * 1000);
    await flink.stopStatement(STATEMENT);
    const changed = performance.now();
    // The first read after the change shows STOPPING, or STOPPED when the
    // statement finished stopping before that read.
    const seen = await waitFor(
      ['STOPPING', 'STOPPED'],
      changed,
      POLL_SECONDS * 4000,
    );
    latencies.push(seen - changed);
    await waitFor(['STOPPED'], changed, POLL_SECONDS * 4000 + 3000);
    await flink.resumeStatement(STATEMENT);
    await waitFor(['RUNNING'], performance.now(), POLL_SECONDS * 4000 + 3000);
  }
  viewer.close();
  await backend.stop();
  await emu.stop();

  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `   min ${s(sorted[0])}, median ${s(pct(50))}, p90 ${s(pct(90))}, max ${s(
      sorted[sorted.length - 1],
    )} (target: p90 ≤ 2 s)`,
  );
  console.log(
    `   (bounded by the poll interval: a change waits for the next read, ${POLL_SECONDS} s at most, plus the read and the push)`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

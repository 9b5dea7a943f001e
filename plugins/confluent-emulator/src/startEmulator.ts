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
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { backstageConfigFor } from './backstageConfig';
import { createApp } from './http/server';
import { resolveOptions } from './options';
import { EmulatorRuntime } from './runtime';
import { SEED_IDS, SEED_KEYS } from './seed/base';
import type { ConfluentEmulator, StartEmulatorOptions } from './types';

/**
 * Starts a local Confluent Cloud: Org, IAM, FCPM, Connect, Flink SQL, Schema
 * Registry, Stream Catalog and Kafka REST on one HTTP server, at their real
 * paths, with their real authentication, error bodies and lifecycles.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ port: 0, timings: { statementPendingMs: 10 } });
 * await fetch(`${emu.url}/org/v2/environments`, { headers: { authorization: … } });
 * await emu.stop();
 * ```
 * @public
 */
export async function startEmulator(
  options: StartEmulatorOptions = {},
): Promise<ConfluentEmulator> {
  const resolved = resolveOptions(options);
  const runtime = new EmulatorRuntime(resolved);
  runtime.initialize();

  const server = http.createServer(createApp(runtime));
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':')
    ? `[${resolved.host}]`
    : resolved.host;
  const url = `http://${host}:${port}`;
  let stopped: Promise<void> | undefined;

  return {
    url,
    ids: { ...SEED_IDS },
    keys: {
      cloud: { ...SEED_KEYS.cloud },
      flink: { ...SEED_KEYS.flink },
      schemaRegistry: { ...SEED_KEYS.schemaRegistry },
      kafka: { ...SEED_KEYS.kafka },
    },
    backstageConfig: () => backstageConfigFor(url),
    injectFaults: fault => runtime.injectFaults(fault),
    setFaultRates: rates => runtime.setFaultRates(rates),
    clearFaults: () => runtime.faults.clear(),
    requestCount: api => runtime.requestCount(api),
    resetRequestCounts: () => runtime.resetRequestCounts(),
    reset: seed => runtime.reset(seed),
    stop: () => {
      stopped ??= (async () => {
        const closed = new Promise<void>(resolve =>
          server.close(() => resolve()),
        );
        // Keep-alive connections would hold `close` open; the emulator is
        // going away, so end them.
        for (const socket of sockets) socket.destroy();
        await closed;
        await runtime.stop();
      })();
      return stopped;
    },
  };
}

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
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import express from 'express';
import { signalsReadyModule } from './signalsReady';

/** A plugin that publishes one signal to the guest when asked. */
const publisher = createBackendPlugin({
  pluginId: 'publisher',
  register(env) {
    env.registerInit({
      deps: {
        router: coreServices.httpRouter,
        signals: signalsServiceRef,
      },
      async init({ router, signals }) {
        const r = express.Router();
        r.post('/publish', async (_req, res) => {
          await signals.publish({
            recipients: { type: 'broadcast' },
            channel: 'test:channel',
            message: { hello: 'world' },
          });
          res.json({ ok: true });
        });
        router.use(r);
        router.addAuthPolicy({ path: '/publish', allow: 'unauthenticated' });
      },
    });
  },
});

/**
 * What the signals client in a browser does: open, subscribe, then take the
 * next message; resolves `undefined` when it does not open within `ms`.
 */
function browserLikeClient(url: string, ms: number) {
  const socket = new WebSocket(url, mockCredentials.user.token());
  const opened = new Promise<boolean>(resolve => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.onopen = () => {
      clearTimeout(timer);
      socket.send(
        JSON.stringify({ action: 'subscribe', channel: 'test:channel' }),
      );
      resolve(true);
    };
  });
  const message = new Promise<unknown>(resolve => {
    socket.onmessage = event => resolve(JSON.parse(String(event.data)));
  });
  return { opened, message, close: () => socket.close() };
}

async function startBackend(withModule: boolean) {
  const backend = await startTestBackend({
    features: [
      // The real in-process events service: signals travel through it.
      eventsServiceFactory,
      signalsPlugin,
      publisher,
      ...(withModule ? [signalsReadyModule] : []),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  return { backend, port };
}

async function waitForPrimed() {
  // The module primes in the background right after start: one attempt
  // that hangs (1 s), then one that opens.
  await new Promise(resolve => setTimeout(resolve, 3_000));
}

describe('signalsReadyModule', () => {
  it('lets the first browser after a start open its signals socket and receive what is pushed', async () => {
    const { backend, port } = await startBackend(true);
    try {
      await waitForPrimed();
      const client = browserLikeClient(
        `ws://localhost:${port}/api/signals`,
        3_000,
      );
      expect(await client.opened).toBe(true);
      // The subscription reaches the server before the publish.
      await new Promise(resolve => setTimeout(resolve, 200));
      await fetch(`http://localhost:${port}/api/publisher/publish`, {
        method: 'POST',
      });
      await expect(client.message).resolves.toEqual({
        channel: 'test:channel',
        message: { hello: 'world' },
      });
      client.close();
    } finally {
      await backend.stop();
    }
  });

  // Documents the signals backend's behaviour the module works around: when
  // this fails after an upgrade, the module can go.
  it('is needed: without it, the first socket after a start does not open', async () => {
    const { backend, port } = await startBackend(false);
    try {
      await waitForPrimed();
      const first = browserLikeClient(
        `ws://localhost:${port}/api/signals`,
        3_000,
      );
      expect(await first.opened).toBe(false);
      first.close();
    } finally {
      await backend.stop();
    }
  });
});

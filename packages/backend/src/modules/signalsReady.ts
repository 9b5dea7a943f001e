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
  createBackendModule,
} from '@backstage/backend-plugin-api';

/** How long one attempt waits for the socket to open. */
const ATTEMPT_TIMEOUT_MS = 1_000;
const ATTEMPTS = 5;

/**
 * Opens one WebSocket to `url` and closes it again; resolves whether it
 * opened within the timeout.
 */
async function openOnce(url: string): Promise<boolean> {
  return new Promise(resolve => {
    const socket = new WebSocket(url);
    const finish = (opened: boolean) => {
      socket.onopen = socket.onerror = socket.onclose = null;
      socket.close();
      resolve(opened);
    };
    const timer = setTimeout(() => finish(false), ATTEMPT_TIMEOUT_MS);
    socket.onopen = () => {
      clearTimeout(timer);
      finish(true);
    };
    socket.onerror = socket.onclose = () => {
      clearTimeout(timer);
      finish(false);
    };
  });
}

/**
 * Makes each replica's signals WebSocket work from the first browser on.
 *
 * The signals backend (0.3.x) attaches its WebSocket upgrade handler to the
 * HTTP server only when the first upgrade request passes through its router,
 * and that first request itself is never answered: the first browser after a
 * start waits out the signals client's connect timeout and reconnect delay
 * (about 6 s), and every change pushed meanwhile is lost to it. This module
 * makes that first connection itself when the backend has started, with no
 * credentials (the connection is closed at once), so a browser never meets it.
 */
export const signalsReadyModule = createBackendModule({
  pluginId: 'signals',
  moduleId: 'ready-at-start',
  register(env) {
    env.registerInit({
      deps: {
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
      },
      async init({ lifecycle, discovery, logger }) {
        const prime = async () => {
          const url = new URL(await discovery.getBaseUrl('signals'));
          url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
          for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (await openOnce(url.toString())) return;
          }
          logger.warn(
            `The signals WebSocket at ${url.pathname} did not open after ${ATTEMPTS} attempts; live updates may start late`,
          );
        };
        // Not awaited: the backend is ready without it, a second or so
        // before the first browser could connect.
        lifecycle.addStartupHook(() => {
          prime().catch(error =>
            logger.warn(`Could not open the signals WebSocket: ${error}`),
          );
        });
      },
    });
  },
});

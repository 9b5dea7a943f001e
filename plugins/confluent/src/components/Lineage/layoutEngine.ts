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
import type { ElkNode } from 'elkjs/lib/elk-api';
import ElkApi from 'elkjs/lib/elk-api';

/*
 * Where ELK runs. Laying out a 3-hop graph of the large organization (100
 * boxes, 260 column ports) takes ELK over a second; on the page's main
 * thread that second freezes the tab. In a browser it runs in a Web Worker
 * (elkjs's own worker build, bundled by the app), so the page keeps
 * answering while it works; where there is no Worker (jsdom, Node) or the
 * worker cannot start (a content security policy without `worker-src
 * 'self'`, say), it runs in the thread.
 */

/** The layout worker could not start, or stopped: not the graph's fault. */
export class LayoutWorkerError extends Error {
  name = 'LayoutWorkerError';
}

/** Lays out an ELK graph; resolves to the graph with positions. */
export interface LayoutEngine {
  /** `worker` or `main`: where the layout runs. */
  readonly where: 'worker' | 'main';
  layout(graph: ElkNode): Promise<ElkNode>;
}

/**
 * ELK in the calling thread (elkjs's bundled build, loaded on first use so
 * the page's bundle does not carry it when the worker does the work).
 */
export function inThreadLayoutEngine(): LayoutEngine {
  let elk: Promise<InstanceType<typeof ElkApi>> | undefined;
  return {
    where: 'main',
    async layout(graph) {
      elk ??= import('elkjs/lib/elk.bundled.js').then(m => {
        const Elk = ((m as any).default ?? m) as typeof ElkApi;
        return new Elk();
      });
      return (await elk).layout(graph);
    },
  };
}

/**
 * ELK in a Web Worker running elkjs's worker build (`elk-worker.min.js`),
 * through elkjs's own message protocol. A worker that fails to load or
 * crashes rejects every layout waiting on it, and the ones after, with a
 * {@link LayoutWorkerError}, so the caller can fall back to
 * {@link inThreadLayoutEngine}.
 */
export function workerLayoutEngine(createWorker: () => Worker): LayoutEngine {
  let failure: Error | undefined;
  const waiting = new Set<(error: Error) => void>();
  const fail = (error: Error) => {
    failure ??= error;
    waiting.forEach(reject => reject(failure!));
    waiting.clear();
  };
  const elk = new ElkApi({
    workerFactory: () => {
      const worker = createWorker();
      worker.addEventListener('error', event => {
        event.preventDefault?.();
        fail(
          new LayoutWorkerError(
            `Layout worker failed: ${event.message || 'no detail'}`,
          ),
        );
      });
      worker.addEventListener('messageerror', () =>
        fail(
          new LayoutWorkerError(
            'Layout worker sent a message it could not read',
          ),
        ),
      );
      return worker;
    },
  });
  return {
    where: 'worker',
    layout(graph) {
      if (failure) return Promise.reject(failure);
      return new Promise<ElkNode>((resolve, reject) => {
        waiting.add(reject);
        elk.layout(graph).then(
          laid => {
            waiting.delete(reject);
            resolve(laid);
          },
          error => {
            waiting.delete(reject);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
    },
  };
}

let shared: Promise<LayoutEngine | undefined> | undefined;

/**
 * The page's layout worker, started on first use and shared by every graph
 * the page draws; undefined where no Worker exists or it could not start.
 */
export function sharedWorkerLayoutEngine(): Promise<LayoutEngine | undefined> {
  if (typeof Worker === 'undefined') return Promise.resolve(undefined);
  // Imported only here: the module that names the worker's URL is for
  // bundlers (rspack, webpack) and browsers, not for jest or Node.
  shared ??= import('./startLayoutWorker')
    .then(m => workerLayoutEngine(m.startLayoutWorker))
    .catch(() => undefined);
  return shared;
}

/** Forgets the shared worker after it failed, so the page stops trying it. */
export function dropSharedWorkerLayoutEngine() {
  shared = Promise.resolve(undefined);
}

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

/** The worker's name (`self.name` in it), for the browser tests. */
export const LAYOUT_WORKER_NAME = 'lineage-layout';

/**
 * Starts the layout worker: elkjs's worker build (`elk-worker.min.js`),
 * which answers elkjs's `layout` messages when it runs in a worker.
 * `new Worker(new URL('<module>', import.meta.url))` is the form rspack and
 * webpack turn into a worker chunk of its own, resolving the module from
 * node_modules as an import would, in this repository's app and in an app
 * that installs the published package alike. It stays in this file so jest
 * and Node never load it.
 */
export function startLayoutWorker(): Worker {
  return new Worker(new URL('elkjs/lib/elk-worker.min.js', import.meta.url), {
    name: LAYOUT_WORKER_NAME,
  });
}

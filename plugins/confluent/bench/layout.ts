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
 * The Lineage tab's layout step (ELK) on the 3-hop graph that
 * `yarn bench:lineage-graph` fetched from the route for the large synthetic
 * organization. ELK is the tab's heaviest step before React draws the
 * boxes; it runs the same in Node. Prints figures; asserts nothing.
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LineageGraphResponse } from '@shiftleft/plugin-confluent-common';
import { layoutLineage } from '../src/components/Lineage/layout';

const GRAPH_FILE = path.resolve(
  __dirname,
  '../../../node_modules/.cache/lineage-bench/graph.json',
);

async function main() {
  const graph: LineageGraphResponse = JSON.parse(
    fs.readFileSync(GRAPH_FILE, 'utf8'),
  );
  // Figures scale with what else the machine runs: say how busy it was.
  console.log(
    `load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  const columns = graph.nodes.reduce((n, node) => n + node.columns.length, 0);
  const cold = performance.now();
  await layoutLineage(graph);
  const first = performance.now() - cold;
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await layoutLineage(graph);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `ELK layout of ${graph.nodes.length} boxes, ${columns} columns (ports), ${
      graph.edges.length
    } edges: first ${first.toFixed(0)} ms, then median ${times[5].toFixed(
      0,
    )} ms, max ${times[9].toFixed(0)} ms`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});

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
 * The Lineage tab's render in a real browser: Chromium (driven by
 * playwright-core) opens the tab's graph view on the 3-hop graph that
 * `yarn bench:lineage-graph` fetched from the route for the large synthetic
 * organization, and the page itself measures:
 *
 * - from navigation to the graph drawn (boxes in the DOM, then a frame
 *   painted), and from the graph read to drawn (layout and render);
 * - the longest task that blocked the main thread from the graph read to
 *   drawn (PerformanceObserver `longtask`, tasks over 50 ms), the longest
 *   animation frame then (`long-animation-frame`, which counts rendering
 *   work too), the longest task at startup, and the total blocking time
 *   (the sum of each long task's time over 50 ms) until drawn;
 * - from a click on a column to its path and side panel painted.
 *
 * Each figure is measured with ELK in its Web Worker (what the tab does) and
 * with ELK in the page's thread (`Worker` removed, the fallback), fresh page
 * each run. Prints figures; asserts nothing.
 *
 *   yarn workspace @shiftleft/plugin-confluent bench:render
 *   RUNS=5 CHROMIUM_PATH=/usr/bin/chromium yarn workspace … bench:render
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import { build } from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { LineageGraphResponse } from '@shiftleft/plugin-confluent-common';

const GRAPH_FILE = path.resolve(
  __dirname,
  '../../../node_modules/.cache/lineage-bench/graph.json',
);
const OUT = path.resolve(
  __dirname,
  '../../../node_modules/.cache/lineage-bench/page',
);
const RUNS = Number(process.env.RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs in the page before the app: the observers that take the figures. */
const PROBE = `
window.__bench = { longtasks: [], marks: {} };
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    window.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
  }
}).observe({ type: 'longtask', buffered: true });
window.__bench.frames = [];
// Long animation frames also count the rendering steps (style, layout,
// paint, ResizeObserver callbacks) a long task leaves out.
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      window.__bench.frames.push({ start: e.startTime, duration: e.duration });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
} catch {}
const mark = (name, t) => { window.__bench.marks[name] ??= t; };
// A frame painted after a change: the next animation frame, then a task.
const painted = name => requestAnimationFrame(() => setTimeout(() => mark(name, performance.now())));
new MutationObserver(() => {
  const m = window.__bench.marks;
  const loading = document.querySelector('[data-testid=lineage-loading]');
  if (loading && /Laying out/.test(loading.textContent) && !m.layoutStart) {
    mark('layoutStart', performance.now());
  }
  if (!m.nodesInserted && document.querySelector('.react-flow__node')) {
    mark('nodesInserted', performance.now());
    painted('drawn');
  }
  if (m.clicked && !m.panelInserted && document.querySelector('[data-testid=lineage-upstream]')) {
    mark('panelInserted', performance.now());
    painted('panel');
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
`;

async function bundle() {
  fs.mkdirSync(OUT, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    logLevel: 'error' as const,
    // React's production build, as a deployed portal serves it.
    define: {
      'process.env.NODE_ENV': '"production"',
      global: 'globalThis',
    },
    loader: {
      '.svg': 'dataurl' as const,
      '.png': 'dataurl' as const,
      '.woff': 'dataurl' as const,
      '.woff2': 'dataurl' as const,
    },
    jsx: 'automatic' as const,
  };
  await build({
    ...common,
    entryPoints: [path.resolve(__dirname, 'render/page.tsx')],
    outfile: path.join(OUT, 'page.js'),
    format: 'esm',
    platform: 'browser',
  });
  // The tab starts its worker at new URL('elkjs/lib/elk-worker.min.js',
  // import.meta.url); the app's rspack build makes that a chunk of its own,
  // esbuild leaves it as it is, so the server answers that URL (next to
  // page.js) with elkjs's worker build.
}

function serve(graph: string): Promise<http.Server> {
  const files: Record<string, [string, string]> = {
    '/page.js': ['page.js', 'text/javascript'],
    '/page.css': ['page.css', 'text/css'],
  };
  const worker = require.resolve('elkjs/lib/elk-worker.min.js');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/graph.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(graph);
      return;
    }
    if (url.pathname === '/elkjs/lib/elk-worker.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fs.readFileSync(worker));
      return;
    }
    const file = files[url.pathname];
    if (file) {
      const full = path.join(OUT, file[0]);
      res.writeHead(200, { 'content-type': file[1] });
      res.end(fs.existsSync(full) ? fs.readFileSync(full) : '');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/page.css"><script>${PROBE}</script></head>
<body><div id="root"></div><script type="module" src="/page.js"></script></body></html>`);
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

interface Run {
  drawn: number;
  readToDrawn: number;
  startup: number;
  longestToDrawn: number;
  longestFrame: number;
  blockingLoading: number;
  select: number;
  longestSelect: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const graph: LineageGraphResponse = JSON.parse(
    fs.readFileSync(GRAPH_FILE, 'utf8'),
  );
  const rootNode = graph.nodes.find(n => n.id === graph.root)!;
  const firstColumn = rootNode.columns[0].name;
  console.log(
    `load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  const columns = graph.nodes.reduce((n, node) => n + node.columns.length, 0);
  console.log(
    `browser render of the 3-hop graph of ${graph.root}: ${graph.nodes.length} boxes, ${columns} column nodes, ${graph.edges.length} edges (Chromium, headless, 1600×1000)`,
  );
  await bundle();
  const server = await serve(JSON.stringify(graph));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    for (const mode of ['worker', 'main thread'] as const) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({
          viewport: { width: 1600, height: 1000 },
        });
        const page = await context.newPage();
        let failed: (error: Error) => void = () => {};
        const pageError = new Promise<never>((_, reject) => {
          failed = reject;
        });
        page.on('pageerror', e => failed(e));
        if (mode === 'main thread') {
          await page.addInitScript(() => {
            (window as any).Worker = undefined;
          });
        }
        const workers: string[] = [];
        page.on('worker', w => workers.push(w.url()));
        await page.goto(`${base}/?root=${encodeURIComponent(graph.root)}`);
        await Promise.race([
          page.waitForFunction(
            () => (window as any).__bench.marks.drawn,
            null,
            {
              timeout: 120_000,
            },
          ),
          pageError,
        ]);
        // Let the page settle (fit view, late renders) before selecting.
        await page.waitForTimeout(1_000);
        const column = page.getByTestId(
          `lineage-column-${rootNode.title}.${firstColumn}`,
        );
        await column.waitFor();
        await page.evaluate(() => {
          (window as any).__bench.marks.clicked = performance.now();
        });
        await column.click();
        await page.waitForFunction(() => (window as any).__bench.marks.panel);
        const { marks, longtasks, frames } = await page.evaluate(
          () => (window as any).__bench,
        );
        if (mode === 'worker' && !workers.some(u => /elk-worker/.test(u))) {
          throw new Error('The layout worker did not start');
        }
        type Task = { start: number; duration: number };
        const tasks = longtasks as Task[];
        const end = (t: Task) => t.start + t.duration;
        // Startup: the script, the app and the fetch, until the graph is
        // read; then laying out and drawing it, until a frame is painted.
        const startup = tasks.filter(t => end(t) <= marks.layoutStart);
        const toDrawn = (list: Task[]) =>
          list.filter(t => end(t) > marks.layoutStart && t.start < marks.drawn);
        const selecting = tasks.filter(t => t.start >= marks.clicked);
        const longest = (list: Task[]) =>
          Math.max(0, ...list.map(t => t.duration));
        const blocking = (list: Task[]) =>
          list.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
        runs.push({
          drawn: marks.drawn,
          readToDrawn: marks.drawn - marks.layoutStart,
          startup: longest(startup),
          longestToDrawn: longest(toDrawn(tasks)),
          longestFrame: longest(toDrawn(frames as Task[])),
          blockingLoading: blocking(tasks.filter(t => t.start < marks.drawn)),
          select: marks.panel - marks.clicked,
          longestSelect: longest(selecting),
        });
        await context.close();
      }
      const m = (k: keyof Run) => median(runs.map(r => r[k])).toFixed(0);
      console.log(
        `\n  ELK in the ${mode}, median of ${RUNS} fresh page loads:`,
      );
      console.log(
        `    navigation → graph drawn: ${m(
          'drawn',
        )} ms; graph read → drawn (layout and render): ${m('readToDrawn')} ms`,
      );
      console.log(
        `    longest main-thread task from graph read to drawn: ${m(
          'longestToDrawn',
        )} ms (longest animation frame, rendering included: ${m(
          'longestFrame',
        )} ms); longest at startup (script, app, fetch): ${m('startup')} ms`,
      );
      console.log(
        `    total blocking time until drawn: ${m('blockingLoading')} ms`,
      );
      console.log(
        `    click on a column → its path and panel drawn: ${m(
          'select',
        )} ms (longest task ${m('longestSelect')} ms)`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});

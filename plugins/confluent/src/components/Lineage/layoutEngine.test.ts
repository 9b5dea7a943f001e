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
import { LineageGraphResponse } from '@shiftleft/plugin-confluent-common';
import { layoutLineage } from './layout';
import {
  inThreadLayoutEngine,
  LayoutWorkerError,
  workerLayoutEngine,
} from './layoutEngine';

// elkjs's worker build, as the layout worker runs it; in jest it exports
// an in-process stand-in that speaks the same messages.
const { Worker: ElkWorker } = require('elkjs/lib/elk-worker.min.js');

/** elkjs's worker build behind a Worker's interface (events included). */
class InProcessWorker extends EventTarget {
  readonly posted: unknown[] = [];
  private readonly elk = new ElkWorker();
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor() {
    super();
    this.elk.onmessage = (event: { data: unknown }) => this.onmessage?.(event);
  }
  postMessage(message: unknown) {
    this.posted.push(message);
    this.elk.postMessage(message);
  }
  terminate() {}
}

/** A worker whose script never loads: an `error` event, no answers. */
class BrokenWorker extends EventTarget {
  onmessage = null;
  postMessage() {
    setTimeout(() => {
      const event = new Event('error') as Event & { message: string };
      event.message = 'blocked by Content-Security-Policy';
      this.dispatchEvent(event);
    }, 0);
  }
  terminate() {}
}

const graph: Pick<LineageGraphResponse, 'nodes' | 'edges'> = {
  nodes: [
    {
      id: 'api:default/a',
      kind: 'dataset',
      depth: -1,
      columns: [{ name: 'id' }, { name: 'cc_number' }],
    },
    { id: 'component:default/s', kind: 'process', depth: -0.5, columns: [] },
    {
      id: 'api:default/b',
      kind: 'dataset',
      depth: 0,
      columns: [{ name: 'id' }, { name: 'payment' }],
    },
  ],
  edges: [
    {
      id: 'f1',
      kind: 'flow',
      source: 'api:default/a',
      target: 'component:default/s',
    },
    {
      id: 'f2',
      kind: 'flow',
      source: 'component:default/s',
      target: 'api:default/b',
    },
    {
      id: 'c1',
      kind: 'column',
      source: 'api:default/a',
      sourceColumn: 'id',
      target: 'api:default/b',
      targetColumn: 'id',
      direct: true,
      input: 'direct',
    },
    {
      id: 'c2',
      kind: 'column',
      source: 'api:default/a',
      sourceColumn: 'cc_number',
      target: 'api:default/b',
      targetColumn: 'payment',
      direct: false,
      input: 'indirect',
    },
  ],
};

const positions = (placed: Awaited<ReturnType<typeof layoutLineage>>) =>
  placed.map(p => [p.node.id, p.x, p.y]);

describe('layout engines', () => {
  it('lays out through the worker protocol exactly as in the thread', async () => {
    const workers: InProcessWorker[] = [];
    const engine = workerLayoutEngine(() => {
      const worker = new InProcessWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    });
    const viaWorker = await layoutLineage(graph, { engine });
    const inThread = await layoutLineage(graph, {
      engine: inThreadLayoutEngine(),
    });
    expect(positions(viaWorker)).toEqual(positions(inThread));
    // One worker, which got elkjs's register and layout commands.
    expect(workers).toHaveLength(1);
    expect(workers[0].posted.map((m: any) => m.cmd)).toEqual([
      'register',
      'layout',
    ]);
  });

  it('falls back to the thread when the worker cannot start, and does not wait on it again', async () => {
    const engine = workerLayoutEngine(
      () => new BrokenWorker() as unknown as Worker,
    );
    const placed = await layoutLineage(graph, { engine });
    expect(positions(placed)).toEqual(
      positions(await layoutLineage(graph, { engine: inThreadLayoutEngine() })),
    );
    await expect(engine.layout({ id: 'x' })).rejects.toThrow(LayoutWorkerError);
  });

  it('passes a bad graph on as an error rather than laying it out twice', async () => {
    const engine = workerLayoutEngine(
      () => new InProcessWorker() as unknown as Worker,
    );
    await expect(
      engine.layout({
        id: 'root',
        children: [{ id: 'a' }],
        edges: [{ id: 'e', sources: ['a'], targets: ['missing'] }],
      }),
    ).rejects.not.toBeInstanceOf(LayoutWorkerError);
  });

  it('lays out in the thread in jsdom, which has no Worker', async () => {
    expect(typeof Worker).toBe('undefined');
    expect(positions(await layoutLineage(graph))).toHaveLength(3);
  });
});

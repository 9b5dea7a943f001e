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
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  CapturingLogger,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { makeProvider, recordingConnection } from '../__testUtils__/harness';

/*
 * Issue 13: the provider survives a hostile or broken upstream. A loopback
 * proxy in front of the emulator breaks one answer at a time: malformed
 * JSON, a list whose next page is itself, a list with new pages for ever.
 * Each refresh fails, is logged, and changes nothing; the next healthy one
 * works again.
 */

type Mode = 'healthy' | 'malformed' | 'self-page' | 'endless-pages';

const STATEMENTS =
  /\/sql\/v1\/organizations\/[^/]+\/environments\/[^/]+\/statements(\?|$)/;

function startProxy(emu: ConfluentEmulator) {
  let mode: Mode = 'healthy';
  let page = 0;
  const list = (res: ServerResponse, path: string, token: string) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        api_version: 'sql/v1',
        kind: 'StatementList',
        metadata: { next: `${path}?page_token=${token}` },
        data: [],
      }),
    );
  };
  const server: Server = createServer(
    async (req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '/';
      const path = url.split('?')[0];
      if (mode === 'malformed' && url.includes('/connectors')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": [{"name": "half');
        return;
      }
      if (mode === 'self-page' && STATEMENTS.test(url)) {
        list(res, path, 'LOOP');
        return;
      }
      if (mode === 'endless-pages' && STATEMENTS.test(url)) {
        list(res, path, `t${++page}`);
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await fetch(`${emu.url}${url}`, {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            ([k, v]) => typeof v === 'string' && k !== 'host',
          ) as Array<[string, string]>,
        ),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(
        upstream.status,
        Object.fromEntries(
          [...upstream.headers].filter(
            ([k]) =>
              ![
                'content-length',
                'content-encoding',
                'transfer-encoding',
              ].includes(k),
          ),
        ),
      );
      res.end(Buffer.from(await upstream.arrayBuffer()));
    },
  );
  return new Promise<{
    url: string;
    setMode(m: Mode): void;
    stop(): Promise<void>;
  }>(resolve =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        setMode: m => {
          mode = m;
        },
        stop: () => new Promise(r => server.close(() => r())),
      });
    }),
  );
}

describe('ConfluentEntityProvider against a broken upstream', () => {
  let emu: ConfluentEmulator;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    proxy = await startProxy(emu);
  });
  afterAll(async () => {
    await proxy?.stop();
    await emu?.stop();
  });

  it.each<[Mode, RegExp]>([
    ['malformed', /unreadable answer to listConnectors/],
    ['self-page', /the same page token came back twice/],
    ['endless-pages', /more than 1000 pages/],
  ])(
    'logs a %s answer, changes nothing, and recovers on the next refresh',
    async (mode, reason) => {
      const behindProxy = {
        ...emu,
        backstageConfig: () =>
          JSON.parse(
            JSON.stringify(emu.backstageConfig())
              .split(emu.url)
              .join(proxy.url),
          ),
      } as ConfluentEmulator;
      let task: (() => Promise<void>) | undefined;
      const logger = new CapturingLogger();
      const { provider } = makeProvider(behindProxy, {
        logger,
        confluent: { maxRetries: 0 },
        schedule: { run: async t => void (task = t.fn as () => Promise<void>) },
      });
      const { connection, mutations } = recordingConnection();
      proxy.setMode(mode);
      await provider.connect(connection);
      await expect(task!()).resolves.toBeUndefined();
      expect(mutations).toEqual([]);
      const errors = logger.lines.filter(l => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(reason);

      proxy.setMode('healthy');
      await task!();
      expect(mutations).toHaveLength(1);
      expect(mutations[0]).toMatchObject({ type: 'full' });
    },
  );
});

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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, Server, Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { actionContext } from '../__testUtils__/actionContext';
import { createDatabaseNetwork, HostResolver } from '../lib/network';
import { createConfluentCdcPreflightAction } from './cdcPreflight';

/*
 * Issue 13 leftovers on the preflight's connection (and the plan's column
 * read, which shares it):
 * - failures are one answer and bounded by the connect timeout, an
 *   unroutable address (a socket that never connects) and a hanging
 *   resolver included;
 * - `sslMode: prefer` never falls back to sending the password
 *   unencrypted: a server without SSL that asks for it in cleartext or MD5
 *   does not get it (only `disable` sends it, explicitly);
 * - the password sent is the task's only: never the backend's own
 *   PGPASSWORD or ~/.pgpass, which pg would otherwise fall back to.
 * Only loopback is ever connected to: a fake PostgreSQL that records what
 * it receives, or sockets that never connect.
 */

const TASK_PASSWORD = 'task-pass-1f2e9d';
const BACKEND_PASSWORD = 'backend-own-pg-secret-77c1';

interface Check {
  id: string;
  passed: boolean;
  detail: string;
  fix?: string;
}

function preflight(
  options: {
    createSocket?: () => Duplex;
    resolve?: HostResolver;
    resolveTimeoutMs?: number;
    connectTimeoutMs?: number;
  } = {},
) {
  const action = createConfluentCdcPreflightAction({
    connectTimeoutMs: options.connectTimeoutMs ?? 1500,
    network: createDatabaseNetwork({
      allowedHosts: ['127.0.0.1/32', '*.example.com'],
      resolve:
        options.resolve ??
        (async () => {
          throw new Error('no resolution in this test');
        }),
      resolveTimeoutMs: options.resolveTimeoutMs,
      createSocket: options.createSocket,
    }),
  });
  return async (input: {
    hostname?: string;
    port: number;
    sslMode?: string;
    password?: boolean;
  }) => {
    const { ctx, outputs } = actionContext({
      input: {
        hostname: input.hostname ?? '127.0.0.1',
        port: input.port,
        database: 'shop',
        user: 'cdc',
        ...(input.password === false ? {} : { passwordSecret: 'dbPassword' }),
        ...(input.sslMode ? { sslMode: input.sslMode } : {}),
        tables: ['customers'],
      },
      secrets: { dbPassword: TASK_PASSWORD },
      isDryRun: true,
    });
    await action.handler(ctx);
    const checks = outputs.checks as unknown as Check[];
    return { checks, connect: checks.find(c => c.id === 'connect')! };
  };
}

/** A PostgreSQL message: type byte, length, body. */
function message(type: string, body: Buffer) {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/**
 * A loopback server speaking just enough PostgreSQL: it answers 'N' to
 * SSLRequest (no SSL), asks for the password as told, and records every
 * password message before failing authentication.
 */
async function fakePostgres(auth: 'cleartext' | 'md5') {
  const received: Buffer[] = [];
  const passwordMessages: Buffer[] = [];
  const sockets: Socket[] = [];
  const server: Server = createServer(socket => {
    sockets.push(socket);
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8 || buffer.length < buffer.readInt32BE(0)) {
            return;
          }
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(buffer.readInt32BE(0));
          if (code === 80877103) {
            socket.write('N');
            continue;
          }
          started = true;
          socket.write(
            auth === 'cleartext'
              ? message('R', int32(3))
              : message('R', Buffer.concat([int32(5), Buffer.from('s4lt')])),
          );
          continue;
        }
        if (buffer.length < 5 || buffer.length < buffer.readInt32BE(1) + 1) {
          return;
        }
        const length = buffer.readInt32BE(1) + 1;
        if (buffer.toString('latin1', 0, 1) === 'p') {
          passwordMessages.push(buffer.subarray(5, length));
        }
        buffer = buffer.subarray(length);
        socket.end(
          message(
            'E',
            Buffer.from(
              'SFATAL\0C28P01\0Mpassword authentication failed\0\0',
              'latin1',
            ),
          ),
        );
        return;
      }
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    received: () => Buffer.concat(received).toString('latin1'),
    passwordMessages,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise(r => server.close(r));
    },
  };
}

describe('the preflight connection (issue 13)', () => {
  const servers: Array<{ stop(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(servers.map(s => s.stop()));
  });

  async function closedPort() {
    const server = createServer();
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise(r => server.close(r));
    return port;
  }

  describe('failures are one answer, bounded in time', () => {
    it('answers an unroutable address (a socket that never connects) as a closed port, after the connect timeout', async () => {
      const sockets: Socket[] = [];
      const unroutable = preflight({
        connectTimeoutMs: 300,
        createSocket: () => {
          // Like SYNs dropped on the way: connect() never completes.
          const socket = new Socket();
          socket.connect = (() => socket) as any;
          sockets.push(socket);
          return socket;
        },
      });
      const port = await closedPort();
      const hanging = await unroutable({ port });
      const closed = await preflight()({ port });
      expect(sockets.length).toBeGreaterThan(0);
      expect(sockets.every(s => s.destroyed)).toBe(true);
      expect(hanging.checks).toHaveLength(1);
      expect(hanging.connect).toEqual(closed.connect);
      expect(hanging.connect.detail).toBe(
        `Could not connect to 127.0.0.1:${port}/shop as cdc`,
      );
    });

    it('answers a resolver that never answers as a name not allowed, after the resolve timeout, without a socket', async () => {
      const createSocket = jest.fn(() => new Socket());
      const run = preflight({
        resolve: () => new Promise<string[]>(() => {}),
        resolveTimeoutMs: 200,
        createSocket,
      });
      const { connect } = await run({
        hostname: 'slow-dns.example.com',
        port: 5432,
      });
      expect(connect.detail).toBe(
        'slow-dns.example.com: host not allowed by configuration (confluent.scaffolder.allowedDatabaseHosts)',
      );
      expect(createSocket).not.toHaveBeenCalled();
    });
  });

  describe('sslMode prefer never sends the password unencrypted', () => {
    it.each(['cleartext', 'md5'] as const)(
      'does not answer a server without SSL asking for a %s password, and says how to fix it',
      async auth => {
        const pg = await fakePostgres(auth);
        servers.push(pg);
        for (const sslMode of [undefined, 'prefer']) {
          const { connect } = await preflight()({ port: pg.port, sslMode });
          expect(connect.passed).toBe(false);
          expect(connect.detail).toBe(
            `127.0.0.1:${pg.port}/shop accepts no SSL and asked for the password in a form readable on the network; with SSL mode prefer it is not sent`,
          );
          expect(connect.fix).toContain('choose SSL mode disable');
        }
        expect(pg.passwordMessages).toEqual([]);
        expect(pg.received()).not.toContain(TASK_PASSWORD);
      },
    );

    it('sends it only when disable was chosen', async () => {
      const pg = await fakePostgres('cleartext');
      servers.push(pg);
      const { connect } = await preflight()({
        port: pg.port,
        sslMode: 'disable',
      });
      expect(connect.detail).toBe(
        `Could not connect to 127.0.0.1:${pg.port}/shop as cdc`,
      );
      expect(pg.passwordMessages.map(m => m.toString('latin1'))).toEqual([
        `${TASK_PASSWORD}\0`,
      ]);
    });

    it('with require, fails on a server without SSL without sending anything past the SSL request', async () => {
      const pg = await fakePostgres('cleartext');
      servers.push(pg);
      const { connect } = await preflight()({
        port: pg.port,
        sslMode: 'require',
      });
      expect(connect.detail).toBe(
        `Could not connect to 127.0.0.1:${pg.port}/shop as cdc`,
      );
      expect(pg.passwordMessages).toEqual([]);
      expect(pg.received()).not.toContain('cdc');
    });
  });

  describe("the backend's own PostgreSQL credentials", () => {
    const saved = { ...process.env };
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgpass-'));
      const file = path.join(dir, 'pgpass');
      fs.writeFileSync(file, `*:*:*:*:${BACKEND_PASSWORD}-file\n`, {
        mode: 0o600,
      });
      process.env.PGPASSWORD = BACKEND_PASSWORD;
      process.env.PGPASSFILE = file;
    });
    afterEach(() => {
      process.env = { ...saved };
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('never sends PGPASSWORD or ~/.pgpass to a typed host when the template gives no password', async () => {
      const pg = await fakePostgres('cleartext');
      servers.push(pg);
      const { connect } = await preflight()({
        port: pg.port,
        sslMode: 'disable',
        password: false,
      });
      expect(connect.passed).toBe(false);
      expect(pg.received()).not.toContain(BACKEND_PASSWORD);
      expect(pg.passwordMessages).toEqual([]);
    });
  });
});

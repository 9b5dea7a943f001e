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
import { randomBytes } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { actionContext } from '../__testUtils__/actionContext';
import {
  createWorkshopDatabase,
  PgServer,
} from '../__testUtils__/throwawayPostgres';
import { createDatabaseNetwork, DatabaseNetworkOptions } from '../lib/network';
import { createConfluentCdcPreflightAction } from './cdcPreflight';

/*
 * Issue 13 (network targets by allow-list) and 16.6 (the preflight is not a
 * scanner or a fingerprinter). Rule of these tests: nothing but loopback is
 * ever connected to. Refusals are asserted to happen before the resolver
 * and the socket factory are called; the addresses refused appear only as
 * the resolver's made-up answers or as typed text, never as a target.
 */

const MACHINE: PgServer = { host: '127.0.0.1', port: 5432, user: 'postgres' };

function preflight(
  allowedHosts: string[],
  answers: Record<string, string[]> = {},
) {
  const resolve = jest.fn(async (host: string) => {
    if (!answers[host]) throw new Error(`ENOTFOUND ${host}`);
    return answers[host];
  });
  const connectedTo: string[] = [];
  // Records where each socket goes; only loopback tests let one open.
  const createSocket = jest.fn(() => {
    const socket = new Socket();
    const connect = socket.connect.bind(socket) as (...args: any[]) => Socket;
    socket.connect = ((...args: any[]) => {
      connectedTo.push(`${args[1]}:${args[0]}`);
      if (args[1] !== '127.0.0.1')
        throw new Error('test opened a non-loopback socket');
      return connect(...args);
    }) as any;
    return socket;
  });
  const options: DatabaseNetworkOptions = {
    allowedHosts,
    resolve,
    createSocket,
  };
  const action = createConfluentCdcPreflightAction({
    connectTimeoutMs: 1500,
    network: createDatabaseNetwork(options),
  });
  async function run(hostname: string, port = 5432, database = 'postgres') {
    const { ctx, outputs } = actionContext({
      input: {
        hostname,
        port,
        database,
        user: 'postgres',
        tables: ['customers'],
      },
      isDryRun: true,
    });
    await action.handler(ctx);
    const checks = outputs.checks as Array<{
      id: string;
      passed: boolean;
      detail: string;
      fix?: string;
    }>;
    return { outputs, checks, connect: checks.find(c => c.id === 'connect')! };
  }
  return { run, resolve, createSocket, connectedTo };
}

describe('confluent:cdc:preflight network allow-list', () => {
  const production = ['*.rds.amazonaws.com', 'orders-db.example.com'];

  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback, another spelling', '127.1'],
    ['IPv6 loopback', '::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['the cloud metadata address', '169.254.169.254'],
    ['a private address', '10.1.2.3'],
    ['the unspecified address', '0.0.0.0'],
    ['a Unix socket path', '/var/run/postgresql'],
    ['a URL', 'http://orders-db.example.com/'],
    ['a name not listed', 'redis.internal'],
  ])('refuses %s before resolving or connecting', async (_, host) => {
    const t = preflight(production);
    const { connect, outputs } = await t.run(host);
    expect(outputs.passed).toBe(false);
    expect(connect.passed).toBe(false);
    expect(connect.detail).toContain('host not allowed by configuration');
    expect(connect.fix).toContain('confluent.scaffolder.allowedDatabaseHosts');
    expect(t.resolve).not.toHaveBeenCalled();
    expect(t.createSocket).not.toHaveBeenCalled();
  });

  it.each([
    ['loopback', ['127.0.0.1']],
    ['the metadata address', ['169.254.169.254']],
    ['a private address', ['192.168.7.7']],
    ['a NAT64 address of loopback', ['64:ff9b::7f00:1']],
    ['a public and a loopback address', ['203.0.113.9', '127.0.0.1']],
  ])(
    'refuses a listed name that resolves to %s, before connecting',
    async (_, addresses) => {
      const t = preflight(production, {
        'orders.abc.us-east-1.rds.amazonaws.com': addresses,
      });
      const { connect } = await t.run('orders.abc.us-east-1.rds.amazonaws.com');
      expect(connect.detail).toBe(
        'orders.abc.us-east-1.rds.amazonaws.com: host not allowed by configuration (confluent.scaffolder.allowedDatabaseHosts)',
      );
      expect(t.resolve).toHaveBeenCalledTimes(1);
      expect(t.createSocket).not.toHaveBeenCalled();
    },
  );

  it('says the same for a name that does not resolve as for a refused one', async () => {
    const t = preflight(['10.0.0.0/8'], {
      'internal-redis.corp': ['172.20.0.5'],
    });
    const unknown = await t.run('no-such-host.corp');
    const refused = await t.run('internal-redis.corp');
    expect(unknown.connect.detail).toBe(
      'no-such-host.corp: host not allowed by configuration (confluent.scaffolder.allowedDatabaseHosts)',
    );
    expect(refused.connect.detail).toBe(
      'internal-redis.corp: host not allowed by configuration (confluent.scaffolder.allowedDatabaseHosts)',
    );
    expect(t.createSocket).not.toHaveBeenCalled();
  });

  it('refuses everything when nothing is configured', async () => {
    const t = preflight([]);
    const { connect } = await t.run('orders-db.example.com');
    expect(connect.detail).toContain('host not allowed by configuration');
    expect(t.resolve).not.toHaveBeenCalled();
    expect(t.createSocket).not.toHaveBeenCalled();
  });

  it('connects to the address it checked, resolving once (no rebinding)', async () => {
    const database = `sec_preflight_${randomBytes(4).toString('hex')}`;
    const drop = await createWorkshopDatabase(MACHINE, database);
    try {
      const t = preflight(['127.0.0.1/32'], {
        'workshop-db.test': ['127.0.0.1'],
      });
      const { connect } = await t.run(
        'workshop-db.test',
        MACHINE.port,
        database,
      );
      expect(connect).toEqual(
        expect.objectContaining({
          passed: true,
          detail: `Connected to workshop-db.test:5432/${database} as postgres`,
        }),
      );
      expect(t.resolve).toHaveBeenCalledTimes(1);
      // prefer (the default) asks for SSL first, then (this server has
      // none) connects again without: both to the checked address.
      expect(t.connectedTo).toEqual(['127.0.0.1:5432', '127.0.0.1:5432']);
    } finally {
      await drop();
    }
  });
});

describe('confluent:cdc:preflight answers (16.6)', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];

  /** A loopback server that answers like `speak`, or never. */
  async function loopbackServer(speak?: (socket: Socket) => void) {
    const server = createServer(socket => {
      sockets.push(socket);
      socket.on('error', () => {});
      speak?.(socket);
    });
    servers.push(server);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    return (server.address() as { port: number }).port;
  }

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map(s => new Promise(r => s.close(r))));
  });

  it('gives one answer for a closed port, an HTTP server, a silent service, a wrong database and a wrong user', async () => {
    const closed = await loopbackServer();
    await new Promise(r => servers.pop()!.close(r));
    const http = await loopbackServer(s =>
      s.end('HTTP/1.1 400 Bad Request\r\nServer: internal-admin/2.1\r\n\r\n'),
    );
    const redis = await loopbackServer(s =>
      s.end('-ERR unknown command, banner redis_version:7.2\r\n'),
    );
    const silent = await loopbackServer();
    const t = preflight(['127.0.0.1/32']);
    const answers = [
      await t.run('127.0.0.1', closed, 'db'),
      await t.run('127.0.0.1', http, 'db'),
      await t.run('127.0.0.1', redis, 'db'),
      await t.run('127.0.0.1', silent, 'db'),
      await t.run(
        '127.0.0.1',
        MACHINE.port,
        `missing_${randomBytes(3).toString('hex')}`,
      ),
    ];
    const uniform = answers.map(a => ({
      checks: a.checks.length,
      passed: a.connect.passed,
      // The typed port and database are the only differences.
      detail: a.connect.detail.replace(/:\d+\/\w+ /, ':PORT/DB '),
      fix: a.connect.fix,
    }));
    for (const answer of uniform) expect(answer).toEqual(uniform[0]);
    expect(uniform[0].detail).toBe(
      'Could not connect to 127.0.0.1:PORT/DB as postgres',
    );
    const text = JSON.stringify(answers.map(a => a.outputs));
    expect(text).not.toMatch(
      /internal-admin|redis_version|ECONNREFUSED|timeout|does not exist|HTTP/i,
    );
  });

  it('reports no server version, other roles or other databases', async () => {
    const t = preflight(['127.0.0.1/32']);
    const { outputs } = await t.run('127.0.0.1', MACHINE.port, 'postgres');
    expect(outputs.serverVersion).toBeUndefined();
    const text = JSON.stringify(outputs);
    // The machine's server has these; the user named neither.
    expect(text).not.toMatch(
      /PostgreSQL \d|\b15\.\d|template1|pg_monitor|rds_superuser/,
    );
  });
});

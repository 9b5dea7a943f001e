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
  AuthenticationError,
  InputError,
  NotFoundError,
  serializeError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  ConfluentEmulator,
  EmulatorApi,
} from '@shiftleft/confluent-emulator';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from './ConfluentClient';
import {
  CONFLUENT_API_TITLES,
  ConfluentApiName,
  getConfluentErrorDetails,
} from './errors';
import { ConfluentResponseInfo } from './http/transport';
import { CapturingLogger } from './__testUtils__/CapturingLogger';
import {
  clientFor,
  emulatorConfig,
  eventually,
} from './__testUtils__/emulator';

/** A representative read of each API, through the client. */
const READS: Record<
  ConfluentApiName,
  {
    operation: string;
    call: (c: ConfluentClient, emu: ConfluentEmulator) => Promise<unknown>;
  }
> = {
  org: {
    operation: 'getEnvironment',
    call: (c, e) => c.org.getEnvironment(e.ids.environmentId),
  },
  iam: {
    operation: 'listServiceAccounts',
    call: c => c.iam.listServiceAccounts(),
  },
  fcpm: {
    operation: 'listComputePools',
    call: (c, e) => c.computePools(e.ids.environmentId).listComputePools(),
  },
  flink: {
    operation: 'listStatements',
    call: (c, e) => c.flink(e.ids.environmentId).listStatements(),
  },
  connect: {
    operation: 'listConnectors',
    call: (c, e) =>
      c.connect(e.ids.environmentId, e.ids.kafkaClusterId).listConnectors(),
  },
  schemaRegistry: {
    operation: 'listSubjects',
    call: (c, e) => c.schemaRegistry(e.ids.environmentId).listSubjects(),
  },
  catalog: {
    operation: 'listTagDefs',
    call: (c, e) => c.catalog(e.ids.environmentId).listTagDefs(),
  },
  kafka: {
    operation: 'listTopics',
    call: (c, e) =>
      c.kafka(e.ids.environmentId, e.ids.kafkaClusterId).listTopics(),
  },
};
const APIS = Object.keys(READS) as ConfluentApiName[];

/** The error a call fails with (the test fails if it succeeds). */
function failureOf(call: Promise<unknown>): Promise<Error> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error) => error,
  );
}

/** The config of an emulator with one API's secret replaced. */
function withWrongSecret(
  emu: ConfluentEmulator,
  api: ConfluentApiName,
  secret: string,
) {
  const config = emulatorConfig(emu) as any;
  const env = config.environments[0];
  if (['org', 'iam', 'fcpm', 'connect'].includes(api))
    config.cloud.apiSecret = secret;
  if (api === 'flink') env.flink.apiSecret = secret;
  if (api === 'schemaRegistry' || api === 'catalog')
    env.schemaRegistry.apiSecret = secret;
  if (api === 'kafka') env.kafkaClusters[0].apiSecret = secret;
  return config;
}

/** Listens on a free port; `handler` decides what each request gets. */
async function startServer(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('ConfluentClient resilience', () => {
  let emu: ConfluentEmulator;
  const env = () => emu.ids.environmentId;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(async () => {
    await emu?.stop();
  });

  afterEach(() => {
    emu.clearFaults();
  });

  describe('rate limiting', () => {
    it('retries a 429 storm and then succeeds', async () => {
      const logger = new CapturingLogger();
      const seen: ConfluentResponseInfo[] = [];
      const client = clientFor(emu, { logger, onResponse: r => seen.push(r) });
      emu.injectFaults({
        api: 'flink',
        status: 429,
        times: 3,
        retryAfterSeconds: 0,
      });
      const before = emu.requestCount('flink');

      const statements = await client.flink(env()).listStatements();

      expect(statements.length).toBeGreaterThan(0);
      expect(emu.requestCount('flink')).toBe(before + 4);
      expect(seen.map(r => r.status)).toEqual([429, 429, 429, 200]);
      expect(
        logger.lines.filter(l => l.level === 'warn').map(l => l.message),
      ).toEqual([
        'Confluent Flink SQL API listStatements: 429 too_many_requests (request id ' +
          `${seen[0].requestId}); retry 1 of 4 in 0 ms as the server asked`,
        expect.stringContaining('retry 2 of 4 in 0 ms as the server asked'),
        expect.stringContaining('retry 3 of 4 in 0 ms as the server asked'),
      ]);
    });

    it('waits as long as Retry-After says', async () => {
      const logger = new CapturingLogger();
      const client = clientFor(emu, { logger });
      emu.injectFaults({
        api: 'org',
        status: 429,
        times: 1,
        retryAfterSeconds: 1,
      });

      await expect(client.org.getEnvironment(env())).resolves.toMatchObject({
        id: env(),
      });

      const warning = logger.lines.find(l => l.level === 'warn')!;
      expect(warning.message).toMatch(
        /retry 1 of 4 in 1000 ms as the server asked$/,
      );
      expect(warning.meta).toMatchObject({
        api: 'org',
        status: 429,
        delayMs: 1000,
      });
    });

    it('caps a long Retry-After at retryMaxDelayMs', async () => {
      const logger = new CapturingLogger();
      const client = clientFor(emu, {
        logger,
        config: { retryMaxDelay: { milliseconds: 30 } },
      });
      emu.injectFaults({
        api: 'iam',
        status: 429,
        times: 1,
        retryAfterSeconds: 3600,
      });

      await expect(client.iam.listServiceAccounts()).resolves.not.toHaveLength(
        0,
      );
      expect(logger.lines.find(l => l.level === 'warn')?.message).toMatch(
        /in 30 ms as the server asked$/,
      );
    });

    it('gives up after maxRetries with a ServiceUnavailableError (Kafka REST HTML 429)', async () => {
      const client = clientFor(emu, { config: { maxRetries: 2 } });
      emu.injectFaults({
        api: 'kafka',
        status: 429,
        times: 5,
        retryAfterSeconds: 0,
      });
      const before = emu.requestCount('kafka');

      const error = await failureOf(READS.kafka.call(client, emu));

      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(
        /^Confluent Kafka REST API is rate limiting listTopics \(429, request id [^)]+\) after 3 attempts/,
      );
      expect(error.message).not.toContain('<html');
      expect(getConfluentErrorDetails(error)).toMatchObject({
        status: 429,
        attempts: 3,
      });
      expect(emu.requestCount('kafka')).toBe(before + 3);
    });
  });

  describe('server errors', () => {
    it.each(APIS)('retries 5xx on a %s read and succeeds', async api => {
      const client = clientFor(emu);
      emu.injectFaults({
        api: api as EmulatorApi,
        status: 503,
        times: 1,
        retryAfterSeconds: 0,
      });
      emu.injectFaults({ api: api as EmulatorApi, status: 500, times: 1 });
      const before = emu.requestCount(api as EmulatorApi);

      await expect(READS[api].call(client, emu)).resolves.toBeDefined();
      expect(emu.requestCount(api as EmulatorApi)).toBe(before + 3);
    });

    it('reports exhausted 5xx retries with the upstream message', async () => {
      const client = clientFor(emu, { config: { maxRetries: 1 } });
      emu.injectFaults({ api: 'connect', status: 500, times: 5 });

      const error = await failureOf(READS.connect.call(client, emu));

      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(
        /^Confluent Connect API failed on listConnectors with a server error \(500, request id [^)]+\) after 2 attempts; caused by ConfluentApiError: listConnectors: GET \/connect\/v1\/environments\/.+\/connectors → 500 → "Oops, something went wrong"/,
      );
    });

    it('never retries a POST that got a 500, and says so clearly', async () => {
      const client = clientFor(emu);
      emu.injectFaults({
        api: 'flink',
        status: 500,
        times: 1,
        methods: ['POST'],
      });
      const before = emu.requestCount('flink');

      const error = await client
        .flink(env())
        .createStatement({ name: 'not-retried', statement: 'SELECT 1;' })
        .catch(e => e);

      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(
        /^Confluent Flink SQL API failed on createStatement statement 'not-retried' with a server error \(500 internal_server_error, request id [^)]+\); caused by/,
      );
      expect(error.message).not.toMatch(/attempts/);
      expect(getConfluentErrorDetails(error)).toMatchObject({
        method: 'POST',
        status: 500,
        attempts: 1,
      });
      expect(emu.requestCount('flink')).toBe(before + 1);
      await expect(
        client.flink(env()).getStatement('not-retried'),
      ).rejects.toThrow(NotFoundError);
    });

    it('retries a schema registration, which is safe to repeat', async () => {
      const client = clientFor(emu);
      emu.injectFaults({
        api: 'schemaRegistry',
        status: 502,
        times: 1,
        methods: ['POST'],
      });
      const before = emu.requestCount('schemaRegistry');

      await expect(
        client
          .schemaRegistry(env())
          .registerSchema('retried-value', { schema: '"string"' }),
      ).resolves.toMatchObject({ id: expect.any(Number) });
      expect(emu.requestCount('schemaRegistry')).toBe(before + 2);
    });
  });

  describe('credentials', () => {
    it.each(APIS)(
      'a wrong %s key gives an AuthenticationError naming the API',
      async api => {
        const wrong = `wrong-${api}-secret-0123456789`;
        const client = ConfluentClient.create({
          config: withWrongSecret(emu, api, wrong),
        });
        const before = emu.requestCount(api as EmulatorApi);

        const error = await failureOf(READS[api].call(client, emu));

        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error.message).toMatch(
          new RegExp(
            `^${CONFLUENT_API_TITLES[api]} rejected the credentials for ${READS[api].operation}[^(]* \\(401[^)]*, request id [^)]+\\)`,
          ),
        );
        expect(error.message).toMatch(
          /check confluent\.(cloud|environments\[0\]\.\w+(\[0\])?)\.apiKey and apiSecret/,
        );
        expect(error.message).not.toContain(wrong);
        // Credentials do not get better by retrying.
        expect(emu.requestCount(api as EmulatorApi)).toBe(before + 1);
      },
    );
  });

  describe('conflicts', () => {
    it('re-reads and retries a stop whose resource_version went stale', async () => {
      // A proxy in front of the emulator lets another writer change the
      // statement between the client's GET and its PUT, the race a 409 on a
      // stale resource_version exists for.
      const otherWriter = clientFor(emu);
      let interposed = false;
      const proxy = await startServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', c => chunks.push(c));
        req.on('end', async () => {
          if (req.method === 'PUT' && !interposed) {
            interposed = true;
            const name = decodeURIComponent(req.url!.split('/').pop()!);
            const other = otherWriter.flink(env());
            try {
              await other.stopStatement(name);
              await eventually(
                () => other.getStatement(name),
                s => s.status.phase === 'STOPPED',
              );
              await other.resumeStatement(name);
              await eventually(
                () => other.getStatement(name),
                s => s.status.phase === 'RUNNING',
              );
            } catch (error) {
              res.writeHead(500).end(`the other writer failed: ${error}`);
              return;
            }
          }
          const upstream = http.request(
            `${emu.url}${req.url}`,
            { method: req.method, headers: req.headers },
            up => {
              res.writeHead(up.statusCode!, up.headers);
              up.pipe(res);
            },
          );
          upstream.end(Buffer.concat(chunks));
        });
      });
      try {
        const logger = new CapturingLogger();
        const seen: ConfluentResponseInfo[] = [];
        const config = emulatorConfig(emu) as any;
        config.environments[0].flink.baseUrl = proxy.url;
        const client = ConfluentClient.create({
          config,
          logger,
          onResponse: r => seen.push(r),
        });
        const flink = client.flink(env());
        const running = (await flink.listStatements()).find(
          s => s.status.phase === 'RUNNING',
        )!;
        await eventually(
          () => flink.getStatement(running.name),
          s => s.status.phase === 'RUNNING',
        );
        seen.length = 0;

        const stopped = await flink.stopStatement(running.name);

        expect(stopped.spec.stopped).toBe(true);
        // GET, stale PUT, GET again, PUT with the new version (then a GET
        // for the new state when the PUT answers 202 without a body).
        expect(seen.slice(0, 4).map(r => `${r.method} ${r.status}`)).toEqual([
          'GET 200',
          'PUT 409',
          'GET 200',
          expect.stringMatching(/^PUT 20[02]$/),
        ]);
        expect(seen.slice(4).map(r => `${r.method} ${r.status}`)).toEqual(
          seen[3].body ? [] : ['GET 200'],
        );
        expect(logger.lines.map(l => l.message)).toContainEqual(
          expect.stringContaining(
            `statement '${running.name}' changed since it was read (409`,
          ),
        );
        await eventually(
          () => flink.getStatement(running.name),
          s => s.status.phase === 'STOPPED',
        );
        await flink.resumeStatement(running.name);
      } finally {
        await proxy.close();
      }
    });
  });

  describe('cancellation', () => {
    it('does not send a request when the signal is already aborted', async () => {
      const client = clientFor(emu);
      const controller = new AbortController();
      controller.abort();
      const before = emu.requestCount();

      await expect(
        client.flink(env()).listStatements({ signal: controller.signal }),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(emu.requestCount()).toBe(before);
    });

    it('aborts a backoff wait at once', async () => {
      const controller = new AbortController();
      const logger = new CapturingLogger();
      // Abort as soon as the client announces its (hour-long) wait.
      logger.warn = (message: string) => {
        if (message.includes('retry 1'))
          controller.abort(new Error('user navigated away'));
      };
      const client = clientFor(emu, {
        logger,
        config: { retryMaxDelay: { minutes: 10 } },
      });
      emu.injectFaults({
        api: 'catalog',
        status: 429,
        times: 1,
        retryAfterSeconds: 600,
      });
      const before = emu.requestCount('catalog');

      await expect(
        client.catalog(env()).listTagDefs({ signal: controller.signal }),
      ).rejects.toThrow('user navigated away');
      expect(emu.requestCount('catalog')).toBe(before + 1);
    });

    it('aborts a request in flight', async () => {
      const server = await startServer(() => {
        // Never answers.
      });
      try {
        const config = emulatorConfig(emu) as any;
        config.cloud.baseUrl = server.url;
        const client = ConfluentClient.create({ config });
        const controller = new AbortController();
        const pending = client.org.listEnvironments({
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(), 20);
        await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      } finally {
        await server.close();
      }
    });
  });

  describe('timeouts and network failures', () => {
    it('times out each attempt and retries reads', async () => {
      let requests = 0;
      const server = await startServer(() => {
        requests++;
      });
      try {
        const config = emulatorConfig(emu, {
          requestTimeout: { milliseconds: 50 },
          maxRetries: 1,
        }) as any;
        config.environments[0].schemaRegistry.baseUrl = server.url;
        const client = ConfluentClient.create({ config });

        const error = await client
          .schemaRegistry(env())
          .listSubjects()
          .catch(e => e);

        expect(error).toBeInstanceOf(ServiceUnavailableError);
        expect(error.message).toMatch(
          /^Confluent Schema Registry API did not answer listSubjects in time after 2 attempts/,
        );
        expect(getConfluentErrorDetails(error)).toMatchObject({
          failure: 'timeout',
          attempts: 2,
        });
        expect(requests).toBe(2);
      } finally {
        await server.close();
      }
    });

    it('times out a POST once, without retrying it', async () => {
      let requests = 0;
      const server = await startServer(() => {
        requests++;
      });
      try {
        const config = emulatorConfig(emu, {
          requestTimeout: { milliseconds: 50 },
        }) as any;
        config.environments[0].kafkaClusters[0].restBaseUrl = server.url;
        const client = ConfluentClient.create({ config });

        const error = await client
          .kafka(env(), emu.ids.kafkaClusterId)
          .createTopic({ name: 'slow' })
          .catch(e => e);

        expect(getConfluentErrorDetails(error)).toMatchObject({
          failure: 'timeout',
          attempts: 1,
        });
        expect(requests).toBe(1);
      } finally {
        await server.close();
      }
    });

    it('reports an unreachable API', async () => {
      const server = await startServer(() => {});
      const url = server.url;
      await server.close();
      const config = emulatorConfig(emu, { maxRetries: 1 }) as any;
      config.cloud.baseUrl = url;
      const client = ConfluentClient.create({ config });

      const error = await client.iam.listServiceAccounts().catch(e => e);

      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(
        /^Confluent IAM API is unreachable for listServiceAccounts \(ECONNREFUSED\) after 2 attempts/,
      );
    });
  });

  describe('pagination', () => {
    it('follows every page and matches the single-page list', async () => {
      const seen: ConfluentResponseInfo[] = [];
      const client = clientFor(emu, { onResponse: r => seen.push(r) });
      const flink = client.flink(env());
      const all = await flink.listStatements();
      expect(all.length).toBeGreaterThan(2);

      seen.length = 0;
      const paged = await flink.listStatements({ pageSize: 2 });
      expect(paged.map(s => s.name)).toEqual(all.map(s => s.name));
      expect(seen).toHaveLength(Math.ceil(all.length / 2));
      expect(seen[0].query.page_token).toBeUndefined();
      expect(
        seen.slice(1).every(r => typeof r.query.page_token === 'string'),
      ).toBe(true);
      expect(seen.every(r => r.query.page_size === '2')).toBe(true);
    });

    it('hands out pages and tokens, and iterates lazily', async () => {
      const seen: ConfluentResponseInfo[] = [];
      const client = clientFor(emu, { onResponse: r => seen.push(r) });
      const flink = client.flink(env());

      const first = await flink.listStatementsPage({ pageSize: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.nextPageToken).toEqual(expect.any(String));
      const second = await flink.listStatementsPage({
        pageSize: 1,
        pageToken: first.nextPageToken,
      });
      expect(second.items[0].name).not.toBe(first.items[0].name);

      seen.length = 0;
      for await (const statement of flink.iterateStatements({ pageSize: 1 })) {
        expect(statement.name).toBe(first.items[0].name);
        break;
      }
      expect(seen).toHaveLength(1);

      await expect(flink.listStatements({ pageSize: 500 })).rejects.toThrow(
        InputError,
      );
    });
  });

  describe('secrets', () => {
    it('never puts a secret in an error, its serialization or a log line', async () => {
      const logger = new CapturingLogger();
      const secrets = [
        emu.keys.cloud.secret,
        emu.keys.flink.secret,
        emu.keys.schemaRegistry.secret,
        emu.keys.kafka.secret,
        'pg-password-in-connector-config',
        'wrong-secret-for-the-test-000',
      ];
      const encoded = (key: string, secret: string) =>
        Buffer.from(`${key}:${secret}`).toString('base64');
      const forbidden = [
        ...secrets,
        encoded(emu.keys.cloud.key, emu.keys.cloud.secret),
        encoded(emu.keys.kafka.key, emu.keys.kafka.secret),
        encoded(emu.keys.flink.key, 'wrong-secret-for-the-test-000'),
      ];

      // A server that echoes the Authorization header and the request body
      // in its error messages, as careless APIs do.
      const echo = await startServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', c => chunks.push(c));
        req.on('end', () => {
          res.writeHead(400, {
            'content-type': 'application/json',
            'x-request-id': 'echo-1',
          });
          res.end(
            JSON.stringify({
              error_code: 400,
              message: `bad request; auth=${
                req.headers.authorization
              }; body=${Buffer.concat(chunks)}`,
            }),
          );
        });
      });
      const hanging = await startServer(() => {});
      const errors: unknown[] = [];
      try {
        const config = emulatorConfig(emu, {
          requestTimeout: { milliseconds: 50 },
          maxRetries: 1,
        }) as any;
        config.cloud.baseUrl = echo.url;
        config.environments[0].kafkaClusters[0].restBaseUrl = hanging.url;
        config.environments[0].flink.apiSecret =
          'wrong-secret-for-the-test-000';
        const client = ConfluentClient.create({ config, logger });

        const attempts: Array<() => Promise<unknown>> = [
          () =>
            client.connect(env(), emu.ids.kafkaClusterId).createConnector({
              name: 'leaky',
              config: {
                'connector.class': 'PostgresSink',
                'connection.password': 'pg-password-in-connector-config',
              },
            }),
          () => client.org.listEnvironments(),
          () => client.flink(env()).listStatements(),
          () => client.kafka(env(), emu.ids.kafkaClusterId).listTopics(),
        ];
        emu.injectFaults({ api: 'schemaRegistry', status: 500, times: 10 });
        attempts.push(() => client.schemaRegistry(env()).listSubjects());
        for (const attempt of attempts) {
          errors.push(
            await attempt().then(
              () => undefined,
              e => e,
            ),
          );
        }
      } finally {
        await echo.close();
        await hanging.close();
      }

      expect(errors.every(e => e instanceof Error)).toBe(true);
      // The echoed body still explains the failure, minus the secrets.
      expect((errors[0] as Error).message).toContain('[REDACTED]');
      expect((errors[0] as Error).message).toContain('connection.password');
      expect(logger.lines.some(l => l.level === 'warn')).toBe(true);

      const surfaces = [
        ...errors.flatMap(e => [
          String(e),
          (e as Error).message,
          JSON.stringify(serializeError(e as Error, { includeStack: true })),
          inspect(e, { depth: Infinity, showHidden: true }),
        ]),
        logger.text(),
      ].join('\n');
      for (const secret of forbidden) {
        expect(surfaces).not.toContain(secret);
      }
    });
  });
});

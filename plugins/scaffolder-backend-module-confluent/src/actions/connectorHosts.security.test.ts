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
import { JsonObject } from '@backstage/types';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { actionContext, actionOptions } from '../__testUtils__/actionContext';
import { createDatabaseNetwork } from '../lib/network';
import { createConfluentConnectorCreateAction } from './connectorCreate';

/*
 * Issue 13, "network targets by allow-list": hosts typed into a template
 * end up in connector configs (a CDC source's or a sink's
 * `database.hostname`, a Snowflake URL), and Confluent Cloud connects to
 * them with the user's password or the team's data. They pass the same
 * check as the CDC preflight: `confluent.scaffolder.allowedDatabaseHosts`,
 * after DNS resolution. Rule of these tests: the resolver and the socket
 * factory are injected; no socket is ever opened, and every refusal
 * happens before Confluent is asked anything.
 */

const OWNER = 'group:default/customer-data-team';
const NOT_ALLOWED = 'host not allowed by configuration';
const SINKS = {
  // A destination the platform configured: its host is not input.
  'platform-postgres': {
    type: 'postgres',
    host: 'reporting.internal.corp',
    database: 'reporting',
    user: 'loader',
    password: 'postgres-pass-7b2c41',
  },
};

describe('hosts typed into connector configs (issue 13)', () => {
  let emu: ConfluentEmulator;
  const answers: Record<string, string[]> = {
    'orders.abc.us-east-1.rds.amazonaws.com': ['203.0.113.10'],
    'loopback.rds.amazonaws.com': ['127.0.0.1'],
    'metadata.rds.amazonaws.com': ['169.254.169.254'],
    'mixed.rds.amazonaws.com': ['203.0.113.11', '10.0.0.7'],
  };
  const resolve = jest.fn(async (host: string) => {
    if (!answers[host]) throw new Error(`ENOTFOUND ${host}`);
    return answers[host];
  });
  const createSocket = jest.fn(() => {
    throw new Error('no socket may be opened');
  });

  beforeAll(async () => {
    emu = await startTestEmulator();
  }, 60_000);
  afterAll(() => emu?.stop());
  afterEach(() => jest.clearAllMocks());

  function action() {
    return createConfluentConnectorCreateAction({
      ...actionOptions(emu, { sinks: SINKS }),
      network: createDatabaseNetwork({
        // A production list: RDS names (public addresses) and one CIDR
        // standing in for a public range of the company's.
        allowedHosts: ['*.rds.amazonaws.com', '203.0.113.0/24'],
        resolve,
        createSocket,
      }),
    });
  }

  const source = (hostname: string, port?: number): JsonObject => ({
    name: 'sec-hosts-cdc',
    type: 'postgres-cdc-source',
    owner: OWNER,
    source: {
      database: {
        hostname,
        ...(port ? { port } : {}),
        name: 'shop',
        user: 'cdc',
        passwordSecret: 'dbPassword',
      },
      tables: ['customers'],
      topicPrefix: 'sechosts',
    },
  });
  const postgresSink = (hostname: string): JsonObject => ({
    name: 'sec-hosts-pg-sink',
    type: 'postgres-sink',
    owner: OWNER,
    sink: {
      topics: ['product_sales'],
      database: {
        hostname,
        name: 'reporting',
        user: 'loader',
        passwordSecret: 'dbPassword',
      },
    },
  });
  const redshiftSink = (hostname: string): JsonObject => ({
    name: 'sec-hosts-rs-sink',
    type: 'redshift-sink',
    owner: OWNER,
    sink: {
      topics: ['product_sales'],
      database: {
        hostname,
        name: 'analytics',
        user: 'loader',
        passwordSecret: 'dbPassword',
      },
    },
  });
  const snowflakeSink = (url: string): JsonObject => ({
    name: 'sec-hosts-sf-sink',
    type: 'snowflake-sink',
    owner: OWNER,
    sink: {
      topics: ['product_sales'],
      snowflake: {
        url,
        user: 'loader',
        privateKeySecret: 'sfKey',
        role: 'INGEST',
        database: 'ANALYTICS',
        schema: 'PUBLIC',
      },
    },
  });

  async function expectRefused(
    input: JsonObject,
    message: string,
    options: { isDryRun?: boolean } = {},
  ) {
    const before = emu.requestCount('connect');
    const { ctx } = actionContext({
      input,
      secrets: { dbPassword: 'db-pass-3c9d', sfKey: 'sf-key-77aa' },
      isDryRun: options.isDryRun,
    });
    await expect(action().handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message,
    });
    expect(emu.requestCount('connect')).toBe(before);
    expect(createSocket).not.toHaveBeenCalled();
  }

  it.each([
    ['loopback', '127.0.0.1'],
    ['IPv6 loopback', '::1'],
    ['the cloud metadata address', '169.254.169.254'],
    ['a private address', '10.1.2.3'],
  ])(
    'refuses a CDC source on %s before resolving it or asking Confluent',
    async (_, host) => {
      await expectRefused(
        source(host),
        `Connector 'sec-hosts-cdc': the source database: ${host}: ${NOT_ALLOWED} (confluent.scaffolder.allowedDatabaseHosts)`,
      );
      expect(resolve).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['loopback', 'loopback.rds.amazonaws.com'],
    ['the metadata address', 'metadata.rds.amazonaws.com'],
    ['a public and a private address', 'mixed.rds.amazonaws.com'],
    ['nothing (a name not listed)', 'redis.internal'],
  ])(
    'refuses a listed name that resolves to %s, in a dry run too',
    async (_, host) => {
      for (const isDryRun of [false, true]) {
        await expectRefused(
          source(host),
          `Connector 'sec-hosts-cdc': the source database: ${host}: ${NOT_ALLOWED} (confluent.scaffolder.allowedDatabaseHosts)`,
          { isDryRun },
        );
      }
      expect(resolve).toHaveBeenCalledWith(host);
    },
  );

  it('checks the typed database of a Postgres and a Redshift sink, and a typed Snowflake URL', async () => {
    await expectRefused(
      postgresSink('10.20.30.40'),
      `Connector 'sec-hosts-pg-sink': the sink database: 10.20.30.40: ${NOT_ALLOWED} (confluent.scaffolder.allowedDatabaseHosts)`,
    );
    // A name that does not resolve reads like a refused one.
    await expectRefused(
      redshiftSink('nowhere.rds.amazonaws.com'),
      `Connector 'sec-hosts-rs-sink': the sink database: nowhere.rds.amazonaws.com: ${NOT_ALLOWED} (confluent.scaffolder.allowedDatabaseHosts)`,
    );
    await expectRefused(
      snowflakeSink('https://collector.example.net'),
      `Connector 'sec-hosts-sf-sink': the Snowflake sink: collector.example.net: ${NOT_ALLOWED} (confluent.scaffolder.allowedDatabaseHosts)`,
    );
    expect(resolve.mock.calls).toEqual([
      ['nowhere.rds.amazonaws.com'],
      ['collector.example.net'],
    ]);
  });

  it('takes an allowed host, resolving it once and connecting to nothing', async () => {
    const { ctx, outputs } = actionContext({
      input: source('orders.abc.us-east-1.rds.amazonaws.com'),
      secrets: { dbPassword: 'db-pass-3c9d' },
      isDryRun: true,
    });
    await action().handler(ctx);
    expect(outputs.action).toBe('create');
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(createSocket).not.toHaveBeenCalled();
  });

  it('does not check a destination the platform configured', async () => {
    const { ctx, outputs } = actionContext({
      input: {
        name: 'sec-hosts-configured',
        type: 'postgres-sink',
        owner: OWNER,
        sink: { topics: ['product_sales'], connection: 'platform-postgres' },
      },
      isDryRun: true,
    });
    await action().handler(ctx);
    expect((outputs.config as JsonObject)['connection.host']).toBe(
      'reporting.internal.corp',
    );
    expect(resolve).not.toHaveBeenCalled();
  });
});

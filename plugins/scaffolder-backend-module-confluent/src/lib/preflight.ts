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
import { CdcPreflightCheck } from '@shiftleft/plugin-confluent-common';
import { EventEmitter } from 'node:events';
import { Client, ClientConfig } from 'pg';
import { PgTableName } from './names';
import {
  ALLOWED_DATABASE_HOSTS_KEY,
  DatabaseEndpoint,
  DatabaseNetwork,
  HostNotAllowedError,
} from './network';
import { runChecks } from './preflight/checks';
import {
  ConnectionTarget,
  FoundCheck,
  PreflightTarget,
} from './preflight/types';

export type { ConnectionTarget, PreflightTarget } from './preflight/types';

/*
 * What Debezium's PostgreSQL connector needs from a database, checked
 * read-only: every query below is a catalog read or SHOW, inside a READ ONLY
 * transaction, so a preflight can never change the database it inspects.
 */

/** The result of a preflight. */
export interface PreflightResult {
  passed: boolean;
  checks: CdcPreflightCheck[];
}

const settle = (check: FoundCheck): CdcPreflightCheck => ({
  ...check,
  status: check.status ?? (check.passed ? 'passed' : 'failed'),
});

/*
 * SSL modes, as the preflight applies them (libpq's names):
 * - `disable`: plaintext. The only way to send a password unencrypted,
 *   chosen explicitly.
 * - `prefer` (the default): TLS when the server accepts it (certificate not
 *   verified, as libpq's prefer). When the server accepts no TLS, plaintext,
 *   but the password is never sent in a form read or replayed on the network
 *   (cleartext or MD5): only SCRAM, or no password (trust). libpq would send
 *   it either way.
 * - `require`: TLS, certificate not verified.
 * - `verify-ca`, `verify-full`: TLS with the certificate checked against the
 *   host name typed.
 */
function sslOption(
  mode: string,
  servername: string | undefined,
): ClientConfig['ssl'] {
  switch (mode) {
    case 'disable':
      return false;
    case 'verify-ca':
    case 'verify-full':
      // The connection goes to the checked address; the certificate is
      // still checked against the host name typed.
      return { rejectUnauthorized: true, servername };
    default:
      // `require`, and `prefer`'s first attempt.
      return { rejectUnauthorized: false, servername };
  }
}

/** pg's words when a server answers an SSLRequest with 'N'. */
const NO_SSL = 'The server does not support SSL connections';

/** A password request the preflight refuses to answer over plaintext. */
class UnencryptedPasswordRefused extends Error {}

type Connection =
  | { client: Client }
  | { refused: string }
  | { unencryptedPassword: true }
  | { unreachable: true };

type Attempt = Connection | { noSsl: true };

/**
 * One connection attempt. The password goes only to the server's request
 * and only as the task gave it: never pg's fallbacks (the backend's own
 * PGPASSWORD or ~/.pgpass, which a user-typed host must never receive).
 */
async function attempt(
  target: ConnectionTarget,
  endpoint: DatabaseEndpoint,
  options: {
    ssl: ClientConfig['ssl'];
    /** Plaintext after a refused TLS: answer SCRAM only. */
    scramOnly: boolean;
    applicationName: string;
  },
): Promise<Attempt> {
  let weakRequest = false;
  const client = new Client({
    host: endpoint.address,
    port: endpoint.port,
    stream: endpoint.stream,
    database: target.database,
    user: target.user,
    password: async () => {
      if (options.scramOnly && weakRequest) {
        throw new UnencryptedPasswordRefused();
      }
      if (target.password === undefined) {
        // Passwordless (trust) was declared: a server asking for one fails.
        throw new Error('no password');
      }
      return target.password;
    },
    ssl: options.ssl,
    connectionTimeoutMillis: target.connectTimeoutMs,
    statement_timeout: target.connectTimeoutMs,
    query_timeout: target.connectTimeoutMs,
    application_name: options.applicationName,
  });
  // Seen before pg asks for the password: cleartext and MD5 requests.
  const markWeak = () => {
    weakRequest = true;
  };
  const connection = (client as unknown as { connection: EventEmitter })
    .connection;
  connection.prependListener('authenticationCleartextPassword', markWeak);
  connection.prependListener('authenticationMD5Password', markWeak);
  // pg keeps the socket's errors on the client; without a listener an error
  // after connect would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    return { client };
  } catch (error) {
    await client.end().catch(() => {});
    if (error instanceof UnencryptedPasswordRefused) {
      return { unencryptedPassword: true };
    }
    if ((error as Error)?.message === NO_SSL) return { noSsl: true };
    return { unreachable: true };
  }
}

/**
 * Opens a connection to a user-typed database, only through the checked
 * address of an allowed host, within the connect timeout per attempt.
 * Every way of failing to connect (closed port, another service, an
 * unroutable address, TLS, authentication, unknown database, timeout) is
 * one answer, so the result cannot map the network or the server. The one
 * other answer is `prefer`'s refusal to send a password unencrypted.
 */
async function connect(
  target: ConnectionTarget,
  options: { network: DatabaseNetwork; applicationName: string },
): Promise<Connection> {
  let endpoint: DatabaseEndpoint;
  try {
    endpoint = await options.network.endpoint(target.host, target.port);
  } catch (error) {
    if (error instanceof HostNotAllowedError) return { refused: error.message };
    throw error;
  }
  const { applicationName } = options;
  const first = await attempt(target, endpoint, {
    ssl: sslOption(target.sslMode, endpoint.servername),
    scramOnly: false,
    applicationName,
  });
  if (!('noSsl' in first)) return first;
  if (target.sslMode !== 'prefer') return { unreachable: true };
  return (await attempt(target, endpoint, {
    ssl: false,
    scramOnly: true,
    applicationName,
  })) as Connection;
}

const CONNECT_TITLE = 'Connect to the database';

/**
 * Connects and runs every check; a failed connection is reported as the
 * only (failed) check. The checks say pass or fail with the fix, about
 * what the user named only: no server banner, no other roles or databases.
 * Never throws for what it finds, only when cancelled or for a bug.
 */
export async function runPreflight(
  target: PreflightTarget,
  options: { network: DatabaseNetwork; signal?: AbortSignal },
): Promise<PreflightResult> {
  const where = `${target.host}:${target.port}/${target.database}`;
  const failed = (detail: string, fix: string): PreflightResult => ({
    passed: false,
    checks: [
      {
        id: 'connect',
        title: CONNECT_TITLE,
        status: 'failed',
        passed: false,
        detail,
        fix,
      },
    ],
  });
  options.signal?.throwIfAborted();
  const connection = await connect(target, {
    network: options.network,
    applicationName: 'backstage-confluent-preflight',
  });
  if ('refused' in connection) {
    return failed(
      connection.refused,
      `Ask the portal's administrators to list the database host in ${ALLOWED_DATABASE_HOSTS_KEY}.`,
    );
  }
  if ('unencryptedPassword' in connection) {
    return failed(
      `${where} accepts no SSL and asked for the password in a form readable on the network; with SSL mode prefer it is not sent`,
      'Enable SSL on the database (ssl = on) and keep prefer, or use require or verify-full; or choose SSL mode disable to send the password unencrypted knowingly.',
    );
  }
  if ('unreachable' in connection) {
    return failed(
      `Could not connect to ${where} as ${target.user}`,
      'Check the host, port, database name, user and password, that the database accepts connections from this portal and from Confluent Cloud (pg_hba.conf, security groups), and the SSL mode.',
    );
  }
  const { client } = connection;
  const abort = () => {
    client.end().catch(() => {});
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    options.signal?.throwIfAborted();
    let checks: FoundCheck[];
    try {
      await client.query('BEGIN READ ONLY');
      checks = await runChecks(client, target);
      await client.query('ROLLBACK');
    } catch {
      options.signal?.throwIfAborted();
      // The server's own words (version, errors) stay out of the answer.
      checks = [
        {
          id: 'catalog_access',
          title: 'Read the replication settings',
          passed: false,
          detail: `${where} did not answer the checks as PostgreSQL 10 or later does`,
          fix: `Check that the server is PostgreSQL 10 or later and that ${target.user} may read its system catalogs.`,
        },
      ];
    }
    options.signal?.throwIfAborted();
    return {
      passed: checks.every(c => c.passed),
      checks: [
        {
          id: 'connect',
          title: CONNECT_TITLE,
          status: 'passed',
          passed: true,
          detail: `Connected to ${where} as ${target.user}`,
        },
        ...checks.map(settle),
      ],
    };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await client.end().catch(() => {});
  }
}

/**
 * The columns of tables, read-only (for a plan's PII trace). Undefined when
 * the database cannot be reached or its host is not allowed: the plan then
 * says so.
 */
export async function readTableColumns(
  target: ConnectionTarget & { tables: PgTableName[] },
  options: { network: DatabaseNetwork },
): Promise<Map<string, string[]> | undefined> {
  const connection = await connect(target, {
    network: options.network,
    applicationName: 'backstage-confluent-plan',
  });
  if (!('client' in connection)) return undefined;
  const { client } = connection;
  try {
    const { rows } = await client.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
    }>(
      `SELECT table_schema, table_name, column_name
         FROM information_schema.columns
        WHERE (table_schema, table_name) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        ORDER BY ordinal_position`,
      [target.tables.map(t => t.schema), target.tables.map(t => t.table)],
    );
    const columns = new Map<string, string[]>();
    for (const r of rows) {
      const key = `${r.table_schema}.${r.table_name}`;
      columns.set(key, [...(columns.get(key) ?? []), r.column_name]);
    }
    return columns;
  } finally {
    await client.end().catch(() => {});
  }
}

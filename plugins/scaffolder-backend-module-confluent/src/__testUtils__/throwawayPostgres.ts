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
 * Test helpers (not part of the package's API): a throwaway PostgreSQL
 * server configured for CDC (wal_level = logical), and the workshop's
 * operational schema. Used by this package's tests and by the portal's e2e
 * test (e2e-tests/scaffolder.spec.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** Where Debian puts PostgreSQL 15's server binaries. */
const DEFAULT_BIN_DIR = '/usr/lib/postgresql/15/bin';

/** A running throwaway server. */
export interface ThrowawayPostgres {
  host: string;
  port: number;
  /** The superuser (trust auth). */
  user: string;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a command as the `postgres` user when we are root (initdb refuses root). */
function asPostgres(command: string, args: string[]) {
  const isRoot = process.getuid?.() === 0;
  return isRoot
    ? run('runuser', ['-u', 'postgres', '--', command, ...args])
    : run(command, args);
}

/**
 * Starts a fresh PostgreSQL server on a free port of 127.0.0.1 with
 * `wal_level = logical` (or the given level), trust auth, in a temp dir.
 */
export async function startThrowawayPostgres(
  options: { walLevel?: 'logical' | 'replica'; binDir?: string } = {},
): Promise<ThrowawayPostgres> {
  const bin = options.binDir ?? process.env.PG_BIN_DIR ?? DEFAULT_BIN_DIR;
  if (!existsSync(`${bin}/initdb`)) {
    throw new Error(`PostgreSQL server binaries not found in ${bin}`);
  }
  const { stdout } = await asPostgres('mktemp', [
    '-d',
    '/tmp/backstage-confluent-pg-XXXXXX',
  ]);
  const dir = stdout.trim();
  const port = await freePort();
  await asPostgres(`${bin}/initdb`, [
    '-D',
    `${dir}/data`,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '--no-instructions',
  ]);
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=127.0.0.1`,
    `-c wal_level=${options.walLevel ?? 'logical'}`,
    '-c max_replication_slots=4',
    '-c max_wal_senders=4',
    '-c fsync=off',
    '-c full_page_writes=off',
  ].join(' ');
  await asPostgres(`${bin}/pg_ctl`, [
    '-D',
    `${dir}/data`,
    '-o',
    settings,
    '-l',
    `${dir}/server.log`,
    '-w',
    'start',
  ]);
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    async stop() {
      await asPostgres(`${bin}/pg_ctl`, [
        '-D',
        `${dir}/data`,
        '-m',
        'immediate',
        '-w',
        'stop',
      ]).catch(() => undefined);
      await asPostgres('rm', ['-rf', dir]);
    },
  };
}

/** Connection settings of a PostgreSQL server. */
export interface PgServer {
  host: string;
  port: number;
  user: string;
  password?: string;
}

async function withClient<T>(
  server: PgServer,
  database: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ ...server, database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The workshop's operational schema (lab 1): customers (with the PII column
 * `email`), addresses, products, orders and order_items, each with a primary
 * key, plus a few rows.
 */
export const WORKSHOP_SCHEMA_SQL = `
CREATE TABLE public.addresses (
  addressid integer PRIMARY KEY, street varchar(200), city varchar(100),
  state varchar(50), postalcode varchar(20), country varchar(50));
CREATE TABLE public.customers (
  customerid integer PRIMARY KEY, customername varchar(100) NOT NULL,
  email varchar(100), segment varchar(50),
  shipping_address_id integer REFERENCES public.addresses,
  billing_address_id integer REFERENCES public.addresses);
CREATE TABLE public.products (
  productid integer PRIMARY KEY, brand varchar(100) NOT NULL,
  productname varchar(200) NOT NULL, category varchar(100) NOT NULL,
  description text, color varchar(50), size varchar(20),
  price numeric(10,2) NOT NULL);
CREATE TABLE public.orders (
  orderid integer PRIMARY KEY, customerid integer NOT NULL REFERENCES public.customers,
  orderdate timestamp NOT NULL);
CREATE TABLE public.order_items (
  orderitemid integer PRIMARY KEY, orderid integer NOT NULL REFERENCES public.orders,
  productid integer NOT NULL REFERENCES public.products, quantity integer NOT NULL);
INSERT INTO public.addresses VALUES (1, '1 Main St', 'Springfield', 'IL', '62701', 'US');
INSERT INTO public.customers VALUES (1, 'Ada', 'ada@example.com', 'retail', 1, 1);
INSERT INTO public.products VALUES (1, 'Acme', 'Anvil', 'tools', NULL, 'black', 'L', 99.00);
INSERT INTO public.orders VALUES (1, 1, now());
INSERT INTO public.order_items VALUES (1, 1, 1, 2);
`;

/**
 * Creates a database with the workshop's tables; returns a function that
 * drops it.
 */
export async function createWorkshopDatabase(
  server: PgServer,
  database: string,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new Error(`unexpected database name ${database}`);
  }
  await withClient(server, 'postgres', c =>
    c.query(`CREATE DATABASE ${database}`),
  );
  await withClient(server, database, c => c.query(WORKSHOP_SCHEMA_SQL));
  return () =>
    withClient(server, 'postgres', c =>
      c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
    ).then(() => undefined);
}

/** Runs SQL in a database of a server (test setup). */
export function runSql(
  server: PgServer,
  database: string,
  sql: string,
): Promise<void> {
  return withClient(server, database, c => c.query(sql)).then(() => undefined);
}

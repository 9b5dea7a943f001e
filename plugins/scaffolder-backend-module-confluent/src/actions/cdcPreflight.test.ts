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
import { Client } from 'pg';
import { actionContext } from '../__testUtils__/actionContext';
import {
  createWorkshopDatabase,
  PgServer,
  runSql,
  startThrowawayPostgres,
  ThrowawayPostgres,
} from '../__testUtils__/throwawayPostgres';
import { createDatabaseNetwork } from '../lib/network';
import { createConfluentCdcPreflightAction } from './cdcPreflight';

const WORKSHOP_TABLES = [
  'public.customers',
  'public.addresses',
  'public.products',
  'public.orders',
  'public.order_items',
];
const MACHINE: PgServer = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const SECRET = 'pw-never-shown-7f3a9c';

const unique = (prefix: string) =>
  `${prefix}_${randomBytes(4).toString('hex')}`;

/** Publications, slots and roles: what a preflight must never change. */
async function snapshot(server: PgServer, database: string) {
  const client = new Client({ ...server, database });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM pg_publication) AS publications,
              (SELECT count(*) FROM pg_replication_slots) AS slots,
              (SELECT string_agg(rolname || rolreplication::text, ',' ORDER BY rolname) FROM pg_roles) AS roles,
              (SELECT count(*) FROM pg_constraint WHERE contype = 'p') AS pks`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('confluent:cdc:preflight', () => {
  const action = createConfluentCdcPreflightAction({
    connectTimeoutMs: 3000,
    // The test servers listen on loopback.
    network: createDatabaseNetwork({ allowedHosts: ['127.0.0.1/32'] }),
  });
  let logical: ThrowawayPostgres;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    logical = await startThrowawayPostgres();
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await logical?.stop();
  }, 60_000);

  async function workshopDb(server: PgServer) {
    const database = unique('preflight');
    cleanups.push(await createWorkshopDatabase(server, database));
    return database;
  }

  const input = (server: PgServer, database: string, extra = {}) => ({
    hostname: server.host,
    port: server.port,
    database,
    user: server.user,
    passwordSecret: 'dbPassword',
    tables: WORKSHOP_TABLES,
    ...extra,
  });

  it('passes on a database ready for CDC and changes nothing', async () => {
    const database = await workshopDb(logical);
    const before = await snapshot(logical, database);
    const { ctx, outputs, logger } = actionContext({
      input: input(logical, database, { maskFields: ['email'] }),
      secrets: { dbPassword: SECRET },
    });
    await action.handler(ctx);
    expect(outputs.passed).toBe(true);
    const checks = outputs.checks as Array<{ id: string; passed: boolean }>;
    expect(checks.map(c => c.id)).toEqual([
      'connect',
      'wal_level',
      'tables',
      'primary_keys',
      'select_privilege',
      'replication_privilege',
      'publication',
      'replication_slot',
      'mask_fields',
    ]);
    expect(checks.every(c => c.passed)).toBe(true);
    expect(await snapshot(logical, database)).toEqual(before);
    expect(logger.text()).not.toContain(SECRET);
    expect(JSON.stringify(outputs)).not.toContain(SECRET);
  });

  it("fails on the machine's PostgreSQL (wal_level = replica) with the fix", async () => {
    const database = await workshopDb(MACHINE);
    const before = await snapshot(MACHINE, database);
    const { ctx, outputs } = actionContext({
      input: input(MACHINE, database),
      secrets: { dbPassword: SECRET },
    });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    expect(error?.name).toBe('CdcPreflightError');
    expect(error.message).toContain('1 check failed');
    expect(error.message).toContain("wal_level is 'replica'");
    expect(error.message).toContain(
      'Fix: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.',
    );
    expect(error.message).not.toContain(SECRET);
    expect(outputs.passed).toBe(false);
    const failed = (outputs.checks as Array<{ id: string; passed: boolean }>)
      .filter(c => !c.passed)
      .map(c => c.id);
    expect(failed).toEqual(['wal_level']);
    expect(await snapshot(MACHINE, database)).toEqual(before);
  });

  it('lists every failed check with the SQL that fixes it', async () => {
    const database = await workshopDb(logical);
    const role = unique('cdc_reader');
    await runSql(
      logical,
      database,
      `CREATE TABLE public.audit_log (at timestamp, what text);
       CREATE ROLE ${role} LOGIN;
       GRANT SELECT ON public.customers TO ${role};`,
    );
    cleanups.push(() =>
      runSql(logical, 'postgres', `DROP ROLE IF EXISTS ${role}`),
    );
    cleanups.push(() =>
      runSql(logical, database, `DROP OWNED BY ${role}`).catch(() => {}),
    );
    const { ctx, outputs } = actionContext({
      input: input(logical, database, {
        user: role,
        tables: ['customers', 'audit_log', 'public.missing_table'],
        maskFields: ['email', 'customerid'],
      }),
      secrets: { dbPassword: SECRET },
    });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    expect(error?.name).toBe('CdcPreflightError');
    const failed = Object.fromEntries(
      (outputs.checks as Array<{ id: string; passed: boolean; fix?: string }>)
        .filter(c => !c.passed)
        .map(c => [c.id, c.fix]),
    );
    expect(Object.keys(failed).sort()).toEqual([
      'mask_fields',
      'primary_keys',
      'publication',
      'replication_privilege',
      'select_privilege',
      'tables',
    ]);
    expect(failed.tables).toContain('public.missing_table');
    expect(failed.primary_keys).toContain(
      'ALTER TABLE public.audit_log ADD PRIMARY KEY (<key columns>);',
    );
    expect(failed.select_privilege).toBe(
      `GRANT SELECT ON public.audit_log TO ${role};`,
    );
    expect(failed.replication_privilege).toBe(
      `ALTER ROLE ${role} WITH REPLICATION;`,
    );
    expect(failed.publication).toContain(
      'CREATE PUBLICATION dbz_publication FOR TABLE public.customers, public.audit_log, public.missing_table;',
    );
    expect(error.message).toContain('6 checks failed');
    for (const fix of Object.values(failed)) {
      expect(error.message).toContain(fix);
    }
    // customerid is an integer: MaskField cannot put '****' there.
    expect(
      (outputs.checks as Array<{ id: string; detail: string }>).find(
        c => c.id === 'mask_fields',
      )!.detail,
    ).toContain('public.customers.customerid is integer');
  });

  it('reports the checks of the tables as not checked when none of them exist, never as passed', async () => {
    const database = unique('preflight_empty');
    await runSql(logical, 'postgres', `CREATE DATABASE ${database}`);
    cleanups.push(() =>
      runSql(logical, 'postgres', `DROP DATABASE IF EXISTS ${database}`),
    );
    const { ctx, outputs, logger } = actionContext({
      input: input(logical, database, { maskFields: ['email'] }),
      secrets: { dbPassword: SECRET },
    });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    expect(outputs.passed).toBe(false);
    const checks = outputs.checks as Array<{
      id: string;
      status: string;
      passed: boolean;
      detail: string;
    }>;
    expect(Object.fromEntries(checks.map(c => [c.id, c.status]))).toEqual({
      connect: 'passed',
      wal_level: 'passed',
      tables: 'failed',
      primary_keys: 'not_checked',
      select_privilege: 'not_checked',
      replication_privilege: 'passed',
      publication: 'not_checked',
      replication_slot: 'passed',
      mask_fields: 'not_checked',
    });
    for (const c of checks.filter(x => x.status === 'not_checked')) {
      expect(c).toMatchObject({
        passed: false,
        detail: 'Not checked: the tables do not exist',
      });
    }
    // The run stops on the one failed check, with its fix.
    expect(error?.message).toContain('1 check failed');
    expect(error.message).toContain('Create the missing tables');
    expect(logger.text()).toContain(
      '– Every table has a primary key: Not checked: the tables do not exist',
    );
  });

  it('proposes an existing unique index as the primary key', async () => {
    const database = await workshopDb(logical);
    await runSql(
      logical,
      database,
      `CREATE TABLE public.events (id bigint NOT NULL, what text);
       CREATE UNIQUE INDEX events_id_key ON public.events (id);`,
    );
    const { ctx, outputs } = actionContext({
      input: input(logical, database, { tables: ['events'] }),
      secrets: { dbPassword: SECRET },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'ALTER TABLE public.events ADD PRIMARY KEY USING INDEX events_id_key;',
    );
    expect(outputs.passed).toBe(false);
  });

  it('asks for the missing tables of an existing publication', async () => {
    const database = await workshopDb(logical);
    await runSql(
      logical,
      database,
      'CREATE PUBLICATION crm_pub FOR TABLE public.customers',
    );
    const { ctx, outputs } = actionContext({
      input: input(logical, database, {
        tables: ['customers', 'orders'],
        publicationName: 'crm_pub',
      }),
      secrets: { dbPassword: SECRET },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'ALTER PUBLICATION crm_pub ADD TABLE public.orders;',
    );
    expect(outputs.passed).toBe(false);
  });

  it('reports instead of failing in a dry run', async () => {
    const database = await workshopDb(MACHINE);
    const { ctx, outputs, logger } = actionContext({
      input: input(MACHINE, database),
      secrets: { dbPassword: SECRET },
      isDryRun: true,
    });
    await action.handler(ctx);
    expect(outputs.passed).toBe(false);
    expect(logger.text()).toContain('ALTER SYSTEM SET wal_level = logical;');
  });

  it('reports an unreachable database as a failed connection, without the password', async () => {
    const { ctx, outputs } = actionContext({
      input: input({ ...logical, port: 1 }, 'nowhere'),
      secrets: { dbPassword: SECRET },
    });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    expect(error?.message).toContain(
      'Could not connect to 127.0.0.1:1/nowhere',
    );
    expect(error.message).not.toContain(SECRET);
    expect(outputs.checks).toEqual([
      expect.objectContaining({ id: 'connect', passed: false }),
    ]);
  });

  it('rejects bad input before connecting', async () => {
    const { ctx, outputs } = actionContext({
      input: input(logical, 'postgres', {
        tables: ['public.customers; DROP TABLE x', 'a.b.c'],
        maskFields: ['email"'],
      }),
      secrets: { dbPassword: SECRET },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Invalid preflight input: .*customers; DROP TABLE x.*a\.b\.c.*email"/,
    );
    expect(outputs).toEqual({});
  });

  it('asks for the password secret when the template did not provide it', async () => {
    const { ctx } = actionContext({
      input: input(logical, 'postgres'),
      secrets: {},
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      "The database password secret 'dbPassword' was not provided",
    );
  });

  it('stops when the task is cancelled', async () => {
    const database = await workshopDb(logical);
    const controller = new AbortController();
    controller.abort();
    const { ctx, outputs } = actionContext({
      input: input(logical, database),
      secrets: { dbPassword: SECRET },
      signal: controller.signal,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/abort/i);
    expect(outputs).toEqual({});
  });
});

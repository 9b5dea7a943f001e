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
  CdcPreflightCheck,
  CdcPreflightStatus,
} from '@shiftleft/plugin-confluent-common';
import { EventEmitter } from 'node:events';
import { Client, ClientConfig } from 'pg';
import { pgIdent, pgQualified, PgTableName } from './names';
import {
  ALLOWED_DATABASE_HOSTS_KEY,
  DatabaseEndpoint,
  DatabaseNetwork,
  HostNotAllowedError,
} from './network';

/*
 * What Debezium's PostgreSQL connector needs from a database, checked
 * read-only: every query below is a catalog read or SHOW, inside a READ ONLY
 * transaction, so a preflight can never change the database it inspects.
 */

/** A user-typed database and how long to wait for it. */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslMode: string;
  connectTimeoutMs: number;
}

/** What a preflight connects with and checks. */
export interface PreflightTarget extends ConnectionTarget {
  tables: PgTableName[];
  publicationName: string;
  slotName: string;
  maskFields: string[];
  maskReplacement: string;
}

/** The result of a preflight. */
export interface PreflightResult {
  passed: boolean;
  checks: CdcPreflightCheck[];
}

/** A check as run: its status follows from `passed` unless not checked. */
type FoundCheck = Omit<CdcPreflightCheck, 'status'> & {
  status?: Extract<CdcPreflightStatus, 'not_checked'>;
};

const settle = (check: FoundCheck): CdcPreflightCheck => ({
  ...check,
  status: check.status ?? (check.passed ? 'passed' : 'failed'),
});

/** The checks whose subject is the tables. */
const TABLE_CHECKS = new Set([
  'primary_keys',
  'select_privilege',
  'publication',
  'mask_fields',
]);

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

const NUMERIC_TYPES = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'decimal',
  'real',
  'double precision',
  'money',
]);
const NON_TEXT_TYPES = new Set([
  'boolean',
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'time with time zone',
  'interval',
  'bytea',
  'uuid',
  'json',
  'jsonb',
  'ARRAY',
  'USER-DEFINED',
]);

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

function walLevelFix(walLevel: string, isRds: boolean) {
  if (walLevel === 'logical') return undefined;
  return isRds
    ? 'Set rds.logical_replication = 1 in the DB parameter group, then reboot the instance.'
    : 'ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.';
}

function replicationDetail(
  user: string,
  role: {
    rolsuper: boolean;
    rolreplication: boolean;
    rds_replication: boolean;
  },
) {
  if (role.rolsuper) return `${user} is a superuser`;
  if (role.rolreplication) return `${user} has the REPLICATION attribute`;
  if (role.rds_replication) return `${user} is a member of rds_replication`;
  return `${user} is not a superuser, has no REPLICATION attribute and is not in rds_replication`;
}

function replicationFix(user: string, canReplicate: boolean, isRds: boolean) {
  if (canReplicate) return undefined;
  return isRds
    ? `GRANT rds_replication TO ${pgIdent(user)};`
    : `ALTER ROLE ${pgIdent(user)} WITH REPLICATION;`;
}

interface SlotUsage {
  used: number;
  max: number;
  /** Whether the connector's own slot is in use; null when it does not exist. */
  ours_active: boolean | null;
}

function slotDetail(slotName: string, slots: SlotUsage) {
  if (slots.ours_active === true) {
    return `Slot ${slotName} exists and is in use by another client`;
  }
  if (slots.ours_active === false) {
    return `Slot ${slotName} exists and is free; the connector will resume from it`;
  }
  return `${slots.used} of ${slots.max} replication slots in use`;
}

function slotFix(slotName: string, slots: SlotUsage, isRds: boolean) {
  if (slots.ours_active) {
    return `Choose another slot name, or stop the client using ${slotName}.`;
  }
  return isRds
    ? 'Raise max_replication_slots in the DB parameter group, then reboot; or drop unused slots.'
    : 'ALTER SYSTEM SET max_replication_slots = <more>; then restart PostgreSQL; or drop unused slots with pg_drop_replication_slot(name).';
}

async function runChecks(
  client: Client,
  target: PreflightTarget,
): Promise<FoundCheck[]> {
  const checks: FoundCheck[] = [];
  const isRds =
    (
      await client.query(
        `SELECT 1 FROM pg_roles WHERE rolname = 'rds_superuser'`,
      )
    ).rowCount! > 0;
  const user = target.user;

  // 1. Logical decoding.
  const walLevel = (await client.query<{ wal_level: string }>('SHOW wal_level'))
    .rows[0].wal_level;
  checks.push({
    id: 'wal_level',
    title: 'Logical replication is enabled (wal_level = logical)',
    passed: walLevel === 'logical',
    detail: `wal_level is '${walLevel}'`,
    fix: walLevelFix(walLevel, isRds),
  });

  // 2. The tables, their primary keys and read access.
  const found = await client.query<{
    schema: string;
    name: string;
    oid: number;
    pk: string[] | null;
    readable: boolean;
    owner: string;
    unique_index: string | null;
  }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.oid::int AS oid,
            pg_get_userbyid(c.relowner) AS owner,
            has_table_privilege(c.oid, 'SELECT') AS readable,
            (SELECT array_agg(a.attname ORDER BY k.ord)
               FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
            -- A unique index over NOT NULL columns can become the key.
            (SELECT ic.relname FROM pg_index i
               JOIN pg_class ic ON ic.oid = i.indexrelid
              WHERE i.indrelid = c.oid AND i.indisunique AND i.indpred IS NULL
                AND i.indexprs IS NULL
                AND NOT EXISTS (
                  SELECT 1 FROM unnest(i.indkey) AS k(attnum)
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                  WHERE NOT a.attnotnull)
              ORDER BY ic.relname LIMIT 1) AS unique_index
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p')
        AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [target.tables.map(t => t.schema), target.tables.map(t => t.table)],
  );
  const byName = new Map(found.rows.map(r => [`${r.schema}.${r.name}`, r]));
  const missing = target.tables.filter(
    t => !byName.has(`${t.schema}.${t.table}`),
  );
  checks.push({
    id: 'tables',
    title: 'The tables exist',
    passed: missing.length === 0,
    detail: missing.length
      ? `Not found in ${target.database}: ${missing
          .map(pgQualified)
          .join(', ')}`
      : `Found ${target.tables.map(pgQualified).join(', ')}`,
    fix: missing.length
      ? `Create the missing tables or remove them from the list: ${missing
          .map(pgQualified)
          .join(', ')}.`
      : undefined,
  });
  const present = target.tables.filter(t =>
    byName.has(`${t.schema}.${t.table}`),
  );
  const noPk = present.filter(t => !byName.get(`${t.schema}.${t.table}`)!.pk);
  checks.push({
    id: 'primary_keys',
    title: 'Every table has a primary key',
    passed: noPk.length === 0,
    detail: noPk.length
      ? `No primary key: ${noPk.map(pgQualified).join(', ')}`
      : 'Every table has a primary key',
    fix: noPk.length
      ? `${noPk
          .map(t => {
            const index = byName.get(`${t.schema}.${t.table}`)!.unique_index;
            return index
              ? `ALTER TABLE ${pgQualified(
                  t,
                )} ADD PRIMARY KEY USING INDEX ${pgIdent(index)};`
              : `ALTER TABLE ${pgQualified(
                  t,
                )} ADD PRIMARY KEY (<key columns>);`;
          })
          .join(
            '\n',
          )}\n(Debezium keys change events by the primary key; without one, updates and deletes cannot be told apart.)`
      : undefined,
  });
  const unreadable = present.filter(
    t => !byName.get(`${t.schema}.${t.table}`)!.readable,
  );
  checks.push({
    id: 'select_privilege',
    title: `${user} can read the tables (initial snapshot)`,
    passed: unreadable.length === 0,
    detail: unreadable.length
      ? `No SELECT privilege on ${unreadable.map(pgQualified).join(', ')}`
      : `SELECT granted on every table`,
    fix: unreadable.length
      ? `GRANT SELECT ON ${unreadable.map(pgQualified).join(', ')} TO ${pgIdent(
          user,
        )};`
      : undefined,
  });

  // 3. The right to replicate.
  const role = (
    await client.query<{
      rolsuper: boolean;
      rolreplication: boolean;
      rds_replication: boolean;
      can_create: boolean;
    }>(
      `SELECT r.rolsuper, r.rolreplication,
              EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'rds_replication'
                        AND pg_has_role(current_user, g.oid, 'MEMBER')) AS rds_replication,
              has_database_privilege(current_database(), 'CREATE') AS can_create
         FROM pg_roles r WHERE r.rolname = current_user`,
    )
  ).rows[0];
  const canReplicate =
    role.rolsuper || role.rolreplication || role.rds_replication;
  checks.push({
    id: 'replication_privilege',
    title: `${user} may replicate`,
    passed: canReplicate,
    detail: replicationDetail(user, role),
    fix: replicationFix(user, canReplicate, isRds),
  });

  // 4. The publication: it exists and covers the tables, or it can be made.
  const publication = await client.query<{ puballtables: boolean }>(
    'SELECT puballtables FROM pg_publication WHERE pubname = $1',
    [target.publicationName],
  );
  const pubName = pgIdent(target.publicationName);
  if (publication.rowCount) {
    const covered = publication.rows[0].puballtables
      ? present
      : (
          await client.query<{ schemaname: string; tablename: string }>(
            'SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1',
            [target.publicationName],
          )
        ).rows.map(r => ({ schema: r.schemaname, table: r.tablename }));
    const uncovered = present.filter(
      t => !covered.some(c => c.schema === t.schema && c.table === t.table),
    );
    checks.push({
      id: 'publication',
      title: `Publication ${target.publicationName} covers the tables`,
      passed: uncovered.length === 0,
      detail: uncovered.length
        ? `Publication ${
            target.publicationName
          } exists but does not include ${uncovered
            .map(pgQualified)
            .join(', ')}`
        : `Publication ${target.publicationName} includes every table`,
      fix: uncovered.length
        ? `ALTER PUBLICATION ${pubName} ADD TABLE ${uncovered
            .map(pgQualified)
            .join(', ')};`
        : undefined,
    });
  } else {
    // Debezium creates a filtered publication itself, which needs CREATE on
    // the database and ownership of every table (or a superuser).
    const notOwned = present.filter(
      t => byName.get(`${t.schema}.${t.table}`)!.owner !== user,
    );
    const canCreate =
      role.rolsuper || (role.can_create && notOwned.length === 0);
    checks.push({
      id: 'publication',
      title: `Publication ${target.publicationName} exists or can be created`,
      passed: canCreate,
      detail: canCreate
        ? `Publication ${target.publicationName} does not exist yet; the connector will create it for the tables`
        : `Publication ${
            target.publicationName
          } does not exist and ${user} cannot create it (${
            !role.can_create
              ? 'no CREATE privilege on the database'
              : `does not own ${notOwned.map(pgQualified).join(', ')}`
          })`,
      fix: canCreate
        ? undefined
        : `As the owner of the tables (or a superuser): CREATE PUBLICATION ${pubName} FOR TABLE ${target.tables
            .map(pgQualified)
            .join(', ')};`,
    });
  }

  // 5. A free replication slot (or the connector's own, not in use).
  const slots = (
    await client.query<{
      used: number;
      max: number;
      ours_active: boolean | null;
    }>(
      `SELECT (SELECT count(*)::int FROM pg_replication_slots) AS used,
              current_setting('max_replication_slots')::int AS max,
              (SELECT active FROM pg_replication_slots WHERE slot_name = $1) AS ours_active`,
      [target.slotName],
    )
  ).rows[0];
  const slotOk =
    slots.ours_active === false ||
    (slots.ours_active === null && slots.used < slots.max);
  checks.push({
    id: 'replication_slot',
    title: `A replication slot is available (${target.slotName})`,
    passed: slotOk,
    detail: slotDetail(target.slotName, slots),
    fix: slotOk ? undefined : slotFix(target.slotName, slots, isRds),
  });

  // 6. Masked fields: MaskField fails on a type its replacement cannot fill.
  if (target.maskFields.length) {
    const columns = await client.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT table_schema, table_name, column_name, data_type
         FROM information_schema.columns
        WHERE column_name = ANY($1::text[])
          AND (table_schema, table_name) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [
        target.maskFields,
        present.map(t => t.schema),
        present.map(t => t.table),
      ],
    );
    const numericReplacement = /^-?\d+(\.\d+)?$/.test(target.maskReplacement);
    const bad = columns.rows.filter(c =>
      NUMERIC_TYPES.has(c.data_type)
        ? !numericReplacement
        : NON_TEXT_TYPES.has(c.data_type),
    );
    const absent = target.maskFields.filter(
      f => !columns.rows.some(c => c.column_name === f),
    );
    const problems = [
      ...bad.map(
        c =>
          `${c.table_schema}.${c.table_name}.${c.column_name} is ${c.data_type}, which '${target.maskReplacement}' cannot replace`,
      ),
      ...absent.map(f => `no captured table has a column '${f}'`),
    ];
    checks.push({
      id: 'mask_fields',
      title: 'The masked fields exist and accept the replacement',
      passed: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `Masking ${target.maskFields.join(', ')} with '${
            target.maskReplacement
          }'`,
      fix: problems.length
        ? 'Mask only text columns with a text replacement (numeric columns need a numeric one), and only columns of the captured tables.'
        : undefined,
    });
  }
  // With no table to inspect, a check of the tables proves nothing.
  if (present.length) return checks;
  return checks.map(c =>
    TABLE_CHECKS.has(c.id)
      ? {
          id: c.id,
          title: c.title,
          status: 'not_checked',
          passed: false,
          detail: 'Not checked: the tables do not exist',
        }
      : c,
  );
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

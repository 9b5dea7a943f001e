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
import { Client } from 'pg';
import type { PgColumn, PgTable } from '../schemas/debezium';

const CONNECT_TIMEOUT_MS = 5000;

/** What a CDC source needs to reach its database. */
export interface PostgresSource {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  sslMode: string;
}

/** The source connection settings of a PostgresCdcSourceV2 config. */
export function postgresSourceOf(
  config: Record<string, string>,
): PostgresSource {
  return {
    host: config['database.hostname'],
    port: Number(config['database.port']),
    user: config['database.user'],
    password: config['database.password'],
    database: config['database.dbname'],
    sslMode: config['database.sslmode'] ?? 'prefer',
  };
}

/**
 * The tables Debezium would capture: base tables matching
 * `table.include.list` (or not matching `table.exclude.list`) and
 * `schema.include.list`, each a comma-separated list of regular expressions
 * matched against the whole `schema.table` (or `schema`) name.
 */
export function capturedTableFilter(
  config: Record<string, string>,
): (schema: string, table: string) => boolean {
  const patterns = (key: string) =>
    (config[key] ?? '')
      .split(',')
      .map(p => p.trim())
      .filter(Boolean)
      .map(p => new RegExp(`^(?:${p})$`));
  const includeTables = patterns('table.include.list');
  const excludeTables = patterns('table.exclude.list');
  const includeSchemas = patterns('schema.include.list');
  const excludeSchemas = patterns('schema.exclude.list');
  return (schema, table) => {
    const name = `${schema}.${table}`;
    if (includeSchemas.length && !includeSchemas.some(r => r.test(schema)))
      return false;
    if (excludeSchemas.some(r => r.test(schema))) return false;
    if (includeTables.length) return includeTables.some(r => r.test(name));
    return !excludeTables.some(r => r.test(name));
  };
}

/** Reads the captured tables' columns and primary keys from the database. */
export async function readCapturedTables(
  source: PostgresSource,
  include: (schema: string, table: string) => boolean,
): Promise<PgTable[]> {
  const client = new Client({
    host: source.host,
    port: source.port,
    user: source.user,
    password: source.password,
    database: source.database,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ssl: ['require', 'verify-ca', 'verify-full'].includes(source.sslMode)
      ? { rejectUnauthorized: source.sslMode !== 'require' }
      : false,
  });
  await client.connect();
  try {
    const columns = await client.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
      numeric_precision: number | null;
      numeric_scale: number | null;
      datetime_precision: number | null;
    }>(
      `SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.udt_name,
              c.is_nullable, c.numeric_precision, c.numeric_scale, c.datetime_precision
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE t.table_type = 'BASE TABLE'
          AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    );
    const keys = await client.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
    }>(
      `SELECT kcu.table_schema, kcu.table_name, kcu.column_name
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = tc.constraint_name
          AND kcu.table_schema = tc.table_schema
          AND kcu.table_name = tc.table_name
        WHERE tc.constraint_type = 'PRIMARY KEY'
        ORDER BY kcu.table_schema, kcu.table_name, kcu.ordinal_position`,
    );
    const tables = new Map<string, PgTable>();
    for (const row of columns.rows) {
      if (!include(row.table_schema, row.table_name)) continue;
      const key = `${row.table_schema}.${row.table_name}`;
      let table = tables.get(key);
      if (!table) {
        table = {
          schema: row.table_schema,
          name: row.table_name,
          columns: [],
          primaryKey: [],
        };
        tables.set(key, table);
      }
      const column: PgColumn = {
        name: row.column_name,
        dataType: row.data_type,
        udtName: row.udt_name,
        nullable: row.is_nullable === 'YES',
        numericPrecision:
          row.udt_name === 'numeric' ? row.numeric_precision : undefined,
        numericScale:
          row.udt_name === 'numeric' ? row.numeric_scale : undefined,
        datetimePrecision: row.datetime_precision,
      };
      table.columns.push(column);
    }
    for (const row of keys.rows) {
      tables
        .get(`${row.table_schema}.${row.table_name}`)
        ?.primaryKey.push(row.column_name);
    }
    return [...tables.values()];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The connector's `trace` for a database it cannot use: PgJDBC's wording,
 * which is what the managed connector reports. Never includes the password.
 */
export function connectionFailureTrace(
  source: PostgresSource,
  error: unknown,
): string {
  const err = error as NodeJS.ErrnoException & {
    code?: string;
    message?: string;
  };
  let cause: string;
  switch (err.code) {
    case 'ECONNREFUSED':
      cause = `org.postgresql.util.PSQLException: Connection to ${source.host}:${source.port} refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      cause = `org.postgresql.util.PSQLException: The connection attempt failed.\nCaused by: java.net.UnknownHostException: ${source.host}`;
      break;
    case '28P01':
      cause = `org.postgresql.util.PSQLException: FATAL: password authentication failed for user "${source.user}"`;
      break;
    case '3D000':
      cause = `org.postgresql.util.PSQLException: FATAL: database "${source.database}" does not exist`;
      break;
    case undefined:
      cause = /timeout/i.test(err.message ?? '')
        ? 'org.postgresql.util.PSQLException: The connection attempt failed.\nCaused by: java.net.SocketTimeoutException: Connect timed out'
        : `org.postgresql.util.PSQLException: ${redact(
            err.message ?? String(error),
            source,
          )}`;
      break;
    default:
      cause = `org.postgresql.util.PSQLException: ${redact(
        err.message ?? String(error),
        source,
      )}`;
  }
  return `org.apache.kafka.connect.errors.ConnectException: Error while validating connector config: ${cause
    .split('\n')[0]
    .replace(
      /^org\.postgresql\.util\.PSQLException: /,
      '',
    )}\nCaused by: ${cause}`;
}

/** The trace of a source whose database is unreachable from Confluent Cloud. */
export function unreachableTrace(source: PostgresSource): string {
  return connectionFailureTrace(source, {
    message: `connect timeout to ${source.host}`,
  });
}

function redact(message: string, source: PostgresSource): string {
  return source.password
    ? message.split(source.password).join('****')
    : message;
}

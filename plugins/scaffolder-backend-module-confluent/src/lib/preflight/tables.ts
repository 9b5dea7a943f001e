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
import { pgIdent, pgQualified, PgTableName } from '../names';
import { FoundCheck, PreflightTarget } from './types';

/** A captured table as the catalog describes it. */
export interface TableRow {
  schema: string;
  name: string;
  oid: number;
  pk: string[] | null;
  readable: boolean;
  owner: string;
  unique_index: string | null;
}

/** The tables found, for the checks that follow. */
export interface FoundTables {
  /** By `schema.table`. */
  byName: Map<string, TableRow>;
  /** The tables asked for that exist, in the order asked. */
  present: PgTableName[];
}

/** The tables exist, have primary keys, and the user can read them. */
export async function tableChecks(
  client: Client,
  target: PreflightTarget,
  checks: FoundCheck[],
): Promise<FoundTables> {
  const user = target.user;
  const found = await client.query<TableRow>(
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
  return { byName, present };
}

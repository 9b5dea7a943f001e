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
import { pgIdent, pgQualified } from '../names';
import { RoleRights } from './replication';
import { FoundTables } from './tables';
import { FoundCheck, PreflightTarget } from './types';

/** The publication exists and covers the tables, or the user can make it. */
export async function publicationCheck(
  client: Client,
  target: PreflightTarget,
  tables: FoundTables,
  role: RoleRights,
  checks: FoundCheck[],
): Promise<void> {
  const { byName, present } = tables;
  const user = target.user;
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
}

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
import { maskFieldsCheck } from './maskFields';
import { publicationCheck } from './publication';
import {
  isRdsDatabase,
  replicationPrivilegeCheck,
  replicationSlotCheck,
  walLevelCheck,
} from './replication';
import { tableChecks } from './tables';
import { FoundCheck, PreflightTarget } from './types';

/** The checks whose subject is the tables. */
const TABLE_CHECKS = new Set([
  'primary_keys',
  'select_privilege',
  'publication',
  'mask_fields',
]);

/** Runs every check, in order, on a connected read-only client. */
export async function runChecks(
  client: Client,
  target: PreflightTarget,
): Promise<FoundCheck[]> {
  const checks: FoundCheck[] = [];
  const isRds = await isRdsDatabase(client);
  // 1. Logical decoding.
  await walLevelCheck(client, isRds, checks);
  // 2. The tables, their primary keys and read access.
  const tables = await tableChecks(client, target, checks);
  const { present } = tables;
  // 3. The right to replicate.
  const role = await replicationPrivilegeCheck(
    client,
    target.user,
    isRds,
    checks,
  );
  // 4. The publication: it exists and covers the tables, or it can be made.
  await publicationCheck(client, target, tables, role, checks);
  // 5. A free replication slot (or the connector's own, not in use).
  await replicationSlotCheck(client, target, isRds, checks);
  // 6. Masked fields.
  await maskFieldsCheck(client, target, present, checks);
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

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
import { pgIdent } from '../names';
import { FoundCheck, PreflightTarget } from './types';

/*
 * The replication checks: logical decoding, the user's right to replicate
 * and a free replication slot; each fix for RDS or plain PostgreSQL.
 */

/** The connecting role's rights. */
export interface RoleRights {
  rolsuper: boolean;
  rolreplication: boolean;
  rds_replication: boolean;
  can_create: boolean;
}

/** Whether the database is on Amazon RDS (its fixes differ). */
export async function isRdsDatabase(client: Client): Promise<boolean> {
  return (
    (
      await client.query(
        `SELECT 1 FROM pg_roles WHERE rolname = 'rds_superuser'`,
      )
    ).rowCount! > 0
  );
}

/** Logical decoding is on. */
export async function walLevelCheck(
  client: Client,
  isRds: boolean,
  checks: FoundCheck[],
): Promise<void> {
  const walLevel = (await client.query<{ wal_level: string }>('SHOW wal_level'))
    .rows[0].wal_level;
  checks.push({
    id: 'wal_level',
    title: 'Logical replication is enabled (wal_level = logical)',
    passed: walLevel === 'logical',
    detail: `wal_level is '${walLevel}'`,
    fix: walLevelFix(walLevel, isRds),
  });
}

/** The user may replicate; returns its rights, for the publication check. */
export async function replicationPrivilegeCheck(
  client: Client,
  user: string,
  isRds: boolean,
  checks: FoundCheck[],
): Promise<RoleRights> {
  const role = (
    await client.query<RoleRights>(
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
  return role;
}

/** A free replication slot, or the connector's own not in use. */
export async function replicationSlotCheck(
  client: Client,
  target: PreflightTarget,
  isRds: boolean,
  checks: FoundCheck[],
): Promise<void> {
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

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
import { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CdcPreflightCheck } from '@shiftleft/plugin-confluent-common';
import {
  parsePgTableName,
  PG_IDENTIFIER_PATTERN,
  PG_REPLICATION_NAME_PATTERN,
  PgTableName,
} from '../lib/names';
import { createDatabaseNetwork, DatabaseNetwork } from '../lib/network';
import { runPreflight } from '../lib/preflight';
import { taskSecret } from '../lib/secrets';
import { examples } from './cdcPreflight.examples';
import * as inputProps from './inputProperties';

/**
 * A database that is not ready for change data capture. The message lists
 * every failed check with its fix.
 * @public
 */
export class CdcPreflightError extends CustomErrorBase {
  name = 'CdcPreflightError' as const;
}

/**
 * Options of {@link createConfluentCdcPreflightAction}.
 * @public
 */
export interface CdcPreflightActionOptions {
  /** How long to wait for the database to answer. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * The databases the backend may connect to
   * (`confluent.scaffolder.allowedDatabaseHosts`). Default: none.
   */
  network?: DatabaseNetwork;
}

/** The preflight's input that names the database's objects. */
interface PreflightNames {
  tables?: string[];
  maskFields?: string[];
  publicationName?: string;
  slotName?: string;
}

/**
 * The tables to check, parsed; every invalid name (tables, masked
 * columns, publication, slot) is an InputError listing them all.
 */
function validatedTables(input: PreflightNames): PgTableName[] {
  const problems: string[] = [];
  const tables: PgTableName[] = [];
  for (const t of input.tables ?? []) {
    const parsed = parsePgTableName(t);
    if (typeof parsed === 'string') problems.push(parsed);
    else tables.push(parsed);
  }
  if (!tables.length && !problems.length)
    problems.push('list at least one table');
  for (const f of input.maskFields ?? []) {
    if (!PG_IDENTIFIER_PATTERN.test(f)) {
      problems.push(`'${f}' is not a column name`);
    }
  }
  for (const [key, value] of [
    ['publicationName', input.publicationName],
    ['slotName', input.slotName],
  ] as const) {
    if (value !== undefined && !PG_REPLICATION_NAME_PATTERN.test(value)) {
      problems.push(`${key} must be a lowercase identifier`);
    }
  }
  if (problems.length) {
    throw new InputError(`Invalid preflight input: ${problems.join('; ')}`);
  }
  return tables;
}

/** Logs each check: failed ones as warnings, with their fix. */
function logChecks(logger: LoggerService, checks: CdcPreflightCheck[]) {
  const marks = { passed: '✔', failed: '✘', not_checked: '–' };
  for (const check of checks) {
    const line = `${marks[check.status]} ${check.title}: ${check.detail}`;
    if (check.status === 'failed') {
      logger.warn(`${line}\n  Fix: ${check.fix}`);
    } else logger.info(line);
  }
}

/** Why the database is not ready: every failed check with its fix. */
function notReadyMessage(where: string, failed: CdcPreflightCheck[]) {
  return `${where} is not ready for CDC: ${failed.length} check${
    failed.length > 1 ? 's' : ''
  } failed.\n${failed
    .map(c => `- ${c.title}: ${c.detail}.\n  Fix: ${c.fix}`)
    .join('\n')}`;
}

/**
 * `confluent:cdc:preflight`: checks, read-only, that a PostgreSQL database
 * is ready for a Debezium CDC source: logical replication, the tables and
 * their primary keys, the user's right to replicate and read, the
 * publication, a replication slot, and that masked fields accept their
 * replacement. Every failed check comes with the SQL or setting that fixes
 * it. In a dry run the checks are reported without failing the step, so a
 * plan shows every problem at once.
 *
 * @public
 */
export function createConfluentCdcPreflightAction(
  options: CdcPreflightActionOptions = {},
) {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const network =
    options.network ?? createDatabaseNetwork({ allowedHosts: [] });
  return createTemplateAction({
    id: 'confluent:cdc:preflight',
    description:
      'Checks, without changing anything, that a PostgreSQL database is ready for a Confluent CDC source (Debezium): wal_level, tables and primary keys, replication privilege, publication, replication slot, masked fields. Fails with the fix for each failed check.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        hostname: z =>
          z.string({
            description: 'Database host name, as Confluent Cloud will reach it',
          }),
        port: z =>
          z
            .number({ description: 'Database port. Default 5432' })
            .int()
            .optional(),
        database: z => z.string({ description: 'Database name' }),
        user: z =>
          z.string({
            description: 'The user the CDC connector will connect as',
          }),
        passwordSecret: z =>
          z
            .string({
              description:
                "Name of the task secret holding the user's password (a template parameter with ui:field: Secret); omit for password-less auth",
            })
            .optional(),
        sslMode: z =>
          inputProps.sslMode(
            z,
            'SSL mode. Default prefer: SSL when the server accepts it, else plaintext without ever sending the password unencrypted (only disable sends it unencrypted)',
          ),
        tables: inputProps.tables,
        publicationName: z =>
          z
            .string({
              description:
                'Publication the connector uses. Default dbz_publication',
            })
            .optional(),
        slotName: z =>
          z
            .string({
              description:
                'Replication slot the connector uses. Default debezium',
            })
            .optional(),
        maskFields: z =>
          z
            .array(z.string(), {
              description:
                'Columns the connector will mask, to check their types',
            })
            .optional(),
        maskReplacement: z =>
          z
            .string({ description: 'The mask replacement. Default ****' })
            .optional(),
      },
      output: {
        passed: z => z.boolean({ description: 'Whether every check passed' }),
        checks: z =>
          z
            .array(
              z.object({
                id: z.string(),
                title: z.string(),
                status: z
                  .enum(['passed', 'failed', 'not_checked'])
                  .describe(
                    'not_checked: its subject (the tables) does not exist',
                  ),
                passed: z.boolean(),
                detail: z.string(),
                fix: z.string().optional(),
              }),
            )
            .describe(
              'Each check with what was found and, when failed, its fix',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const tables = validatedTables(input);
      const password = input.passwordSecret
        ? taskSecret(ctx.secrets, input.passwordSecret, {
            what: 'database password',
          }).value
        : undefined;
      const port = input.port ?? 5432;
      const where = `${input.hostname}:${port}/${input.database}`;
      ctx.logger.info(`Checking ${where} for CDC as ${input.user}`);

      const result = await runPreflight(
        {
          host: input.hostname,
          port,
          database: input.database,
          user: input.user,
          password,
          sslMode: input.sslMode ?? 'prefer',
          tables,
          publicationName: input.publicationName ?? 'dbz_publication',
          slotName: input.slotName ?? 'debezium',
          maskFields: input.maskFields ?? [],
          maskReplacement: input.maskReplacement ?? '****',
          connectTimeoutMs,
        },
        { network, signal: ctx.signal },
      );
      logChecks(ctx.logger, result.checks);
      ctx.output('passed', result.passed);
      ctx.output('checks', result.checks);

      // A check not made is no pass, but its fix is the failed one's.
      const failed = result.checks.filter(c => c.status === 'failed');
      if (result.passed) {
        ctx.logger.info(`${where} is ready for CDC`);
        return;
      }
      const message = notReadyMessage(where, failed);
      if (ctx.isDryRun) {
        // A plan reports every problem instead of stopping at this step.
        ctx.logger.warn(message);
        return;
      }
      throw new CdcPreflightError(message);
    },
  });
}

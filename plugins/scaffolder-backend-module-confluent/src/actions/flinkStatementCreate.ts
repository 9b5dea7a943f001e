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
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LABEL_OWNER,
  PlannedStatementAction,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentFlinkApi,
  declareStatement,
  Statement,
} from '@shiftleft/plugin-confluent-node';
import { recordDeclared } from '../lib/declared';
import { ConfluentResourceFailedError } from '../lib/errors';
import { findStatement, inspectStatement } from '../lib/existing';
import { Owner, writeTopicOwnership } from '../lib/owner';
import {
  assertStatementAdoptable,
  resolveInitiator,
  ResourceOwners,
  statementAccessProblems,
  tablesWritten,
} from '../lib/ownership';
import {
  AnalyzedStatement,
  analyzeStatement,
  checkUpstream,
  lineageSummary,
  TopicResolver,
} from '../lib/statement';
import {
  ConfluentActionOptions,
  resolveComputePool,
  resolvePrincipal,
  resolveTarget,
} from '../lib/target';
import { pollUntil } from '../lib/wait';
import { examples } from './flinkStatementCreate.examples';
import * as inputProps from './inputProperties';

async function failure(
  flink: ConfluentFlinkApi,
  statement: Statement,
  signal?: AbortSignal,
) {
  const exceptions = await flink
    .listStatementExceptions(statement.name, { signal })
    .catch(() => []);
  const details = [
    statement.status.detail,
    ...exceptions.map(e => `${e.name}: ${e.message}`),
  ]
    .filter((d, i, all): d is string => Boolean(d) && all.indexOf(d) === i)
    .join('\n');
  return new ConfluentResourceFailedError(
    `Flink statement '${statement.name}' FAILED: ${
      details || 'no detail reported'
    }`,
  );
}

/** Submits (or adopts, or replaces) a statement and waits until it runs. */
async function ensureStatement(options: {
  flink: ConfluentFlinkApi;
  statement: AnalyzedStatement;
  owner: Owner;
  labels: Record<string, string>;
  computePoolId?: string;
  principal?: string;
  wait: boolean;
  timeoutMs: number;
  intervalMs: number;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<{ action: PlannedStatementAction; phase: string }> {
  const { flink, statement, owner, logger, signal } = options;
  const name = statement.name;
  const existing = await findStatement(flink, name, signal);
  let action: PlannedStatementAction = existing
    ? inspectStatement(existing, statement, owner)
    : 'create';
  if (action === 'replace') {
    logger.info(
      `Flink statement ${name} exists with this SQL but FAILED; deleting it to submit it again`,
    );
    await flink.deleteStatement(name, { signal });
    await pollUntil({
      what: `statement '${name}' to be deleted`,
      timeoutMs: options.timeoutMs,
      intervalMs: options.intervalMs,
      signal,
      read: () => findStatement(flink, name, signal),
      decide: s =>
        s
          ? { done: false, state: s.status.phase }
          : { done: true, value: true },
    });
  }
  if (action === 'create' || action === 'replace') {
    try {
      await flink.createStatement(
        {
          name,
          statement: statement.sql,
          properties: statement.properties,
          labels: options.labels,
          computePoolId: options.computePoolId,
          principal: options.principal,
        },
        { signal },
      );
      logger.info(`Submitted Flink statement ${name}`);
    } catch (error) {
      if (!ConflictError.is(error)) throw error;
      // Created meanwhile (an earlier attempt whose answer was lost).
      const now = await findStatement(flink, name, signal);
      if (!now) throw error;
      action = inspectStatement(now, statement, owner);
      if (action === 'replace') throw error;
    }
  } else {
    logger.info(
      `Flink statement ${name} already exists with this SQL; adopting it`,
    );
  }
  if (!options.wait) {
    const now = await flink.getStatement(name, { signal });
    return { action, phase: now.status.phase };
  }
  const done = await pollUntil({
    what: `Flink statement '${name}' to run`,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    signal,
    read: () => flink.getStatement(name, { signal }),
    decide: s => {
      const phase = s.status.phase;
      // RUNNING for queries, COMPLETED for DDL; STOPPED and DEGRADED exist
      // and were made so by someone, not by provisioning.
      if (
        ['RUNNING', 'COMPLETED', 'STOPPED', 'DEGRADED', 'FAILED'].includes(
          phase,
        )
      ) {
        return { done: true, value: s };
      }
      return { done: false, state: phase };
    },
  });
  if (done.status.phase === 'FAILED') {
    throw await failure(flink, done, signal);
  }
  logger.info(`Flink statement ${name} is ${done.status.phase}`);
  return { action, phase: done.status.phase };
}

/**
 * `confluent:flink:statement:create`: validates a Flink SQL statement with
 * the lineage library (syntax, and that every table it reads exists or is
 * created earlier in the run), submits it with its properties and the
 * owner label, and waits until it runs (or completes, for DDL); a FAILED
 * statement fails the step with its exceptions.
 *
 * Idempotent: the same name with the same SQL is adopted (or replaced when
 * FAILED); the name taken by different SQL is a ConflictError. A dry run
 * submits nothing and returns the statement's lineage.
 *
 * @public
 */
export function createConfluentFlinkStatementCreateAction(
  options: ConfluentActionOptions,
) {
  const { client, settings } = options;
  return createTemplateAction({
    id: 'confluent:flink:statement:create',
    description:
      'Validates a Flink SQL statement (syntax, upstream tables), submits it with its properties and owner label, and waits until it runs; adopts an identical existing statement.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Statement name (lowercase letters, digits, "-", "."): the idempotency key of the action',
          }),
        sql: z =>
          z.string({
            description:
              "One Flink SQL statement, optionally preceded by SET 'key' = 'value'; lines (taken as properties)",
          }),
        owner: inputProps.owner,
        environmentId: inputProps.environmentId,
        kafkaClusterId: inputProps.kafkaClusterId,
        computePoolId: z =>
          z
            .string({
              description:
                'Compute pool (lfcp-…): only the environment’s configured pool (flink.computePoolId) may be named. Default: that pool',
            })
            .optional(),
        principal: z =>
          z
            .string({
              description:
                'Service account (sa-…) the statement runs as: one of those configured for the owner (confluent.scaffolder.principals). Default: the first configured',
            })
            .optional(),
        stateTtl: z =>
          z
            .string({
              description: "State time-to-live (sql.state-ttl), e.g. '1 DAYS'",
            })
            .optional(),
        properties: z =>
          z
            .record(z.string(), {
              description:
                'Other statement properties. Default catalog and database: the environment and cluster ids',
            })
            .optional(),
        createdTables: z =>
          z
            .array(z.string(), {
              description:
                'Tables (topic names) created by earlier steps of the same run, which may not exist yet in a dry run',
            })
            .optional(),
        waitForRunning: z =>
          z
            .boolean({ description: 'Wait until it runs. Default true' })
            .optional(),
      },
      output: {
        statementName: z => z.string({ description: 'The statement name' }),
        phase: z =>
          z.string({
            description:
              'Statement phase (RUNNING, COMPLETED, …); "planned" in a dry run',
          }),
        action: z =>
          z.enum(['create', 'adopt', 'replace'], {
            description:
              'What the action did (or would do): create, adopt an identical statement, or replace an identical FAILED one',
          }),
        sqlKind: z =>
          z.string({
            description: 'CREATE_TABLE_AS, INSERT_INTO, ALTER_TABLE, …',
          }),
        readsTables: z =>
          z.array(z.string(), {
            description: 'Tables (topics) the statement reads',
          }),
        createsTables: z =>
          z.array(z.string(), {
            description: 'Tables (topics) the statement creates',
          }),
        lineage: z =>
          z
            .object({
              kind: z.string(),
              sources: z.array(z.string()),
              sinks: z.array(z.string()),
              columns: z.array(
                z.object({
                  sink: z.string(),
                  column: z.string(),
                  sources: z.array(z.string()),
                  direct: z.boolean(),
                  transforms: z.array(z.string()),
                }),
              ),
            })
            .describe('Table and column lineage of the statement'),
        properties: z =>
          z.record(z.string(), { description: 'The submitted properties' }),
        consoleUrl: z =>
          z.string({
            description: 'The statement in the Confluent Cloud console',
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const initiator = resolveInitiator(ctx.user, input.owner);
      const { owner } = initiator;
      const target = resolveTarget(options, input);
      const { environmentId } = target;
      const flink = client.flink(environmentId);
      const computePoolId = resolveComputePool(
        options,
        environmentId,
        input.computePoolId,
      );
      const principal = resolvePrincipal(
        options,
        { environmentId, owner, runs: 'statement' },
        input.principal,
      );
      const properties = { ...(input.properties ?? {}) };
      if (input.stateTtl !== undefined) {
        if (!/^\d+\s*[A-Za-z ]+$/.test(input.stateTtl.trim())) {
          throw new InputError(
            `stateTtl '${input.stateTtl}' is not a duration such as '1 DAYS' or '12 h'`,
          );
        }
        properties['sql.state-ttl'] = input.stateTtl.trim();
      }
      const statement = analyzeStatement({
        name: input.name,
        sql: input.sql,
        properties,
        target,
      });
      const owners = new ResourceOwners({
        client,
        target,
        catalog: options.catalog,
        auth: options.auth,
        initiatorCredentials: () => ctx.getInitiatorCredentials(),
      });
      const resolver = new TopicResolver(client, target);
      const existing = await findStatement(flink, statement.name, ctx.signal);
      const plannedAction = existing
        ? inspectStatement(existing, statement, owner)
        : 'create';
      const upstream = await checkUpstream({
        resolver,
        statement,
        createdTables: input.createdTables ?? [],
        adopting: Boolean(existing),
        signal: ctx.signal,
      });
      if (upstream.problems.length) {
        throw new InputError(
          `Flink statement '${
            statement.name
          }' cannot run: ${upstream.problems.join('; ')}`,
        );
      }
      if (existing && !existing.metadata.labels?.[LABEL_OWNER]) {
        // No label: the team is whoever owns what the statement writes.
        await assertStatementAdoptable({
          name: statement.name,
          topics: upstream.creates,
          owners,
          initiator,
          signal: ctx.signal,
        });
      }
      const access = await statementAccessProblems({
        statement,
        upstream,
        resolver,
        owners,
        initiator,
        createdTables: input.createdTables ?? [],
        adopting: Boolean(existing),
        signal: ctx.signal,
      });
      if (access.problems.length) {
        throw new NotAllowedError(
          `Flink statement '${
            statement.name
          }' is not allowed: ${access.problems.join('; ')}`,
        );
      }
      for (const warning of [
        ...statement.lineage.warnings,
        ...access.warnings,
      ]) {
        ctx.logger.warn(warning);
      }
      ctx.output('statementName', statement.name);
      ctx.output('sqlKind', statement.lineage.kind);
      ctx.output(
        'readsTables',
        upstream.reads.map(r => r.topic),
      );
      ctx.output('createsTables', upstream.creates);
      ctx.output('lineage', lineageSummary(statement.lineage));
      ctx.output('properties', statement.properties);
      ctx.output(
        'consoleUrl',
        client.links.statement(environmentId, statement.name),
      );

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ${plannedAction} Flink statement ${statement.name} (${
            statement.lineage.kind
          }) reading ${
            upstream.reads.map(r => r.topic).join(', ') || 'nothing'
          }`,
        );
        ctx.output('action', plannedAction);
        ctx.output('phase', existing?.status.phase ?? 'planned');
        return;
      }

      const result = await ctx.checkpoint({
        key: `statement.${environmentId}.${statement.name}`,
        fn: () =>
          ensureStatement({
            flink,
            statement,
            owner,
            labels: { [LABEL_OWNER]: owner.label },
            computePoolId,
            principal,
            wait: input.waitForRunning ?? true,
            timeoutMs: settings.waitTimeoutMs,
            intervalMs: settings.pollIntervalMs,
            logger: ctx.logger,
            signal: ctx.signal,
          }),
      });
      // Ownership is recorded only on tables this run made: a table that
      // existed before (CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE) keeps
      // its owner. An adopted statement carries this owner's label, so its
      // table is this run's.
      const made = existing
        ? upstream.creates
        : upstream.creates.filter(t => !upstream.existing.includes(t));
      if (made.length && result.phase !== 'PENDING') {
        // The label marks the statement; the topic it creates carries the
        // same owner for Stream Catalog and Data Portal users.
        await ctx.checkpoint({
          key: `statement.owner.${environmentId}.${statement.name}`,
          fn: async () => {
            await writeTopicOwnership({
              client,
              environmentId,
              kafkaClusterId: target.kafkaClusterId,
              topics: made,
              owner,
              overwrite: false,
              logger: ctx.logger,
              signal: ctx.signal,
              timeoutMs: settings.waitTimeoutMs,
              intervalMs: settings.pollIntervalMs,
            });
          },
        });
      }
      // The declared fingerprint goes on the table the statement writes,
      // where drift is read (README "Drift").
      const anchor = await anchorTopic(statement, upstream.creates, resolver);
      if (anchor && result.phase !== 'PENDING') {
        await ctx.checkpoint({
          key: `statement.declared.${environmentId}.${statement.name}`,
          fn: async () => {
            await recordDeclared({
              client,
              environmentId,
              kafkaClusterId: target.kafkaClusterId,
              topic: anchor,
              fingerprint: declareStatement({
                name: statement.name,
                environmentId,
                sql: statement.sql,
                properties: statement.properties,
                computePoolId,
                principal,
                created: await flink.getStatement(statement.name, {
                  signal: ctx.signal,
                }),
                declaredBy: ctx.user?.ref,
              }),
              logger: ctx.logger,
              signal: ctx.signal,
              timeoutMs: settings.waitTimeoutMs,
              intervalMs: settings.pollIntervalMs,
            });
          },
        });
      } else if (!anchor) {
        ctx.logger.info(
          `Flink statement ${statement.name} writes no table of this cluster: no declared fingerprint recorded, so its drift is not tracked`,
        );
      }
      ctx.output('action', result.action);
      ctx.output('phase', result.phase);
    },
  });
}

/** The topic a statement's declared fingerprint is recorded on. */
async function anchorTopic(
  statement: AnalyzedStatement,
  creates: string[],
  resolver: TopicResolver,
): Promise<string | undefined> {
  if (creates.length) return creates[0];
  for (const ref of tablesWritten(statement)) {
    const resolved = await resolver.resolve(ref, statement.properties);
    if ('topic' in resolved && (await resolver.exists(resolved.topic))) {
      return resolved.topic;
    }
  }
  return undefined;
}

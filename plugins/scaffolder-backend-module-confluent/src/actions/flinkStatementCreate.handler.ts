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
import { InputError, NotAllowedError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
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
import { findStatement, inspectStatement } from '../lib/existing';
import { writeTopicOwnership } from '../lib/owner';
import {
  assertStatementAdoptable,
  Initiator,
  resolveInitiator,
  ResourceOwners,
  statementAccessProblems,
} from '../lib/ownership';
import {
  AnalyzedStatement,
  analyzeStatement,
  checkUpstream,
  lineageSummary,
  TopicResolver,
  UpstreamCheck,
} from '../lib/statement';
import {
  ConfluentActionOptions,
  ConfluentTarget,
  resolveComputePool,
  resolvePrincipal,
  resolveTarget,
} from '../lib/target';
import { anchorTopic, ensureStatement } from './flinkStatementCreate.steps';

/** The input of `confluent:flink:statement:create`, as its schema reads it. */
export type FlinkStatementCreateInput = {
  name: string;
  sql: string;
  owner: string;
  environmentId?: string;
  kafkaClusterId?: string;
  computePoolId?: string;
  principal?: string;
  stateTtl?: string;
  properties?: Record<string, string>;
  createdTables?: string[];
  waitForRunning?: boolean;
};

/** Its output, as its schema describes it. */
export type FlinkStatementCreateOutput = {
  statementName: string;
  phase: string;
  action: PlannedStatementAction;
  sqlKind: string;
  readsTables: string[];
  createsTables: string[];
  lineage: {
    kind: string;
    sources: string[];
    sinks: string[];
    columns: Array<{
      sink: string;
      column: string;
      sources: string[];
      direct: boolean;
      transforms: string[];
    }>;
  };
  properties: Record<string, string>;
  consoleUrl: string;
};

type Context = ActionContext<
  FlinkStatementCreateInput,
  FlinkStatementCreateOutput
>;

/** The statement the step submits, where, and as whom. */
interface PreparedStatement {
  initiator: Initiator;
  target: ConfluentTarget;
  flink: ConfluentFlinkApi;
  computePoolId?: string;
  principal?: string;
  statement: AnalyzedStatement;
  owners: ResourceOwners;
  resolver: TopicResolver;
}

/** What exists of the statement, what the step would do, what it reads. */
interface CheckedStatement {
  existing?: Statement;
  plannedAction: PlannedStatementAction;
  upstream: UpstreamCheck;
}

/**
 * The handler of `confluent:flink:statement:create`: validates the
 * statement and the team's access, outputs its lineage, and (unless a dry
 * run) submits it, then records its table's owner and declared
 * fingerprint; each in a checkpoint, so a retried task resumes.
 */
export async function flinkStatementCreateHandler(
  options: ConfluentActionOptions,
  ctx: Context,
): Promise<void> {
  const prepared = prepareStatement(options, ctx);
  const { statement } = prepared;
  const checked = await checkStatement(prepared, ctx);
  const { existing, plannedAction, upstream } = checked;
  outputStatement(options, ctx, prepared, upstream);

  if (ctx.isDryRun) {
    ctx.logger.info(
      `Dry run: would ${plannedAction} Flink statement ${statement.name} (${
        statement.lineage.kind
      }) reading ${upstream.reads.map(r => r.topic).join(', ') || 'nothing'}`,
    );
    ctx.output('action', plannedAction);
    ctx.output('phase', existing?.status.phase ?? 'planned');
    return;
  }

  const { settings } = options;
  const { environmentId } = prepared.target;
  const { owner } = prepared.initiator;
  const result = await ctx.checkpoint({
    key: `statement.${environmentId}.${statement.name}`,
    fn: () =>
      ensureStatement({
        flink: prepared.flink,
        statement,
        owner,
        labels: { [LABEL_OWNER]: owner.label },
        computePoolId: prepared.computePoolId,
        principal: prepared.principal,
        wait: ctx.input.waitForRunning ?? true,
        timeoutMs: settings.waitTimeoutMs,
        intervalMs: settings.pollIntervalMs,
        logger: ctx.logger,
        signal: ctx.signal,
      }),
  });
  await recordStatementOwnership(options, ctx, prepared, checked, result.phase);
  await recordStatementDeclared(options, ctx, prepared, upstream, result.phase);
  ctx.output('action', result.action);
  ctx.output('phase', result.phase);
}

/** Resolves the owner, target, pool and principal, and analyzes the SQL. */
function prepareStatement(
  options: ConfluentActionOptions,
  ctx: Context,
): PreparedStatement {
  const { client } = options;
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
  return {
    initiator,
    target,
    flink,
    computePoolId,
    principal,
    statement,
    owners,
    resolver,
  };
}

/**
 * What exists under the statement's name (a different SQL is a conflict),
 * that every table it reads exists or is created earlier, and that the
 * team may run it (and adopt an unlabelled one).
 */
async function checkStatement(
  prepared: PreparedStatement,
  ctx: Context,
): Promise<CheckedStatement> {
  const { statement, owners, resolver, initiator } = prepared;
  const { input, signal } = ctx;
  const existing = await findStatement(prepared.flink, statement.name, signal);
  const plannedAction = existing
    ? inspectStatement(existing, statement, initiator.owner)
    : 'create';
  const upstream = await checkUpstream({
    resolver,
    statement,
    createdTables: input.createdTables ?? [],
    adopting: Boolean(existing),
    signal,
  });
  if (upstream.problems.length) {
    throw new InputError(
      `Flink statement '${statement.name}' cannot run: ${upstream.problems.join(
        '; ',
      )}`,
    );
  }
  if (existing && !existing.metadata.labels?.[LABEL_OWNER]) {
    // No label: the team is whoever owns what the statement writes.
    await assertStatementAdoptable({
      name: statement.name,
      topics: upstream.creates,
      owners,
      initiator,
      signal,
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
    signal,
  });
  if (access.problems.length) {
    throw new NotAllowedError(
      `Flink statement '${
        statement.name
      }' is not allowed: ${access.problems.join('; ')}`,
    );
  }
  for (const warning of [...statement.lineage.warnings, ...access.warnings]) {
    ctx.logger.warn(warning);
  }
  return { existing, plannedAction, upstream };
}

/** The outputs known before anything is submitted: the lineage. */
function outputStatement(
  options: ConfluentActionOptions,
  ctx: Context,
  prepared: PreparedStatement,
  upstream: UpstreamCheck,
): void {
  const { statement } = prepared;
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
    options.client.links.statement(
      prepared.target.environmentId,
      statement.name,
    ),
  );
}

/**
 * Records the owner on the tables this run made: a table that existed
 * before (CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE) keeps its owner.
 * An adopted statement carries this owner's label, so its table is this
 * run's.
 */
async function recordStatementOwnership(
  options: ConfluentActionOptions,
  ctx: Context,
  prepared: PreparedStatement,
  checked: CheckedStatement,
  phase: string,
): Promise<void> {
  const { settings } = options;
  const { upstream } = checked;
  const { target, statement } = prepared;
  const made = checked.existing
    ? upstream.creates
    : upstream.creates.filter(t => !upstream.existing.includes(t));
  if (!made.length || phase === 'PENDING') return;
  // The label marks the statement; the topic it creates carries the same
  // owner for Stream Catalog and Data Portal users.
  await ctx.checkpoint({
    key: `statement.owner.${target.environmentId}.${statement.name}`,
    fn: async () => {
      await writeTopicOwnership({
        client: options.client,
        environmentId: target.environmentId,
        kafkaClusterId: target.kafkaClusterId,
        topics: made,
        owner: prepared.initiator.owner,
        overwrite: false,
        logger: ctx.logger,
        signal: ctx.signal,
        timeoutMs: settings.waitTimeoutMs,
        intervalMs: settings.pollIntervalMs,
      });
    },
  });
}

/**
 * Records the declared fingerprint on the table the statement writes,
 * where drift is read (README "Drift").
 */
async function recordStatementDeclared(
  options: ConfluentActionOptions,
  ctx: Context,
  prepared: PreparedStatement,
  upstream: UpstreamCheck,
  phase: string,
): Promise<void> {
  const { settings } = options;
  const { target, statement, resolver } = prepared;
  const { environmentId } = target;
  const anchor = await anchorTopic(statement, upstream.creates, resolver);
  if (anchor && phase !== 'PENDING') {
    await ctx.checkpoint({
      key: `statement.declared.${environmentId}.${statement.name}`,
      fn: async () => {
        await recordDeclared({
          client: options.client,
          environmentId,
          kafkaClusterId: target.kafkaClusterId,
          topic: anchor,
          fingerprint: declareStatement({
            name: statement.name,
            environmentId,
            sql: statement.sql,
            properties: statement.properties,
            computePoolId: prepared.computePoolId,
            principal: prepared.principal,
            created: await prepared.flink.getStatement(statement.name, {
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
}

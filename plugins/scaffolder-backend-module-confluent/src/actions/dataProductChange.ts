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
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { declareStatement } from '@shiftleft/plugin-confluent-node';
import {
  AppliedChange,
  applyBlueGreen,
  applyMaterializedTable,
} from '../lib/change/apply';
import {
  CHANGE_START_MODES,
  ChangeCaller,
  planChange,
  PlannedChange,
} from '../lib/change/plan';
import { recordDeclared } from '../lib/declared';
import {
  ConfluentActionOptions,
  resolveComputePool,
  resolvePrincipal,
} from '../lib/target';
import {
  changeExamples,
  planChangeExamples,
} from './dataProductChange.examples';
import { Z } from './inputProperties';

/** The inputs both change actions take. */
const changeInput = {
  product: (z: Z) =>
    z.string({
      description:
        'The data product to change: its catalog ref, e.g. api:default/enriched_customers. Only its owning team may change it',
    }),
  sql: (z: Z) =>
    z.string({
      description:
        'The product’s new Flink SQL: CREATE TABLE … AS SELECT or INSERT INTO for a statement-backed product, CREATE [OR ALTER] MATERIALIZED TABLE for a materialized table',
    }),
  startMode: (z: Z) =>
    z
      .enum(CHANGE_START_MODES, {
        description:
          'Where a materialized table restarts (START_MODE). Default RESUME_OR_FROM_BEGINNING',
      })
      .optional(),
  confirmBreakingChange: (z: Z) =>
    z
      .boolean({
        description:
          'Go ahead although the change removes or retypes columns other teams read (the plan names them). Default false',
      })
      .optional(),
};

/** A human summary of a plan, for task logs. */
export function describeChangePlan(change: PlannedChange): string {
  const { plan } = change;
  const diff =
    plan.schemaChanges
      .map(c => `${c.change} ${c.column}${c.after ? ` (${c.after})` : ''}`)
      .join(', ') || 'no column changes';
  const method =
    plan.method.kind === 'blue-green'
      ? `blue/green: ${plan.method.statementName} replaces ${plan.method.previousStatement}`
      : `CREATE OR ALTER MATERIALIZED TABLE (START_MODE ${plan.method.startMode}) as ${plan.method.statementName}`;
  return `Change of ${plan.product}: ${diff}; Schema Registry: ${
    plan.compatibility.verdict
  }; downstream impact: ${
    plan.impact.length
      ? plan.impact
          .map(i => `${i.entityRef} (${i.owner || 'no owner'})`)
          .join(', ')
      : 'none'
  }; ${method}`;
}

/**
 * Applies a ready plan: the statement's principal and pool come from
 * configuration, as for every statement the suite submits.
 */
export async function applyChange(
  options: ConfluentActionOptions,
  change: PlannedChange,
  caller: ChangeCaller,
): Promise<AppliedChange> {
  const target = change.target!;
  const common = {
    client: options.client,
    principal: resolvePrincipal(options, {
      environmentId: target.environmentId,
      owner: change.initiator!.owner,
      runs: 'statement',
    }),
    computePoolId: resolveComputePool(options, target.environmentId),
    timeoutMs: options.settings.waitTimeoutMs,
    intervalMs: options.settings.pollIntervalMs,
    logger: caller.logger,
    signal: caller.signal,
  };
  const applied =
    change.plan.method.kind === 'materialized-table'
      ? await applyMaterializedTable(change, common)
      : await applyBlueGreen(change, common);
  // What the portal declared for the product is now the new statement, so
  // drift is read against it (README "Drift"); the old one is kept STOPPED.
  const flink = options.client.flink(target.environmentId);
  await recordDeclared({
    client: options.client,
    environmentId: target.environmentId,
    kafkaClusterId: target.kafkaClusterId,
    topic: change.plan.topic,
    fingerprint: declareStatement({
      name: applied.statementName,
      environmentId: target.environmentId,
      sql: change.statement!.sql,
      properties: change.statement!.properties,
      computePoolId: common.computePoolId,
      principal: common.principal,
      created: await flink.getStatement(applied.statementName, {
        signal: caller.signal,
      }),
      declaredBy: caller.user?.ref,
    }),
    logger: caller.logger,
    signal: caller.signal,
    timeoutMs: common.timeoutMs,
    intervalMs: common.intervalMs,
  });
  return applied;
}

/** The problems of a plan as one error. */
export function refusal(change: PlannedChange): InputError {
  const { problems, product } = change.plan;
  return new InputError(
    `The change of ${product} cannot go ahead:\n${problems
      .map(p => `- ${p}`)
      .join('\n')}`,
  );
}

/**
 * `confluent:dataproduct:plan-change`: plans a change to an existing data
 * product without changing anything: the value-schema diff and Schema
 * Registry's verdict, every downstream product, statement, sink connector
 * and table reading a removed or retyped column (with owners), and the
 * method (blue/green or CREATE OR ALTER MATERIALIZED TABLE).
 *
 * @public
 */
export function createConfluentDataProductPlanChangeAction(
  options: ConfluentActionOptions,
) {
  return createTemplateAction({
    id: 'confluent:dataproduct:plan-change',
    description:
      'Plans a change to a data product your team owns, changing nothing: the value-schema diff, Schema Registry’s compatibility verdict, downstream impact with owners, and how it is applied.',
    examples: planChangeExamples,
    supportsDryRun: true,
    schema: {
      input: changeInput,
      output: {
        ready: z =>
          z.boolean({ description: 'Whether the change may go ahead' }),
        changePlan: z =>
          z
            .record(z.unknown())
            .describe(
              'The plan: schemaChanges, compatibility, impact, teamsToTell, method, problems, warnings',
            ),
      },
    },
    async handler(ctx) {
      const change = await planChange(options, ctx.input, {
        user: ctx.user,
        credentials: () => ctx.getInitiatorCredentials(),
        logger: ctx.logger,
        signal: ctx.signal,
      });
      ctx.logger.info(describeChangePlan(change));
      for (const warning of change.plan.warnings) ctx.logger.warn(warning);
      for (const problem of change.plan.problems) ctx.logger.warn(problem);
      ctx.output('ready', change.ready);
      ctx.output('changePlan', change.plan as any);
    },
  });
}

/**
 * `confluent:dataproduct:change`: changes a data product's SQL. A product
 * backed by a statement is switched blue/green (the new statement resumes
 * from the old one's offsets, runs, then the old one stops; on failure the
 * old one keeps running and the new one is deleted); a materialized table
 * evolves in place with CREATE OR ALTER MATERIALIZED TABLE.
 *
 * Only the owning team may run it; it refuses to break another team's
 * product unless `confirmBreakingChange` is set. Checkpointed and
 * idempotent: a retry finds what an earlier attempt did. A dry run returns
 * the plan.
 *
 * @public
 */
export function createConfluentDataProductChangeAction(
  options: ConfluentActionOptions,
) {
  return createTemplateAction({
    id: 'confluent:dataproduct:change',
    description:
      'Changes a data product’s SQL: blue/green statement replacement from the old statement’s offsets, or CREATE OR ALTER MATERIALIZED TABLE; owners only; refuses to break other teams’ products without confirmation.',
    examples: changeExamples,
    supportsDryRun: true,
    schema: {
      input: changeInput,
      output: {
        changePlan: z =>
          z.record(z.unknown()).describe('The plan that was carried out'),
        statementName: z =>
          z
            .string({
              description: 'The statement that now produces the product',
            })
            .optional(),
        phase: z => z.string({ description: 'Its phase' }).optional(),
        previousStatement: z =>
          z
            .string({ description: 'The statement it replaced (blue/green)' })
            .optional(),
        materializedTableVersion: z =>
          z
            .number({ description: 'The materialized table’s version now' })
            .optional(),
      },
    },
    async handler(ctx) {
      const caller: ChangeCaller = {
        user: ctx.user,
        credentials: () => ctx.getInitiatorCredentials(),
        logger: ctx.logger,
        signal: ctx.signal,
      };
      const change = await planChange(options, ctx.input, caller);
      ctx.logger.info(describeChangePlan(change));
      ctx.output('changePlan', change.plan as any);
      if (!change.ready) throw refusal(change);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would submit ${change.plan.method.statementName}; nothing changed`,
        );
        return;
      }
      const target = change.target!;
      const applied = await ctx.checkpoint({
        key: `dataproduct.change.${target.environmentId}.${
          change.statement!.name
        }`,
        fn: async () => ({ ...(await applyChange(options, change, caller)) }),
      });
      ctx.output('statementName', applied.statementName);
      ctx.output('phase', applied.phase);
      if (applied.previousStatement) {
        ctx.output('previousStatement', applied.previousStatement);
      }
      if (applied.materializedTableVersion !== undefined) {
        ctx.output(
          'materializedTableVersion',
          applied.materializedTableVersion,
        );
      }
    },
  });
}

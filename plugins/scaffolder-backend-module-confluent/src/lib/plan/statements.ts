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
import {
  LABEL_OWNER,
  PlannedStatement,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentFlinkApi } from '@shiftleft/plugin-confluent-node';
import { findStatement, inspectStatement } from '../existing';
import {
  assertStatementAdoptable,
  statementAccessProblems,
} from '../ownership';
import {
  AnalyzedStatement,
  analyzeStatement,
  checkUpstream,
  lineageSummary,
  sqlSizeProblem,
} from '../statement';
import { PlanContext } from './context';
import { substitute } from './placeholders';
import { DataProductInput, MAX_PLAN_STATEMENTS } from './types';

/**
 * Plans the product's Flink statements in order: each may read what the
 * source and the statements before it create. Returns the statements that
 * analyzed, for the sinks and the PII trace.
 */
export async function planStatements(
  ctx: PlanContext,
): Promise<AnalyzedStatement[]> {
  const analyzed: AnalyzedStatement[] = [];
  const { client } = ctx.options.actionOptions;
  const flink = client.flink(ctx.target.environmentId);
  const statements = ctx.options.input.statements ?? [];
  if (statements.length > MAX_PLAN_STATEMENTS) {
    ctx.problems.push(
      `The product has ${statements.length} statements; at most ${MAX_PLAN_STATEMENTS} are planned at once`,
    );
  }
  for (const item of statements.slice(0, MAX_PLAN_STATEMENTS)) {
    const statement = await planStatement(ctx, flink, item);
    if (statement) analyzed.push(statement);
  }
  return analyzed;
}

/** Plans one statement; undefined when its SQL does not analyze. */
async function planStatement(
  ctx: PlanContext,
  flink: ConfluentFlinkApi,
  item: DataProductInput['statements'][number],
): Promise<AnalyzedStatement | undefined> {
  const { product, target, owner, problems, created, signal } = ctx;
  const name = `${product}-${item.name}`;
  let statement: AnalyzedStatement;
  try {
    const tooLong = sqlSizeProblem(item.sql ?? '');
    if (tooLong) throw new InputError(`Statement '${name}' ${tooLong}`);
    statement = analyzeStatement({
      name,
      sql: substitute(item.sql ?? '', product, `Statement '${name}'`, {
        sql: true,
      }),
      properties: item.stateTtl ? { 'sql.state-ttl': item.stateTtl } : {},
      target,
    });
  } catch (error) {
    ctx.problem(error);
    return undefined;
  }
  const planned: PlannedStatement = {
    name,
    sql: statement.sql,
    properties: statement.properties,
    reads: [],
    creates: [],
    lineage: lineageSummary(statement.lineage),
  };
  ctx.plan.statements.push(planned);
  let existing;
  try {
    existing = await findStatement(flink, name, signal);
    planned.action =
      existing && owner
        ? inspectStatement(existing, statement, owner)
        : 'create';
    if (existing) planned.phase = existing.status.phase;
  } catch (error) {
    ctx.problem(error);
  }
  const upstream = await checkUpstream({
    resolver: ctx.resolver,
    statement,
    createdTables: created,
    adopting: Boolean(existing),
    signal,
  });
  planned.reads = upstream.reads.map(r => r.topic);
  planned.creates = upstream.creates;
  problems.push(
    ...upstream.problems.map(p => `Flink statement '${name}' ${p}`),
  );
  if (ctx.initiator) {
    try {
      if (existing && !existing.metadata.labels?.[LABEL_OWNER]) {
        await assertStatementAdoptable({
          name,
          topics: upstream.creates,
          owners: ctx.owners,
          initiator: ctx.initiator,
          signal,
        });
      }
      const access = await statementAccessProblems({
        statement,
        upstream,
        resolver: ctx.resolver,
        owners: ctx.owners,
        initiator: ctx.initiator,
        createdTables: created,
        adopting: Boolean(existing),
        signal,
      });
      problems.push(
        ...access.problems.map(p => `Flink statement '${name}' ${p}`),
      );
      ctx.warnings.push(...access.warnings);
    } catch (error) {
      ctx.problem(error);
    }
  }
  ctx.steps.statements.push({
    name,
    sql: statement.sql,
    ...(item.stateTtl ? { stateTtl: item.stateTtl } : {}),
    createdTables: [...created],
  });
  created.push(...upstream.creates);
  return statement;
}

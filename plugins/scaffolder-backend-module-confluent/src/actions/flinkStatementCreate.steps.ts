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
import { ConflictError } from '@backstage/errors';
import { PlannedStatementAction } from '@shiftleft/plugin-confluent-common';
import { ConfluentFlinkApi, Statement } from '@shiftleft/plugin-confluent-node';
import { ConfluentResourceFailedError } from '../lib/errors';
import { findStatement, inspectStatement } from '../lib/existing';
import { Owner } from '../lib/owner';
import { tablesWritten } from '../lib/ownership';
import { AnalyzedStatement, TopicResolver } from '../lib/statement';
import { pollUntil } from '../lib/wait';

/*
 * The provisioning steps of `confluent:flink:statement:create`: submitting
 * the statement and waiting until it runs, and where its declared
 * fingerprint is recorded.
 */

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

export /** Submits (or adopts, or replaces) a statement and waits until it runs. */
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

/** The topic a statement's declared fingerprint is recorded on. */
export async function anchorTopic(
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

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
import { ConflictError, NotFoundError } from '@backstage/errors';
import { LABEL_OWNER } from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  ConfluentFlinkApi,
  ConfluentSchemaRegistryApi,
  Statement,
} from '@shiftleft/plugin-confluent-node';
import { ConfluentResourceFailedError } from '../errors';
import { findStatement } from '../existing';
import { pollUntil } from '../wait';
import { offsetsBehind } from './offsets';
import { PlannedChange } from './plan';

/*
 * Carries out a planned change. Blue/green: register the new value schema,
 * start the new statement from the old one's offsets, wait until it runs,
 * stop the old one; on any failure the old one runs on, the new one is
 * deleted and the schema version it registered is removed. Materialized table: submit CREATE OR ALTER and wait.
 *
 * Every step first looks at what exists, so a retried run (after a crash,
 * or a lost answer) carries on from where Confluent is, never submitting a
 * second statement.
 */

/** What applying needs besides the plan. */
export interface ApplyOptions {
  client: ConfluentClient;
  principal: string;
  computePoolId?: string;
  timeoutMs: number;
  intervalMs: number;
  logger: LoggerService;
  signal?: AbortSignal;
}

/** What the change did. */
export interface AppliedChange {
  statementName: string;
  phase: string;
  previousStatement?: string;
  previousPhase?: string;
  /** Schema Registry's id of the value schema registered, if one was. */
  schemaId?: number;
  materializedTableVersion?: number;
}

async function failureDetail(flink: ConfluentFlinkApi, s: Statement) {
  const exceptions = await flink
    .listStatementExceptions(s.name)
    .catch(() => []);
  return [s.status.detail, ...exceptions.map(e => `${e.name}: ${e.message}`)]
    .filter(Boolean)
    .join('; ');
}

/** Submits the statement unless it exists with the same SQL; waits until it runs. */
async function startStatement(
  change: PlannedChange,
  options: ApplyOptions,
): Promise<Statement> {
  const { statement, initiator } = change;
  const flink = options.client.flink(change.target!.environmentId);
  const { signal } = options;
  let existing = await findStatement(flink, statement!.name, signal);
  if (existing && existing.spec.statement !== statement!.sql) {
    throw new ConflictError(
      `Statement '${
        statement!.name
      }' exists with other SQL; it was not made by this change`,
    );
  }
  if (!existing) {
    try {
      existing = await flink.createStatement(
        {
          name: statement!.name,
          statement: statement!.sql,
          properties: statement!.properties,
          labels: { [LABEL_OWNER]: initiator!.owner.label },
          computePoolId: options.computePoolId,
          principal: options.principal,
        },
        { signal },
      );
      options.logger.info(`Submitted Flink statement ${statement!.name}`);
    } catch (error) {
      if (!ConflictError.is(error)) throw error;
      // An earlier attempt whose answer was lost.
    }
  } else {
    options.logger.info(
      `Flink statement ${
        statement!.name
      } exists from an earlier attempt; waiting for it`,
    );
  }
  const done = await pollUntil({
    what: `Flink statement '${statement!.name}' to run`,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    signal,
    read: () => flink.getStatement(statement!.name, { signal }),
    decide: s =>
      ['RUNNING', 'COMPLETED', 'FAILED', 'STOPPED'].includes(s.status.phase)
        ? { done: true, value: s }
        : { done: false, state: s.status.phase },
  });
  if (done.status.phase !== 'RUNNING' && done.status.phase !== 'COMPLETED') {
    throw new ConfluentResourceFailedError(
      `Flink statement '${done.name}' is ${done.status.phase}: ${
        (await failureDetail(flink, done)) || 'no detail reported'
      }`,
    );
  }
  return done;
}

/** Deletes the new statement and waits until it is gone. */
async function removeStatement(
  flink: ConfluentFlinkApi,
  name: string,
  options: ApplyOptions,
) {
  try {
    await flink.deleteStatement(name);
  } catch (error) {
    if (NotFoundError.is(error)) return;
    throw error;
  }
  await pollUntil({
    what: `statement '${name}' to be deleted`,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    read: () => findStatement(flink, name),
    decide: s =>
      s ? { done: false, state: s.status.phase } : { done: true, value: true },
  });
}

/**
 * Waits until the new statement has read as far as the old one had when
 * the new one ran (`latest_offsets`, per source partition), so stopping the
 * old one loses no freshness. A statement reporting no offsets has nothing
 * to wait for.
 */
async function waitCaughtUp(
  flink: ConfluentFlinkApi,
  name: string,
  previous: string,
  options: ApplyOptions,
) {
  const { signal } = options;
  const old = await flink.getStatement(previous, { signal });
  const target = old.status.latest_offsets;
  if (!target || !Object.keys(target).length) return;
  await pollUntil({
    what: `Flink statement '${name}' to catch up with ${previous}`,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    signal,
    read: () => flink.getStatement(name, { signal }),
    decide: s => {
      if (s.status.phase !== 'RUNNING') {
        throw new ConfluentResourceFailedError(
          `Flink statement '${name}' is ${s.status.phase} while catching up with ${previous}`,
        );
      }
      const behind = offsetsBehind(s.status.latest_offsets, target);
      return behind.length
        ? { done: false, state: `behind on ${behind.join(', ')}` }
        : { done: true, value: true };
    },
  });
  options.logger.info(`${name} has caught up with ${previous}`);
}

/** A subject's live versions; none when the subject does not exist. */
async function subjectVersions(
  sr: ConfluentSchemaRegistryApi,
  subject: string,
  signal?: AbortSignal,
): Promise<number[]> {
  try {
    return await sr.listVersions(subject, { signal });
  } catch (error) {
    if (NotFoundError.is(error)) return [];
    throw error;
  }
}

/**
 * The version a registration added: the subject's latest, when it holds
 * the registered id and was not there before. A schema the subject already
 * had (same id, no new version), or a version someone else registered
 * meanwhile, is not this change's to remove.
 */
async function versionAdded(
  sr: ConfluentSchemaRegistryApi,
  subject: string,
  before: number[],
  schemaId: number,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const latest = await sr.getLatestSchema(subject, { signal });
  return latest.id === schemaId && !before.includes(latest.version)
    ? latest.version
    : undefined;
}

/**
 * Removes the version a failed switch registered, so the subject is back
 * to its versions before the change. A soft delete: records the new
 * statement already wrote still decode by schema id, and the registry
 * keeps a trace of the attempt.
 */
async function removeVersion(
  client: ConfluentClient,
  target: { environmentId: string },
  added: { subject: string; version: number },
  logger: LoggerService,
) {
  try {
    await client
      .schemaRegistry(target.environmentId)
      .deleteSchemaVersion(added.subject, added.version);
    logger.info(
      `Removed version ${added.version} of ${added.subject}, registered by this change`,
    );
  } catch (error) {
    logger.error(
      `Could not remove version ${added.version} of ${added.subject}: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * Blue/green: the new statement takes over from the old one, or the old
 * one runs on as before (and the value schema version it registered is
 * removed).
 */
export async function applyBlueGreen(
  change: PlannedChange,
  options: ApplyOptions,
): Promise<AppliedChange> {
  const { client, logger, signal } = options;
  const target = change.target!;
  const flink = client.flink(target.environmentId);
  const previous = change.current!.name;
  const name = change.statement!.name;

  // Done already (a retry after the switch)?
  const before = await findStatement(flink, previous, signal);
  const next = await findStatement(flink, name, signal);
  if (
    next?.status.phase === 'RUNNING' &&
    (!before || before.spec.stopped || before.status.phase === 'STOPPED')
  ) {
    logger.info(`${name} already runs in place of ${previous}`);
    return {
      statementName: name,
      phase: next.status.phase,
      previousStatement: previous,
      previousPhase: before?.status.phase ?? 'deleted',
    };
  }

  let schemaId: number | undefined;
  // The subject version this attempt added, removed again on rollback.
  let addedVersion: { subject: string; version: number } | undefined;
  if (change.schema) {
    const { subject } = change.schema;
    const sr = client.schemaRegistry(target.environmentId);
    const existing = await subjectVersions(sr, subject, signal);
    // Same schema twice is the same id: safe to repeat.
    const registered = await sr.registerSchema(
      subject,
      { schema: change.schema.text, schemaType: 'AVRO' },
      { signal },
    );
    schemaId = registered.id;
    const version = await versionAdded(sr, subject, existing, schemaId, signal);
    if (version !== undefined) addedVersion = { subject, version };
    logger.info(
      `Registered the new value schema of ${subject} (id ${schemaId}, ${
        version !== undefined
          ? `version ${version}`
          : 'a version it already had'
      })`,
    );
  }

  let stoppedOld = false;
  try {
    const started = await startStatement(change, options);
    await waitCaughtUp(flink, name, previous, options);
    logger.info(`${name} is ${started.status.phase}; stopping ${previous}`);
    await flink.stopStatement(previous, { signal });
    stoppedOld = true;
    const old = await pollUntil({
      what: `statement '${previous}' to stop`,
      timeoutMs: options.timeoutMs,
      intervalMs: options.intervalMs,
      signal,
      read: () => flink.getStatement(previous, { signal }),
      decide: s =>
        s.status.phase === 'STOPPED' || s.status.phase === 'FAILED'
          ? { done: true, value: s }
          : { done: false, state: s.status.phase },
    });
    logger.info(`${previous} is ${old.status.phase}; ${name} replaces it`);
    return {
      statementName: name,
      phase: started.status.phase,
      previousStatement: previous,
      previousPhase: old.status.phase,
      ...(schemaId !== undefined ? { schemaId } : {}),
    };
  } catch (error) {
    logger.error(
      `The switch to ${name} failed (${
        (error as Error).message
      }); rolling back: ${previous} keeps running, ${name} is deleted`,
    );
    // Without the task's signal: a cancelled task must still roll back.
    if (stoppedOld) {
      await flink.resumeStatement(previous).catch(resumeError => {
        logger.error(
          `Could not resume ${previous}: ${(resumeError as Error).message}`,
        );
      });
    }
    await removeStatement(flink, name, options).catch(removeError => {
      logger.error(
        `Could not delete ${name}: ${(removeError as Error).message}`,
      );
    });
    if (addedVersion) await removeVersion(client, target, addedVersion, logger);
    throw error;
  }
}

/** CREATE OR ALTER MATERIALIZED TABLE: Confluent evolves the table in place. */
export async function applyMaterializedTable(
  change: PlannedChange,
  options: ApplyOptions,
): Promise<AppliedChange> {
  const target = change.target!;
  const started = await startStatement(change, options);
  const table = await options.client
    .materializedTables(target.environmentId)
    .getMaterializedTable(target.kafkaClusterId, change.plan.topic, {
      signal: options.signal,
    });
  return {
    statementName: started.name,
    phase: started.status.phase,
    ...(table.status?.version !== undefined
      ? { materializedTableVersion: table.status.version }
      : {}),
  };
}

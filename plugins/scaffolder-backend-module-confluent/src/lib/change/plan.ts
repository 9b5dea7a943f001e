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
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  ChangeMethod,
  DataProductChangePlan,
  isConfluentProviderEntity,
  LABEL_OWNER,
} from '@shiftleft/plugin-confluent-common';
import { MaterializedTable, Statement } from '@shiftleft/plugin-confluent-node';
import { Initiator, resolveInitiator, TaskUser } from '../ownership';
import { AnalyzedStatement, TopicResolver } from '../statement';
import {
  ConfluentActionOptions,
  ConfluentTarget,
  resolveTarget,
} from '../target';
import { changedStatement } from './changedStatement';
import { checkCompatibility } from './compatibility';
import { ChangeFindings } from './findings';
import { breakingImpact } from './impact';
import { checkNewReads } from './newReads';

/** The start modes a change may pick for a materialized table. */
export const CHANGE_START_MODES = [
  'RESUME_OR_FROM_BEGINNING',
  'RESUME_OR_FROM_NOW',
  'FROM_BEGINNING',
  'FROM_NOW',
] as const;

/** What a change asks for. */
export interface ChangeRequest {
  /** The data product's catalog ref, e.g. `api:default/enriched_customers`. */
  product: string;
  /** The product's new SQL. */
  sql: string;
  /** For a materialized table. Default `RESUME_OR_FROM_BEGINNING`. */
  startMode?: string;
  /** Go ahead although the change breaks other teams' products. */
  confirmBreakingChange?: boolean;
}

/** Who asks, and how to reach the catalog as them. */
export interface ChangeCaller {
  user: TaskUser;
  /** The caller's credentials, for the downstream walk (what they may read). */
  credentials: () => Promise<BackstageCredentials>;
  logger: LoggerService;
  signal?: AbortSignal;
}

/** A plan and what the run needs to carry it out. */
export interface PlannedChange {
  plan: DataProductChangePlan;
  ready: boolean;
  initiator?: Initiator;
  target?: ConfluentTarget;
  /** The statement to submit. */
  statement?: AnalyzedStatement;
  /** The statement it replaces (blue/green). */
  current?: Statement;
  /** The value schema to register before a blue/green switch. */
  schema?: { subject: string; text: string };
}

const RUNNING_PHASES = ['RUNNING', 'DEGRADED', 'PENDING'];

const lower = (s: string) => s.toLocaleLowerCase('en-US');

function annotation(entity: Entity, key: string) {
  return entity.metadata.annotations?.[key]?.trim() || undefined;
}

/**
 * Reads the product the way the catalog provider wrote it: only an entity
 * the provider emitted is trusted (anyone can register a catalog-info.yaml
 * claiming a topic), and its owner must be one of the caller's groups.
 */
async function readProduct(
  options: ConfluentActionOptions,
  request: ChangeRequest,
  caller: ChangeCaller,
) {
  const { catalog, auth, client } = options;
  if (!catalog || !auth) {
    throw new InputError(
      'Changing a data product needs the software catalog: the action was built without it',
    );
  }
  const credentials = await auth.getOwnServiceCredentials();
  const entity = await catalog.getEntityByRef(request.product, {
    credentials,
  });
  if (!entity) {
    throw new InputError(`No data product ${request.product} in the catalog`);
  }
  const ref = stringifyEntityRef(entity);
  const topic = annotation(entity, ANNOTATION_CONFLUENT_TOPIC);
  if (
    lower(entity.kind) !== 'api' ||
    !topic ||
    !isConfluentProviderEntity(entity, client.links.baseUrl)
  ) {
    throw new InputError(
      `${ref} is not a Confluent data product from the catalog provider: only those can be changed here`,
    );
  }
  const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : '';
  let initiator: Initiator;
  try {
    initiator = resolveInitiator(caller.user, owner);
  } catch (error) {
    if (NotAllowedError.is(error)) {
      throw new NotAllowedError(
        `Only members of ${owner} can change ${ref}: ${
          caller.user?.ref ?? 'the caller'
        } is not one`,
      );
    }
    throw error;
  }
  const target = resolveTarget(options, {
    environmentId: annotation(entity, ANNOTATION_CONFLUENT_ENVIRONMENT_ID),
    kafkaClusterId: annotation(entity, ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID),
  });
  return { entity, ref, topic, initiator, target };
}

/** The live statement among those the entity names, checked with Confluent. */
async function currentStatement(options: {
  options: ConfluentActionOptions;
  entity: Entity;
  topic: string;
  target: ConfluentTarget;
  initiator: Initiator;
  signal?: AbortSignal;
}): Promise<Statement> {
  const { target, initiator, topic, signal } = options;
  const flink = options.options.client.flink(target.environmentId);
  const names = (
    annotation(options.entity, ANNOTATION_CONFLUENT_STATEMENT) ?? ''
  )
    .split(',')
    .map(n => n.trim())
    .filter(Boolean);
  const found: Statement[] = [];
  for (const name of [...new Set(names)]) {
    try {
      found.push(await flink.getStatement(name, { signal }));
    } catch (error) {
      if (!NotFoundError.is(error)) throw error;
    }
  }
  const live = found.filter(
    s => !s.spec.stopped && RUNNING_PHASES.includes(s.status.phase),
  );
  const statement = live[live.length - 1];
  if (!statement) {
    throw new InputError(
      `No running statement produces ${topic} (${
        names.join(', ') || 'none named'
      }): a stopped or failed product is changed by fixing it first`,
    );
  }
  // The label is Confluent's own record of the owner; the catalog's owner
  // alone would let an entity's author point at someone else's statement.
  const label = statement.metadata.labels?.[LABEL_OWNER];
  if (label && label !== initiator.owner.label) {
    throw new NotAllowedError(
      `Statement '${statement.name}' is labelled ${LABEL_OWNER}=${label}, not ${initiator.owner.label}: only its own team can replace it`,
    );
  }
  return statement;
}

/** Keys of statement properties that hold secrets (`sql.secrets.openai`, …). */
const SECRET_PROPERTY = /(password|secret|private[._-]?key|token|credential)/i;

/** Properties as a plan shows them: secret values replaced. */
function redactedProperties(properties: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [
      key,
      SECRET_PROPERTY.test(key) ? '[REDACTED]' : value,
    ]),
  );
}

/**
 * Plans a change to a data product: who may make it, the statement that
 * applies it (blue/green or CREATE OR ALTER MATERIALIZED TABLE), the value
 * schema diff and Schema Registry's verdict, and every downstream dataset
 * reading a removed or retyped column, with owners. Changes nothing.
 *
 * Not-allowed callers and unknown products throw; everything else that
 * stops the change is in `plan.problems`.
 */
export async function planChange(
  options: ConfluentActionOptions,
  request: ChangeRequest,
  caller: ChangeCaller,
): Promise<PlannedChange> {
  const { client } = options;
  const { signal } = caller;
  const { entity, ref, topic, initiator, target } = await readProduct(
    options,
    request,
    caller,
  );
  const findings: ChangeFindings = { problems: [], warnings: [] };
  const { problems, warnings } = findings;
  let materialized: MaterializedTable | undefined;
  try {
    materialized = await client
      .materializedTables(target.environmentId)
      .getMaterializedTable(target.kafkaClusterId, topic, { signal });
  } catch (error) {
    if (!NotFoundError.is(error)) throw error;
  }
  const current = await currentStatement({
    options,
    entity,
    topic,
    target,
    initiator,
    signal,
  });
  const resolver = new TopicResolver(client, target);
  const changed = await changedStatement({
    sql: request.sql,
    startMode: request.startMode,
    current,
    materialized,
    topic,
    target,
    resolver,
    findings,
    signal,
  });
  const { statement, submitted, properties } = changed;
  if (statement) {
    await checkNewReads({
      options,
      statement,
      current,
      topic,
      target,
      initiator,
      resolver,
      findings,
      signal,
    });
  }
  const schema = await checkCompatibility({
    client,
    target,
    topic,
    edited: changed.edited,
    output: changed.output,
    resolver,
    findings,
    signal,
  });
  const { subject, candidate, schemaChanges } = schema;
  const impact = await breakingImpact({
    options,
    entity,
    schemaChanges,
    credentials: await caller.credentials(),
    initiator,
    confirmed: request.confirmBreakingChange,
    findings,
  });

  const plan: DataProductChangePlan = {
    product: ref,
    topic,
    owner: initiator.owner.ref,
    environmentId: target.environmentId,
    kafkaClusterId: target.kafkaClusterId,
    currentStatement: current.name,
    sql: statement?.sql ?? submitted ?? '',
    // The plan is a task output, shown in the review and to agents.
    properties: redactedProperties(properties),
    method: changeMethod({
      materialized,
      current,
      statement,
      startMode: changed.startMode,
      schemaSubject: candidate ? subject : undefined,
    }),
    schemaChanges,
    compatibility: schema.compatibility,
    impact: impact.impact,
    restrictedDownstream: impact.restricted,
    teamsToTell: impact.teamsToTell,
    needsConfirmation: impact.needsConfirmation,
    problems,
    warnings,
  };
  return {
    plan,
    ready: problems.length === 0,
    initiator,
    target,
    statement,
    current,
    ...(candidate && !materialized
      ? { schema: { subject, text: candidate } }
      : {}),
  };
}

/**
 * How the change is applied: a materialized table alters in place; any
 * other table switches blue/green, the new statement resuming from the
 * current one's offsets.
 */
function changeMethod(options: {
  materialized?: MaterializedTable;
  current: Statement;
  statement?: AnalyzedStatement;
  startMode: string;
  /** The value schema's subject, when a new schema is registered first. */
  schemaSubject?: string;
}): ChangeMethod {
  const { materialized, current, statement, startMode } = options;
  return materialized
    ? {
        kind: 'materialized-table',
        statementName: statement?.name ?? '',
        startMode,
        ...(materialized.status?.version !== undefined
          ? { currentVersion: materialized.status.version }
          : {}),
      }
    : {
        kind: 'blue-green',
        previousStatement: current.name,
        statementName: statement?.name ?? '',
        steps: [
          ...(options.schemaSubject
            ? [`Register the new value schema of ${options.schemaSubject}`]
            : []),
          `Start ${
            statement?.name ?? 'the new statement'
          } with sql.tables.initial-offset-from = ${
            current.name
          }, so it resumes from its offsets`,
          `Wait until it is RUNNING and has caught up with ${current.name}'s offsets`,
          `Stop ${current.name}`,
          `On failure: ${current.name} keeps running and the new statement is deleted`,
        ],
      };
}

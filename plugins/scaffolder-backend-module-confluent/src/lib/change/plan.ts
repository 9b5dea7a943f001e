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
  ChangeCompatibility,
  ChangeImpact,
  ChangeMethod,
  DataProductChangePlan,
  isConfluentProviderEntity,
  LABEL_OWNER,
  LINEAGE_GRAPH_MAX_DEPTH,
  lineageImpact,
  LineageGraphResponse,
} from '@shiftleft/plugin-confluent-common';
import { formatTableRef } from '@shiftleft/flink-sql-lineage';
import {
  buildLineageGraph,
  ConfluentSchemaRegistryApi,
  MaterializedTable,
  Statement,
} from '@shiftleft/plugin-confluent-node';
import {
  Initiator,
  readProblem,
  resolveInitiator,
  ResourceOwners,
  TaskUser,
} from '../ownership';
import {
  AnalyzedStatement,
  analyzeStatement,
  checkUpstream,
  tablesRead,
  TopicResolver,
} from '../statement';
import {
  ConfluentActionOptions,
  ConfluentTarget,
  resolveTarget,
} from '../target';
import { avroFieldTypes, diffValueSchema, statementOutput } from './schemaDiff';
import {
  changeStatementName,
  ctasToInsert,
  materializedTableStatement,
  normalizeSql,
} from './sqlRewrite';

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

/** Downstream datasets that read the changed columns. */
async function downstreamImpact(options: {
  options: ConfluentActionOptions;
  root: Entity;
  columns: string[];
  credentials: BackstageCredentials;
}): Promise<{ impact: ChangeImpact[]; restricted: number }> {
  const { columns } = options;
  if (!columns.length) return { impact: [], restricted: 0 };
  const graph: LineageGraphResponse = await buildLineageGraph({
    catalog: options.options.catalog!,
    credentials: options.credentials,
    root: options.root,
    upstream: 0,
    downstream: LINEAGE_GRAPH_MAX_DEPTH,
  });
  const byRef = new Map(
    graph.nodes.filter(n => n.entityRef).map(n => [n.entityRef!, n]),
  );
  const impact: ChangeImpact[] = [];
  for (const column of columns) {
    for (const row of lineageImpact(graph, { node: graph.root, column })) {
      const via = row.via ? byRef.get(row.via) : undefined;
      impact.push({
        entityRef: row.entityRef,
        type: row.type,
        owner: row.owner,
        column: row.column,
        changedColumn: column,
        hops: row.hops,
        via: row.via,
        ...(via?.type ? { viaType: via.type } : {}),
        ...(via?.owner ? { viaOwner: via.owner } : {}),
        sinkTable: row.sinkTable,
      });
    }
  }
  return {
    impact,
    restricted: graph.nodes.filter(n => n.kind === 'restricted' && n.depth > 0)
      .length,
  };
}

/**
 * The Avro types of the output columns copied unchanged from one upstream
 * column: the type of that field in its topic's value schema.
 */
async function copiedColumnTypes(options: {
  statement: AnalyzedStatement;
  resolver: TopicResolver;
  registry: ConfluentSchemaRegistryApi;
  signal?: AbortSignal;
}): Promise<Map<string, unknown>> {
  const { statement, resolver, registry, signal } = options;
  const schemas = new Map<string, Promise<Map<string, unknown>>>();
  const fieldsOf = (topic: string) => {
    let found = schemas.get(topic);
    if (!found) {
      found = registry
        .getLatestSchema(`${topic}-value`, { signal })
        .then(s => avroFieldTypes(s.schema))
        .catch(() => new Map<string, unknown>());
      schemas.set(topic, found);
    }
    return found;
  };
  const types = new Map<string, unknown>();
  for (const column of statement.lineage.columns) {
    const [source] = column.sources;
    if (!column.direct || column.sources.length !== 1 || source.field) {
      continue;
    }
    const resolved = await resolver.resolve(
      source.table,
      statement.properties,
      signal,
    );
    if ('problem' in resolved) continue;
    const type = (await fieldsOf(resolved.topic)).get(source.column);
    if (type !== undefined) types.set(column.column, type);
  }
  return types;
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

/** Properties of the old statement the new one keeps. */
function carriedProperties(current: Statement): Record<string, string> {
  const kept = { ...(current.spec.properties ?? {}) };
  delete kept['client.statement-name'];
  delete kept['sql.tables.initial-offset-from'];
  return kept;
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
  const problems: string[] = [];
  const warnings: string[] = [];
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

  // The new SQL, parsed by the lineage library (syntax errors with line and
  // column are InputErrors).
  const edited = analyzeStatement({
    name: current.name,
    sql: request.sql,
    target,
  });
  const output = statementOutput(edited.lineage);
  const written = output
    ? await resolver.resolve(output.table, edited.properties, signal)
    : undefined;
  if (!written || 'problem' in written || written.topic !== topic) {
    throw new InputError(
      `The new SQL must write ${topic} (as CREATE TABLE … AS, INSERT INTO${
        materialized ? ' or CREATE [OR ALTER] MATERIALIZED TABLE' : ''
      }); it ${
        output
          ? `writes ${formatTableRef(output.table)}`
          : `is a ${edited.lineage.kind} statement`
      }`,
    );
  }

  const startMode = request.startMode ?? 'RESUME_OR_FROM_BEGINNING';
  let submitted: string | undefined;
  const properties = { ...carriedProperties(current), ...edited.properties };
  if (materialized) {
    submitted = materializedTableStatement(edited.sql, startMode);
    if (!submitted) {
      problems.push(
        `${topic} is a materialized table: write its new SQL as CREATE [OR ALTER] MATERIALIZED TABLE ${topic} … AS SELECT …`,
      );
    }
  } else {
    properties['sql.tables.initial-offset-from'] = current.name;
    const table = formatTableRef(output!.table);
    if (edited.lineage.kind === 'INSERT_INTO') submitted = edited.sql;
    else if (edited.lineage.table && !edited.lineage.table.materialized) {
      submitted = ctasToInsert(edited.sql, table);
    }
    if (!submitted) {
      problems.push(
        `${topic} is produced by statement ${current.name}: write its new SQL as CREATE TABLE ${topic} … AS SELECT … or INSERT INTO ${topic} SELECT …`,
      );
    }
    const oldLineage = analyzeStatement({
      name: current.name,
      sql: current.spec.statement ?? '',
      properties: {},
      target,
    }).lineage;
    const oldKey = oldLineage.table?.primaryKey ?? [];
    const newKey = edited.lineage.table?.primaryKey ?? oldKey;
    if (
      edited.lineage.kind !== 'INSERT_INTO' &&
      newKey.join(',') !== oldKey.join(',')
    ) {
      problems.push(
        `The primary key changes (${oldKey.join(', ') || 'none'} → ${
          newKey.join(', ') || 'none'
        }): a new key is a new product, not a change`,
      );
    }
  }

  let statement: AnalyzedStatement | undefined;
  if (submitted) {
    const name = changeStatementName(current.name, submitted, properties);
    statement = analyzeStatement({ name, sql: submitted, target });
    statement = { ...statement, properties };
    if (
      normalizeSql(submitted) === normalizeSql(current.spec.statement ?? '')
    ) {
      problems.push(
        `The SQL is the same as ${current.name}'s: nothing to change`,
      );
    }
  }

  // What the new SQL reads: it must exist, and a table the current
  // statement did not read must be the team's or shared with it (the
  // create action's rule; what it read already was agreed before).
  if (statement) {
    const upstream = await checkUpstream({
      resolver,
      statement,
      createdTables: [],
      adopting: true,
      signal,
    });
    problems.push(...upstream.problems);
    const readBefore = new Set<string>();
    for (const table of tablesRead(
      analyzeStatement({
        name: current.name,
        sql: current.spec.statement ?? '',
        target,
      }).lineage,
    )) {
      // In the new statement's catalog and database: the same environment
      // and cluster, named by id (the old one may name them by display
      // name, which only the environment's can be checked by).
      const resolved = await resolver.resolve(
        table,
        statement.properties,
        signal,
      );
      if (!('problem' in resolved)) readBefore.add(resolved.topic);
    }
    const owners = new ResourceOwners({
      client,
      target,
      catalog: options.catalog,
      auth: options.auth,
    });
    for (const read of upstream.reads) {
      if (read.topic === topic || readBefore.has(read.topic)) continue;
      const found = await readProblem({
        topic: read.topic,
        owners,
        initiator,
        signal,
      });
      if (found?.warning) warnings.push(found.warning);
      if (found?.problem) problems.push(`The new SQL reads ${found.problem}`);
    }
  }

  // The value schema: the new output columns against the latest schema.
  const subject = `${topic}-value`;
  const compatibility: ChangeCompatibility = {
    subject,
    verdict: 'not-checked',
    messages: [],
  };
  const sr = client.schemaRegistry(target.environmentId);
  let schemaChanges: DataProductChangePlan['schemaChanges'] = [];
  let candidate: string | undefined;
  try {
    const latest = await sr.getLatestSchema(subject, { signal });
    if (latest.schemaType !== 'AVRO') {
      compatibility.messages.push(
        `The value schema is ${latest.schemaType}: the diff reads Avro only`,
      );
    } else {
      const diff = diffValueSchema({
        current: latest.schema,
        output: output!,
        copiedTypes: await copiedColumnTypes({
          statement: edited,
          resolver,
          registry: sr,
          signal,
        }),
      });
      schemaChanges = diff.changes;
      candidate = diff.candidate;
      if (diff.problem) compatibility.messages.push(diff.problem);
      for (const column of diff.inferred) {
        warnings.push(
          `${column} has no declared type: Flink infers it; the compatibility check assumed a nullable string`,
        );
      }
    }
  } catch (error) {
    if (!NotFoundError.is(error)) throw error;
    compatibility.messages.push(`${subject} has no schema yet`);
  }
  if (candidate && !schemaChanges.length) {
    compatibility.verdict = 'unchanged';
    candidate = undefined;
  } else if (candidate) {
    const verdict = await sr.testCompatibility(
      subject,
      { schema: candidate, schemaType: 'AVRO' },
      { signal },
    );
    compatibility.verdict = verdict.compatible ? 'compatible' : 'incompatible';
    compatibility.messages.push(...verdict.messages);
    if (!verdict.compatible) {
      problems.push(
        `Schema Registry refuses the new value schema of ${subject}: ${
          verdict.messages.join('; ') || 'incompatible'
        }`,
      );
    }
  }

  // Who reads what changes.
  const breaking = schemaChanges
    .filter(c => c.change !== 'added')
    .map(c => c.column);
  const { impact, restricted } = await downstreamImpact({
    options,
    root: entity,
    columns: breaking,
    credentials: await caller.credentials(),
  });
  const teams = new Set<string>();
  for (const row of impact) {
    for (const owner of [row.owner, row.viaOwner]) {
      if (owner && !initiator.groups.has(lower(owner))) teams.add(owner);
    }
  }
  const teamsToTell = [...teams].sort();
  const needsConfirmation = teamsToTell.length > 0 || restricted > 0;
  if (needsConfirmation && !request.confirmBreakingChange) {
    const products = [
      ...new Set(
        impact
          .filter(r => !initiator.groups.has(lower(r.owner)))
          .map(r => `${r.entityRef} (${r.owner || 'no known owner'})`),
      ),
    ];
    problems.push(
      `Changing ${breaking.join(', ')} breaks ${
        products.join(', ') ||
        `${restricted} downstream entities you may not read`
      }. Tell ${
        teamsToTell.join(', ') || 'their owners'
      } first, then confirm the breaking change to go ahead`,
    );
  }

  const method: ChangeMethod = materialized
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
          ...(candidate ? [`Register the new value schema of ${subject}`] : []),
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
    method,
    schemaChanges,
    compatibility,
    impact,
    restrictedDownstream: restricted,
    teamsToTell,
    needsConfirmation,
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

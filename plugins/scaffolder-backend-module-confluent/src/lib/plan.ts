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
import { InputError, isError } from '@backstage/errors';
import {
  CONFLUENT_PII_TAG,
  DataProductPlan,
  isPiiMasked,
  LABEL_OWNER,
  PiiSink,
  PiiSourceField,
  PiiSourceTable,
  PiiStatement,
  PlannedConnector,
  PlannedStatement,
  SuspectedPiiMatcher,
  tracePii,
} from '@shiftleft/plugin-confluent-common';
import {
  ConnectorSpec,
  DatabaseInput,
  renderConnector,
  RenderedConnector,
  SinkInput,
} from './connectorConfig';
import { findStatement, inspectConnector, inspectStatement } from './existing';
import {
  parsePgTableName,
  PgTableName,
  productNameProblems,
  toNamePart,
  topicNameProblems,
} from './names';
import { connectorHostProblems } from './connectorHosts';
import { DatabaseNetwork } from './network';
import { Owner } from './owner';
import {
  assertStatementAdoptable,
  connectorAccessProblems,
  Initiator,
  resolveInitiator,
  ResourceOwners,
  statementAccessProblems,
  TaskUser,
} from './ownership';
import { readTableColumns } from './preflight';
import { findSuspectedPii } from './suspectedPii';
import { taskSecret } from './secrets';
import {
  AnalyzedStatement,
  analyzeStatement,
  checkUpstream,
  lineageSummary,
  sqlSizeProblem,
  TopicResolver,
} from './statement';
import {
  ConfluentActionOptions,
  ConfluentTarget,
  resolvePrincipal,
  resolveTarget,
} from './target';

/*
 * The plan of a whole streaming data product: its CDC source, its Flink
 * statements in order and its sinks, rendered exactly as the create actions
 * will submit them (secrets redacted), with the lineage of every statement,
 * what already exists, and where personal data ends up.
 */

/** The placeholder replaced by the product name in SQL and table names. */
export const PRODUCT_PLACEHOLDER = '${product}';

/**
 * The most statements one plan analyzes: with each statement's SQL
 * bounded (`MAX_STATEMENT_SQL_LENGTH`), a dry run's work is bounded too.
 */
export const MAX_PLAN_STATEMENTS = 20;

/** The sink systems a product can write to. */
export const SINK_SYSTEMS = ['postgres', 'redshift', 'snowflake'] as const;

/** A product as the template describes it. */
export interface DataProductInput {
  /** Product name: the prefix of its topics, statements and connectors. */
  name: string;
  owner: string;
  environmentId?: string;
  kafkaClusterId?: string;
  serviceAccountId?: string;
  source: {
    database: DatabaseInput;
    tables: string[];
    /** Columns masked at the source (PII). */
    maskFields?: string[];
    /** Default `****`. */
    maskReplacement?: string;
    /** Other PII columns, not masked: the plan refuses to sink them. */
    piiFields?: string[];
  };
  statements: Array<{
    /** Appended to the product name. */
    name: string;
    sql: string;
    stateTtl?: string;
  }>;
  sinks: Array<{
    type: (typeof SINK_SYSTEMS)[number];
    /** The table (topic) to sink, as the SQL names it. */
    table: string;
    /** A configured destination; empty for Postgres: the source database. */
    connection?: string;
  }>;
  /** Sink personal data even when unmasked. Default false. */
  allowUnmaskedPii?: boolean;
}

/** A connector step's input, for `confluent:connector:create`. */
export type ConnectorStepInput = {
  name: string;
  type: ConnectorSpec['type'];
  source?: ConnectorSpec['source'];
  sink?: ConnectorSpec['sink'];
};

/** A statement step's input, for `confluent:flink:statement:create`. */
export type StatementStepInput = {
  name: string;
  sql: string;
  stateTtl?: string;
  createdTables: string[];
};

/** A plan with the step inputs that carry it out. */
export interface BuiltPlan {
  plan: DataProductPlan;
  ready: boolean;
  steps: {
    source?: ConnectorStepInput;
    statements: StatementStepInput[];
    sinks: ConnectorStepInput[];
  };
  /** The resources a catalog refresh should announce. */
  resources: { connectors: string[]; statements: string[]; topics: string[] };
}

/** The PII recorded in the catalog for an existing topic. */
export type UpstreamPiiLookup = (
  topic: string,
) => Promise<PiiSourceField[] | undefined>;

function message(error: unknown) {
  return isError(error) ? error.message : String(error);
}

/**
 * Whether every `${product}` of a SQL text is inside a backticked
 * identifier or a string literal: the product name then never changes how
 * the SQL parses (its characters are validated, and neither a backtick nor
 * a quote is among them).
 */
function placeholdersQuoted(sql: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) {
        // A doubled quote is an escaped one, still inside.
        if (sql[i + 1] === quote) i++;
        else quote = undefined;
      }
    } else if (c === '`' || c === "'") {
      quote = c;
    } else if (sql.startsWith(PRODUCT_PLACEHOLDER, i)) {
      return false;
    }
  }
  return true;
}

/**
 * The first `${…}` other than `${product}`, if any. A forward scan, linear
 * in the text: a regex searching from every `${` was quadratic (29 s on
 * 320 KB of unclosed `${`).
 */
function unknownPlaceholder(text: string): string | undefined {
  for (let from = 0; ; ) {
    const start = text.indexOf('${', from);
    if (start < 0) return undefined;
    const end = text.indexOf('}', start + 2);
    // No `}` after this `${`: none after any later one either.
    if (end < 0) return undefined;
    const placeholder = text.slice(start, end + 1);
    if (placeholder !== PRODUCT_PLACEHOLDER) return placeholder.slice(0, 80);
    from = end + 1;
  }
}

/** Replaces `${product}`; any other `${…}` is a problem. */
function substitute(
  text: string,
  product: string,
  what: string,
  options: { sql?: boolean } = {},
): string {
  const unknown = unknownPlaceholder(text);
  if (unknown) {
    throw new InputError(
      `${what} uses the placeholder ${unknown}; only ${PRODUCT_PLACEHOLDER} (the product name) is replaced`,
    );
  }
  if (options.sql && !placeholdersQuoted(text)) {
    throw new InputError(
      `${what} uses ${PRODUCT_PLACEHOLDER} outside backticks: write table names as \`${PRODUCT_PLACEHOLDER}.my_table\``,
    );
  }
  return text.split(PRODUCT_PLACEHOLDER).join(product);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * Builds the plan. Never throws for what it finds: every problem is listed
 * in `plan.problems` (and `ready` is false), so a dry run shows them all.
 * Throws only when the module itself is misconfigured.
 */
export async function buildDataProductPlan(options: {
  input: DataProductInput;
  actionOptions: ConfluentActionOptions;
  secrets?: Record<string, string>;
  dryRun: boolean;
  upstreamPii?: UpstreamPiiLookup;
  logger: LoggerService;
  signal?: AbortSignal;
  connectTimeoutMs?: number;
  /** The databases the backend may connect to, to read the source's columns. */
  network: DatabaseNetwork;
  /** The user who started the task (`ctx.user`): the team rules' subject. */
  user: TaskUser;
  /** Credentials for catalog reads when no auth service is configured. */
  initiatorCredentials?: () => Promise<BackstageCredentials>;
  /**
   * Column names that look personal (`confluent.pii`): undeclared ones are
   * listed in `plan.suspectedPii`. Without it none are.
   */
  suspectedPii?: SuspectedPiiMatcher;
}): Promise<BuiltPlan> {
  const { input, actionOptions, signal } = options;
  const { client, settings } = actionOptions;
  const problems: string[] = [];
  // A cancelled task is not a problem of the plan: stop.
  const problem = (error: unknown) => {
    signal?.throwIfAborted();
    problems.push(message(error));
  };
  const warnings: string[] = [];
  const product = input.name ?? '';
  problems.push(...productNameProblems(product));
  let initiator: Initiator | undefined;
  try {
    initiator = resolveInitiator(options.user, input.owner ?? '');
  } catch (error) {
    problem(error);
  }
  const owner: Owner | undefined = initiator?.owner;
  const target: ConfluentTarget = resolveTarget(actionOptions, input);
  const owners = new ResourceOwners({
    client,
    target,
    catalog: actionOptions.catalog,
    auth: actionOptions.auth,
    initiatorCredentials: options.initiatorCredentials,
  });
  const resolver = new TopicResolver(client, target);
  const created: string[] = [];
  let serviceAccountId: string | undefined;
  try {
    if (owner) {
      serviceAccountId = resolvePrincipal(
        actionOptions,
        { environmentId: target.environmentId, owner, runs: 'connector' },
        input.serviceAccountId,
      );
    }
  } catch (error) {
    problem(error);
  }
  const plan: DataProductPlan = {
    product,
    owner: owner?.ref ?? input.owner,
    ...target,
    serviceAccountId,
    statements: [],
    sinks: [],
    pii: [],
    problems,
    warnings,
  };
  const steps: BuiltPlan['steps'] = { statements: [], sinks: [] };
  const result = (): BuiltPlan => ({
    plan,
    ready: problems.length === 0,
    steps,
    resources: {
      connectors: [
        ...(steps.source ? [steps.source.name] : []),
        ...steps.sinks.map(s => s.name),
      ],
      statements: steps.statements.map(s => s.name),
      topics: unique([
        ...(plan.source?.topics ?? []),
        ...plan.statements.flatMap(s => s.creates),
      ]),
    },
  });
  // Names derive from the product name: without a valid one nothing else
  // can be checked meaningfully.
  if (problems.length && productNameProblems(product).length) return result();

  const connect = client.connect(target.environmentId, target.kafkaClusterId);
  const flink = client.flink(target.environmentId);
  const renderCtx = {
    serviceAccountId: serviceAccountId ?? 'sa-unknown',
    secrets: options.secrets,
    sinks: settings.sinks,
  };
  const plannedConnector = async (
    spec: ConnectorSpec,
    role: 'source' | 'sink',
  ): Promise<RenderedConnector | undefined> => {
    let rendered: RenderedConnector;
    try {
      rendered = renderConnector(spec, renderCtx);
    } catch (error) {
      problem(error);
      return undefined;
    }
    // Typed hosts pass the allow-list as the create action checks them.
    try {
      problems.push(
        ...(await connectorHostProblems(spec, options.network)).map(
          p => `Connector ${rendered.name}: ${p}`,
        ),
      );
    } catch (error) {
      problem(error);
    }
    const planned: PlannedConnector = {
      name: rendered.name,
      role,
      connectorClass: rendered.connectorClass,
      config: rendered.redactedConfig,
      topics: [...rendered.topicsWritten, ...rendered.topicsRead],
      ...(rendered.sinkTables ? { targets: rendered.sinkTables } : {}),
    };
    try {
      const found = await inspectConnector(connect, rendered, signal);
      planned.action = found.action;
      if (found.state) planned.state = found.state;
      if (initiator) {
        const access = await connectorAccessProblems({
          name: rendered.name,
          exists: found.action !== 'create',
          topicsWritten: rendered.topicsWritten,
          topicsRead: rendered.topicsRead,
          createdTables: created,
          owners,
          resolver,
          initiator,
          signal,
        });
        problems.push(...access.problems);
        warnings.push(...access.warnings);
      }
      if (found.action !== 'adopt' && rendered.missingSecrets.length) {
        const text = `${rendered.missingSecrets.join(
          ', ',
        )} was not provided: connector ${rendered.name} needs it to ${
          found.action
        }`;
        // A review may be made without secrets; a run needs them.
        if (options.dryRun) warnings.push(text);
        else problems.push(text);
      }
    } catch (error) {
      problem(error);
    }
    if (role === 'source') plan.source = planned;
    else plan.sinks.push(planned);
    return rendered;
  };

  // 1. The CDC source.
  const source = input.source;
  const tables: PgTableName[] = [];
  for (const t of source?.tables ?? []) {
    const parsed = parsePgTableName(t);
    if (typeof parsed !== 'string') tables.push(parsed);
  }
  const maskFields = source?.maskFields ?? [];
  const piiFields = (source?.piiFields ?? []).filter(
    f => !maskFields.includes(f),
  );
  const sourceName = `${product}-postgres-cdc-source`;
  const sourceSpec: ConnectorSpec = {
    name: sourceName,
    type: 'postgres-cdc-source',
    source: {
      database: source?.database,
      tables: source?.tables ?? [],
      topicPrefix: product,
      ...(maskFields.length
        ? {
            mask: {
              fields: maskFields,
              replacement: source?.maskReplacement ?? '****',
            },
          }
        : {}),
      ...(piiFields.length ? { piiFields } : {}),
    },
  };
  const renderedSource = await plannedConnector(sourceSpec, 'source');
  if (renderedSource) {
    steps.source = {
      name: sourceName,
      type: 'postgres-cdc-source',
      source: sourceSpec.source,
    };
  }
  const sourceTopics = renderedSource?.topicsWritten ?? [];

  // 2. The statements, in order: each may read what the source and the
  // statements before it create.
  created.push(...sourceTopics);
  const analyzed: AnalyzedStatement[] = [];
  const statements = input.statements ?? [];
  if (statements.length > MAX_PLAN_STATEMENTS) {
    problems.push(
      `The product has ${statements.length} statements; at most ${MAX_PLAN_STATEMENTS} are planned at once`,
    );
  }
  for (const item of statements.slice(0, MAX_PLAN_STATEMENTS)) {
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
      problem(error);
      continue;
    }
    const planned: PlannedStatement = {
      name,
      sql: statement.sql,
      properties: statement.properties,
      reads: [],
      creates: [],
      lineage: lineageSummary(statement.lineage),
    };
    plan.statements.push(planned);
    let existing;
    try {
      existing = await findStatement(flink, name, signal);
      planned.action =
        existing && owner
          ? inspectStatement(existing, statement, owner)
          : 'create';
      if (existing) planned.phase = existing.status.phase;
    } catch (error) {
      problem(error);
    }
    const upstream = await checkUpstream({
      resolver,
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
    if (initiator) {
      try {
        if (existing && !existing.metadata.labels?.[LABEL_OWNER]) {
          await assertStatementAdoptable({
            name,
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
          createdTables: created,
          adopting: Boolean(existing),
          signal,
        });
        problems.push(
          ...access.problems.map(p => `Flink statement '${name}' ${p}`),
        );
        warnings.push(...access.warnings);
      } catch (error) {
        problem(error);
      }
    }
    steps.statements.push({
      name,
      sql: statement.sql,
      ...(item.stateTtl ? { stateTtl: item.stateTtl } : {}),
      createdTables: [...created],
    });
    created.push(...upstream.creates);
    analyzed.push(statement);
  }

  // 3. The sinks.
  const renderedSinks: Array<{ rendered: RenderedConnector; system: string }> =
    [];
  for (const item of input.sinks ?? []) {
    let topic: string;
    try {
      topic = substitute(item.table ?? '', product, 'A sink table');
    } catch (error) {
      problem(error);
      continue;
    }
    const badTopic = topicNameProblems(topic);
    if (badTopic.length) {
      problems.push(...badTopic.map(p => `A ${item.type} sink: ${p}`));
      continue;
    }
    const name = `${product}-${toNamePart(
      topic.startsWith(`${product}.`) ? topic.slice(product.length + 1) : topic,
    )}-${item.type}-sink`;
    const creator = analyzed.find(s => s.lineage.table?.name.table === topic);
    const keyed = creator
      ? Boolean(creator.lineage.table?.primaryKey?.length)
      : true;
    // A configured destination, else (Postgres only) the source database.
    let destination: Pick<SinkInput, 'connection' | 'database'> = {};
    if (item.connection) destination = { connection: item.connection };
    else if (item.type === 'postgres')
      destination = { database: source?.database };
    const sink: SinkInput = {
      topics: [topic],
      ...destination,
      ...(item.type === 'postgres'
        ? { insertMode: keyed ? 'UPSERT' : 'INSERT' }
        : {}),
    };
    if (!item.connection && item.type !== 'postgres') {
      problems.push(
        `The ${item.type} sink of ${topic} needs a destination configured under confluent.scaffolder.sinks (connection)`,
      );
      continue;
    }
    if (!created.includes(topic) && !(await resolver.exists(topic, signal))) {
      problems.push(
        `The ${item.type} sink reads ${topic}, which is neither a topic in the cluster nor a table this product creates`,
      );
    }
    const spec: ConnectorSpec = {
      name,
      type: `${item.type}-sink` as ConnectorSpec['type'],
      sink,
    };
    const rendered = await plannedConnector(spec, 'sink');
    if (rendered) {
      renderedSinks.push({ rendered, system: item.type });
      steps.sinks.push({ name, type: spec.type, sink });
    }
  }

  // 4. Personal data: from the declared fields of the source tables and
  // the catalog's findings on existing upstream topics, through the
  // statements' column lineage, to the sinks.
  const piiSources: PiiSourceTable[] = [];
  // The source tables' columns, when read (only to place declared fields:
  // discovery alone never opens a database connection).
  let columns: Map<string, string[]> | undefined;
  if (renderedSource && (maskFields.length || piiFields.length)) {
    try {
      columns = await readTableColumns(
        {
          host: source.database.hostname,
          port: source.database.port ?? 5432,
          database: source.database.name,
          user: source.database.user,
          password: source.database.passwordSecret
            ? taskSecret(options.secrets, source.database.passwordSecret, {
                what: 'source database password',
                dryRun: true,
              }).value
            : undefined,
          sslMode: source.database.sslMode ?? 'prefer',
          tables,
          connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
        },
        { network: options.network },
      );
    } catch (error) {
      options.logger.warn(
        `Could not read the source columns: ${message(error)}`,
      );
    }
    if (!columns) {
      warnings.push(
        'Could not read the source tables’ columns: PII fields are assumed to be in every table',
      );
    }
    const declared = `Declared PII in the template of ${product}`;
    tables.forEach((t, i) => {
      const has = (c: string) =>
        !columns || (columns.get(`${t.schema}.${t.table}`) ?? []).includes(c);
      const fields: PiiSourceField[] = [
        ...maskFields.filter(has).map(column => ({
          column,
          tags: [
            {
              name: CONFLUENT_PII_TAG,
              how: 'catalog-tag' as const,
              detail: declared,
            },
          ],
          masked: {
            by: sourceName,
            transform: 'maskPii (MaskField$Value)',
            replacement: source.maskReplacement ?? '****',
          },
        })),
        ...piiFields.filter(has).map(column => ({
          column,
          tags: [
            {
              name: CONFLUENT_PII_TAG,
              how: 'catalog-tag' as const,
              detail: declared,
            },
          ],
        })),
      ];
      if (fields.length) piiSources.push({ table: sourceTopics[i], fields });
    });
  }
  if (options.upstreamPii) {
    // Every existing topic the product reads, by a statement or directly
    // by a sink: the same PII rule holds on every path to a sink.
    const upstreamTopics = unique(
      [
        ...plan.statements.flatMap(s => s.reads),
        ...renderedSinks.flatMap(s => s.rendered.topicsRead),
      ].filter(t => !created.includes(t)),
    );
    for (const topic of upstreamTopics) {
      try {
        const fields = await options.upstreamPii(topic);
        if (fields?.length) piiSources.push({ table: topic, fields });
      } catch (error) {
        signal?.throwIfAborted();
        warnings.push(
          `Could not read the catalog's PII findings of ${topic}: ${message(
            error,
          )}`,
        );
      }
    }
  }
  const piiStatements: PiiStatement[] = analyzed.map(s => ({
    name: s.name,
    lineage: s.lineage,
  }));
  const piiSinks: PiiSink[] = renderedSinks.flatMap(({ rendered, system }) =>
    rendered.topicsRead.map(topic => ({
      name: rendered.name,
      reads: topic,
      target: `${system} table ${rendered.sinkTables?.[topic] ?? topic}`,
    })),
  );
  const trace = tracePii({
    sources: piiSources,
    statements: piiStatements,
    sinks: piiSinks,
  });
  if (options.suspectedPii) {
    plan.suspectedPii = findSuspectedPii({
      matcher: options.suspectedPii,
      sources: tables
        .map((t, i) => ({
          topic: sourceTopics[i],
          columns: columns?.get(`${t.schema}.${t.table}`),
        }))
        .filter(s => s.topic),
      declared: [...maskFields, ...piiFields],
      lineage: analyzed.map(a => a.lineage.columns),
      trace,
    });
  }
  for (const sink of trace.sinks) {
    if (!sink.fields.length) continue;
    plan.pii.push({
      sink: sink.name,
      reads: sink.reads,
      target: sink.target,
      fields: sink.fields.map(f => ({
        column: f.column,
        ...(f.field ? { field: f.field } : {}),
        status: f.status,
        masked: isPiiMasked(f.status) || f.masked,
        ...(f.replacement !== undefined ? { replacement: f.replacement } : {}),
        chain: f.chain.map(step => step.detail),
      })),
    });
    const unmasked = sink.fields.filter(f => !f.masked);
    if (unmasked.length) {
      const text = `Unmasked personal data reaches ${sink.target} through ${
        sink.name
      }: ${unmasked
        .map(f => `${f.column}${f.field ? `.${f.field}` : ''} (${f.status})`)
        .join(', ')}`;
      if (input.allowUnmaskedPii) warnings.push(text);
      else
        problems.push(
          `${text}. Mask the field at the source, leave it out of the statement, or remove the sink`,
        );
    }
  }
  return result();
}

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
import { SinkConnection } from './config';
import {
  PG_IDENTIFIER_PATTERN,
  PG_REPLICATION_NAME_PATTERN,
  connectorNameProblems,
  parsePgTableName,
  PgTableName,
  topicNameProblems,
} from './names';
import { redactedSecret, SecretRef, taskSecret } from './secrets';

/*
 * Renders managed connector configs (Confluent Cloud's flat string maps)
 * from typed inputs. The connector action and the plan both use it, so the
 * plan shows exactly what is submitted.
 */

/** The connectors the actions provision. */
export const CONNECTOR_TYPES = [
  'postgres-cdc-source',
  'postgres-sink',
  'redshift-sink',
  'snowflake-sink',
] as const;

/** One of {@link CONNECTOR_TYPES}. */
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

const CONNECTOR_CLASS: Record<ConnectorType, string> = {
  'postgres-cdc-source': 'PostgresCdcSourceV2',
  'postgres-sink': 'PostgresSink',
  'redshift-sink': 'RedshiftSink',
  'snowflake-sink': 'SnowflakeSink',
};

/** Database connection settings typed into a template (never the password). */
export interface DatabaseInput {
  hostname: string;
  port?: number;
  name: string;
  user: string;
  /** Name of the task secret holding the password. */
  passwordSecret?: string;
  /** `disable`, `prefer` (default), `require`, `verify-ca`, `verify-full`. */
  sslMode?: string;
}

/** Settings of a Postgres CDC source. */
export interface CdcSourceInput {
  database: DatabaseInput;
  /** `table` or `schema.table`; the schema defaults to `public`. */
  tables: string[];
  /** Topics are `<topicPrefix>.<schema>.<table>`. */
  topicPrefix: string;
  /** Default `AVRO`. */
  outputFormat?: string;
  /** Default: the output format. */
  keyFormat?: string;
  /** Flat rows plus `__deleted` instead of Debezium envelopes. Default true. */
  afterStateOnly?: boolean;
  /** Value fields replaced before any record leaves the database. */
  mask?: { fields: string[]; replacement?: string };
  /**
   * Value fields that hold personal data and are not masked: tagged PII in
   * Stream Catalog once the source has registered its schemas.
   */
  piiFields?: string[];
  snapshotMode?: string;
  slotName?: string;
  publicationName?: string;
}

/** Settings of a sink. */
export interface SinkInput {
  /** Topics the sink reads. */
  topics: string[];
  /** A destination configured under `confluent.scaffolder.sinks`. */
  connection?: string;
  /** Or the destination typed in (Postgres, Redshift), password as a secret. */
  database?: DatabaseInput;
  /** Snowflake typed in: the private key comes from a task secret. */
  snowflake?: {
    url?: string;
    user?: string;
    privateKeySecret?: string;
    role?: string;
    database?: string;
    schema?: string;
  };
  /** Default `AVRO`. */
  inputFormat?: string;
  /** Postgres: `UPSERT` (default) or `INSERT`. */
  insertMode?: string;
  /** Postgres: `record_key` (default with UPSERT) or `none`. */
  pkMode?: string;
  /** Create missing tables. Default true. */
  autoCreate?: boolean;
  /** Snowflake: `SNOWPIPE_STREAMING` (default) or `SNOWPIPE`. */
  ingestionMethod?: string;
  /** Snowflake streaming: columns from the schema. Default true. */
  schematization?: boolean;
}

/** A connector to create, as a connector action receives it. */
export interface ConnectorSpec {
  name: string;
  type: ConnectorType;
  source?: CdcSourceInput;
  sink?: SinkInput;
  /** Other config keys, e.g. `decimal.handling.mode`; no secrets. */
  extraConfig?: Record<string, string>;
}

/** A rendered config. */
export interface RenderedConnector {
  name: string;
  type: ConnectorType;
  connectorClass: string;
  /** What is submitted. Holds secrets: never log or output it. */
  config: Record<string, string>;
  /** The same with every secret replaced by where it comes from. */
  redactedConfig: Record<string, string>;
  /** Config keys that hold secrets. */
  secretKeys: string[];
  /** Secret values, for redacting upstream messages. */
  secretValues: string[];
  /** Topics the connector writes (sources). */
  topicsWritten: string[];
  /** Topics the connector reads (sinks). */
  topicsRead: string[];
  /** The source's masked fields. */
  mask?: { fields: string[]; replacement: string };
  /** The source's unmasked fields declared as personal data. */
  piiFields?: string[];
  /** Sink tables per topic (what `table.name.format` resolves to). */
  sinkTables?: Record<string, string>;
  /**
   * Task secrets the config needs but the task was not given (`secrets.x`):
   * enough to plan or adopt, not to submit the config.
   */
  missingSecrets: string[];
}

/** Everything rendering needs besides the spec. */
export interface RenderContext {
  serviceAccountId: string;
  secrets?: Record<string, string>;
  sinks: ReadonlyMap<string, SinkConnection>;
}

/**
 * The only keys `extraConfig` may set, per connector type: tuning that
 * changes neither where data goes (hosts, databases, topics, tables), who
 * the connector runs as, its credentials, nor what leaves the database
 * (`after.state.only`, `transforms*`). An allow-list, not a deny-list: a key
 * nobody has judged safe is refused. Documented in the module's README.
 */
export const EXTRA_CONFIG_KEYS: Record<ConnectorType, readonly string[]> = {
  'postgres-cdc-source': [
    'decimal.handling.mode',
    'tombstones.on.delete',
    'heartbeat.interval.ms',
    'poll.interval.ms',
    'max.batch.size',
  ],
  'postgres-sink': ['batch.size', 'db.timezone'],
  'redshift-sink': ['batch.size'],
  'snowflake-sink': [
    'behavior.on.null.values',
    'buffer.count.records',
    'buffer.flush.time',
    'buffer.size.bytes',
  ],
};

/** Config keys whose values Confluent treats as secrets. */
export const SECRET_CONFIG_KEY =
  /(password|secret|private\.key|passphrase|jaas\.config|credentials\.json)$/i;

/** Keys Confluent Cloud adds to a config it stores. */
export const SERVER_ADDED_KEYS = new Set([
  'name',
  'cloud.environment',
  'cloud.provider',
  'kafka.endpoint',
  'kafka.region',
]);

const FORMATS = ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON'];
/** PostgreSQL SSL modes (libpq's `sslmode`) a database input may name. */
export const SSL_MODES = [
  'disable',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
] as const;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Postgres table as Debezium's `table.include.list` wants it (a regex). */
export function includeListEntry(table: PgTableName): string {
  return `${escapeRegex(table.schema)}\\.${escapeRegex(table.table)}`;
}

/** `table.name.format` value for a topic: a plain SQL table name. */
export function sinkTableName(topic: string): string {
  return topic.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
}

class Problems {
  readonly list: string[] = [];
  add(...problems: string[]) {
    this.list.push(...problems);
  }
  throwIfAny(name: string) {
    if (this.list.length) {
      throw new InputError(
        `Invalid connector '${name}': ${this.list.join('; ')}`,
      );
    }
  }
}

function checkDatabase(
  db: DatabaseInput | undefined,
  problems: Problems,
  what: string,
) {
  if (!db) {
    problems.add(`${what} needs the database settings`);
    return;
  }
  if (!db.hostname || /[\s/]/.test(db.hostname)) {
    problems.add(`${what} database hostname must be a host name`);
  }
  if (
    db.port !== undefined &&
    (!Number.isInteger(db.port) || db.port < 1 || db.port > 65535)
  ) {
    problems.add(`${what} database port must be 1-65535`);
  }
  if (!db.name) problems.add(`${what} database name is required`);
  if (!db.user) problems.add(`${what} database user is required`);
  if (
    db.sslMode !== undefined &&
    !(SSL_MODES as readonly string[]).includes(db.sslMode)
  ) {
    problems.add(
      `${what} database sslMode must be one of ${SSL_MODES.join(', ')}`,
    );
  }
}

function oneOf(
  value: string | undefined,
  allowed: string[],
  what: string,
  problems: Problems,
) {
  if (value !== undefined && !allowed.includes(value)) {
    problems.add(`${what} must be one of ${allowed.join(', ')}`);
  }
}

/** Accumulates the config, remembering which keys hold secrets. */
class ConfigBuilder {
  readonly config: Record<string, string> = {};
  readonly redacted: Record<string, string> = {};
  readonly secretKeys: string[] = [];
  readonly secretValues: string[] = [];
  readonly missingSecrets: string[] = [];

  set(key: string, value: string | number | boolean | undefined) {
    if (value === undefined) return;
    this.config[key] = String(value);
    this.redacted[key] = String(value);
  }

  secret(key: string, ref: SecretRef) {
    this.secretKeys.push(key);
    this.redacted[key] = redactedSecret(ref);
    if (ref.value === undefined) {
      this.missingSecrets.push(ref.source);
      return;
    }
    this.config[key] = ref.value;
    this.secretValues.push(ref.value);
  }
}

function configSecret(connection: string, key: string, value: string) {
  return {
    source: `confluent.scaffolder.sinks.${connection}.${key}`,
    value,
  };
}

function renderSource(
  spec: ConnectorSpec,
  ctx: RenderContext,
  b: ConfigBuilder,
  problems: Problems,
) {
  const source = spec.source;
  if (!source) {
    problems.add('a postgres-cdc-source needs the source settings');
    return undefined;
  }
  checkDatabase(source.database, problems, 'the source');
  const tables: PgTableName[] = [];
  if (!source.tables?.length) problems.add('list at least one table');
  for (const t of source.tables ?? []) {
    const parsed = parsePgTableName(t);
    if (typeof parsed === 'string') problems.add(parsed);
    else tables.push(parsed);
  }
  problems.add(
    ...topicNameProblems(source.topicPrefix ?? '').map(
      p => `topic prefix ${p}`,
    ),
  );
  oneOf(source.outputFormat, FORMATS, 'outputFormat', problems);
  oneOf(source.keyFormat, [...FORMATS, 'STRING'], 'keyFormat', problems);
  const afterStateOnly = source.afterStateOnly ?? true;
  const maskFields = source.mask?.fields ?? [];
  for (const f of maskFields) {
    if (!PG_IDENTIFIER_PATTERN.test(f)) {
      problems.add(`'${f}' is not a column name that can be masked`);
    }
  }
  if (maskFields.length && !afterStateOnly) {
    // MaskField only sees top-level fields; Debezium envelopes nest the row
    // under `after`, so nothing would be masked.
    problems.add(
      'masking needs afterStateOnly: with Debezium envelopes the row is nested under `after` and MaskField would mask nothing',
    );
  }
  const piiFields = (source.piiFields ?? []).filter(
    f => !maskFields.includes(f),
  );
  for (const f of piiFields) {
    if (!PG_IDENTIFIER_PATTERN.test(f)) {
      problems.add(`'${f}' is not a column name that can be tagged PII`);
    }
  }
  if (piiFields.length && !afterStateOnly) {
    // Tags go on the value schema's top-level fields, the row's columns
    // only with afterStateOnly.
    problems.add(
      'tagging PII fields needs afterStateOnly: with Debezium envelopes the row is nested under `after`',
    );
  }
  for (const [key, value] of [
    ['publicationName', source.publicationName],
    ['slotName', source.slotName],
  ] as const) {
    if (value !== undefined && !PG_REPLICATION_NAME_PATTERN.test(value)) {
      problems.add(`${key} must be a lowercase identifier (a-z, 0-9, _)`);
    }
  }
  const replacement = source.mask?.replacement ?? '****';
  if (maskFields.length && replacement === '') {
    problems.add('the mask replacement must not be empty');
  }
  problems.throwIfAny(spec.name);

  const db = source.database;
  const format = source.outputFormat ?? 'AVRO';
  b.set('database.hostname', db.hostname);
  b.set('database.port', db.port ?? 5432);
  b.set('database.user', db.user);
  if (!db.passwordSecret) {
    problems.add('the source database needs passwordSecret');
    problems.throwIfAny(spec.name);
  }
  b.secret(
    'database.password',
    taskSecret(ctx.secrets, db.passwordSecret!, {
      what: 'source database password',
      // Checked when the config is submitted (see missingSecrets): adopting
      // an existing connector, or a dry run, needs no secret.
      dryRun: true,
    }),
  );
  b.set('database.dbname', db.name);
  b.set('database.sslmode', db.sslMode ?? 'prefer');
  b.set('topic.prefix', source.topicPrefix);
  b.set('table.include.list', tables.map(includeListEntry).join(','));
  b.set('output.data.format', format);
  b.set('output.key.format', source.keyFormat ?? format);
  b.set('after.state.only', afterStateOnly);
  // Timestamps as Connect logical types, which Flink reads as TIMESTAMP(3)
  // (event time, watermarks), as the workshop's source does.
  b.set('time.precision.mode', 'connect');
  b.set('snapshot.mode', source.snapshotMode);
  b.set('slot.name', source.slotName);
  b.set('publication.name', source.publicationName ?? 'dbz_publication');
  // Debezium creates the publication for exactly these tables when it is
  // missing (the default, all_tables, needs a superuser).
  b.set('publication.autocreate.mode', 'filtered');
  if (maskFields.length) {
    b.set('transforms', 'maskPii');
    b.set(
      'transforms.maskPii.type',
      'org.apache.kafka.connect.transforms.MaskField$Value',
    );
    b.set('transforms.maskPii.fields', maskFields.join(','));
    b.set('transforms.maskPii.replacement', replacement);
  }
  return {
    topicsWritten: tables.map(
      t => `${source.topicPrefix}.${t.schema}.${t.table}`,
    ),
    mask: maskFields.length ? { fields: maskFields, replacement } : undefined,
    piiFields: piiFields.length ? piiFields : undefined,
  };
}

function namedConnection(
  sink: SinkInput,
  ctx: RenderContext,
  type: SinkConnection['type'],
  problems: Problems,
): SinkConnection | undefined {
  if (!sink.connection) return undefined;
  const connection = ctx.sinks.get(sink.connection);
  if (!connection) {
    problems.add(
      `no sink destination '${
        sink.connection
      }' is configured under confluent.scaffolder.sinks${
        ctx.sinks.size
          ? ` (configured: ${[...ctx.sinks.keys()].join(', ')})`
          : ''
      }`,
    );
    return undefined;
  }
  if (connection.type !== type) {
    problems.add(
      `sink destination '${sink.connection}' is a ${connection.type} destination, not ${type}`,
    );
    return undefined;
  }
  return connection;
}

function renderSink(
  spec: ConnectorSpec,
  ctx: RenderContext,
  b: ConfigBuilder,
  problems: Problems,
) {
  const sink = spec.sink;
  if (!sink) {
    problems.add(`a ${spec.type} needs the sink settings`);
    problems.throwIfAny(spec.name);
    return undefined;
  }
  if (!sink.topics?.length) problems.add('list at least one topic to sink');
  for (const t of sink.topics ?? []) problems.add(...topicNameProblems(t));
  oneOf(
    sink.inputFormat,
    ['AVRO', 'JSON_SR', 'PROTOBUF'],
    'inputFormat',
    problems,
  );
  const type = spec.type.replace(/-sink$/, '') as SinkConnection['type'];
  const named = namedConnection(sink, ctx, type, problems);
  if (sink.connection && (sink.database || sink.snowflake)) {
    // Every connection key of a configured destination (host, port, user,
    // database, SSL mode, credentials) comes from configuration: input may
    // neither redirect its credentials nor weaken its SSL.
    problems.add(
      `sink destination '${sink.connection}' is configured: leave out sink.database and sink.snowflake`,
    );
  }
  if (!sink.connection && type !== 'snowflake') {
    checkDatabase(sink.database, problems, 'the sink');
    if (sink.database && !sink.database.passwordSecret) {
      problems.add('the sink database needs passwordSecret');
    }
  }
  if (!sink.connection && type === 'snowflake') {
    const s = sink.snowflake;
    for (const key of [
      'url',
      'user',
      'privateKeySecret',
      'role',
      'database',
      'schema',
    ] as const) {
      if (!s?.[key]) problems.add(`the Snowflake sink needs snowflake.${key}`);
    }
  }
  oneOf(sink.insertMode, ['INSERT', 'UPSERT'], 'insertMode', problems);
  oneOf(
    sink.pkMode,
    ['none', 'record_key', 'record_value', 'kafka'],
    'pkMode',
    problems,
  );
  oneOf(
    sink.ingestionMethod,
    ['SNOWPIPE', 'SNOWPIPE_STREAMING'],
    'ingestionMethod',
    problems,
  );
  problems.throwIfAny(spec.name);

  const topics = sink.topics;
  const tables = Object.fromEntries(topics.map(t => [t, sinkTableName(t)]));
  b.set('topics', topics.join(','));
  b.set('input.data.format', sink.inputFormat ?? 'AVRO');
  const secret = (what: string, name: string) =>
    taskSecret(ctx.secrets, name, { what, dryRun: true });

  if (type === 'postgres') {
    const c = named?.type === 'postgres' ? named : undefined;
    const db = sink.database!;
    b.set('connection.host', c?.host ?? db?.hostname);
    b.set('connection.port', c?.port ?? db?.port ?? 5432);
    b.set('connection.user', c?.user ?? db?.user);
    b.secret(
      'connection.password',
      c
        ? configSecret(sink.connection!, 'password', c.password)
        : secret('sink database password', db.passwordSecret!),
    );
    b.set('db.name', c?.database ?? db?.name);
    const sslMode = c ? c.sslMode : db?.sslMode;
    // The JDBC sink has no `disable`; leaving ssl.mode out is plaintext.
    if (sslMode && sslMode !== 'disable') b.set('ssl.mode', sslMode);
    const insertMode = sink.insertMode ?? 'UPSERT';
    const pkMode =
      sink.pkMode ?? (insertMode === 'UPSERT' ? 'record_key' : 'none');
    b.set('insert.mode', insertMode);
    b.set('pk.mode', pkMode);
    if (pkMode === 'record_key') {
      b.set('input.key.format', sink.inputFormat ?? 'AVRO');
    }
    b.set('auto.create', sink.autoCreate ?? true);
    b.set('auto.evolve', sink.autoCreate ?? true);
    if (topics.length === 1) b.set('table.name.format', tables[topics[0]]);
  } else if (type === 'redshift') {
    const c = named?.type === 'redshift' ? named : undefined;
    const db = sink.database!;
    b.set('aws.redshift.domain', c?.host ?? db?.hostname);
    b.set('aws.redshift.port', c?.port ?? db?.port ?? 5439);
    b.set('aws.redshift.user', c?.user ?? db?.user);
    b.set('authentication.method', 'Password');
    b.secret(
      'aws.redshift.password',
      c
        ? configSecret(sink.connection!, 'password', c.password)
        : secret('Redshift password', db.passwordSecret!),
    );
    b.set('aws.redshift.database', c?.database ?? db?.name);
    b.set('auto.create', sink.autoCreate ?? true);
    b.set('auto.evolve', sink.autoCreate ?? true);
    if (topics.length === 1) b.set('table.name.format', tables[topics[0]]);
  } else {
    const c = named?.type === 'snowflake' ? named : undefined;
    const s = sink.snowflake ?? {};
    b.set('snowflake.url.name', c?.url ?? s.url);
    b.set('snowflake.user.name', c?.user ?? s.user);
    b.secret(
      'snowflake.private.key',
      c
        ? configSecret(sink.connection!, 'privateKey', c.privateKey)
        : secret('Snowflake private key', s.privateKeySecret!),
    );
    if (c?.privateKeyPassphrase) {
      b.secret(
        'snowflake.private.key.passphrase',
        configSecret(
          sink.connection!,
          'privateKeyPassphrase',
          c.privateKeyPassphrase,
        ),
      );
    }
    b.set('snowflake.role.name', c?.role ?? s.role);
    b.set('snowflake.database.name', c?.database ?? s.database);
    b.set('snowflake.schema.name', c?.schema ?? s.schema);
    const method = sink.ingestionMethod ?? 'SNOWPIPE_STREAMING';
    b.set('snowflake.ingestion.method', method);
    if (method === 'SNOWPIPE_STREAMING') {
      b.set('snowflake.enable.schematization', sink.schematization ?? true);
    }
    b.set(
      'snowflake.topic2table.map',
      topics.map(t => `${t}:${tables[t].toUpperCase()}`).join(','),
    );
  }
  return {
    topicsRead: topics,
    sinkTables:
      type === 'snowflake'
        ? Object.fromEntries(topics.map(t => [t, tables[t].toUpperCase()]))
        : tables,
  };
}

/**
 * How the config to submit breaks what its rendering promised (and the
 * plan shows): every rendered key (identity, hosts, credentials, topics,
 * tables) keeps its value, nothing but allowed tuning keys is added, and a
 * declared mask is really applied: flat rows, one MaskField$Value on
 * exactly the masked fields, with the declared replacement. Any problem
 * refuses the connector before anything is created.
 */
function brokenPromises(
  promised: Record<string, string>,
  config: Record<string, string>,
  allowedExtra: readonly string[],
  mask: RenderedConnector['mask'],
): string[] {
  const broken: string[] = [];
  for (const [key, value] of Object.entries(promised)) {
    if (config[key] !== value) broken.push(`'${key}' differs from the plan`);
  }
  for (const key of Object.keys(config)) {
    if (!(key in promised) && !allowedExtra.includes(key)) {
      broken.push(`'${key}' is not in the plan`);
    }
  }
  if (mask) {
    const fields = (config['transforms.maskPii.fields'] ?? '').split(',');
    const masked =
      config['after.state.only'] === 'true' &&
      config.transforms === 'maskPii' &&
      config['transforms.maskPii.type'] ===
        'org.apache.kafka.connect.transforms.MaskField$Value' &&
      config['transforms.maskPii.replacement'] === mask.replacement &&
      fields.length === mask.fields.length &&
      mask.fields.every(f => fields.includes(f));
    if (!masked) {
      broken.push(
        `the config does not mask ${mask.fields.join(', ')} as the plan says`,
      );
    }
  }
  return broken.map(b => `submitted config: ${b}`);
}

/**
 * Renders a connector's config. Bad input is an InputError listing every
 * problem; secrets come only from task secrets (by name) or configured sink
 * destinations.
 */
export function renderConnector(
  spec: ConnectorSpec,
  ctx: RenderContext,
): RenderedConnector {
  const problems = new Problems();
  problems.add(...connectorNameProblems(spec.name ?? ''));
  if (!CONNECTOR_TYPES.includes(spec.type)) {
    problems.add(`type must be one of ${CONNECTOR_TYPES.join(', ')}`);
    problems.throwIfAny(spec.name);
  }
  const allowed = EXTRA_CONFIG_KEYS[spec.type];
  for (const [key, value] of Object.entries(spec.extraConfig ?? {})) {
    if (!allowed.includes(key)) {
      problems.add(
        `extraConfig may not set '${key}' (a ${
          spec.type
        } takes only ${allowed.join(', ')})`,
      );
    } else if (typeof value !== 'string') {
      problems.add(`extraConfig '${key}' must be a string`);
    }
  }
  const b = new ConfigBuilder();
  b.set('connector.class', CONNECTOR_CLASS[spec.type]);
  // Connectors run as a service account, never with a person's API key.
  b.set('kafka.auth.mode', 'SERVICE_ACCOUNT');
  b.set('kafka.service.account.id', ctx.serviceAccountId);
  b.set('tasks.max', 1);
  const rendered =
    spec.type === 'postgres-cdc-source'
      ? renderSource(spec, ctx, b, problems)
      : renderSink(spec, ctx, b, problems);
  problems.throwIfAny(spec.name);
  const promised = { ...b.config };
  for (const [key, value] of Object.entries(spec.extraConfig ?? {})) {
    b.set(key, value);
  }
  const mask = rendered && 'mask' in rendered ? rendered.mask : undefined;
  problems.add(...brokenPromises(promised, b.config, allowed, mask));
  problems.throwIfAny(spec.name);
  return {
    name: spec.name,
    type: spec.type,
    connectorClass: CONNECTOR_CLASS[spec.type],
    config: b.config,
    redactedConfig: b.redacted,
    secretKeys: b.secretKeys,
    secretValues: b.secretValues,
    topicsWritten:
      rendered && 'topicsWritten' in rendered ? rendered.topicsWritten : [],
    topicsRead: rendered && 'topicsRead' in rendered ? rendered.topicsRead : [],
    mask,
    piiFields:
      rendered && 'piiFields' in rendered ? rendered.piiFields : undefined,
    sinkTables:
      rendered && 'sinkTables' in rendered ? rendered.sinkTables : undefined,
    missingSecrets: b.missingSecrets,
  };
}

/**
 * Fails when the config cannot be submitted for want of a task secret. The
 * task page's Retry does not send secrets again, so the message says how to
 * provide them.
 */
export function requireSecrets(rendered: RenderedConnector) {
  if (rendered.missingSecrets.length) {
    throw new InputError(
      `Connector '${rendered.name}' needs ${rendered.missingSecrets.join(
        ', ',
      )}, which this task was not given (a retry does not resend secrets): start the template over — the form keeps its values and what exists is adopted`,
    );
  }
}

/**
 * How an existing connector's config differs from the wanted one, ignoring
 * what Confluent adds and secrets (which it returns masked). Empty when the
 * existing connector can be adopted.
 */
export function configDifferences(
  wanted: RenderedConnector,
  existing: Record<string, string>,
): string[] {
  const differences: string[] = [];
  for (const [key, value] of Object.entries(wanted.config)) {
    if (wanted.secretKeys.includes(key)) continue;
    if (existing[key] === undefined) {
      differences.push(`${key} is not set (wanted '${value}')`);
    } else if (existing[key] !== value) {
      differences.push(`${key} is '${existing[key]}' (wanted '${value}')`);
    }
  }
  for (const key of Object.keys(existing)) {
    if (
      wanted.config[key] === undefined &&
      !wanted.secretKeys.includes(key) &&
      !SERVER_ADDED_KEYS.has(key) &&
      !SECRET_CONFIG_KEY.test(key) &&
      // Masked values are Confluent's own (the Kafka key it makes for a
      // service-account connector): nothing a template sets.
      !/^\*+$/.test(existing[key])
    ) {
      differences.push(`${key} is set to '${existing[key]}' (not wanted)`);
    }
  }
  return differences;
}

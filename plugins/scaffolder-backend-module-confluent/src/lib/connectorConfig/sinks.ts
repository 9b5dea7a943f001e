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
import { SinkConnection } from '../config';
import { topicNameProblems } from '../names';
import { SecretRef, taskSecret } from '../secrets';
import { ConnectorSpec, RenderContext, SinkInput } from './types';
import {
  checkDatabase,
  ConfigBuilder,
  configSecret,
  oneOf,
  Problems,
  sinkTableName,
} from './render';

/** The configured destination a sink names, if it is one of its kind. */
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

/** A secret of the task, by name (a dry run renders without it). */
type TaskSecretOf = (what: string, name: string) => SecretRef;

/** What a sink kind's rendering reads. */
interface SinkParts {
  sink: SinkInput;
  /** The configured destination the input names, if any. */
  named?: SinkConnection;
  secret: TaskSecretOf;
  topics: string[];
  /** The table of each topic. */
  tables: Record<string, string>;
}

/**
 * Renders a Postgres (JDBC), Redshift or Snowflake sink: to a configured
 * destination (credentials from configuration) or one typed in (secrets
 * from the task).
 */
export function renderSink(
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
  const type = spec.type.replace(/-sink$/, '') as SinkConnection['type'];
  const named = checkSink(sink, ctx, type, problems);
  problems.throwIfAny(spec.name);

  const topics = sink.topics;
  const tables = Object.fromEntries(topics.map(t => [t, sinkTableName(t)]));
  b.set('topics', topics.join(','));
  b.set('input.data.format', sink.inputFormat ?? 'AVRO');
  const secret = (what: string, name: string) =>
    taskSecret(ctx.secrets, name, { what, dryRun: true });
  const parts: SinkParts = { sink, named, secret, topics, tables };
  if (type === 'postgres') renderPostgresSink(b, parts);
  else if (type === 'redshift') renderRedshiftSink(b, parts);
  else renderSnowflakeSink(b, parts);
  return {
    topicsRead: topics,
    sinkTables:
      type === 'snowflake'
        ? Object.fromEntries(topics.map(t => [t, tables[t].toUpperCase()]))
        : tables,
  };
}

/**
 * The problems of a sink's input; returns the configured destination it
 * names, if that is one of its kind.
 */
function checkSink(
  sink: SinkInput,
  ctx: RenderContext,
  type: SinkConnection['type'],
  problems: Problems,
): SinkConnection | undefined {
  if (!sink.topics?.length) problems.add('list at least one topic to sink');
  for (const t of sink.topics ?? []) problems.add(...topicNameProblems(t));
  oneOf(
    sink.inputFormat,
    ['AVRO', 'JSON_SR', 'PROTOBUF'],
    'inputFormat',
    problems,
  );
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
  return named;
}

/** A Postgres sink (JDBC): upserts by the record key unless told not to. */
function renderPostgresSink(b: ConfigBuilder, parts: SinkParts) {
  const { sink, named, secret, topics, tables } = parts;
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
}

/** A Redshift sink, with password authentication. */
function renderRedshiftSink(b: ConfigBuilder, parts: SinkParts) {
  const { sink, named, secret, topics, tables } = parts;
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
}

/** A Snowflake sink, with key-pair authentication; tables upper case. */
function renderSnowflakeSink(b: ConfigBuilder, parts: SinkParts) {
  const { sink, named, secret, topics, tables } = parts;
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

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
  PG_IDENTIFIER_PATTERN,
  PG_REPLICATION_NAME_PATTERN,
  parsePgTableName,
  PgTableName,
  topicNameProblems,
} from '../names';
import { taskSecret } from '../secrets';
import { ConnectorSpec, FORMATS, RenderContext } from './types';
import {
  checkDatabase,
  ConfigBuilder,
  includeListEntry,
  oneOf,
  Problems,
} from './render';

/** Renders a Postgres CDC source (Debezium V2), with its PII mask. */
export function renderSource(
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

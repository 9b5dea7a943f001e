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
import { PgTableName } from '../names';
import { redactedSecret, SecretRef } from '../secrets';
import { DatabaseInput, SSL_MODES } from './types';

/* What rendering every connector kind shares. */

export function escapeRegex(text: string): string {
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

/** The problems of a connector's input, thrown together. */
export class Problems {
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

/** The problems of a typed database's settings. */
export function checkDatabase(
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

/** A problem when a value is not one of the allowed. */
export function oneOf(
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
export class ConfigBuilder {
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

/** A secret of a configured sink destination. */
export function configSecret(connection: string, key: string, value: string) {
  return {
    source: `confluent.scaffolder.sinks.${connection}.${key}`,
    value,
  };
}

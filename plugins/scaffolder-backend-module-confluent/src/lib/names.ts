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

/*
 * Name rules of the resources the actions create. Every name a user types is
 * checked against the strictest rule that applies before it reaches a
 * request, a config or SQL, so nothing needs escaping downstream.
 */

/** Flink statement names: Confluent's rule (lowercase, `-` and `.`). */
export const STATEMENT_NAME_PATTERN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const STATEMENT_NAME_MAX = 100;

/** Kafka topic names (Kafka's own rule). */
export const TOPIC_NAME_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

/** Managed connector names: letters, digits, `.`, `_`, `-`. */
export const CONNECTOR_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * A data product name: the prefix of its topics, statements and connectors,
 * so it must be valid in all three (and in a Debezium `topic.prefix`).
 */
export const PRODUCT_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const PRODUCT_NAME_MAX = 40;

/** PostgreSQL identifiers we accept unquoted: schema, table and column names. */
export const PG_IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Replication slot and publication names: PostgreSQL allows only these for
 * slots, and Debezium writes both into the SQL it runs on the source
 * database (`CREATE PUBLICATION …`), so nothing else may reach it.
 */
export const PG_REPLICATION_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Label values of Flink statements. */
export const LABEL_VALUE_PATTERN = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

/** A name as an error message shows it: quoted, and cut when long. */
function quoted(name: string): string {
  return `'${name.length > 80 ? `${name.slice(0, 80)}…` : name}'`;
}

/** Problems with a statement name, empty when it is valid. */
export function statementNameProblems(name: string): string[] {
  if (!STATEMENT_NAME_PATTERN.test(name)) {
    return [
      `${quoted(
        name,
      )} is not a valid Flink statement name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`,
    ];
  }
  if (name.length > STATEMENT_NAME_MAX) {
    return [
      `${quoted(
        name,
      )} is not a valid Flink statement name: at most ${STATEMENT_NAME_MAX} characters`,
    ];
  }
  return [];
}

/** Problems with a topic name, empty when it is valid. */
export function topicNameProblems(name: string): string[] {
  if (!TOPIC_NAME_PATTERN.test(name) || name === '.' || name === '..') {
    return [
      `${quoted(
        name,
      )} is not a valid topic name: use letters, digits, '.', '_' and '-' (at most 249)`,
    ];
  }
  return [];
}

/** Problems with a connector name, empty when it is valid. */
export function connectorNameProblems(name: string): string[] {
  if (!CONNECTOR_NAME_PATTERN.test(name)) {
    return [
      `${quoted(
        name,
      )} is not a valid connector name: use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit`,
    ];
  }
  return [];
}

/** Problems with a data product name, empty when it is valid. */
export function productNameProblems(name: string): string[] {
  if (!PRODUCT_NAME_PATTERN.test(name) || name.length > PRODUCT_NAME_MAX) {
    return [
      `${quoted(
        name,
      )} is not a valid data product name: use lowercase letters, digits and single '-' between them, starting with a letter (at most ${PRODUCT_NAME_MAX})`,
    ];
  }
  return [];
}

/** Turns free text (a table name) into a statement or connector name part. */
export function toNamePart(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A PostgreSQL table as `schema.table` (default schema `public`).
 * Names outside the plain identifier set are rejected rather than quoted:
 * they would need quoting in every tool downstream (Debezium regexes, topic
 * names, Flink SQL).
 */
export interface PgTableName {
  schema: string;
  table: string;
}

/** Parses `table` or `schema.table`; returns a problem text when invalid. */
export function parsePgTableName(text: string): PgTableName | string {
  const parts = text.trim().split('.');
  if (parts.length > 2 || parts.some(p => !PG_IDENTIFIER_PATTERN.test(p))) {
    return `${quoted(
      text,
    )} is not a table name this template accepts: use 'table' or 'schema.table' with letters, digits and '_'`;
  }
  return parts.length === 2
    ? { schema: parts[0], table: parts[1] }
    : { schema: 'public', table: parts[0] };
}

/** `"schema"."table"`, for SQL shown to (and run by) a database admin. */
export function pgQualified(name: PgTableName): string {
  return `${pgIdent(name.schema)}.${pgIdent(name.table)}`;
}

// PostgreSQL's reserved key words that are plausible table or role names.
const PG_RESERVED = new Set(
  (
    'all analyse analyze and any array as asc authorization between both case cast check ' +
    'collate column constraint create current_role current_user default desc distinct do ' +
    'else end except false fetch for foreign from grant group having in into is join ' +
    'leading limit localtime not null offset on only or order placing primary references ' +
    'returning select session_user some symmetric table then to trailing true union unique ' +
    'user using variadic when where window with'
  ).split(' '),
);

/** A PostgreSQL identifier, double-quoted only when needed. */
export function pgIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PG_RESERVED.has(name)
    ? name
    : `"${name.replace(/"/g, '""')}"`;
}

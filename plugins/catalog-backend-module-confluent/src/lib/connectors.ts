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
 * What a connector config says about data flow: the external tables a CDC
 * source reads and the topics it writes, the topics a sink reads and the
 * tables it writes, and the fields its MaskField SMTs mask.
 */
import type {
  ExternalDatabaseSystem,
  ExternalTable,
} from '@shiftleft/plugin-confluent-common';

/** A MaskField SMT on record values. */
export interface ConnectorMask {
  /** The transform alias (`maskPii`). */
  alias: string;
  fields: string[];
  replacement?: string;
}

/** One topic ↔ table link of a connector. */
export interface ConnectorLink {
  topic: string;
  /** The external table; absent when the plugin's table naming is unknown. */
  table?: ExternalTable;
}

/** What the provider knows about a connector's data flow. */
export interface ConnectorFlow {
  type: 'source' | 'sink';
  plugin: string;
  /** Source: topics written and the table behind each; sink: topics read and the table each lands in. */
  links: ConnectorLink[];
  masks: ConnectorMask[];
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

function hostOf(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  try {
    return new URL(value.includes('://') ? value : `https://${value}`).hostname;
  } catch {
    return value;
  }
}

/** Full-match a Debezium include/exclude list entry (a regular expression). */
function matchesAny(patterns: string[], value: string): boolean {
  return patterns.some(p => {
    try {
      return new RegExp(`^(?:${p})$`).test(value);
    } catch {
      return p === value;
    }
  });
}

function masksOf(config: Record<string, string>): ConnectorMask[] {
  return list(config.transforms).flatMap(alias => {
    const type = config[`transforms.${alias}.type`] ?? '';
    // Only value masks hide data the catalog models; key masks leave the
    // value (and so every column) untouched.
    if (!type.endsWith('MaskField$Value')) {
      return [];
    }
    const replacement = config[`transforms.${alias}.replacement`];
    return [
      {
        alias,
        fields: list(config[`transforms.${alias}.fields`]),
        ...(replacement !== undefined ? { replacement } : {}),
      },
    ];
  });
}

/** `${topic}` substitution of the JDBC-style sinks' `table.name.format`. */
function formatTable(format: string | undefined, topic: string): string {
  return (format || '${topic}').replace(/\$\{topic\}/g, topic);
}

function splitSchema(
  qualified: string,
  defaultSchema: string,
): { schema: string; table: string } {
  const i = qualified.lastIndexOf('.');
  return i < 0
    ? { schema: defaultSchema, table: qualified }
    : { schema: qualified.slice(0, i), table: qualified.slice(i + 1) };
}

function jdbcSinkTable(
  system: ExternalDatabaseSystem,
  config: Record<string, string>,
  topic: string,
  keys: { host: string; database: string },
): ExternalTable {
  const { schema, table } = splitSchema(
    formatTable(config['table.name.format'], topic),
    'public',
  );
  const host = hostOf(config[keys.host]);
  const database = config[keys.database];
  return {
    system,
    ...(host ? { host } : {}),
    ...(database ? { database } : {}),
    schema,
    table,
  };
}

/** The Snowflake connector's default table name: the topic as an unquoted identifier. */
function snowflakeTableName(topic: string): string {
  const name = topic.replace(/[^A-Za-z0-9_$]/g, '_');
  return (/^[A-Za-z_]/.test(name) ? name : `_${name}`).toUpperCase();
}

function snowflakeTable(
  config: Record<string, string>,
  topic: string,
): ExternalTable {
  const map = new Map(
    list(config['snowflake.topic2table.map']).map(entry => {
      const i = entry.indexOf(':');
      return [entry.slice(0, i).trim(), entry.slice(i + 1).trim()] as const;
    }),
  );
  const host = hostOf(config['snowflake.url.name']);
  const database = config['snowflake.database.name'];
  const schema = config['snowflake.schema.name'];
  return {
    system: 'snowflake',
    ...(host ? { host } : {}),
    ...(database ? { database } : {}),
    ...(schema ? { schema } : {}),
    table: map.get(topic) ?? snowflakeTableName(topic),
  };
}

function sinkTable(
  plugin: string,
  config: Record<string, string>,
  topic: string,
): ExternalTable | undefined {
  if (/^Postgres(ql)?Sink$/i.test(plugin)) {
    return jdbcSinkTable('postgres', config, topic, {
      host: 'connection.host',
      database: 'db.name',
    });
  }
  if (/^RedshiftSink$/i.test(plugin)) {
    return jdbcSinkTable('redshift', config, topic, {
      host: 'aws.redshift.domain',
      database: 'aws.redshift.database',
    });
  }
  if (/^Snowflake(Sink|SinkConnector)$/i.test(plugin)) {
    return snowflakeTable(config, topic);
  }
  return undefined;
}

/**
 * The data flow of a connector. `topics` are the cluster's topics, used to
 * resolve a CDC source's include lists (regular expressions in Debezium) and
 * a sink's `topics.regex`. Returns undefined for connectors whose direction
 * is unknown.
 */
export function connectorFlow(
  config: Record<string, string>,
  reportedType: string | undefined,
  topics: readonly string[],
): ConnectorFlow | undefined {
  const plugin = (config['connector.class'] ?? '').split('.').pop() ?? '';
  let type: 'source' | 'sink' | undefined;
  if (reportedType === 'source' || reportedType === 'sink') {
    type = reportedType;
  } else if (/Source/i.test(plugin)) {
    type = 'source';
  } else if (/Sink/i.test(plugin)) {
    type = 'sink';
  }
  if (!type) {
    return undefined;
  }
  const masks = masksOf(config);

  if (type === 'source') {
    const prefix = config['topic.prefix'] ?? config['database.server.name'];
    if (!prefix || !/Cdc/i.test(plugin)) {
      // Only Debezium-style CDC sources name their topics predictably.
      return { type, plugin, links: [], masks };
    }
    const include = list(config['table.include.list']);
    const exclude = list(config['table.exclude.list']);
    const schemas = list(config['schema.include.list']);
    const system: ExternalDatabaseSystem | undefined = /^Postgres/i.test(plugin)
      ? 'postgres'
      : undefined;
    const host = hostOf(config['database.hostname']);
    const database = config['database.dbname'];
    const links: ConnectorLink[] = [];
    // Literal include entries name their topics even before the connector
    // has created them (right after the scaffolder provisions it).
    const literal = include
      .filter(entry => /^[A-Za-z0-9_$-]+\.[A-Za-z0-9_$-]+$/.test(entry))
      .map(entry => `${prefix}.${entry}`);
    const candidates = [...new Set([...topics, ...literal])];
    for (const topic of candidates) {
      if (!topic.startsWith(`${prefix}.`)) {
        continue;
      }
      const rest = topic.slice(prefix.length + 1);
      const parts = rest.split('.');
      if (parts.length !== 2) {
        continue;
      }
      const [schema, table] = parts;
      if (
        (include.length && !matchesAny(include, rest)) ||
        (exclude.length && matchesAny(exclude, rest)) ||
        (schemas.length && !matchesAny(schemas, schema))
      ) {
        continue;
      }
      links.push({
        topic,
        ...(system
          ? {
              table: {
                system,
                ...(host ? { host } : {}),
                ...(database ? { database } : {}),
                schema,
                table,
              },
            }
          : {}),
      });
    }
    return { type, plugin, links, masks };
  }

  let read = list(config.topics);
  if (read.length === 0 && config['topics.regex']) {
    try {
      const regex = new RegExp(`^(?:${config['topics.regex']})$`);
      read = topics.filter(t => regex.test(t));
    } catch {
      read = [];
    }
  }
  return {
    type,
    plugin,
    links: read.map(topic => {
      const table = sinkTable(plugin, config, topic);
      return { topic, ...(table ? { table } : {}) };
    }),
    masks,
  };
}

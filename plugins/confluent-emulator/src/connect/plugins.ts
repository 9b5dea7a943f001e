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
 * The fully-managed connector plugins the emulator knows, with the required
 * keys and allowed values of Confluent's connector configuration definitions,
 * and Kafka Connect's validation messages.
 */

export interface ConnectorPlugin {
  /** The managed plugin name, the value of `connector.class`. */
  name: string;
  /** The underlying Java class. */
  className: string;
  type: 'source' | 'sink';
  /** Keys with no default value. */
  required: string[];
  /** Keys limited to a set of values. */
  allowed: Record<string, string[]>;
  /** Keys holding booleans. */
  booleans: string[];
  /** At most this many tasks. */
  maxTasks?: number;
  /** Keys required only when another key has a value. */
  requiredWhen?: Array<{ key: string; when: [string, string] }>;
}

const DATA_FORMATS = ['AVRO', 'JSON_SR', 'PROTOBUF'];

/** The plugins, by `connector.class`. */
export const CONNECTOR_PLUGINS: Record<string, ConnectorPlugin> = {
  PostgresCdcSourceV2: {
    name: 'PostgresCdcSourceV2',
    className: 'io.debezium.connector.v2.postgresql.PostgresConnectorV2',
    type: 'source',
    required: [
      'database.hostname',
      'database.port',
      'database.user',
      'database.dbname',
      'topic.prefix',
      'tasks.max',
    ],
    requiredWhen: [
      { key: 'database.password', when: ['authentication.method', 'Password'] },
    ],
    allowed: {
      'output.data.format': ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON'],
      'output.key.format': ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON', 'STRING'],
      'snapshot.mode': [
        'initial',
        'never',
        'no_data',
        'initial_only',
        'when_needed',
      ],
      'database.sslmode': [
        'disable',
        'prefer',
        'require',
        'verify-ca',
        'verify-full',
      ],
      'decimal.handling.mode': ['precise', 'double', 'string'],
      'time.precision.mode': [
        'adaptive',
        'adaptive_time_microseconds',
        'connect',
      ],
      'publication.autocreate.mode': ['all_tables', 'disabled', 'filtered'],
      'authentication.method': ['Password', 'IAM Roles'],
    },
    booleans: ['after.state.only', 'tombstones.on.delete'],
    maxTasks: 1,
  },
  PostgresSink: {
    name: 'PostgresSink',
    className: 'io.confluent.connect.jdbc.JdbcSinkConnector',
    type: 'sink',
    required: [
      'connection.host',
      'connection.port',
      'connection.user',
      'connection.password',
      'db.name',
      'input.data.format',
      'tasks.max',
    ],
    allowed: {
      'input.data.format': DATA_FORMATS,
      'input.key.format': [...DATA_FORMATS, 'STRING'],
      'insert.mode': ['INSERT', 'UPSERT', 'UPDATE'],
      'pk.mode': ['none', 'kafka', 'record_key', 'record_value'],
      'ssl.mode': ['prefer', 'require', 'verify-ca', 'verify-full'],
      'errors.tolerance': ['none', 'all'],
    },
    booleans: ['auto.create', 'auto.evolve', 'delete.enabled'],
  },
  SnowflakeSink: {
    name: 'SnowflakeSink',
    className: 'com.snowflake.kafka.connector.SnowflakeSinkConnector',
    type: 'sink',
    required: [
      'snowflake.url.name',
      'snowflake.user.name',
      'snowflake.private.key',
      'snowflake.database.name',
      'snowflake.schema.name',
      'input.data.format',
      'tasks.max',
    ],
    requiredWhen: [
      {
        key: 'snowflake.role.name',
        when: ['snowflake.ingestion.method', 'SNOWPIPE_STREAMING'],
      },
    ],
    allowed: {
      'input.data.format': ['JSON', 'AVRO', 'JSON_SR', 'PROTOBUF', 'STRING'],
      'input.key.format': ['JSON', 'AVRO', 'JSON_SR', 'PROTOBUF', 'STRING'],
      'snowflake.ingestion.method': ['SNOWPIPE', 'SNOWPIPE_STREAMING'],
      'behavior.on.null.values': ['IGNORE', 'DEFAULT'],
      'errors.tolerance': ['none', 'all'],
    },
    booleans: ['snowflake.enable.schematization'],
  },
  RedshiftSink: {
    name: 'RedshiftSink',
    className: 'io.confluent.connect.aws.redshift.RedshiftSinkConnector',
    type: 'sink',
    required: [
      'aws.redshift.domain',
      'aws.redshift.port',
      'aws.redshift.user',
      'aws.redshift.database',
      'input.data.format',
      'tasks.max',
    ],
    requiredWhen: [
      {
        key: 'aws.redshift.password',
        when: ['authentication.method', 'Password'],
      },
    ],
    allowed: {
      'input.data.format': DATA_FORMATS,
      'authentication.method': ['Password', 'IAM Roles'],
      'errors.tolerance': ['none', 'all'],
    },
    booleans: ['auto.create', 'auto.evolve'],
  },
};

/**
 * Keys whose values Confluent Cloud masks in every response. Names ending in
 * these are secrets: `database.password`, `kafka.api.secret`,
 * `snowflake.private.key`, `snowflake.private.key.passphrase`, …
 */
const SECRET_KEY =
  /(password|secret|private\.key|passphrase|jaas\.config|credentials\.json)$/i;

export const MASK = '****************';

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** The config as Confluent Cloud returns it: every secret masked. */
export function maskConfig(
  config: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      isSecretKey(key) ? MASK : value,
    ]),
  );
}

// Transforms every managed connector accepts (Confluent's allowed SMT list);
// anything else is a class Connect cannot load.
const TRANSFORM_PACKAGES = [
  'org.apache.kafka.connect.transforms.',
  'io.confluent.connect.transforms.',
  'io.debezium.transforms.',
];

/** Kafka Connect's messages for an invalid configuration. */
export function validateConnectorConfig(
  plugin: ConnectorPlugin,
  config: Record<string, string>,
): string[] {
  const errors: string[] = [];
  const missing = (key: string) =>
    errors.push(
      `Missing required configuration "${key}" which has no default value.`,
    );
  const invalid = (key: string, reason: string) =>
    errors.push(
      `Invalid value ${config[key]} for configuration ${key}: ${reason}`,
    );

  for (const key of plugin.required) {
    if (config[key] === undefined || config[key] === '') missing(key);
  }
  for (const { key, when } of plugin.requiredWhen ?? []) {
    const actual =
      config[when[0]] ??
      (when[0] === 'authentication.method' ? 'Password' : '');
    if (actual === when[1] && !config[key]) missing(key);
  }
  for (const [key, values] of Object.entries(plugin.allowed)) {
    if (config[key] !== undefined && !values.includes(config[key])) {
      invalid(key, `String must be one of: ${values.join(', ')}`);
    }
  }
  for (const key of plugin.booleans) {
    if (config[key] !== undefined && !/^(true|false)$/i.test(config[key])) {
      invalid(key, 'Expected value to be either true or false');
    }
  }
  const tasks = config['tasks.max'];
  if (tasks !== undefined && tasks !== '') {
    if (!/^\d+$/.test(tasks) || Number(tasks) < 1) {
      invalid('tasks.max', 'Value must be at least 1');
    } else if (plugin.maxTasks && Number(tasks) > plugin.maxTasks) {
      invalid('tasks.max', `Value must be no more than ${plugin.maxTasks}`);
    }
  }
  for (const key of ['database.port', 'connection.port', 'aws.redshift.port']) {
    if (config[key] !== undefined && !/^\d{1,5}$/.test(config[key])) {
      invalid(key, 'Not a number of type INT');
    }
  }
  if (plugin.type === 'sink' && !config.topics && !config['topics.regex']) {
    errors.push('Must configure one of topics or topics.regex');
  }
  const authMode = config['kafka.auth.mode'] ?? 'KAFKA_API_KEY';
  if (authMode === 'SERVICE_ACCOUNT') {
    if (!config['kafka.service.account.id'])
      missing('kafka.service.account.id');
  } else if (authMode === 'KAFKA_API_KEY') {
    if (!config['kafka.api.key']) missing('kafka.api.key');
    if (!config['kafka.api.secret']) missing('kafka.api.secret');
  } else {
    invalid(
      'kafka.auth.mode',
      'String must be one of: KAFKA_API_KEY, SERVICE_ACCOUNT',
    );
  }
  errors.push(...validateTransforms(config));
  return errors;
}

function validateTransforms(config: Record<string, string>): string[] {
  const errors: string[] = [];
  const aliases = (config.transforms ?? '')
    .split(',')
    .map(a => a.trim())
    .filter(Boolean);
  for (const alias of aliases) {
    const prefix = `transforms.${alias}`;
    const type = config[`${prefix}.type`];
    if (!type) {
      errors.push(
        `Missing required configuration "${prefix}.type" which has no default value.`,
      );
      continue;
    }
    if (!TRANSFORM_PACKAGES.some(p => type.startsWith(p))) {
      errors.push(
        `Invalid value ${type} for configuration ${prefix}.type: Class ${type} could not be found.`,
      );
      continue;
    }
    if (/\.MaskField\$(Key|Value)$/.test(type)) {
      const fields = (config[`${prefix}.fields`] ?? '')
        .split(',')
        .map(f => f.trim())
        .filter(Boolean);
      if (config[`${prefix}.fields`] === undefined) {
        errors.push(
          `Missing required configuration "${prefix}.fields" which has no default value.`,
        );
      } else if (fields.length === 0) {
        errors.push(
          `Invalid value [] for configuration ${prefix}.fields: Empty list`,
        );
      }
    }
  }
  return errors;
}

/** The MaskField transforms of a config. */
export function maskFieldTransforms(config: Record<string, string>): Array<{
  alias: string;
  target: 'Key' | 'Value';
  fields: string[];
  replacement?: string;
}> {
  return (config.transforms ?? '')
    .split(',')
    .map(a => a.trim())
    .filter(Boolean)
    .flatMap(alias => {
      const match = /\.MaskField\$(Key|Value)$/.exec(
        config[`transforms.${alias}.type`] ?? '',
      );
      if (!match) return [];
      return [
        {
          alias,
          target: match[1] as 'Key' | 'Value',
          fields: (config[`transforms.${alias}.fields`] ?? '')
            .split(',')
            .map(f => f.trim())
            .filter(Boolean),
          replacement: config[`transforms.${alias}.replacement`],
        },
      ];
    });
}

/** The invalid-configuration message of Kafka Connect's REST API. */
export function invalidConfigMessage(errors: string[]): string {
  return [
    `Connector configuration is invalid and contains the following ${errors.length} error(s):`,
    ...errors,
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
  ].join('\n');
}

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
import avro from 'avsc';
import { ApiError } from '../http/errors';
import {
  CONNECTOR_PLUGINS,
  invalidConfigMessage,
  maskFieldTransforms,
  validateConnectorConfig,
} from '../connect/plugins';
import {
  capturedTableFilter,
  connectionFailureTrace,
  postgresSourceOf,
  readCapturedTables,
  unreachableTrace,
} from '../connect/postgres';
import {
  debeziumConnectKinds,
  debeziumKeySchema,
  debeziumTopicName,
  debeziumValueSchema,
  type ConnectKind,
  type DebeziumOptions,
  type PgTable,
} from '../schemas/debezium';
import { columnsFromAvro, type LogicalType } from '../schemas/flinkTypes';
import type { ConnectorRecord, KafkaClusterRecord } from '../state/model';
import type { EmulatorStore } from '../state/store';
import type { Scheduler } from '../lifecycle/scheduler';
import type { ResolvedTimings } from '../options';
import type { SchemaRegistryService } from './schemaRegistry';
import type { TopicService } from './topics';

function connectError(status: number, message: string, flat = false) {
  return new ApiError(status, message, { flat });
}

function randomSuffix(length: number) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < length; i++)
    text += alphabet[Math.floor(Math.random() * alphabet.length)];
  return text;
}

/** A managed connector's Debezium settings, with Debezium's defaults. */
export function debeziumOptionsOf(
  config: Record<string, string>,
): DebeziumOptions {
  return {
    topicPrefix: config['topic.prefix'],
    afterStateOnly:
      (config['after.state.only'] ?? 'false').toLowerCase() === 'true',
    decimalHandlingMode: config['decimal.handling.mode'] ?? 'precise',
    timePrecisionMode: config['time.precision.mode'] ?? 'adaptive',
  };
}

// The Java class of a Connect value, as MaskField's error messages name it.
const JAVA_CLASS: Record<ConnectKind, string> = {
  boolean: 'class java.lang.Boolean',
  int16: 'class java.lang.Short',
  int32: 'class java.lang.Integer',
  int64: 'class java.lang.Long',
  float32: 'class java.lang.Float',
  float64: 'class java.lang.Double',
  decimal: 'class java.math.BigDecimal',
  string: 'class java.lang.String',
  bytes: 'class [B',
  date: 'class java.util.Date',
  time: 'class java.util.Date',
  timestamp: 'class java.util.Date',
  array: 'class java.util.ArrayList',
  struct: 'class org.apache.kafka.connect.data.Struct',
};

const NUMERIC: ConnectKind[] = [
  'int16',
  'int32',
  'int64',
  'float32',
  'float64',
  'decimal',
];

function kindOfFlinkType(type: LogicalType): ConnectKind {
  switch (type.kind) {
    case 'BOOLEAN':
      return 'boolean';
    case 'TINYINT':
    case 'SMALLINT':
      return 'int16';
    case 'INTEGER':
      return 'int32';
    case 'BIGINT':
      return 'int64';
    case 'FLOAT':
      return 'float32';
    case 'DOUBLE':
      return 'float64';
    case 'DECIMAL':
      return 'decimal';
    case 'CHAR':
    case 'VARCHAR':
      return 'string';
    case 'BINARY':
    case 'VARBINARY':
      return 'bytes';
    case 'DATE':
      return 'date';
    case 'TIME_WITHOUT_TIME_ZONE':
      return 'time';
    case 'ARRAY':
      return 'array';
    case 'ROW':
    case 'MAP':
      return 'struct';
    default:
      return 'timestamp';
  }
}

/**
 * Why MaskField cannot mask these records (Kafka's MaskField messages), or
 * undefined when it can. Fields a record does not have are left alone, as
 * MaskField does.
 */
function maskFieldProblem(
  config: Record<string, string>,
  records: Array<{
    value: Map<string, ConnectKind>;
    key?: Map<string, ConnectKind>;
  }>,
): string | undefined {
  for (const transform of maskFieldTransforms(config)) {
    for (const record of records) {
      const fields = transform.target === 'Value' ? record.value : record.key;
      for (const name of transform.fields) {
        const kind = fields?.get(name);
        if (!kind) continue;
        if (transform.replacement === undefined) {
          if (kind === 'struct')
            return `Cannot mask value of type: ${JAVA_CLASS[kind]}`;
          continue;
        }
        if (NUMERIC.includes(kind)) {
          if (
            transform.replacement.trim() === '' ||
            !Number.isFinite(Number(transform.replacement))
          ) {
            return `Unable to convert ${transform.replacement} (class java.lang.String) to number`;
          }
        } else if (kind !== 'string') {
          return `Cannot mask value of type ${JAVA_CLASS[kind]} with custom replacement.`;
        }
      }
    }
  }
  return undefined;
}

function dataExceptionTrace(message: string) {
  return `org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\nCaused by: org.apache.kafka.connect.errors.DataException: ${message}`;
}

/**
 * Managed connectors: validation as Connect validates, the PROVISIONING →
 * RUNNING | FAILED lifecycle, pause and resume, and what connectors do to the
 * cluster (a CDC source creates its topics and registers its schemas).
 */
export class ConnectorService {
  readonly #store: EmulatorStore;
  readonly #scheduler: Scheduler;
  readonly #timings: ResolvedTimings;
  readonly #topics: TopicService;
  readonly #schemaRegistry: SchemaRegistryService;
  readonly #sourceDatabases: 'connect' | 'never';

  constructor(options: {
    store: EmulatorStore;
    scheduler: Scheduler;
    timings: ResolvedTimings;
    topics: TopicService;
    schemaRegistry: SchemaRegistryService;
    sourceDatabases: 'connect' | 'never';
  }) {
    this.#store = options.store;
    this.#scheduler = options.scheduler;
    this.#timings = options.timings;
    this.#topics = options.topics;
    this.#schemaRegistry = options.schemaRegistry;
    this.#sourceDatabases = options.sourceDatabases;
  }

  /** The cluster of a Connect path; 404 unless it is in the environment. */
  cluster(environmentId: string, clusterId: string): KafkaClusterRecord {
    if (!this.#store.environment(environmentId)) {
      throw connectError(404, `Environment ${environmentId} not found`);
    }
    const cluster = this.#store.cluster(clusterId);
    if (!cluster || cluster.environmentId !== environmentId) {
      throw connectError(
        404,
        `Kafka cluster ${clusterId} not found in environment ${environmentId}`,
      );
    }
    return cluster;
  }

  list(environmentId: string, clusterId: string): ConnectorRecord[] {
    this.cluster(environmentId, clusterId);
    return Object.values(this.#connectorsOf(clusterId)).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  get(environmentId: string, clusterId: string, name: string): ConnectorRecord {
    this.cluster(environmentId, clusterId);
    const record = this.#connectorsOf(clusterId)[name];
    if (!record) throw connectError(404, `Connector ${name} not found`);
    return record;
  }

  /** `POST …/connectors`: 409 when the name is taken. */
  create(
    environmentId: string,
    clusterId: string,
    name: unknown,
    config: unknown,
  ): ConnectorRecord {
    this.cluster(environmentId, clusterId);
    if (typeof name !== 'string' || name.trim() === '') {
      throw connectError(400, 'Connector name is required');
    }
    if (this.#connectorsOf(clusterId)[name]) {
      throw connectError(409, `Connector ${name} already exists`);
    }
    return this.#save(environmentId, clusterId, name, config);
  }

  /** `PUT …/connectors/{name}/config`: creates or reconfigures. */
  putConfig(
    environmentId: string,
    clusterId: string,
    name: string,
    config: unknown,
  ): ConnectorRecord {
    this.cluster(environmentId, clusterId);
    return this.#save(environmentId, clusterId, name, config);
  }

  /**
   * A connector that has been running since `createdAt` (seeds): validated
   * like any other, provisioned at once; a CDC source uses the given tables
   * instead of reading its database.
   */
  seed(
    environmentId: string,
    clusterId: string,
    definition: { name: string; config: Record<string, string> },
    createdAt: number,
    tables?: PgTable[],
  ): ConnectorRecord {
    const record = this.#save(
      environmentId,
      clusterId,
      definition.name,
      definition.config,
      {
        at: createdAt,
        provision: false,
      },
    );
    if (tables) this.materializeCdcSource(record, tables);
    else this.#provisionSink(record);
    if (record.state !== 'RUNNING') {
      throw new Error(
        `Seed connector ${record.name} did not start: ${record.trace}`,
      );
    }
    record.updatedAt = record.createdAt;
    return record;
  }

  #save(
    environmentId: string,
    clusterId: string,
    name: string,
    rawConfig: unknown,
    options: { at?: number; provision?: boolean } = {},
  ): ConnectorRecord {
    if (
      !rawConfig ||
      typeof rawConfig !== 'object' ||
      Array.isArray(rawConfig)
    ) {
      throw connectError(
        400,
        'Connector config must be an object of string values',
      );
    }
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(rawConfig)) {
      if (typeof value !== 'string') {
        throw connectError(
          400,
          `Cannot deserialize value of type \`java.lang.String\` from ${
            Array.isArray(value) ? 'Array' : typeof value
          } value for key "${key}"`,
        );
      }
      config[key] = value;
    }
    if (config.name !== undefined && config.name !== name) {
      throw connectError(
        400,
        `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`,
      );
    }
    config.name = name;
    const className = config['connector.class'];
    if (!className) {
      throw connectError(
        400,
        invalidConfigMessage([
          'Missing required configuration "connector.class" which has no default value.',
        ]),
      );
    }
    const plugin = CONNECTOR_PLUGINS[className];
    if (!plugin) {
      throw connectError(
        500,
        `Failed to find any class that implements Connector and which name matches ${className}, available connectors are: ${Object.keys(
          CONNECTOR_PLUGINS,
        ).join(', ')}`,
        true,
      );
    }
    const problems = validateConnectorConfig(plugin, config);
    const account = config['kafka.service.account.id'];
    if (
      config['kafka.auth.mode'] === 'SERVICE_ACCOUNT' &&
      account &&
      !this.#store.state.serviceAccounts[account]
    ) {
      problems.push(
        `Invalid value ${account} for configuration kafka.service.account.id: Service account ${account} does not exist`,
      );
    }
    if (problems.length > 0)
      throw connectError(400, invalidConfigMessage(problems));

    const now = new Date(options.at ?? Date.now()).toISOString();
    const existing = this.#connectorsOf(clusterId)[name];
    if (existing && existing.config['connector.class'] !== className) {
      throw connectError(
        400,
        invalidConfigMessage([
          `Invalid value ${className} for configuration connector.class: connector.class cannot be changed`,
        ]),
      );
    }
    const record: ConnectorRecord = existing ?? {
      seq: this.#store.nextSeq(),
      id: `lcc-${randomSuffix(5)}`,
      name,
      environmentId,
      clusterId,
      type: plugin.type,
      config,
      state: 'PROVISIONING',
      trace: '',
      paused: false,
      createdAt: now,
      updatedAt: now,
    };
    record.config = config;
    record.updatedAt = now;
    this.#connectorsOf(clusterId)[name] = record;
    if (options.provision === false) record.state = 'PROVISIONING';
    else this.#startProvisioning(record);
    return record;
  }

  pause(environmentId: string, clusterId: string, name: string) {
    const record = this.get(environmentId, clusterId, name);
    record.paused = true;
    if (record.state !== 'PROVISIONING')
      this.#changeStateLater(record, 'pause');
    this.#store.changed();
  }

  resume(environmentId: string, clusterId: string, name: string) {
    const record = this.get(environmentId, clusterId, name);
    record.paused = false;
    if (record.state === 'FAILED') {
      this.#startProvisioning(record);
    } else if (record.state !== 'PROVISIONING') {
      this.#changeStateLater(record, 'resume');
    }
    this.#store.changed();
  }

  delete(environmentId: string, clusterId: string, name: string) {
    const record = this.get(environmentId, clusterId, name);
    this.#scheduler.cancel(this.#key(record));
    delete this.#connectorsOf(clusterId)[name];
    this.#store.changed();
  }

  /** Re-arms a connector's pending step after the state was loaded. */
  restore(record: ConnectorRecord) {
    if (!record.transition) return;
    const { action, dueAt } = record.transition;
    this.#scheduler.schedule(this.#key(record), dueAt, () =>
      action === 'provision'
        ? this.#provision(record)
        : this.#applyStateChange(record, action),
    );
  }

  /**
   * What a CDC source does with the tables it captures: checks its SMTs and
   * the schemas, creates the topics, registers the schemas and runs (or
   * FAILS as the task would). Seeds pass tables directly, without a database.
   */
  materializeCdcSource(record: ConnectorRecord, tables: PgTable[]) {
    const config = record.config;
    const options = debeziumOptionsOf(config);
    const problem = maskFieldProblem(
      config,
      tables.map(t => ({
        value: debeziumConnectKinds(t, options),
        key: new Map(
          [...debeziumConnectKinds(t, options)].filter(([n]) =>
            t.primaryKey.includes(n),
          ),
        ),
      })),
    );
    if (problem) {
      this.#fail(record, dataExceptionTrace(problem), true);
      return;
    }
    const registry = this.#store.schemaRegistryOf(record.environmentId);
    const outputs = tables.map(table => ({
      topic: debeziumTopicName(options.topicPrefix, table),
      value:
        (config['output.data.format'] ?? 'JSON') === 'AVRO'
          ? debeziumValueSchema(table, options)
          : undefined,
      key:
        config['output.key.format'] === 'AVRO'
          ? debeziumKeySchema(table, options)
          : undefined,
    }));
    try {
      // A column name Avro refuses fails the task before anything is written.
      for (const { value, key } of outputs) {
        if (value) avro.Type.forSchema(value as avro.Schema);
        if (key) avro.Type.forSchema(key as avro.Schema);
      }
    } catch (error) {
      this.#fail(
        record,
        dataExceptionTrace(
          `Failed to convert the record to Avro: ${(error as Error).message}`,
        ),
        true,
      );
      return;
    }
    for (const { topic, value, key } of outputs) {
      this.#topics.ensure(record.clusterId, topic, 1);
      if (!registry) continue;
      const subjects: Array<[string, object | undefined]> = [
        [`${topic}-value`, value],
        [`${topic}-key`, key],
      ];
      for (const [subject, schema] of subjects) {
        if (!schema) continue;
        try {
          this.#schemaRegistry.register(registry.id, subject, {
            schema: JSON.stringify(schema),
          });
        } catch (error) {
          // A table changed incompatibly: the converter's registration fails
          // with Schema Registry's error, and so does the task.
          const err = error as ApiError;
          this.#fail(
            record,
            `org.apache.kafka.connect.errors.DataException: Failed to serialize Avro data from topic ${topic} :\nCaused by: io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException: ${
              err.message
            }; error code: ${err.errorCode ?? err.status}`,
            true,
          );
          return;
        }
      }
    }
    this.#run(record);
  }

  #connectorsOf(clusterId: string): Record<string, ConnectorRecord> {
    let connectors = this.#store.state.connectors[clusterId];
    if (!connectors) {
      connectors = {};
      this.#store.state.connectors[clusterId] = connectors;
    }
    return connectors;
  }

  #key(record: ConnectorRecord) {
    return `connector:${record.clusterId}:${record.name}`;
  }

  #isCurrent(record: ConnectorRecord) {
    return (
      this.#store.state.connectors[record.clusterId]?.[record.name] === record
    );
  }

  #startProvisioning(record: ConnectorRecord) {
    record.state = 'PROVISIONING';
    record.trace = '';
    record.taskFailed = false;
    const dueAt = Date.now() + this.#timings.connectorProvisioningMs;
    record.transition = { action: 'provision', dueAt };
    this.#scheduler.schedule(this.#key(record), dueAt, () =>
      this.#provision(record),
    );
    this.#store.changed();
  }

  #changeStateLater(record: ConnectorRecord, action: 'pause' | 'resume') {
    const dueAt = Date.now() + this.#timings.connectorStateChangeMs;
    record.transition = { action, dueAt };
    this.#scheduler.schedule(this.#key(record), dueAt, () =>
      this.#applyStateChange(record, action),
    );
  }

  #applyStateChange(record: ConnectorRecord, action: 'pause' | 'resume') {
    if (!this.#isCurrent(record)) return;
    record.transition = undefined;
    if (action === 'pause' && record.state !== 'FAILED')
      record.state = 'PAUSED';
    if (action === 'resume' && record.state === 'PAUSED')
      record.state = 'RUNNING';
    record.updatedAt = new Date().toISOString();
    this.#store.changed();
  }

  async #provision(record: ConnectorRecord): Promise<void> {
    if (!this.#isCurrent(record)) return;
    const startedFor = record.updatedAt;
    const stillWanted = () =>
      this.#isCurrent(record) &&
      record.updatedAt === startedFor &&
      record.state === 'PROVISIONING';
    const className = record.config['connector.class'];
    if (className === 'PostgresCdcSourceV2') {
      const source = postgresSourceOf(record.config);
      if (this.#sourceDatabases === 'never') {
        this.#fail(record, unreachableTrace(source));
        return;
      }
      let tables: PgTable[];
      try {
        tables = await readCapturedTables(
          source,
          capturedTableFilter(record.config),
        );
      } catch (error) {
        if (stillWanted())
          this.#fail(record, connectionFailureTrace(source, error));
        return;
      }
      if (stillWanted()) this.materializeCdcSource(record, tables);
      return;
    }
    this.#provisionSink(record);
  }

  #provisionSink(record: ConnectorRecord) {
    const config = record.config;
    const topics = (config.topics ?? '')
      .split(',')
      .map(t => t.trim())
      .filter(Boolean);
    const missing = topics.filter(t => !this.#topics.get(record.clusterId, t));
    if (missing.length > 0) {
      this.#fail(
        record,
        `org.apache.kafka.connect.errors.ConnectException: Topic(s) [${missing.join(
          ', ',
        )}] do not exist in the Kafka cluster ${
          record.clusterId
        }\nCaused by: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.`,
      );
      return;
    }
    if ((config['errors.tolerance'] ?? 'all') === 'none') {
      const registry = this.#store.schemaRegistryOf(record.environmentId);
      const records = topics.flatMap(topic => {
        const latest =
          registry &&
          this.#schemaRegistry.latest(registry.id, `${topic}-value`);
        if (!latest || latest.schema.schemaType !== 'AVRO') return [];
        const columns = columnsFromAvro(latest.schema.schema);
        return [
          {
            value: new Map(columns.map(c => [c.name, kindOfFlinkType(c.type)])),
          },
        ];
      });
      const problem = maskFieldProblem(config, records);
      if (problem) {
        this.#fail(record, dataExceptionTrace(problem), true);
        return;
      }
    }
    this.#run(record);
  }

  #run(record: ConnectorRecord) {
    record.transition = undefined;
    record.state = record.paused ? 'PAUSED' : 'RUNNING';
    record.trace = '';
    record.taskFailed = false;
    record.updatedAt = new Date().toISOString();
    this.#store.changed();
  }

  /** FAILED; `taskFailed` when the task (not the connector's startup) failed. */
  #fail(record: ConnectorRecord, trace: string, taskFailed = false) {
    record.transition = undefined;
    record.state = 'FAILED';
    record.trace = trace;
    record.taskFailed = taskFailed;
    record.updatedAt = new Date().toISOString();
    this.#store.changed();
  }
}

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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  ConfluentComputePoolsApi,
  ComputePoolsClient,
} from './apis/computePools';
import { ConfluentConnectApi, ConnectClient } from './apis/connect';
import { ConfluentFlinkApi, FlinkStatementsClient } from './apis/flink';
import {
  ConfluentMaterializedTablesApi,
  FlinkMaterializedTablesClient,
} from './apis/materializedTables';
import { ConfluentIamApi, IamClient } from './apis/iam';
import { ConfluentKafkaApi, KafkaRestClient } from './apis/kafka';
import { ConfluentOrgApi, OrgClient } from './apis/org';
import {
  ConfluentSchemaRegistryApi,
  SchemaRegistryClient,
} from './apis/schemaRegistry';
import { ConfluentStreamCatalogApi, StreamCatalogClient } from './apis/catalog';
import {
  ConfluentConfig,
  ConfluentEnvironmentConfig,
  parseConfluentConfig,
  readConfluentConfig,
} from './config';
import { ConfluentApiName } from './errors';
import { basicAuthSecrets, SecretRedactor } from './http/redact';
import { ConfluentRetryPolicy } from './http/retry';
import { ConfluentResponseObserver, HttpTransport } from './http/transport';
import { ConfluentConsoleLinks } from './links';

/**
 * What is configured for one environment, without any secret: safe to log
 * and to send to a browser.
 * @public
 */
export interface ConfluentEnvironmentInfo {
  id: string;
  flink?: { baseUrl: string; computePoolId?: string; principal?: string };
  schemaRegistry?: { id: string; baseUrl: string };
  kafkaClusters: Array<{ id: string; restBaseUrl: string }>;
}

/**
 * Options of {@link ConfluentClient.create}.
 * @public
 */
export interface ConfluentClientOptions {
  /**
   * The `confluent` config object: one from {@link readConfluentConfig}, or
   * a raw object (validated here).
   */
  config: ConfluentConfig | Record<string, unknown>;
  /** Receives retry warnings and per-request debug lines (never secrets). */
  logger?: LoggerService;
  /** Sees every HTTP response; for diagnostics and contract tests. */
  onResponse?: ConfluentResponseObserver;
}

/**
 * Options of {@link ConfluentClient.fromConfig}.
 * @public
 */
export type ConfluentClientFromConfigOptions = Omit<
  ConfluentClientOptions,
  'config'
>;

function envInfo(env: ConfluentEnvironmentConfig): ConfluentEnvironmentInfo {
  return {
    id: env.id,
    ...(env.flink
      ? {
          flink: {
            baseUrl: env.flink.baseUrl,
            computePoolId: env.flink.computePoolId,
            principal: env.flink.principal,
          },
        }
      : {}),
    ...(env.schemaRegistry
      ? {
          schemaRegistry: {
            id: env.schemaRegistry.id,
            baseUrl: env.schemaRegistry.baseUrl,
          },
        }
      : {}),
    kafkaClusters: env.kafkaClusters.map(c => ({
      id: c.id,
      restBaseUrl: c.restBaseUrl,
    })),
  };
}

/**
 * The typed Confluent Cloud client every backend package of the suite uses.
 *
 * Each API gets its own base URL and key, as in Confluent Cloud; sub-clients
 * are scoped the way the API is (organization-wide, per environment, per
 * Kafka cluster) and only reach environments and clusters named in the
 * config. Every call retries idempotent requests on 429, 5xx, timeouts and
 * network errors, accepts an `AbortSignal`, and throws `@backstage/errors`
 * types whose cause is a {@link ConfluentApiError}.
 *
 * @public
 */
export class ConfluentClient {
  /** The organization UUID. */
  readonly organizationId: string;
  /** The configured environments, without secrets. */
  readonly environments: ReadonlyArray<ConfluentEnvironmentInfo>;
  /** Links into the Confluent Cloud console. */
  readonly links: ConfluentConsoleLinks;
  /** Environments and organizations (`org/v2`). */
  readonly org: ConfluentOrgApi;
  /** Service accounts (`iam/v2`). */
  readonly iam: ConfluentIamApi;

  readonly #config: ConfluentConfig;
  readonly #logger?: LoggerService;
  readonly #onResponse?: ConfluentResponseObserver;
  readonly #redactor: SecretRedactor;
  readonly #retry: ConfluentRetryPolicy;
  readonly #transports = new Map<string, HttpTransport>();
  readonly #clients = new Map<string, unknown>();

  /** Reads the `confluent` block of the app config. */
  static fromConfig(
    config: Config,
    options: ConfluentClientFromConfigOptions = {},
  ): ConfluentClient {
    return new ConfluentClient({
      ...options,
      config: readConfluentConfig(config, { logger: options.logger }),
    });
  }

  /** Builds a client from a `confluent` config object. */
  static create(options: ConfluentClientOptions): ConfluentClient {
    return new ConfluentClient(options);
  }

  private constructor(options: ConfluentClientOptions) {
    // Parsing is idempotent, so an already validated config passes as is.
    const config = parseConfluentConfig(options.config);
    this.#config = config;
    this.#logger = options.logger;
    this.#onResponse = options.onResponse;
    this.#retry = {
      maxRetries: config.maxRetries,
      baseDelayMs: config.retryBaseDelayMs,
      maxDelayMs: config.retryMaxDelayMs,
    };
    const secrets = [
      ...basicAuthSecrets(config.cloud.apiKey, config.cloud.apiSecret),
      ...config.environments.flatMap(env => [
        ...(env.flink
          ? basicAuthSecrets(env.flink.apiKey, env.flink.apiSecret)
          : []),
        ...(env.schemaRegistry
          ? basicAuthSecrets(
              env.schemaRegistry.apiKey,
              env.schemaRegistry.apiSecret,
            )
          : []),
        ...env.kafkaClusters.flatMap(c =>
          basicAuthSecrets(c.apiKey, c.apiSecret),
        ),
      ]),
    ];
    this.#redactor = new SecretRedactor(secrets);

    this.organizationId = config.organizationId;
    this.environments = config.environments.map(envInfo);
    this.links = new ConfluentConsoleLinks(config.consoleUrl);
    this.org = new OrgClient(this.#cloudTransport('org'));
    this.iam = new IamClient(this.#cloudTransport('iam'));
  }

  /**
   * What is configured for an environment.
   * @throws NotFoundError when the environment is not configured
   */
  environment(environmentId: string): ConfluentEnvironmentInfo {
    const { index } = this.#env(environmentId);
    return this.environments[index];
  }

  /** Flink compute pools of an environment (`fcpm/v2`, Cloud key). */
  computePools(environmentId: string): ConfluentComputePoolsApi {
    this.#env(environmentId);
    return this.#cached(
      `fcpm|${environmentId}`,
      () => new ComputePoolsClient(this.#cloudTransport('fcpm'), environmentId),
    );
  }

  /**
   * Flink SQL statements of an environment (`sql/v1`, Flink key).
   * @throws NotFoundError when the environment or its `flink` block is not configured
   */
  flink(environmentId: string): ConfluentFlinkApi {
    const { env, index } = this.#env(environmentId);
    const flink = env.flink;
    if (!flink) {
      throw new NotFoundError(
        `Confluent environment '${environmentId}' has no Flink access configured (confluent.environments[${index}].flink)`,
      );
    }
    return this.#cached(
      `flink|${environmentId}`,
      () =>
        new FlinkStatementsClient({
          http: this.#transport(
            'flink',
            flink.baseUrl,
            flink,
            `confluent.environments[${index}].flink`,
          ),
          organizationId: this.organizationId,
          environmentId,
          defaultComputePoolId: flink.computePoolId,
          defaultPrincipal: flink.principal,
          logger: this.#logger,
        }),
    );
  }

  /**
   * Materialized tables of an environment and their versions (`sql/v1`,
   * Flink key).
   * @throws NotFoundError when the environment or its `flink` block is not configured
   */
  materializedTables(environmentId: string): ConfluentMaterializedTablesApi {
    const { env, index } = this.#env(environmentId);
    const flink = env.flink;
    if (!flink) {
      throw new NotFoundError(
        `Confluent environment '${environmentId}' has no Flink access configured (confluent.environments[${index}].flink)`,
      );
    }
    return this.#cached(
      `materialized-tables|${environmentId}`,
      () =>
        new FlinkMaterializedTablesClient({
          http: this.#transport(
            'flink',
            flink.baseUrl,
            flink,
            `confluent.environments[${index}].flink`,
          ),
          organizationId: this.organizationId,
          environmentId,
        }),
    );
  }

  /**
   * Managed connectors of a configured Kafka cluster (Connect v1, Cloud key).
   * @throws NotFoundError when the environment or cluster is not configured
   */
  connect(environmentId: string, kafkaClusterId: string): ConfluentConnectApi {
    this.#cluster(environmentId, kafkaClusterId);
    return this.#cached(
      `connect|${environmentId}|${kafkaClusterId}`,
      () =>
        new ConnectClient(
          this.#cloudTransport('connect'),
          environmentId,
          kafkaClusterId,
        ),
    );
  }

  /**
   * The Schema Registry of an environment (SR key).
   * @throws NotFoundError when the environment or its `schemaRegistry` block is not configured
   */
  schemaRegistry(environmentId: string): ConfluentSchemaRegistryApi {
    const { sr, key } = this.#schemaRegistry(environmentId);
    return this.#cached(
      `sr|${environmentId}`,
      () =>
        new SchemaRegistryClient(
          this.#transport('schemaRegistry', sr.baseUrl, sr, key, {
            Accept: 'application/vnd.schemaregistry.v1+json, application/json',
            // Confluent Cloud only returns schemaType, guid, ts and deleted
            // when asked to with this header.
            'Confluent-Accept-Unknown-Properties': 'true',
          }),
          environmentId,
          sr.id,
        ),
    );
  }

  /**
   * The Stream Catalog of an environment (SR host and key).
   * @throws NotFoundError when the environment or its `schemaRegistry` block is not configured
   */
  catalog(environmentId: string): ConfluentStreamCatalogApi {
    const { sr, key } = this.#schemaRegistry(environmentId);
    return this.#cached(
      `catalog|${environmentId}`,
      () =>
        new StreamCatalogClient(
          this.#transport('catalog', sr.baseUrl, sr, key),
          environmentId,
          sr.id,
        ),
    );
  }

  /**
   * Topics of a configured Kafka cluster (Kafka REST v3, cluster key).
   * @throws NotFoundError when the environment or cluster is not configured
   */
  kafka(environmentId: string, kafkaClusterId: string): ConfluentKafkaApi {
    const { cluster, key } = this.#cluster(environmentId, kafkaClusterId);
    return this.#cached(
      `kafka|${environmentId}|${kafkaClusterId}`,
      () =>
        new KafkaRestClient(
          this.#transport('kafka', cluster.restBaseUrl, cluster, key),
          environmentId,
          kafkaClusterId,
        ),
    );
  }

  #env(environmentId: string): {
    env: ConfluentEnvironmentConfig;
    index: number;
  } {
    const index = this.#config.environments.findIndex(
      e => e.id === environmentId,
    );
    if (index < 0) {
      throw new NotFoundError(
        `Confluent environment '${environmentId}' is not configured (confluent.environments lists ${this.#config.environments
          .map(e => e.id)
          .join(', ')})`,
      );
    }
    return { env: this.#config.environments[index], index };
  }

  #schemaRegistry(environmentId: string) {
    const { env, index } = this.#env(environmentId);
    if (!env.schemaRegistry) {
      throw new NotFoundError(
        `Confluent environment '${environmentId}' has no Schema Registry configured (confluent.environments[${index}].schemaRegistry)`,
      );
    }
    return {
      sr: env.schemaRegistry,
      key: `confluent.environments[${index}].schemaRegistry`,
    };
  }

  #cluster(environmentId: string, kafkaClusterId: string) {
    const { env, index } = this.#env(environmentId);
    const c = env.kafkaClusters.findIndex(k => k.id === kafkaClusterId);
    if (c < 0) {
      throw new NotFoundError(
        `Kafka cluster '${kafkaClusterId}' is not configured for Confluent environment '${environmentId}' (confluent.environments[${index}].kafkaClusters)`,
      );
    }
    return {
      cluster: env.kafkaClusters[c],
      key: `confluent.environments[${index}].kafkaClusters[${c}]`,
    };
  }

  #cached<T>(key: string, create: () => T): T {
    if (!this.#clients.has(key)) this.#clients.set(key, create());
    return this.#clients.get(key) as T;
  }

  #cloudTransport(api: ConfluentApiName) {
    const { cloud } = this.#config;
    return this.#transport(api, cloud.baseUrl, cloud, 'confluent.cloud');
  }

  #transport(
    api: ConfluentApiName,
    baseUrl: string,
    credentials: { apiKey: string; apiSecret: string },
    credentialsConfigKey: string,
    defaultHeaders?: Record<string, string>,
  ): HttpTransport {
    const key = `${api}|${baseUrl}|${credentialsConfigKey}`;
    let transport = this.#transports.get(key);
    if (!transport) {
      transport = new HttpTransport({
        api,
        baseUrl,
        apiKey: credentials.apiKey,
        apiSecret: credentials.apiSecret,
        credentialsConfigKey,
        timeoutMs: this.#config.requestTimeoutMs,
        retry: this.#retry,
        redactor: this.#redactor,
        logger: this.#logger,
        onResponse: this.#onResponse,
        defaultHeaders,
      });
      this.#transports.set(key, transport);
    }
    return transport;
  }
}

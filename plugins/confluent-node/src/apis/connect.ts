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
import { HttpTransport, ConfluentCallOptions } from '../http/transport';
import { secretValuesOf } from '../http/redact';
import {
  expectObject,
  getArray,
  getObject,
  isObject,
  requireName,
  seg,
} from './common';

/**
 * Connector states (`connector.state`).
 * @public
 */
export type ConnectorState =
  | 'NONE'
  | 'PROVISIONING'
  | 'RUNNING'
  | 'DEGRADED'
  | 'FAILED'
  | 'PAUSED'
  | 'DELETED'
  | (string & {});

/**
 * A connector's flat configuration. Every value is a string; secrets come
 * back masked (`****************`).
 * @public
 */
export type ConnectorConfig = Record<string, string>;

/**
 * A connector as `GET …/connectors/{name}` returns it.
 * @public
 */
export interface Connector {
  name: string;
  config: ConnectorConfig;
  tasks?: Array<{ connector: string; task: number }>;
  type?: 'source' | 'sink' | (string & {});
}

/** @public */
export interface ConnectorTaskStatus {
  id: number;
  /** Free text: `RUNNING`, `FAILED`, `PAUSED`, … */
  state: string;
  worker_id: string;
  msg?: string;
}

/**
 * A connector's runtime status. A new connector is `PROVISIONING` with no
 * tasks; `trace` holds the error text of a `FAILED` one.
 * @public
 */
export interface ConnectorStatus {
  name: string;
  type: 'source' | 'sink' | (string & {});
  connector: { state: ConnectorState; worker_id: string; trace?: string };
  tasks: ConnectorTaskStatus[];
}

/**
 * One entry of the expanded connector list.
 * @public
 */
export interface ConnectorWithExpansions {
  name: string;
  /** The connector id, `lcc-…`. */
  id?: { id: string; id_type: string };
  info?: Connector;
  status?: ConnectorStatus;
}

/**
 * What the expanded connector list includes.
 * @public
 */
export type ConnectorExpansion = 'id' | 'info' | 'status';

/**
 * A new connector.
 * @public
 */
export interface CreateConnectorRequest {
  name: string;
  /** The flat config; `name` is filled in from the request. */
  config: ConnectorConfig;
}

/**
 * Managed connectors of one Kafka cluster (Connect v1, Cloud API key).
 * @public
 */
export interface ConfluentConnectApi {
  readonly environmentId: string;
  readonly kafkaClusterId: string;
  listConnectorNames(options?: ConfluentCallOptions): Promise<string[]>;
  /**
   * Every connector with its id, info (config) and status in one call
   * (`?expand=id,info,status`), sorted by name.
   */
  listConnectors(
    options?: ConfluentCallOptions & { expand?: ConnectorExpansion[] },
  ): Promise<ConnectorWithExpansions[]>;
  getConnector(
    name: string,
    options?: ConfluentCallOptions,
  ): Promise<Connector>;
  getConnectorConfig(
    name: string,
    options?: ConfluentCallOptions,
  ): Promise<ConnectorConfig>;
  getConnectorStatus(
    name: string,
    options?: ConfluentCallOptions,
  ): Promise<ConnectorStatus>;
  /** Creates a connector (never retried: a POST is not idempotent). */
  createConnector(
    request: CreateConnectorRequest,
    options?: ConfluentCallOptions,
  ): Promise<Connector>;
  /**
   * Creates the connector or replaces its whole config (`PUT …/config`).
   * Idempotent, so a scaffolder step can safely repeat it.
   */
  putConnectorConfig(
    name: string,
    config: ConnectorConfig,
    options?: ConfluentCallOptions,
  ): Promise<Connector>;
  /** Pauses a connector (asynchronous: the state changes later). */
  pauseConnector(name: string, options?: ConfluentCallOptions): Promise<void>;
  /** Resumes a paused connector (asynchronous). */
  resumeConnector(name: string, options?: ConfluentCallOptions): Promise<void>;
  deleteConnector(name: string, options?: ConfluentCallOptions): Promise<void>;
}

function checkConfig(name: string, config: unknown): ConnectorConfig {
  if (!isObject(config)) {
    throw new InputError(
      `Connector '${name}' config must be an object of strings`,
    );
  }
  const bad = Object.entries(config)
    .filter(([, v]) => typeof v !== 'string')
    .map(([k]) => k);
  if (bad.length) {
    throw new InputError(
      `Connector '${name}' config values must all be strings; not: ${bad.join(
        ', ',
      )}`,
    );
  }
  if (config.name !== undefined && config.name !== name) {
    throw new InputError(
      `Connector config name '${config.name}' differs from the connector name '${name}'`,
    );
  }
  return { ...(config as ConnectorConfig), name };
}

export class ConnectClient implements ConfluentConnectApi {
  readonly environmentId: string;
  readonly kafkaClusterId: string;
  readonly #http: HttpTransport;
  readonly #base: string;

  constructor(
    http: HttpTransport,
    environmentId: string,
    kafkaClusterId: string,
  ) {
    this.#http = http;
    this.environmentId = environmentId;
    this.kafkaClusterId = kafkaClusterId;
    this.#base = `/connect/v1/environments/${seg(environmentId)}/clusters/${seg(
      kafkaClusterId,
    )}/connectors`;
  }

  async listConnectorNames(options: ConfluentCallOptions = {}) {
    const names = await getArray<unknown>(this.#http, {
      operation: 'listConnectorNames',
      method: 'GET',
      path: this.#base,
      signal: options.signal,
    });
    return names.filter((n): n is string => typeof n === 'string').sort();
  }

  async listConnectors(
    options: ConfluentCallOptions & { expand?: ConnectorExpansion[] } = {},
  ) {
    const expand = options.expand ?? ['id', 'info', 'status'];
    const req = {
      operation: 'listConnectors',
      method: 'GET' as const,
      path: this.#base,
      // Comma-joined, as the CLI sends it.
      query: { expand: expand.join(',') },
      signal: options.signal,
    };
    const res = await this.#http.request<unknown>(req);
    // A cluster without connectors may answer an empty array, not a map.
    if (Array.isArray(res.data) && res.data.length === 0) return [];
    const map = expectObject<Record<string, unknown>>(this.#http, req, res);
    return Object.entries(map)
      .map(([name, value]) => {
        const entry = isObject(value) ? value : {};
        return {
          name,
          ...(isObject(entry.id)
            ? { id: entry.id as ConnectorWithExpansions['id'] }
            : {}),
          ...(isObject(entry.info)
            ? { info: entry.info as unknown as Connector }
            : {}),
          ...(isObject(entry.status)
            ? { status: entry.status as unknown as ConnectorStatus }
            : {}),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  getConnector(name: string, options: ConfluentCallOptions = {}) {
    return getObject<Connector>(
      this.#http,
      this.#req('getConnector', 'GET', name, '', options),
    );
  }

  getConnectorConfig(name: string, options: ConfluentCallOptions = {}) {
    return getObject<ConnectorConfig>(
      this.#http,
      this.#req('getConnectorConfig', 'GET', name, '/config', options),
    );
  }

  async getConnectorStatus(name: string, options: ConfluentCallOptions = {}) {
    const status = await getObject<ConnectorStatus>(
      this.#http,
      this.#req('getConnectorStatus', 'GET', name, '/status', options),
    );
    return {
      ...status,
      tasks: Array.isArray(status.tasks) ? status.tasks : [],
    };
  }

  async createConnector(
    request: CreateConnectorRequest,
    options: ConfluentCallOptions = {},
  ) {
    const name = requireName(request?.name, 'connector name');
    const config = checkConfig(name, request.config);
    const req = {
      operation: 'createConnector',
      method: 'POST' as const,
      path: this.#base,
      resource: `connector '${name}'`,
      body: { name, config },
      sensitive: secretValuesOf(config),
      signal: options.signal,
    };
    const res = await this.#http.request<unknown>(req);
    return expectObject<Connector>(this.#http, req, res);
  }

  async putConnectorConfig(
    name: string,
    config: ConnectorConfig,
    options: ConfluentCallOptions = {},
  ) {
    const checked = checkConfig(requireName(name, 'connector name'), config);
    const req = {
      ...this.#req('putConnectorConfig', 'PUT', name, '/config', options),
      body: checked,
      sensitive: secretValuesOf(checked),
    };
    const res = await this.#http.request<unknown>(req);
    return expectObject<Connector>(this.#http, req, res);
  }

  async pauseConnector(name: string, options: ConfluentCallOptions = {}) {
    await this.#http.request(
      this.#req('pauseConnector', 'PUT', name, '/pause', options),
    );
  }

  async resumeConnector(name: string, options: ConfluentCallOptions = {}) {
    await this.#http.request(
      this.#req('resumeConnector', 'PUT', name, '/resume', options),
    );
  }

  async deleteConnector(name: string, options: ConfluentCallOptions = {}) {
    await this.#http.request(
      this.#req('deleteConnector', 'DELETE', name, '', options),
    );
  }

  #req(
    operation: string,
    method: 'GET' | 'PUT' | 'DELETE',
    name: string,
    suffix: string,
    options: ConfluentCallOptions,
  ) {
    requireName(name, 'connector name');
    return {
      operation,
      method,
      path: `${this.#base}/${seg(name)}${suffix}`,
      resource: `connector '${name}'`,
      signal: options.signal,
    };
  }
}

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
import { HttpTransport, ConfluentCallOptions } from '../http/transport';
import {
  ConfluentListOptions,
  ConfluentPage,
  ConfluentPageOptions,
  fetchV2Page,
  iterateV2,
  listAllV2,
} from '../http/pagination';
import {
  ConfluentObjectMeta,
  ConfluentObjectReference,
  getObject,
  requireName,
  seg,
} from './common';

/**
 * A Flink compute pool (`fcpm/v2`).
 * @public
 */
export interface ComputePool {
  api_version: 'fcpm/v2';
  kind: 'ComputePool';
  /** `lfcp-…` */
  id: string;
  metadata: ConfluentObjectMeta;
  spec: {
    display_name: string;
    /** `AWS`, `GCP` or `AZURE`. */
    cloud: string;
    region: string;
    /** 5, 10, 20, 30, 40 or 50 (extensible). */
    max_cfu: number;
    enable_ai?: boolean;
    default_pool?: boolean;
    environment: ConfluentObjectReference;
    network?: ConfluentObjectReference;
  };
  status: {
    /** `PROVISIONING`, `PROVISIONED`, `FAILED`, `DEPROVISIONING` (extensible). */
    phase: string;
    current_cfu: number;
  };
}

/**
 * Filters of the compute pool list.
 * @public
 */
export interface ListComputePoolsOptions extends ConfluentListOptions {
  /** Only pools in this region, e.g. `us-east-1`. */
  region?: string;
}

/**
 * Flink compute pools of one environment (`fcpm/v2`, Cloud API key).
 * @public
 */
export interface ConfluentComputePoolsApi {
  readonly environmentId: string;
  /** Every pool of the environment (all pages). */
  listComputePools(options?: ListComputePoolsOptions): Promise<ComputePool[]>;
  listComputePoolsPage(
    options?: ListComputePoolsOptions & ConfluentPageOptions,
  ): Promise<ConfluentPage<ComputePool>>;
  iterateComputePools(
    options?: ListComputePoolsOptions,
  ): AsyncIterable<ComputePool>;
  getComputePool(
    computePoolId: string,
    options?: ConfluentCallOptions,
  ): Promise<ComputePool>;
}

export class ComputePoolsClient implements ConfluentComputePoolsApi {
  readonly environmentId: string;
  readonly #http: HttpTransport;

  constructor(http: HttpTransport, environmentId: string) {
    this.#http = http;
    this.environmentId = environmentId;
  }

  listComputePools(options: ListComputePoolsOptions = {}) {
    return listAllV2<ComputePool>(this.#http, this.#listReq(options), options);
  }

  listComputePoolsPage(
    options: ListComputePoolsOptions & ConfluentPageOptions = {},
  ) {
    return fetchV2Page<ComputePool>(
      this.#http,
      this.#listReq(options),
      options,
    );
  }

  iterateComputePools(options: ListComputePoolsOptions = {}) {
    return iterateV2<ComputePool>(this.#http, this.#listReq(options), options);
  }

  getComputePool(computePoolId: string, options: ConfluentCallOptions = {}) {
    requireName(computePoolId, 'computePoolId');
    return getObject<ComputePool>(this.#http, {
      operation: 'getComputePool',
      method: 'GET',
      path: `/fcpm/v2/compute-pools/${seg(computePoolId)}`,
      query: { environment: this.environmentId },
      resource: `compute pool '${computePoolId}'`,
      signal: options.signal,
    });
  }

  #listReq(options: ListComputePoolsOptions) {
    return {
      operation: 'listComputePools',
      path: '/fcpm/v2/compute-pools',
      query: { environment: this.environmentId, 'spec.region': options.region },
    };
  }
}

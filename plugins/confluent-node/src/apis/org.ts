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
import { ConfluentObjectMeta, getObject, requireName, seg } from './common';

/**
 * A Confluent Cloud environment (`org/v2`).
 * @public
 */
export interface Environment {
  api_version: 'org/v2';
  kind: 'Environment';
  /** `env-…` */
  id: string;
  metadata: ConfluentObjectMeta;
  display_name: string;
  stream_governance_config?: {
    /** `ESSENTIALS` or `ADVANCED`. */
    package: string;
  };
}

/**
 * A Confluent Cloud organization (`org/v2`).
 * @public
 */
export interface Organization {
  api_version: 'org/v2';
  kind: 'Organization';
  /** The organization UUID. */
  id: string;
  metadata: ConfluentObjectMeta;
  display_name: string;
  jit_enabled?: boolean;
}

/**
 * Environments and organizations (`org/v2`, Cloud API key).
 * @public
 */
export interface ConfluentOrgApi {
  /** Every environment the Cloud key can see (all pages). */
  listEnvironments(options?: ConfluentListOptions): Promise<Environment[]>;
  /** One page of environments. */
  listEnvironmentsPage(
    options?: ConfluentPageOptions,
  ): Promise<ConfluentPage<Environment>>;
  /** Every environment, fetched page by page as the loop advances. */
  iterateEnvironments(
    options?: ConfluentListOptions,
  ): AsyncIterable<Environment>;
  getEnvironment(
    environmentId: string,
    options?: ConfluentCallOptions,
  ): Promise<Environment>;
  listOrganizations(options?: ConfluentListOptions): Promise<Organization[]>;
  getOrganization(
    organizationId: string,
    options?: ConfluentCallOptions,
  ): Promise<Organization>;
}

export class OrgClient implements ConfluentOrgApi {
  readonly #http: HttpTransport;

  constructor(http: HttpTransport) {
    this.#http = http;
  }

  listEnvironments(options: ConfluentListOptions = {}) {
    return listAllV2<Environment>(this.#http, this.#environmentsReq(), options);
  }

  listEnvironmentsPage(options: ConfluentPageOptions = {}) {
    return fetchV2Page<Environment>(
      this.#http,
      this.#environmentsReq(),
      options,
    );
  }

  iterateEnvironments(options: ConfluentListOptions = {}) {
    return iterateV2<Environment>(this.#http, this.#environmentsReq(), options);
  }

  getEnvironment(environmentId: string, options: ConfluentCallOptions = {}) {
    requireName(environmentId, 'environmentId');
    return getObject<Environment>(this.#http, {
      operation: 'getEnvironment',
      method: 'GET',
      path: `/org/v2/environments/${seg(environmentId)}`,
      resource: `environment '${environmentId}'`,
      signal: options.signal,
    });
  }

  listOrganizations(options: ConfluentListOptions = {}) {
    return listAllV2<Organization>(
      this.#http,
      { operation: 'listOrganizations', path: '/org/v2/organizations' },
      options,
    );
  }

  getOrganization(organizationId: string, options: ConfluentCallOptions = {}) {
    requireName(organizationId, 'organizationId');
    return getObject<Organization>(this.#http, {
      operation: 'getOrganization',
      method: 'GET',
      path: `/org/v2/organizations/${seg(organizationId)}`,
      resource: `organization '${organizationId}'`,
      signal: options.signal,
    });
  }

  #environmentsReq() {
    return { operation: 'listEnvironments', path: '/org/v2/environments' };
  }
}

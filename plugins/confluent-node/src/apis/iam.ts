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
 * A service account (`iam/v2`), the principal long-running statements and
 * connectors run as.
 * @public
 */
export interface ServiceAccount {
  api_version: 'iam/v2';
  kind: 'ServiceAccount';
  /** `sa-…` */
  id: string;
  metadata: ConfluentObjectMeta;
  display_name: string;
  description?: string;
}

/**
 * Filters of the service account list.
 * @public
 */
export interface ListServiceAccountsOptions extends ConfluentListOptions {
  /** Only accounts with one of these display names. */
  displayName?: string[];
}

/**
 * Service accounts (`iam/v2`, Cloud API key).
 * @public
 */
export interface ConfluentIamApi {
  /** Every service account (all pages). */
  listServiceAccounts(
    options?: ListServiceAccountsOptions,
  ): Promise<ServiceAccount[]>;
  listServiceAccountsPage(
    options?: ListServiceAccountsOptions & ConfluentPageOptions,
  ): Promise<ConfluentPage<ServiceAccount>>;
  iterateServiceAccounts(
    options?: ListServiceAccountsOptions,
  ): AsyncIterable<ServiceAccount>;
  getServiceAccount(
    id: string,
    options?: ConfluentCallOptions,
  ): Promise<ServiceAccount>;
}

export class IamClient implements ConfluentIamApi {
  readonly #http: HttpTransport;

  constructor(http: HttpTransport) {
    this.#http = http;
  }

  listServiceAccounts(options: ListServiceAccountsOptions = {}) {
    return listAllV2<ServiceAccount>(
      this.#http,
      this.#listReq(options),
      options,
    );
  }

  listServiceAccountsPage(
    options: ListServiceAccountsOptions & ConfluentPageOptions = {},
  ) {
    return fetchV2Page<ServiceAccount>(
      this.#http,
      this.#listReq(options),
      options,
    );
  }

  iterateServiceAccounts(options: ListServiceAccountsOptions = {}) {
    return iterateV2<ServiceAccount>(
      this.#http,
      this.#listReq(options),
      options,
    );
  }

  getServiceAccount(id: string, options: ConfluentCallOptions = {}) {
    requireName(id, 'service account id');
    return getObject<ServiceAccount>(this.#http, {
      operation: 'getServiceAccount',
      method: 'GET',
      path: `/iam/v2/service-accounts/${seg(id)}`,
      resource: `service account '${id}'`,
      signal: options.signal,
    });
  }

  #listReq(options: ListServiceAccountsOptions) {
    return {
      operation: 'listServiceAccounts',
      path: '/iam/v2/service-accounts',
      query: { display_name: options.displayName },
    };
  }
}

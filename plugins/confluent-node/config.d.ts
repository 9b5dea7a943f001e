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
import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * How the suite reaches Confluent Cloud. Each API has its own base URL and
   * its own key, as in Confluent Cloud itself. Locally every base URL points
   * at the emulator (`yarn emulator`).
   */
  confluent?: {
    /**
     * The organization id (a UUID), used in Flink SQL paths and console links.
     */
    organizationId: string;
    /**
     * (Optional) Base URL of the Confluent Cloud console, for links.
     * Default: `https://confluent.cloud`
     */
    consoleUrl?: string;
    /**
     * (Optional) Timeout of each request attempt: a duration object
     * (`{ seconds: 30 }`), an ISO 8601 duration (`PT30S`) or a string such
     * as `30s`. At most 10 minutes. Default: `{ seconds: 30 }`
     */
    requestTimeout?: HumanDuration | string;
    /**
     * @deprecated Use `requestTimeout`. Milliseconds; read only when
     * `requestTimeout` is not set.
     */
    requestTimeoutMs?: number;
    /**
     * (Optional) Retries for idempotent requests (GET, PUT, DELETE) that get a
     * 429, a 5xx, a timeout or a network error. A POST is never retried unless
     * the operation is safe to repeat (Schema Registry register). Default: `4`
     */
    maxRetries?: number;
    /**
     * (Optional) First backoff delay (a duration object, ISO 8601 duration or
     * string such as `500ms`); each retry doubles it, with jitter. A
     * `Retry-After` or `X-RateLimit-Reset` header on a 429 replaces the
     * computed delay. At most 1 minute. Default: `{ milliseconds: 500 }`
     */
    retryBaseDelay?: HumanDuration | string;
    /**
     * @deprecated Use `retryBaseDelay`. Milliseconds; read only when
     * `retryBaseDelay` is not set.
     */
    retryBaseDelayMs?: number;
    /**
     * (Optional) Upper bound of a single backoff delay, also applied to
     * `Retry-After` (a duration object, ISO 8601 duration or string such as
     * `30s`). At most 10 minutes. Default: `{ seconds: 30 }`
     */
    retryMaxDelay?: HumanDuration | string;
    /**
     * @deprecated Use `retryMaxDelay`. Milliseconds; read only when
     * `retryMaxDelay` is not set.
     */
    retryMaxDelayMs?: number;
    /**
     * The Cloud API key: organization, IAM, Flink compute pools and Connect.
     */
    cloud: {
      /** (Optional) Default: `https://api.confluent.cloud` */
      baseUrl?: string;
      /** A Cloud API key (created for resource `cloud`). */
      apiKey: string;
      /** @visibility secret */
      apiSecret: string;
    };
    /** The environments the suite reads from and provisions into. */
    environments: Array<{
      /** The environment id, `env-…`. */
      id: string;
      /** (Optional) Flink SQL access for this environment's region. */
      flink?: {
        /** The regional endpoint, `https://flink.<region>.<cloud>.confluent.cloud`. */
        baseUrl: string;
        /** A Flink API key for this environment and region. */
        apiKey: string;
        /** @visibility secret */
        apiSecret: string;
        /** (Optional) Compute pool for new statements, `lfcp-…`. */
        computePoolId?: string;
        /** (Optional) Principal new statements run as, `sa-…`. */
        principal?: string;
      };
      /** (Optional) The environment's Schema Registry and Stream Catalog. */
      schemaRegistry?: {
        /** The Schema Registry cluster id, `lsrc-…`. */
        id: string;
        /** The registry endpoint, `https://psrc-….<region>.<cloud>.confluent.cloud`; it also serves the Stream Catalog. */
        baseUrl: string;
        /** A Schema Registry API key for this registry. */
        apiKey: string;
        /** @visibility secret */
        apiSecret: string;
      };
      /** (Optional) Kafka clusters, reached through Kafka REST v3. */
      kafkaClusters?: Array<{
        /** The cluster id, `lkc-…`. */
        id: string;
        /** The cluster's REST endpoint, `https://pkc-….<region>.<cloud>.confluent.cloud:443`. */
        restBaseUrl: string;
        /** A Kafka API key for this cluster. */
        apiKey: string;
        /** @visibility secret */
        apiSecret: string;
      }>;
    }>;
    /**
     * (Optional) PII discovery: columns whose names look personal but carry
     * no PII tag are shown as "suspected PII" on the schema card and in the
     * scaffolder plan. Only names are matched, never values.
     */
    pii?: {
      /**
       * (Optional) Column names that look personal. Each is split into
       * words (snake_case, camelCase, digits) and matches a run of whole
       * words of a column name: `customer_name` matches `customer_name`,
       * `CustomerName` and `customername`; `email` matches `contact_email`
       * but not `emailed_at_count`. An empty list turns discovery off.
       * Default: email, phone, ssn, iban, cc_number, credit_card, person
       * names (first_name, last_name, customer_name, …), address parts
       * (address, street, postal_code, zip, …), date_of_birth, dob and a
       * few more (`DEFAULT_SUSPECTED_PII_PATTERNS`).
       */
      suspectedPatterns?: string[];
      /**
       * (Optional) Last words that make a column about personal data
       * rather than holding it (`shipping_address_id`, `email_verified`,
       * `phone_count`): a match is ignored when the name ends in one of
       * these and the match does not cover it. Default: id, ids, key,
       * count, cnt, at, ts, verified, valid, flag, enabled, hash, hashed,
       * type, kind, status, length, len.
       */
      ignoredSuffixes?: string[];
    };
  };
}

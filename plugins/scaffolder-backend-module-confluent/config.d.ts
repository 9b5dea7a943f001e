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
  confluent?: {
    /**
     * Settings of the Confluent scaffolder actions
     * (`@shiftleft/plugin-scaffolder-backend-module-confluent`). The
     * Confluent Cloud connection itself is the `confluent` block of
     * `@shiftleft/plugin-confluent-node`.
     */
    scaffolder?: {
      /**
       * (Optional) Environment (`env-…`) used when a step names none.
       * Default: the first of `confluent.environments`.
       */
      environmentId?: string;
      /**
       * (Optional) Kafka cluster (`lkc-…`) used when a step names none.
       * Default: the first cluster of the environment.
       */
      kafkaClusterId?: string;
      /**
       * (Optional) Service account (`sa-…`) connectors (and, after the
       * environment's `flink.principal`, Flink statements) run as when the
       * owning team has no entry in `principals`. Never a person's API key.
       * Default: the environment's `flink.principal` when it is a service
       * account.
       */
      serviceAccountId?: string;
      /**
       * (Optional) Service accounts each owning team's connectors and Flink
       * statements run as. A step never chooses its identity freely: its
       * `serviceAccountId` / `principal` input may only pick one of its
       * owner's service accounts here (the first when it names none), and
       * the owner must be a group the initiating user belongs to. A team
       * with no entry gets the environment's defaults (`serviceAccountId`,
       * `flink.principal`). Default: none.
       */
      principals?: Array<{
        /** The owning group: `team-a` or `group:default/team-a`. */
        team: string;
        /** (Optional) Only in this environment (`env-…`). Default: every environment. */
        environmentId?: string;
        /** Service accounts (`sa-…`) the team may run as; the first is its default. */
        serviceAccounts: string[];
      }>;
      /**
       * (Optional) How long a step waits for a connector to run, a
       * statement to run or complete, or the catalog to show new entities:
       * a duration object (`{ minutes: 10 }`), an ISO 8601 duration
       * (`PT10M`) or a string such as `10m`. A plain number is read as
       * milliseconds but is deprecated (a warning is logged).
       * Default: `{ minutes: 10 }`.
       */
      waitTimeout?: HumanDuration | string | number;
      /**
       * (Optional) How often a waiting step polls: a duration object, an
       * ISO 8601 duration or a string such as `2s`. A plain number is read
       * as milliseconds but is deprecated (a warning is logged).
       * Default: `{ seconds: 2 }`.
       */
      pollInterval?: HumanDuration | string | number;
      /**
       * (Optional) The databases the backend may connect to when a user
       * types a host (the CDC preflight, the plan's read of the source's
       * columns), and the hosts a template may type into a connector's
       * config (a CDC source's or sink's database host, a Snowflake URL),
       * which Confluent Cloud then connects to; destinations configured
       * under `sinks` are not checked. Host patterns (`orders-db.example.com`,
       * `*.rds.amazonaws.com`, `*` for any name) and CIDRs (`10.20.0.0/16`,
       * `127.0.0.1/32`, `::1/128`). Hosts are checked after DNS resolution
       * and the connection goes to the checked address. A name matching a
       * pattern may resolve to public addresses only: loopback, link-local
       * (such as 169.254.169.254), private and other special addresses must
       * lie in a listed CIDR. Anything else is refused with "host not
       * allowed by configuration". Default: none (no database is checked).
       */
      allowedDatabaseHosts?: string[];
      /**
       * (Optional) Sink destinations, by name: templates name one (the sink
       * step's `connection`) and its credentials stay here, never in a
       * template, a task or a browser. Default: none.
       */
      sinks?: {
        [name: string]: {
          /** The system: `postgres`, `redshift` or `snowflake`. */
          type: 'postgres' | 'redshift' | 'snowflake';
          /** PostgreSQL or Redshift host (the Redshift cluster endpoint). */
          host?: string;
          /** (Optional) Port. Default: 5432 for PostgreSQL, 5439 for Redshift. */
          port?: number;
          /** Database (PostgreSQL, Redshift, Snowflake). */
          database?: string;
          /** User (all systems). */
          user?: string;
          /**
           * Password (PostgreSQL, Redshift).
           * @visibility secret
           */
          password?: string;
          /** (Optional) PostgreSQL SSL mode: `prefer`, `require`, `verify-ca`, `verify-full`. */
          sslMode?: string;
          /** Snowflake account URL. */
          url?: string;
          /**
           * Snowflake private key (key-pair authentication).
           * @visibility secret
           */
          privateKey?: string;
          /**
           * (Optional) Passphrase of an encrypted Snowflake private key.
           * @visibility secret
           */
          privateKeyPassphrase?: string;
          /** Snowflake role (required for Snowpipe Streaming). */
          role?: string;
          /** Snowflake schema. */
          schema?: string;
        };
      };
    };
  };
}

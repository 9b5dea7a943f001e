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
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  DataProductPlan,
  PiiSourceField,
  SuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-common';
import { ConnectorSpec, DatabaseInput } from '../connectorConfig';
import { DatabaseNetwork } from '../network';
import { TaskUser } from '../ownership';
import { ConfluentActionOptions } from '../target';

/*
 * The data product plan's inputs and results, shared by its sections.
 */

/** The placeholder replaced by the product name in SQL and table names. */
export const PRODUCT_PLACEHOLDER = '${product}';

/**
 * The most statements one plan analyzes: with each statement's SQL
 * bounded (`MAX_STATEMENT_SQL_LENGTH`), a dry run's work is bounded too.
 */
export const MAX_PLAN_STATEMENTS = 20;

/** The sink systems a product can write to. */
export const SINK_SYSTEMS = ['postgres', 'redshift', 'snowflake'] as const;

/** A product as the template describes it. */
export interface DataProductInput {
  /** Product name: the prefix of its topics, statements and connectors. */
  name: string;
  owner: string;
  environmentId?: string;
  kafkaClusterId?: string;
  serviceAccountId?: string;
  source: {
    database: DatabaseInput;
    tables: string[];
    /** Columns masked at the source (PII). */
    maskFields?: string[];
    /** Default `****`. */
    maskReplacement?: string;
    /** Other PII columns, not masked: the plan refuses to sink them. */
    piiFields?: string[];
  };
  statements: Array<{
    /** Appended to the product name. */
    name: string;
    sql: string;
    stateTtl?: string;
  }>;
  sinks: Array<{
    type: (typeof SINK_SYSTEMS)[number];
    /** The table (topic) to sink, as the SQL names it. */
    table: string;
    /** A configured destination; empty for Postgres: the source database. */
    connection?: string;
  }>;
  /** Sink personal data even when unmasked. Default false. */
  allowUnmaskedPii?: boolean;
}

/** A connector step's input, for `confluent:connector:create`. */
export type ConnectorStepInput = {
  name: string;
  type: ConnectorSpec['type'];
  source?: ConnectorSpec['source'];
  sink?: ConnectorSpec['sink'];
};

/** A statement step's input, for `confluent:flink:statement:create`. */
export type StatementStepInput = {
  name: string;
  sql: string;
  stateTtl?: string;
  createdTables: string[];
};

/** A plan with the step inputs that carry it out. */
export interface BuiltPlan {
  plan: DataProductPlan;
  ready: boolean;
  steps: {
    source?: ConnectorStepInput;
    statements: StatementStepInput[];
    sinks: ConnectorStepInput[];
  };
  /** The resources a catalog refresh should announce. */
  resources: { connectors: string[]; statements: string[]; topics: string[] };
}

/** The PII recorded in the catalog for an existing topic. */
export type UpstreamPiiLookup = (
  topic: string,
) => Promise<PiiSourceField[] | undefined>;

/** Options of `buildDataProductPlan`. */
export interface BuildDataProductPlanOptions {
  input: DataProductInput;
  actionOptions: ConfluentActionOptions;
  secrets?: Record<string, string>;
  dryRun: boolean;
  upstreamPii?: UpstreamPiiLookup;
  logger: LoggerService;
  signal?: AbortSignal;
  connectTimeoutMs?: number;
  /** The databases the backend may connect to, to read the source's columns. */
  network: DatabaseNetwork;
  /** The user who started the task (`ctx.user`): the team rules' subject. */
  user: TaskUser;
  /** Credentials for catalog reads when no auth service is configured. */
  initiatorCredentials?: () => Promise<BackstageCredentials>;
  /**
   * Column names that look personal (`confluent.pii`): undeclared ones are
   * listed in `plan.suspectedPii`. Without it none are.
   */
  suspectedPii?: SuspectedPiiMatcher;
}

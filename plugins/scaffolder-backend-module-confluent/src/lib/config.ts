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
import { InputError } from '@backstage/errors';
import { readDurationConfig } from '@shiftleft/plugin-confluent-node';
import { allowedHostsProblems } from './network';
import { parseOwner } from './owner';

/** Default for `confluent.scaffolder.waitTimeout`: 10 minutes. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60 * 1000;
/** Default for `confluent.scaffolder.pollInterval`: 2 seconds. */
export const DEFAULT_POLL_INTERVAL_MS = 2000;

/**
 * A sink destination the platform team configured under
 * `confluent.scaffolder.sinks.<name>`, with its credentials. Templates name
 * it; its secrets never pass through a template, a task or a browser.
 * @public
 */
export type SinkConnection =
  | {
      type: 'postgres';
      host: string;
      port: number;
      database: string;
      user: string;
      password: string;
      sslMode?: string;
    }
  | {
      type: 'redshift';
      host: string;
      port: number;
      database: string;
      user: string;
      password: string;
    }
  | {
      type: 'snowflake';
      url: string;
      user: string;
      privateKey: string;
      privateKeyPassphrase?: string;
      role: string;
      database: string;
      schema: string;
    };

/** What a service account id looks like (`sa-…`). */
export const SERVICE_ACCOUNT_PATTERN = /^sa-[a-z0-9]+$/;

/**
 * The service accounts runs for one team may use
 * (`confluent.scaffolder.principals`).
 * @public
 */
export interface TeamPrincipals {
  /** The owning group, as a full entity ref (`group:default/team-a`). */
  team: string;
  /** Only in this environment; absent: in every environment. */
  environmentId?: string;
  /** Service accounts (`sa-…`); the first is the team's default. */
  serviceAccounts: string[];
}

/**
 * The module's settings (`confluent.scaffolder`), read once at startup.
 * @public
 */
export interface ConfluentScaffolderSettings {
  /** Environment used when an action's input names none. */
  environmentId?: string;
  /** Kafka cluster used when an action's input names none. */
  kafkaClusterId?: string;
  /** Service account connectors run as when no team mapping applies. */
  serviceAccountId?: string;
  /** Service accounts per owning team; see {@link TeamPrincipals}. */
  principals: TeamPrincipals[];
  /** How long an action waits for a connector or statement to start. */
  waitTimeoutMs: number;
  /** How often an action polls while it waits. */
  pollIntervalMs: number;
  /** Configured sink destinations, by name. */
  sinks: ReadonlyMap<string, SinkConnection>;
  /**
   * Host patterns and CIDRs of the databases the backend may connect to
   * (the CDC preflight, the plan's column read). Default: none.
   */
  allowedDatabaseHosts: string[];
}

function sinkProblems(name: string, c: Config): string[] {
  const key = `confluent.scaffolder.sinks.${name}`;
  const type = c.getOptionalString('type');
  const need = (...keys: string[]) =>
    keys.filter(k => !c.has(k)).map(k => `${key}.${k} is required`);
  switch (type) {
    case 'postgres':
    case 'redshift':
      return need('host', 'database', 'user', 'password');
    case 'snowflake':
      return need('url', 'user', 'privateKey', 'role', 'database', 'schema');
    default:
      return [`${key}.type must be one of postgres, redshift, snowflake`];
  }
}

function readSink(c: Config): SinkConnection {
  const type = c.getString('type');
  if (type === 'snowflake') {
    return {
      type,
      url: c.getString('url'),
      user: c.getString('user'),
      privateKey: c.getString('privateKey'),
      privateKeyPassphrase: c.getOptionalString('privateKeyPassphrase'),
      role: c.getString('role'),
      database: c.getString('database'),
      schema: c.getString('schema'),
    };
  }
  const common = {
    host: c.getString('host'),
    database: c.getString('database'),
    user: c.getString('user'),
    password: c.getString('password'),
  };
  if (type === 'redshift') {
    return {
      type,
      ...common,
      port: c.getOptionalNumber('port') ?? 5439,
    };
  }
  return {
    type: 'postgres',
    ...common,
    port: c.getOptionalNumber('port') ?? 5432,
    sslMode: c.getOptionalString('sslMode'),
  };
}

function readPrincipals(
  c: Config | undefined,
  problems: string[],
): TeamPrincipals[] {
  return (c?.getOptionalConfigArray('principals') ?? []).flatMap((p, i) => {
    const key = `confluent.scaffolder.principals[${i}]`;
    const serviceAccounts = p.getOptionalStringArray('serviceAccounts') ?? [];
    const found = serviceAccounts
      .filter(id => !SERVICE_ACCOUNT_PATTERN.test(id))
      .map(
        id =>
          `${key}.serviceAccounts: '${id}' is not a service account id (sa-…)`,
      );
    if (!serviceAccounts.length) {
      found.push(`${key}.serviceAccounts must list at least one`);
    }
    let team: string | undefined;
    try {
      team = parseOwner(p.getString('team')).ref;
    } catch (error) {
      found.push(`${key}.team: ${(error as Error).message}`);
    }
    problems.push(...found);
    if (found.length || !team) return [];
    return [
      {
        team,
        environmentId: p.getOptionalString('environmentId'),
        serviceAccounts,
      },
    ];
  });
}

// `waitTimeout` and `pollInterval` used to take a plain number of
// milliseconds: still read so, with a deprecation warning.
function readMs(
  c: Config | undefined,
  key: 'waitTimeout' | 'pollInterval',
  fallback: number,
  problems: string[],
  logger?: LoggerService,
): number {
  try {
    return readDurationConfig(c, {
      key,
      path: 'confluent.scaffolder',
      deprecated: { key, unit: 'milliseconds' },
      defaultValue: { milliseconds: fallback },
      logger,
    });
  } catch (error) {
    problems.push((error as Error).message);
    return fallback;
  }
}

/**
 * Reads `confluent.scaffolder`. Every problem is reported at once, naming
 * keys only (never values: some are secrets).
 * @public
 */
export function readConfluentScaffolderSettings(
  config: Config,
  options: { logger?: LoggerService } = {},
): ConfluentScaffolderSettings {
  const c = config.getOptionalConfig('confluent.scaffolder');
  const sinks = new Map<string, SinkConnection>();
  const problems: string[] = [];
  const sinksConfig = c?.getOptionalConfig('sinks');
  for (const name of sinksConfig?.keys() ?? []) {
    const sink = sinksConfig!.getConfig(name);
    const found = sinkProblems(name, sink);
    if (found.length) problems.push(...found);
    else sinks.set(name, readSink(sink));
  }
  const allowedDatabaseHosts =
    c?.getOptionalStringArray('allowedDatabaseHosts') ?? [];
  problems.push(...allowedHostsProblems(allowedDatabaseHosts));
  const principals = readPrincipals(c, problems);
  const serviceAccountId = c?.getOptionalString('serviceAccountId');
  if (serviceAccountId && !SERVICE_ACCOUNT_PATTERN.test(serviceAccountId)) {
    problems.push(
      `confluent.scaffolder.serviceAccountId: '${serviceAccountId}' is not a service account id (sa-…)`,
    );
  }
  const { logger } = options;
  const waitTimeoutMs = readMs(
    c,
    'waitTimeout',
    DEFAULT_WAIT_TIMEOUT_MS,
    problems,
    logger,
  );
  const pollIntervalMs = readMs(
    c,
    'pollInterval',
    DEFAULT_POLL_INTERVAL_MS,
    problems,
    logger,
  );
  if (problems.length) {
    throw new InputError(
      `Invalid Confluent scaffolder configuration: ${problems.join('; ')}`,
    );
  }
  return {
    environmentId: c?.getOptionalString('environmentId'),
    kafkaClusterId: c?.getOptionalString('kafkaClusterId'),
    serviceAccountId,
    principals,
    waitTimeoutMs,
    pollIntervalMs,
    sinks,
    allowedDatabaseHosts,
  };
}

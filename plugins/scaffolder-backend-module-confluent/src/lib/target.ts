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
import { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { ConfluentScaffolderSettings, SERVICE_ACCOUNT_PATTERN } from './config';
import { createDatabaseNetwork, DatabaseNetwork } from './network';
import { Owner } from './owner';

/**
 * What every action is built with.
 *
 * @public
 */
export interface ConfluentActionOptions {
  /** The shared Confluent Cloud client (`confluentClientServiceRef`). */
  client: ConfluentClient;
  /** `confluent.scaffolder` settings; see `readConfluentScaffolderSettings`. */
  settings: ConfluentScaffolderSettings;
  /**
   * The software catalog, where the owners the entity provider computed
   * (and the shares teams granted) are read. Without it only Stream
   * Catalog ownership records count, and a table with no record is
   * nobody's: never writable by a run that did not create it.
   */
  catalog?: CatalogService;
  /** The backend's own credentials for those catalog reads. */
  auth?: AuthService;
  /**
   * The check of user-typed database hosts (the preflight's connection, the
   * plan's column read, hosts typed into connector configs). Default: one
   * built from `settings.allowedDatabaseHosts`.
   */
  network?: DatabaseNetwork;
}

/** The network check of an action: its option, else from the settings. */
export function actionNetwork(
  options: ConfluentActionOptions,
): DatabaseNetwork {
  return (
    options.network ??
    createDatabaseNetwork({
      allowedHosts: options.settings.allowedDatabaseHosts,
    })
  );
}

/** The environment and Kafka cluster an action works in. */
export interface ConfluentTarget {
  environmentId: string;
  kafkaClusterId: string;
}

/**
 * The environment and cluster of an action: its input, else
 * `confluent.scaffolder`, else the first configured ones. Unconfigured ids
 * are an InputError naming what is configured.
 */
export function resolveTarget(
  options: ConfluentActionOptions,
  input: { environmentId?: string; kafkaClusterId?: string },
): ConfluentTarget {
  const { client, settings } = options;
  const environmentId =
    input.environmentId ?? settings.environmentId ?? client.environments[0]?.id;
  const env = client.environments.find(e => e.id === environmentId);
  if (!env) {
    throw new InputError(
      `Confluent environment '${environmentId}' is not configured; configured: ${client.environments
        .map(e => e.id)
        .join(', ')}`,
    );
  }
  const kafkaClusterId =
    input.kafkaClusterId ??
    (settings.environmentId === env.id || !settings.environmentId
      ? settings.kafkaClusterId
      : undefined) ??
    env.kafkaClusters[0]?.id;
  if (!env.kafkaClusters.some(c => c.id === kafkaClusterId)) {
    throw new InputError(
      `Kafka cluster '${kafkaClusterId}' is not configured in environment '${
        env.id
      }'; configured: ${env.kafkaClusters.map(c => c.id).join(', ') || 'none'}`,
    );
  }
  return { environmentId: env.id, kafkaClusterId: kafkaClusterId! };
}

/**
 * The service accounts a run owned by `owner` may use in an environment,
 * the default first: the team's entries of `confluent.scaffolder.principals`
 * for that environment (or for every environment); else, when the team has
 * none, the environment's defaults (`confluent.scaffolder.serviceAccountId`
 * and the environment's `flink.principal` when it is a service account,
 * the one for the resource first).
 */
export function configuredPrincipals(
  options: ConfluentActionOptions,
  environmentId: string,
  owner: Owner,
  runs: 'connector' | 'statement',
): string[] {
  const team = options.settings.principals
    .filter(
      p =>
        p.team === owner.ref &&
        (!p.environmentId || p.environmentId === environmentId),
    )
    .flatMap(p => p.serviceAccounts);
  if (team.length) return [...new Set(team)];
  const flink = options.client.environment(environmentId).flink?.principal;
  const defaults = [options.settings.serviceAccountId, flink];
  if (runs === 'statement') defaults.reverse();
  return [
    ...new Set(
      defaults.filter((id): id is string =>
        Boolean(id && SERVICE_ACCOUNT_PATTERN.test(id)),
      ),
    ),
  ];
}

/**
 * The service account a connector or statement runs as. Configuration
 * decides, never what a user types: a step may only pick one of the
 * principals configured for its owning team (which the ownership check
 * ties to the initiator), and gets the first when it names none. Never a
 * person's key.
 */
export function resolvePrincipal(
  options: ConfluentActionOptions,
  target: {
    environmentId: string;
    owner: Owner;
    runs: 'connector' | 'statement';
  },
  requested?: string,
): string {
  const { environmentId, owner, runs } = target;
  const allowed = configuredPrincipals(options, environmentId, owner, runs);
  if (!allowed.length) {
    throw new InputError(
      `No service account is configured for ${owner.ref} in ${environmentId}: configure confluent.scaffolder.principals (per team), confluent.scaffolder.serviceAccountId or the environment's flink.principal`,
    );
  }
  if (requested === undefined || requested === '') return allowed[0];
  if (!allowed.includes(requested)) {
    throw new InputError(
      `'${requested}' is not a service account configured for ${
        owner.ref
      } in ${environmentId}; configured: ${allowed.join(', ')}`,
    );
  }
  return requested;
}

/**
 * The compute pool a statement runs on: the environment's configured
 * `flink.computePoolId`. A step may name that pool but no other: a pool is
 * capacity (and a bill) that may belong to another team.
 */
export function resolveComputePool(
  options: ConfluentActionOptions,
  environmentId: string,
  requested?: string,
): string | undefined {
  const configured =
    options.client.environment(environmentId).flink?.computePoolId;
  if (requested && requested !== configured) {
    throw new InputError(
      `Compute pool '${requested}' is not the one configured for ${environmentId} (${
        configured ?? 'none'
      }): statements run on the configured pool`,
    );
  }
  return configured;
}

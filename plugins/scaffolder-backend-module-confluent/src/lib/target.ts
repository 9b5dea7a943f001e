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
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { ConfluentScaffolderSettings } from './config';

/** What every action is built with. */
export interface ConfluentActionOptions {
  /** The shared Confluent Cloud client (`confluentClientServiceRef`). */
  client: ConfluentClient;
  /** `confluent.scaffolder` settings; see `readConfluentScaffolderSettings`. */
  settings: ConfluentScaffolderSettings;
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
 * The service account a connector runs as: the input, else
 * `confluent.scaffolder.serviceAccountId`, else the environment's Flink
 * principal when it is a service account. Never a person's key.
 */
export function resolveServiceAccount(
  options: ConfluentActionOptions,
  environmentId: string,
  input?: string,
): string {
  const principal = options.client.environment(environmentId).flink?.principal;
  const id =
    input ??
    options.settings.serviceAccountId ??
    (principal?.startsWith('sa-') ? principal : undefined);
  if (!id) {
    throw new InputError(
      'No service account to run the connector as: set serviceAccountId in the step input or confluent.scaffolder.serviceAccountId',
    );
  }
  if (!/^sa-[a-z0-9]+$/.test(id)) {
    throw new InputError(
      `'${id}' is not a service account id (sa-…); connectors run as a service account, never with a person's key`,
    );
  }
  return id;
}

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
import { ConflictError } from '@backstage/errors';
import { PlannedConnectorAction } from '@shiftleft/plugin-confluent-common';
import {
  ConfluentConnectApi,
  ConnectorStatus,
} from '@shiftleft/plugin-confluent-node';
import { requireSecrets, RenderedConnector } from '../lib/connectorConfig';
import { ConfluentResourceFailedError, redactValues } from '../lib/errors';
import { inspectConnector } from '../lib/existing';
import { pollUntil } from '../lib/wait';

/*
 * The provisioning step of `confluent:connector:create`: create, adopt or
 * restart the connector, then wait until it runs.
 */

function failure(rendered: RenderedConnector, status: ConnectorStatus) {
  const trace =
    status.connector.trace ||
    status.tasks.find(t => t.state === 'FAILED')?.msg ||
    'no trace reported';
  return new ConfluentResourceFailedError(
    `Connector '${rendered.name}' FAILED: ${redactValues(
      trace,
      rendered.secretValues,
    )}`,
  );
}

/** Creates, adopts or restarts a connector, then waits until it runs. */
export async function ensureConnector(options: {
  connect: ConfluentConnectApi;
  rendered: RenderedConnector;
  wait: boolean;
  timeoutMs: number;
  intervalMs: number;
  logger: LoggerService;
  signal?: AbortSignal;
  /** The team rules, checked on what exists before anything changes. */
  check: (found: { action: PlannedConnectorAction }) => Promise<void>;
  /** Remembers, across retries of the task, that it created the connector. */
  markCreated: () => Promise<void>;
}): Promise<{ action: PlannedConnectorAction; state: string }> {
  const { connect, rendered, logger, signal } = options;
  const found = await inspectConnector(connect, rendered, signal);
  await options.check(found);
  let { action } = found;
  // Adopting needs no secret; creating or restarting submits the config.
  if (action !== 'adopt') requireSecrets(rendered);
  if (action === 'create') {
    try {
      await connect.createConnector(
        { name: rendered.name, config: rendered.config },
        { signal },
      );
      await options.markCreated();
      logger.info(`Created connector ${rendered.name}`);
    } catch (error) {
      // Someone (an earlier attempt whose answer was lost) created it
      // meanwhile: adopt it if it is the same.
      if (!ConflictError.is(error)) throw error;
      action = (await inspectConnector(connect, rendered, signal)).action;
    }
  }
  if (action === 'restart') {
    logger.info(
      `Connector ${rendered.name} exists with this config but FAILED; submitting its config again to restart it`,
    );
    await connect.putConnectorConfig(rendered.name, rendered.config, {
      signal,
    });
  } else if (action === 'adopt') {
    logger.info(
      `Connector ${rendered.name} already exists with this config; adopting it`,
    );
  }
  if (!options.wait) {
    const status = await connect.getConnectorStatus(rendered.name, { signal });
    return { action, state: status.connector.state };
  }
  const state = await pollUntil({
    what: `connector '${rendered.name}' to run`,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    signal,
    read: () => connect.getConnectorStatus(rendered.name, { signal }),
    decide: status => {
      const s = status.connector.state;
      if (s === 'FAILED') throw failure(rendered, status);
      if (s === 'RUNNING' && status.tasks.some(t => t.state === 'FAILED')) {
        throw failure(rendered, status);
      }
      // PAUSED or DEGRADED: it exists and someone chose (or Confluent
      // reports) that state; not a provisioning failure.
      if (s === 'RUNNING' || s === 'PAUSED' || s === 'DEGRADED') {
        return { done: true, value: s };
      }
      return { done: false, state: s };
    },
  });
  logger.info(`Connector ${rendered.name} is ${state}`);
  return { action, state };
}

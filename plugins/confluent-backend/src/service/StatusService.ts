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
  CacheService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  ConfluentConnectorDetails,
  ConfluentConnectorSignal,
  ConfluentConnectorStatus,
  ConfluentRefreshHints,
  ConfluentStatementDetails,
  ConfluentStatementSignal,
  ConfluentStatementStatus,
  ConfluentUpstreamError,
  confluentConnectorChannel,
  confluentStatementChannel,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { randomUUID } from 'node:crypto';
import { ConfluentCardsConfig } from '../config';
import { createStatusReader } from './statusReader';
import { KeyState, StatusMessage, StatusPoller } from './StatusPoller';
import {
  ConnectorTarget,
  StatementTarget,
  Watch,
  WatchRegistry,
} from './WatchRegistry';
import { toPublicError } from './views';

export type { ConnectorTarget, StatementTarget } from './WatchRegistry';

/**
 * Options of {@link StatusService}.
 */
export interface StatusServiceOptions {
  /**
   * The client the poller reads with. It should not retry by itself: the
   * poller backs off and keeps serving the last state meanwhile, where
   * in-client retries would hold the read (and the stale marker) back.
   */
  pollClient: ConfluentClient;
  /** The client for changes (stop, resume), with the usual retries. */
  client: ConfluentClient;
  signals: SignalsService;
  /** The plugin's cache: shared by the replicas (Redis) in production. */
  cache: CacheService;
  /** Runs the poll as a global task: one replica at a time. */
  scheduler: SchedulerService;
  config: ConfluentCardsConfig;
  logger: LoggerService;
}

const statementKey = (t: StatementTarget) =>
  `statement:${JSON.stringify([t.environmentId, t.name])}`;
const connectorKey = (t: ConnectorTarget) =>
  `connector:${JSON.stringify([t.environmentId, t.kafkaClusterId, t.name])}`;

/** How often a replica renews its place among the watching replicas. */
const HEARTBEAT_SECONDS = 5;

/**
 * Live status of Flink statements and connectors for the entity cards,
 * coordinated across every replica of the backend.
 *
 * Watches go to a {@link WatchRegistry} in the shared cache; a
 * {@link StatusPoller} run as a global scheduled task reads each watched
 * resource once per interval for the whole deployment, however many
 * replicas and viewers there are, and pushes each change once over
 * signals to the users who asked for it within the watch lease (and were
 * authorized then): a signal never reaches someone the REST route would
 * have refused.
 */
export class StatusService {
  readonly #options: StatusServiceOptions;
  readonly #registry: WatchRegistry;
  readonly #poller: StatusPoller;

  constructor(options: StatusServiceOptions) {
    this.#options = options;
    const { cache, config, logger, pollClient, signals } = options;
    this.#registry = new WatchRegistry({
      cache,
      replicaId: randomUUID(),
      idleTimeoutMs: config.idleTimeoutMs,
      logger,
    });
    this.#poller = new StatusPoller({
      cache,
      registry: this.#registry,
      reader: createStatusReader({ client: pollClient, logger }),
      signals,
      config,
      logger,
      toMessage: (watch, state) => this.#message(watch, state),
    });
  }

  /**
   * Schedules the deployment-wide poll (global: one replica at a time)
   * and this replica's heartbeat in the registry (local).
   */
  async start() {
    const { scheduler, config, logger } = this.#options;
    // A tick only reads the keys that are due, so it runs several times
    // per interval: a key is read at most a quarter interval late.
    const tickMs = Math.min(
      1000,
      Math.max(
        100,
        Math.min(config.livePollIntervalMs, config.pollIntervalMs) / 4,
      ),
    );
    await scheduler.scheduleTask({
      id: 'confluent-status-poll',
      scope: 'global',
      frequency: { milliseconds: tickMs },
      timeout: { seconds: 30 },
      fn: async signal => {
        try {
          await this.#poller.tick(signal);
        } catch (error) {
          logger.error('Status poll failed', error as Error);
        }
      },
    });
    await scheduler.scheduleTask({
      id: 'confluent-status-heartbeat',
      scope: 'local',
      frequency: { seconds: HEARTBEAT_SECONDS },
      timeout: { seconds: 30 },
      fn: () => this.#registry.flush(),
    });
  }

  /** How viewers should keep their status fresh. */
  get refreshHints(): ConfluentRefreshHints {
    const { config } = this.#options;
    return {
      pollIntervalSeconds: config.pollIntervalMs / 1000,
      watchLeaseSeconds: config.idleTimeoutMs / 1000,
    };
  }

  /**
   * The status of a statement, starting to poll it if nobody watched it
   * yet. `watcher` (a user entity ref) receives its changes over signals
   * for the watch lease.
   */
  async watchStatement(
    target: StatementTarget,
    watcher?: string,
  ): Promise<ConfluentStatementStatus> {
    const watch = { kind: 'statement', target } as const;
    const state = await this.#watch(statementKey(target), watch, watcher);
    return this.#statementStatus(target, state);
  }

  /** Like {@link StatusService.watchStatement}, for a connector. */
  async watchConnector(
    target: ConnectorTarget,
    watcher?: string,
  ): Promise<ConfluentConnectorStatus> {
    const watch = { kind: 'connector', target } as const;
    const state = await this.#watch(connectorKey(target), watch, watcher);
    return this.#connectorStatus(target, state);
  }

  /**
   * The status of a statement for a one-time reader, such as an agent's
   * action: answered like {@link StatusService.watchStatement}, but without
   * starting a watch, so nothing is read on its behalf afterwards.
   */
  async readStatement(
    target: StatementTarget,
  ): Promise<ConfluentStatementStatus> {
    const watch = this.#localWatch({ kind: 'statement', target });
    const state = await this.#poller.current(statementKey(target), watch);
    return this.#statementStatus(target, state);
  }

  /** Like {@link StatusService.readStatement}, for a connector. */
  async readConnector(
    target: ConnectorTarget,
  ): Promise<ConfluentConnectorStatus> {
    const watch = this.#localWatch({ kind: 'connector', target });
    const state = await this.#poller.current(connectorKey(target), watch);
    return this.#connectorStatus(target, state);
  }

  /**
   * Stops or resumes a statement, then reads it again at once so every
   * viewer, on every replica, sees the change without waiting for a poll.
   * @throws the client's error, without its cause (see `toPublicError`)
   */
  async setStatementStopped(
    target: StatementTarget,
    stopped: boolean,
    watcher?: string,
  ): Promise<ConfluentStatementStatus> {
    const flink = this.#options.client.flink(target.environmentId);
    try {
      await (stopped
        ? flink.stopStatement(target.name)
        : flink.resumeStatement(target.name));
    } catch (error) {
      throw toPublicError(error);
    }
    const key = statementKey(target);
    const watch = { kind: 'statement', target } as const;
    await this.#registry.add(key, watch, watcher);
    const state = await this.#poller.readNow(key, this.#localWatch(watch), {
      force: true,
    });
    return this.#statementStatus(target, state);
  }

  /** Stops reading (plugin shutdown). */
  async stop() {
    this.#poller.stop();
    await this.#registry.remove().catch(() => {});
  }

  async #watch(
    key: string,
    watch: Omit<Watch, 'watchedAt' | 'users'>,
    watcher: string | undefined,
  ): Promise<KeyState> {
    await this.#registry.add(key, watch, watcher);
    // Whoever read it last, on whichever replica, answers; only a key
    // nobody reads (any more) is read here.
    return this.#poller.current(key, this.#localWatch(watch));
  }

  #localWatch(watch: Omit<Watch, 'watchedAt' | 'users'>): Watch {
    return { ...watch, watchedAt: Date.now(), users: {} } as Watch;
  }

  #message(watch: Watch, state: KeyState): StatusMessage {
    if (watch.kind === 'statement') {
      const status = this.#statementStatus(watch.target, state);
      const message: ConfluentStatementSignal = { kind: 'statement', status };
      return { channel: status.channel, message };
    }
    const status = this.#connectorStatus(watch.target, state);
    const message: ConfluentConnectorSignal = { kind: 'connector', status };
    return { channel: status.channel, message };
  }

  #statementStatus(
    target: StatementTarget,
    state: KeyState,
  ): ConfluentStatementStatus {
    const details = state.value?.details as
      | ConfluentStatementDetails
      | undefined;
    return {
      environmentId: target.environmentId,
      name: target.name,
      channel: confluentStatementChannel(target.environmentId, target.name),
      consoleUrl: this.#options.client.links.statement(
        target.environmentId,
        target.name,
      ),
      ...(details ? { statement: details } : {}),
      ...freshness(state),
    };
  }

  #connectorStatus(
    target: ConnectorTarget,
    state: KeyState,
  ): ConfluentConnectorStatus {
    const details = state.value?.details as
      | ConfluentConnectorDetails
      | undefined;
    return {
      environmentId: target.environmentId,
      kafkaClusterId: target.kafkaClusterId,
      name: target.name,
      channel: confluentConnectorChannel(
        target.environmentId,
        target.kafkaClusterId,
        target.name,
      ),
      consoleUrl: this.#options.client.links.connector(
        target.environmentId,
        target.kafkaClusterId,
        target.name,
      ),
      ...(details ? { connector: details } : {}),
      ...freshness(state),
    };
  }
}

/** When the state was read, and why an older one is shown, if it is. */
function freshness(state: KeyState): {
  fetchedAt?: string;
  stale: boolean;
  error?: ConfluentUpstreamError;
} {
  const { value, fetchedAt, error } = state;
  let shownError = error;
  if (!error && value?.missing) {
    shownError = { message: value.missing, status: 404, retrying: false };
  }
  return {
    ...(fetchedAt ? { fetchedAt } : {}),
    // Stale: an older state is shown because the latest reads failed.
    stale: !!error && !!value,
    ...(shownError ? { error: shownError } : {}),
  };
}

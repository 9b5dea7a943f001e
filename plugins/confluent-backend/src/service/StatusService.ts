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
import { isError } from '@backstage/errors';
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
import {
  ConfluentClient,
  getConfluentErrorDetails,
} from '@shiftleft/plugin-confluent-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { ConfluentCardsConfig } from '../config';
import { PollSnapshot, SharedPoller } from './SharedPoller';
import {
  connectorDetails,
  statementDetails,
  summarizeUpstreamError,
  toPublicError,
} from './views';

/**
 * A Flink statement to watch.
 */
export interface StatementTarget {
  environmentId: string;
  name: string;
}

/**
 * A connector to watch.
 */
export interface ConnectorTarget {
  environmentId: string;
  kafkaClusterId: string;
  name: string;
}

/** What one read found: the resource, or that it does not exist. */
interface Found<T> {
  details?: T;
  /** Why there are no details: the resource or its environment is unknown. */
  missing?: string;
  /** Changes with every change of the statement (not with offsets). */
  resourceVersion?: string;
}

/**
 * Options of {@link StatusService}.
 */
export interface StatusServiceOptions {
  /**
   * The client the pollers read with. It should not retry by itself: the
   * poller backs off and keeps serving the last state meanwhile, where
   * in-client retries would hold the read (and the stale marker) back.
   */
  pollClient: ConfluentClient;
  /** The client for changes (stop, resume), with the usual retries. */
  client: ConfluentClient;
  signals: SignalsService;
  config: ConfluentCardsConfig;
  logger: LoggerService;
}

const statementKey = (t: StatementTarget) =>
  JSON.stringify([t.environmentId, t.name]);
const connectorKey = (t: ConnectorTarget) =>
  JSON.stringify([t.environmentId, t.kafkaClusterId, t.name]);

function isNotFound(error: unknown): error is Error {
  return isError(error) && error.name === 'NotFoundError';
}

/**
 * Live status of Flink statements and connectors for the entity cards.
 *
 * One {@link SharedPoller} per resource kind reads each watched resource
 * once per interval, however many people watch it, and pushes every read
 * over signals to the users who asked for it within the watch lease (and
 * were authorized then): a signal never reaches someone the REST route
 * would have refused.
 */
export class StatusService {
  readonly #options: StatusServiceOptions;
  readonly #statements: SharedPoller<Found<ConfluentStatementDetails>>;
  readonly #connectors: SharedPoller<Found<ConfluentConnectorDetails>>;
  /** Per poll key: user entity ref → when that user last watched. */
  readonly #watchers = new Map<string, Map<string, number>>();
  readonly #statementTargets = new Map<string, StatementTarget>();
  readonly #connectorTargets = new Map<string, ConnectorTarget>();

  constructor(options: StatusServiceOptions) {
    this.#options = options;
    const { config, logger } = options;
    const timing = {
      intervalMs: config.pollIntervalMs,
      idleTimeoutMs: config.idleTimeoutMs,
      maxBackoffMs: config.maxBackoffMs,
      logger,
    };
    this.#statements = new SharedPoller({
      ...timing,
      name: 'Flink statement',
      read: (key, previous, signal) =>
        this.#readStatement(this.#statementTargets.get(key)!, previous, signal),
      onIdle: key => {
        this.#statementTargets.delete(key);
        this.#watchers.delete(key);
      },
      onRead: (key, snapshot) => {
        const target = this.#statementTargets.get(key)!;
        const status = this.#statementStatus(target, snapshot);
        this.#publish(key, status.channel, {
          kind: 'statement',
          status,
        } satisfies ConfluentStatementSignal);
      },
    });
    this.#connectors = new SharedPoller({
      ...timing,
      name: 'Connector',
      read: (key, _previous, signal) =>
        this.#readConnector(this.#connectorTargets.get(key)!, signal),
      onIdle: key => {
        this.#connectorTargets.delete(key);
        this.#watchers.delete(key);
      },
      onRead: (key, snapshot) => {
        const target = this.#connectorTargets.get(key)!;
        const status = this.#connectorStatus(target, snapshot);
        this.#publish(key, status.channel, {
          kind: 'connector',
          status,
        } satisfies ConfluentConnectorSignal);
      },
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
   * yet. `watcher` (a user entity ref) receives its updates over signals
   * for the watch lease.
   */
  async watchStatement(
    target: StatementTarget,
    watcher?: string,
  ): Promise<ConfluentStatementStatus> {
    const key = statementKey(target);
    this.#statementTargets.set(key, target);
    this.#addWatcher(key, watcher);
    return this.#statementStatus(target, await this.#statements.watch(key));
  }

  /** Like {@link StatusService.watchStatement}, for a connector. */
  async watchConnector(
    target: ConnectorTarget,
    watcher?: string,
  ): Promise<ConfluentConnectorStatus> {
    const key = connectorKey(target);
    this.#connectorTargets.set(key, target);
    this.#addWatcher(key, watcher);
    return this.#connectorStatus(target, await this.#connectors.watch(key));
  }

  /**
   * Stops or resumes a statement, then reads it again at once so every
   * viewer sees the change without waiting for the next poll.
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
    this.#statementTargets.set(key, target);
    this.#addWatcher(key, watcher);
    return this.#statementStatus(target, await this.#statements.refresh(key));
  }

  /** Stops every poll (plugin shutdown). */
  stop() {
    this.#statements.stop();
    this.#connectors.stop();
  }

  async #readStatement(
    target: StatementTarget,
    previous: Found<ConfluentStatementDetails> | undefined,
    signal: AbortSignal,
  ): Promise<Found<ConfluentStatementDetails>> {
    const { pollClient, logger } = this.#options;
    try {
      const flink = pollClient.flink(target.environmentId);
      const statement = await flink.getStatement(target.name, { signal });
      const resourceVersion = statement.metadata?.resource_version;
      let exceptions = previous?.details?.exceptions;
      // Exceptions only change with the statement, so they are read again
      // when its phase or version changes, not on every poll: one request
      // per statement per interval in the steady state.
      if (
        !exceptions ||
        previous?.details?.phase !== statement.status?.phase ||
        previous?.resourceVersion !== resourceVersion
      ) {
        try {
          exceptions = await flink.listStatementExceptions(target.name, {
            signal,
          });
        } catch (error) {
          if (signal.aborted) throw error;
          logger.warn(
            `Flink statement ${target.name}: could not read its exceptions: ${
              summarizeUpstreamError(error).message
            }`,
          );
          exceptions = exceptions ?? [];
        }
      }
      return {
        details: statementDetails(statement, exceptions),
        ...(resourceVersion ? { resourceVersion } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) {
        return { missing: this.#missingMessage(error) };
      }
      throw error;
    }
  }

  async #readConnector(
    target: ConnectorTarget,
    signal: AbortSignal,
  ): Promise<Found<ConfluentConnectorDetails>> {
    try {
      const status = await this.#options.pollClient
        .connect(target.environmentId, target.kafkaClusterId)
        .getConnectorStatus(target.name, { signal });
      return { details: connectorDetails(status) };
    } catch (error) {
      if (isNotFound(error)) {
        return { missing: this.#missingMessage(error) };
      }
      throw error;
    }
  }

  #missingMessage(error: Error): string {
    // An upstream 404 is summarized; a local one (environment or cluster not
    // configured) names ids only.
    return getConfluentErrorDetails(error)
      ? summarizeUpstreamError(error).message
      : error.message;
  }

  #statementStatus(
    target: StatementTarget,
    snapshot: PollSnapshot<Found<ConfluentStatementDetails>>,
  ): ConfluentStatementStatus {
    return {
      environmentId: target.environmentId,
      name: target.name,
      channel: confluentStatementChannel(target.environmentId, target.name),
      consoleUrl: this.#options.client.links.statement(
        target.environmentId,
        target.name,
      ),
      ...(snapshot.value?.details ? { statement: snapshot.value.details } : {}),
      ...this.#freshness(snapshot),
    };
  }

  #connectorStatus(
    target: ConnectorTarget,
    snapshot: PollSnapshot<Found<ConfluentConnectorDetails>>,
  ): ConfluentConnectorStatus {
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
      ...(snapshot.value?.details ? { connector: snapshot.value.details } : {}),
      ...this.#freshness(snapshot),
    };
  }

  #freshness<T>(snapshot: PollSnapshot<Found<T>>): {
    fetchedAt?: string;
    stale: boolean;
    error?: ConfluentUpstreamError;
  } {
    const { value, fetchedAt, error } = snapshot;
    let shownError: ConfluentUpstreamError | undefined;
    if (error) {
      shownError = summarizeUpstreamError(error);
    } else if (value?.missing) {
      shownError = { message: value.missing, status: 404, retrying: false };
    }
    return {
      ...(fetchedAt ? { fetchedAt: fetchedAt.toISOString() } : {}),
      // Stale: an older state is shown because the latest reads failed.
      stale: !!error && !!value,
      ...(shownError ? { error: shownError } : {}),
    };
  }

  #addWatcher(key: string, watcher: string | undefined) {
    if (!watcher) return;
    let watchers = this.#watchers.get(key);
    if (!watchers) {
      watchers = new Map();
      this.#watchers.set(key, watchers);
    }
    watchers.set(watcher, Date.now());
  }

  #publish(key: string, channel: string, message: object) {
    const watchers = this.#watchers.get(key);
    if (!watchers) return;
    const cutoff = Date.now() - this.#options.config.idleTimeoutMs;
    for (const [user, at] of watchers) {
      if (at < cutoff) watchers.delete(user);
    }
    if (watchers.size === 0) {
      this.#watchers.delete(key);
      return;
    }
    this.#options.signals
      .publish({
        recipients: { type: 'user', entityRef: [...watchers.keys()] },
        channel,
        message: message as JsonObject,
      })
      .catch(error =>
        this.#options.logger.warn(
          `Could not publish on signals channel ${channel}: ${error}`,
        ),
      );
  }
}

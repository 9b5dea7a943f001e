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
import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  CONFLUENT_EVENTS_TOPIC,
  isConfluentResourceEvent,
} from '@shiftleft/plugin-confluent-common';
import type { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import { durationToMilliseconds } from '@backstage/types';
import { buildEntities } from '../lib/buildEntities';
import type { EnvironmentSnapshot } from '../lib/snapshot';
import { ConfluentEntityProviderConfig, readProviderConfigs } from './config';
import { ConfluentReader, ReadStats } from './ConfluentReader';

/**
 * Options of {@link ConfluentEntityProvider.fromConfig}.
 * @public
 */
export interface ConfluentEntityProviderOptions {
  client: ConfluentClient;
  logger: LoggerService;
  /** Runs the scheduled refresh; one of `schedule` or `scheduler` is needed. */
  schedule?: SchedulerServiceTaskRunner;
  scheduler?: SchedulerService;
  /** Enables the delta refresh on {@link @shiftleft/plugin-confluent-common#CONFLUENT_EVENTS_TOPIC} events. */
  events?: EventsService;
}

/**
 * What one read produced, for logs, tests and the benchmark.
 * @public
 */
export interface ConfluentReadResult {
  entities: Entity[];
  stats: ReadStats & { environments: number; durationMs: number };
}

const MANAGED_BY = 'confluent-provider';

/**
 * Emits Confluent topics, Flink statements, connectors and the external
 * tables they read and write as catalog entities (see the package README for
 * the model), on a schedule and at once when the scaffolder publishes a
 * change on `confluent.resources`.
 * @public
 */
export class ConfluentEntityProvider implements EntityProvider {
  readonly #config: ConfluentEntityProviderConfig;
  readonly #client: ConfluentClient;
  readonly #logger: LoggerService;
  readonly #reader: ConfluentReader;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #events?: EventsService;
  #connection?: EntityProviderConnection;
  /** The snapshots the last successful read produced, per environment. */
  readonly #snapshots = new Map<string, EnvironmentSnapshot>();
  /** What the catalog holds from this provider: entity ref → entity. */
  #emitted?: Map<string, Entity>;
  /** Serialises scheduled and event-driven refreshes. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #stopped = false;
  /** Full reads done: which share of ownership records the next re-checks. */

  /**
   * One provider per entry of `catalog.providers.confluent`.
   */
  static fromConfig(
    config: Config,
    options: ConfluentEntityProviderOptions,
  ): ConfluentEntityProvider[] {
    return readProviderConfigs(config).map(providerConfig => {
      const taskRunner =
        options.schedule ??
        options.scheduler?.createScheduledTaskRunner(providerConfig.schedule);
      if (!taskRunner) {
        throw new Error(
          'ConfluentEntityProvider needs a schedule or a scheduler',
        );
      }
      return new ConfluentEntityProvider({
        config: providerConfig,
        client: options.client,
        logger: options.logger,
        taskRunner,
        events: options.events,
      });
    });
  }

  private constructor(options: {
    config: ConfluentEntityProviderConfig;
    client: ConfluentClient;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
    events?: EventsService;
  }) {
    this.#config = options.config;
    this.#client = options.client;
    this.#logger = options.logger.child({
      target: this.getProviderName(),
    });
    this.#taskRunner = options.taskRunner;
    this.#events = options.events;
    this.#reader = new ConfluentReader({
      client: options.client,
      logger: this.#logger,
      includeInternalTopics: options.config.includeInternalTopics,
      streamCatalogFieldTags: options.config.streamCatalogFieldTags,
      piiTags: options.config.piiTags,
    });
    const configured = new Set(options.client.environments.map(e => e.id));
    const missing = (options.config.environments ?? []).filter(
      id => !configured.has(id),
    );
    if (missing.length) {
      throw new Error(
        `catalog.providers.confluent${
          options.config.id === 'default' ? '' : `.${options.config.id}`
        }.environments names ${missing.join(
          ', ',
        )}, which confluent.environments does not configure`,
      );
    }
  }

  /** {@inheritdoc @backstage/plugin-catalog-node#EntityProvider.getProviderName} */
  getProviderName(): string {
    return `${MANAGED_BY}:${this.#config.id}`;
  }

  /** {@inheritdoc @backstage/plugin-catalog-node#EntityProvider.connect} */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    if (this.#events) {
      await this.#events.subscribe({
        id: this.getProviderName(),
        topics: [CONFLUENT_EVENTS_TOPIC],
        onEvent: params => this.onEvent(params),
      });
    }
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        const logger = this.#logger.child({
          class: ConfluentEntityProvider.name,
          taskId: `${this.getProviderName()}:refresh`,
          taskInstanceId: randomUUID(),
        });
        try {
          await this.refresh(logger);
        } catch (error) {
          // Logged, never thrown: a failed run keeps the catalog as it was
          // and the next run tries again.
          logger.error(
            `Confluent refresh failed; the catalog keeps its current entities: ${stringifyError(
              error,
            )}`,
          );
        }
      },
    });
  }

  /** Stops pending event follow-ups (called on shutdown). */
  stop() {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #environmentIds(): string[] {
    return (
      this.#config.environments ?? this.#client.environments.map(e => e.id)
    );
  }

  /**
   * Reads every environment and returns the entities, without touching the
   * catalog. Throws when Confluent cannot be read.
   */
  async read(
    options: { logger?: LoggerService } = {},
  ): Promise<ConfluentReadResult> {
    return this.#read(this.#environmentIds(), options.logger ?? this.#logger);
  }

  /** Reads environments into entities, publishing their snapshots. */
  async #read(
    environmentIds: string[],
    logger: LoggerService,
  ): Promise<ConfluentReadResult> {
    const started = Date.now();
    const stats: ReadStats = {
      statementsParsed: 0,
      statementsCached: 0,
      statementsBroken: 0,
      schemasFetched: 0,
      schemasCached: 0,
      schemasBroken: 0,
      ownershipRecords: 0,
      fieldTagLookups: 0,
      materializedTableVersionReads: 0,
    };
    // Read first, then publish: a failure leaves the previous snapshots.
    const fresh = new Map<string, EnvironmentSnapshot>();
    for (const id of environmentIds) {
      const known = this.#environmentIds()
        .map(e => fresh.get(e) ?? this.#snapshots.get(e))
        .filter((e): e is EnvironmentSnapshot => !!e);
      fresh.set(id, await this.#reader.read(id, known, stats));
    }
    for (const [id, snapshot] of fresh) this.#snapshots.set(id, snapshot);
    const snapshots = this.#environmentIds()
      .map(id => this.#snapshots.get(id))
      .filter((e): e is EnvironmentSnapshot => !!e);
    const entities = buildEntities(snapshots, {
      defaultOwner: this.#config.defaultOwner,
      ownership: this.#config.ownership,
      lifecycle: this.#config.lifecycle,
      piiTags: this.#config.piiTags,
      links: this.#client.links,
      logger,
    });
    const durationMs = Date.now() - started;
    logger.info(
      `Read ${entities.length} entities from ${environmentIds.length} Confluent environment(s) in ${durationMs} ms: ` +
        `statements ${stats.statementsParsed} parsed, ${stats.statementsCached} cached, ${stats.statementsBroken} skipped; ` +
        `schemas ${stats.schemasFetched} read, ${stats.schemasCached} cached, ${stats.schemasBroken} skipped; ` +
        `${stats.ownershipRecords} topic owners and ${stats.fieldTagLookups} field tag searches from Stream Catalog`,
    );
    return {
      entities,
      stats: { ...stats, environments: environmentIds.length, durationMs },
    };
  }

  #deferred(entities: Entity[]): DeferredEntity[] {
    return entities.map(entity => ({
      entity,
      locationKey: this.getProviderName(),
    }));
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Reads everything and replaces this provider's entities (a full
   * mutation). Throws, changing nothing, when Confluent cannot be read.
   */
  async refresh(logger: LoggerService = this.#logger): Promise<void> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error('ConfluentEntityProvider is not connected');
    }
    await this.#enqueue(async () => {
      const { entities } = await this.#read(this.#environmentIds(), logger);
      await connection.applyMutation({
        type: 'full',
        entities: this.#deferred(entities),
      });
      this.#emitted = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    });
  }

  /**
   * Handles an event on `confluent.resources`: re-reads the environment it
   * names and applies what changed as a delta mutation, then does so once
   * more after `eventSettleDelay`, when the new statement's topic and schema
   * exist.
   */
  async onEvent(params: EventParams): Promise<void> {
    const payload = params.eventPayload;
    if (!isConfluentResourceEvent(payload)) {
      this.#logger.warn(
        `Ignoring an event on ${params.topic} that is not a Confluent resource event`,
      );
      return;
    }
    if (!this.#environmentIds().includes(payload.environmentId)) {
      return;
    }
    this.#logger.info(
      `Confluent ${payload.kind} ${payload.name} ${payload.action} in ${payload.environmentId}; refreshing its environment`,
    );
    await this.#delta(payload.environmentId);
    if (this.#stopped) {
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#delta(payload.environmentId).catch(() => undefined);
    }, durationToMilliseconds(this.#config.eventSettleDelay));
    timer.unref?.();
    this.#timers.add(timer);
  }

  async #delta(environmentId: string): Promise<void> {
    const connection = this.#connection;
    if (!connection || this.#stopped) {
      return;
    }
    await this.#enqueue(async () => {
      try {
        const { entities } = await this.#read([environmentId], this.#logger);
        const next = new Map(entities.map(e => [stringifyEntityRef(e), e]));
        const previous = this.#emitted;
        const added = entities.filter(e => {
          const before = previous?.get(stringifyEntityRef(e));
          return !before || !isDeepStrictEqual(before, e);
        });
        const removed = previous
          ? [...previous.keys()].filter(ref => !next.has(ref))
          : [];
        if (added.length || removed.length) {
          await connection.applyMutation({
            type: 'delta',
            added: this.#deferred(added),
            removed: removed.map(entityRef => ({
              entityRef,
              locationKey: this.getProviderName(),
            })),
          });
        }
        this.#emitted = next;
        this.#logger.info(
          `Applied a delta for ${environmentId}: ${added.length} added or changed, ${removed.length} removed`,
        );
      } catch (error) {
        this.#logger.error(
          `Confluent delta refresh of ${environmentId} failed; the catalog keeps its current entities: ${stringifyError(
            error,
          )}`,
        );
      }
    });
  }
}

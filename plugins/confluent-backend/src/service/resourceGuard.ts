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
import { CacheService } from '@backstage/backend-plugin-api';
import {
  Entity,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  BUSINESS_METADATA_OWNERSHIP,
  isConfluentProviderEntity,
  LABEL_OWNER,
  normalizeOwnerRef,
} from '@shiftleft/plugin-confluent-common';
import {
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
  orMissing,
} from '@shiftleft/plugin-confluent-node';
import { readCached, writeCached } from './cacheJson';
import {
  connectorTargets,
  entityOwners,
  statementTargets,
} from './entityTargets';
import { ConnectorTarget, StatementTarget } from './StatusService';

/*
 * Entity annotations are written by whoever registered the entity: owning
 * a catalog entity says nothing about the statement, connector or subject
 * its `confluent.io/*` annotations name. The routes act on those resources
 * only when the suite's own provider emitted the entity (it derived the
 * annotations and the owner from Confluent), or when the resource's owner
 * on the Confluent side is the entity's owner.
 */

/** The owner lookup's answer for a resource that does not exist. */
const MISSING = '\u0000missing';

/** A schema target, as `schemaTarget` resolves it. */
export interface SchemaTarget {
  environmentId: string;
  topic?: string;
  subject: string;
}

/** Options of {@link EntityResourceGuard}. */
export interface EntityResourceGuardOptions {
  client: ConfluentClient;
  /**
   * Where owners read from Confluent are kept for `ownerTtlMs`, for routes
   * that only read: without it every request of every viewer of an entity
   * registered by hand reads Confluent. Routes that change something pass
   * none, so they always check the owner as it is now.
   */
  cache?: CacheService;
  /** How long a cached owner is used. Default: 30 s. */
  ownerTtlMs?: number;
}

/**
 * Checks that the Confluent resources an entity names belong to the
 * entity's owner before a route reads or changes them.
 */
export class EntityResourceGuard {
  readonly #client: ConfluentClient;
  readonly #cache?: CacheService;
  readonly #ownerTtlMs: number;

  constructor(options: EntityResourceGuardOptions) {
    this.#client = options.client;
    this.#cache = options.cache;
    this.#ownerTtlMs = options.ownerTtlMs ?? 30_000;
  }

  /**
   * The owner of a resource: from the cache when one is given and holds it,
   * else read (and cached, "none" included, so a resource without an owner
   * is not read again on every request either).
   */
  async #owner(
    key: string,
    read: () => Promise<string | undefined>,
  ): Promise<string | undefined> {
    if (!this.#cache) return read();
    const cacheKey = `guard:owner:${key}`;
    const cached = await readCached<{ owner?: string }>(this.#cache, cacheKey);
    if (cached) return cached.owner;
    const owner = await read();
    await writeCached(
      this.#cache,
      cacheKey,
      owner ? { owner } : {},
      this.#ownerTtlMs,
    );
    return owner;
  }

  #trusted(entity: Entity) {
    return isConfluentProviderEntity(entity, this.#client.links.baseUrl);
  }

  #refuse(entity: Entity, what: string, owner: string | undefined): never {
    throw new NotAllowedError(
      `${stringifyEntityRef(entity)} names ${what}, which ${
        owner ? `belongs to ${owner}` : 'has no recorded owner'
      } in Confluent, not to the entity's owner; only entities the Confluent provider emitted (${ANNOTATION_ORIGIN_LOCATION} in the Confluent console) or resources their owner owns are served`,
    );
  }

  #mine(entity: Entity, owner: string | undefined): boolean {
    return Boolean(owner) && entityOwners(entity).includes(owner!);
  }

  /** The owner recorded in Stream Catalog on a topic. */
  async #topicOwner(environmentId: string, clusterId: string, topic: string) {
    const catalog = this.#client.catalog(environmentId);
    const metadata = await catalog
      .getBusinessMetadata(
        CATALOG_ENTITY_TYPES.topic,
        catalog.topicQualifiedName(clusterId, topic),
      )
      .catch(() => []);
    const owner = metadata.find(
      bm => bm.typeName === BUSINESS_METADATA_OWNERSHIP,
    )?.attributes?.owner;
    return typeof owner === 'string' ? normalizeOwnerRef(owner) : undefined;
  }

  /** Statements: their `backstage.io/owner` label. */
  async checkStatements(entity: Entity, targets: StatementTarget[]) {
    if (this.#trusted(entity)) return;
    for (const target of targets) {
      const owner = await this.#owner(
        `statement:${JSON.stringify([target.environmentId, target.name])}`,
        async () => {
          // A missing statement is shown as missing; nothing to protect.
          const statement = await orMissing(
            this.#client.flink(target.environmentId).getStatement(target.name),
          );
          if (!statement) return MISSING;
          const label = statement.metadata.labels?.[LABEL_OWNER];
          return label ? normalizeOwnerRef(label) : undefined;
        },
      );
      if (owner === MISSING) continue;
      if (!this.#mine(entity, owner)) {
        this.#refuse(entity, `statement '${target.name}'`, owner);
      }
    }
  }

  /** Every statement and connector the entity's annotations name. */
  async checkStatementsAndConnectors(entity: Entity) {
    const { environments } = this.#client;
    await this.checkStatements(entity, statementTargets(entity, environments));
    await this.checkConnectors(entity, connectorTargets(entity, environments));
  }

  /**
   * Connectors: the ownership record of the topics they write (a source)
   * or read (a sink), as the provider assigns a connector its topics' owner.
   */
  async checkConnectors(entity: Entity, targets: ConnectorTarget[]) {
    if (this.#trusted(entity)) return;
    for (const target of targets) {
      const owner = await this.#owner(
        `connector:${JSON.stringify([
          target.environmentId,
          target.kafkaClusterId,
          target.name,
        ])}`,
        async () => {
          const config = await orMissing(
            this.#client
              .connect(target.environmentId, target.kafkaClusterId)
              .getConnectorConfig(target.name),
          );
          if (!config) return MISSING;
          let topicOwner: string | undefined;
          for (const topic of connectorTopics(config)) {
            topicOwner ??= await this.#topicOwner(
              target.environmentId,
              target.kafkaClusterId,
              topic,
            );
          }
          return topicOwner;
        },
      );
      if (owner === MISSING) continue;
      if (!this.#mine(entity, owner)) {
        this.#refuse(entity, `connector '${target.name}'`, owner);
      }
    }
  }

  /** Schemas: the ownership record of the subject's topic. */
  async checkSchema(entity: Entity, target: SchemaTarget) {
    if (this.#trusted(entity)) return;
    const topic = target.topic ?? target.subject.replace(/-(value|key)$/, '');
    const env = this.#client.environments.find(
      e => e.id === target.environmentId,
    );
    const clusterId =
      entity.metadata.annotations?.[ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID] ??
      (env?.kafkaClusters.length === 1 ? env.kafkaClusters[0].id : undefined);
    const owner = clusterId
      ? await this.#owner(
          `topic:${JSON.stringify([target.environmentId, clusterId, topic])}`,
          () => this.#topicOwner(target.environmentId, clusterId, topic),
        )
      : undefined;
    if (!this.#mine(entity, owner)) {
      this.#refuse(entity, `schema subject '${target.subject}'`, owner);
    }
  }
}

/** The topics a connector writes (CDC source) or reads (sink). */
function connectorTopics(config: Record<string, string>): string[] {
  const list = (value?: string) =>
    (value ?? '')
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
  const prefix = config['topic.prefix'];
  if (prefix) {
    return list(config['table.include.list']).map(t => `${prefix}.${t}`);
  }
  return list(config.topics);
}

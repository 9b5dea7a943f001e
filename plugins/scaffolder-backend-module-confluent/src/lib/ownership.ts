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
  AuthService,
} from '@backstage/backend-plugin-api';
import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_TOPIC,
  BUSINESS_METADATA_OWNERSHIP,
  ANNOTATION_CONFLUENT_SHARED_WITH,
  isConfluentProviderEntity,
  normalizeOwnerRef,
  sharedWith,
} from '@shiftleft/plugin-confluent-common';
import { formatTableRef, TableRef } from '@shiftleft/flink-sql-lineage';
import {
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
} from '@shiftleft/plugin-confluent-node';
import { Owner, parseOwner } from './owner';
import { AnalyzedStatement, TopicResolver, UpstreamCheck } from './statement';
import { ConfluentTarget } from './target';

/*
 * The team rules of the actions (README "Ownership"): a run acts for a group
 * its initiator belongs to; it writes only tables it creates or that group
 * owns; it reads another team's table only when that team shared it; and it
 * adopts an existing resource only when the resource is that group's.
 */

/** The user who started the task, as `ctx.user` carries it. */
export type TaskUser = { entity?: Entity; ref?: string } | undefined;

/** The group a run acts for, and every group its initiator belongs to. */
export interface Initiator {
  owner: Owner;
  /** Normalized refs: the user and the groups it is a member of. */
  groups: ReadonlySet<string>;
}

/** The user's own ref and its groups (memberOf relations and spec). */
function userOwnership(user: TaskUser): Set<string> {
  const refs = new Set<string>();
  const add = (value: unknown, kind: string) => {
    const ref = typeof value === 'string' && normalizeOwnerRef(value, kind);
    if (ref) refs.add(ref);
  };
  add(user?.ref, 'user');
  for (const r of user?.entity?.relations ?? []) {
    if (r.type === RELATION_MEMBER_OF) add(r.targetRef, 'group');
  }
  const memberOf = user?.entity?.spec?.memberOf;
  if (Array.isArray(memberOf)) memberOf.forEach(m => add(m, 'group'));
  return refs;
}

/**
 * Parses the run's owner and checks that the initiating user belongs to it:
 * the OwnerPicker is a browser control, so its value is checked here, where
 * a crafted request cannot skip it.
 */
export function resolveInitiator(user: TaskUser, owner: string): Initiator {
  const parsed = parseOwner(owner);
  const groups = userOwnership(user);
  if (!groups.size) {
    throw new NotAllowedError(
      `The task has no initiating user, so the owner ${parsed.ref} cannot be checked`,
    );
  }
  if (!groups.has(parsed.ref)) {
    throw new NotAllowedError(
      `${user?.ref ?? 'The initiating user'} is not a member of ${
        parsed.ref
      }: a run can only create resources owned by a group you belong to`,
    );
  }
  return { owner: parsed, groups };
}

/** Where ownership of topics and connectors is looked up. */
export interface OwnershipSources {
  client: ConfluentClient;
  target: ConfluentTarget;
  /** The software catalog, for the owners the entity provider computed. */
  catalog?: CatalogService;
  /**
   * Credentials for the catalog: the backend's own, so what a user may not
   * see never reads as "no owner".
   */
  auth?: AuthService;
  /** Fallback credentials when no auth service is given. */
  initiatorCredentials?: () => Promise<BackstageCredentials>;
}

/**
 * The owners of topics and connectors on the Confluent side: the Stream
 * Catalog ownership record of a topic, else the owner the suite's entity
 * provider computed (statement label, mapping, inheritance). Entities from
 * anywhere else are ignored: a user can register a catalog-info.yaml that
 * claims any topic.
 */
export class ResourceOwners {
  readonly #sources: OwnershipSources;
  readonly #topics = new Map<string, Promise<Entity[]>>();
  readonly #owners = new Map<string, Promise<string | undefined>>();

  constructor(sources: OwnershipSources) {
    this.#sources = sources;
  }

  async #credentials() {
    const { auth, initiatorCredentials } = this.#sources;
    if (auth) return auth.getOwnServiceCredentials();
    return initiatorCredentials?.();
  }

  async #entities(annotation: string, value: string): Promise<Entity[]> {
    const { catalog, target, client } = this.#sources;
    if (!catalog) return [];
    const credentials = await this.#credentials();
    if (!credentials) return [];
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${annotation}`]: value,
          [`metadata.annotations.${ANNOTATION_CONFLUENT_ENVIRONMENT_ID}`]:
            target.environmentId,
        },
      },
      { credentials },
    );
    // A topic entity without a cluster annotation is in the only cluster.
    return items.filter(e => {
      const cluster =
        e.metadata.annotations?.[ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID];
      return (
        (!cluster || cluster === target.kafkaClusterId) &&
        (annotation !== ANNOTATION_CONFLUENT_CONNECTOR ||
          isConfluentProviderEntity(e, client.links.baseUrl))
      );
    });
  }

  #topicEntities(topic: string) {
    let found = this.#topics.get(topic);
    if (!found) {
      found = this.#entities(ANNOTATION_CONFLUENT_TOPIC, topic);
      this.#topics.set(topic, found);
    }
    return found;
  }

  #providerOwner(entities: Entity[]): string | undefined {
    const emitted = entities.find(e =>
      isConfluentProviderEntity(e, this.#sources.client.links.baseUrl),
    );
    const owner = emitted?.spec?.owner;
    return typeof owner === 'string' ? normalizeOwnerRef(owner) : undefined;
  }

  /** The owner of a topic (normalized ref), or undefined when none is known. */
  topicOwner(topic: string, signal?: AbortSignal): Promise<string | undefined> {
    let owner = this.#owners.get(topic);
    if (!owner) {
      owner = this.#readTopicOwner(topic, signal);
      this.#owners.set(topic, owner);
    }
    return owner;
  }

  async #readTopicOwner(topic: string, signal?: AbortSignal) {
    const { client, target } = this.#sources;
    const catalog = client.catalog(target.environmentId);
    const metadata = await catalog
      .getBusinessMetadata(
        CATALOG_ENTITY_TYPES.topic,
        catalog.topicQualifiedName(target.kafkaClusterId, topic),
        { signal },
      )
      .catch(() => []);
    const recorded = metadata.find(
      bm => bm.typeName === BUSINESS_METADATA_OWNERSHIP,
    )?.attributes?.owner;
    if (typeof recorded === 'string' && recorded) {
      return normalizeOwnerRef(recorded);
    }
    return this.#providerOwner(await this.#topicEntities(topic));
  }

  /**
   * Whether a topic's owner shared it with a group: the
   * {@link ANNOTATION_CONFLUENT_SHARED_WITH} annotation of an entity of the
   * topic that its owner owns (a share is the owner's decision).
   */
  async isSharedWith(topic: string, group: string, signal?: AbortSignal) {
    const owner = await this.topicOwner(topic, signal);
    if (!owner) return false;
    return (await this.#topicEntities(topic)).some(
      e =>
        typeof e.spec?.owner === 'string' &&
        normalizeOwnerRef(e.spec.owner) === owner &&
        sharedWith(e).includes(group),
    );
  }

  /**
   * The owner of a connector: the provider's entity of it, else the owner
   * of the topics it writes (a source) or reads (a sink), as the provider
   * computes it.
   */
  async connectorOwner(
    name: string,
    topics: string[],
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const emitted = this.#providerOwner(
      await this.#entities(ANNOTATION_CONFLUENT_CONNECTOR, name),
    );
    if (emitted) return emitted;
    for (const topic of topics) {
      const owner = await this.topicOwner(topic, signal);
      if (owner) return owner;
    }
    return undefined;
  }
}

/** The tables a statement writes rows into, creates, alters or drops. */
export function tablesWritten(statement: AnalyzedStatement): TableRef[] {
  const { lineage } = statement;
  const written = [...lineage.sinks];
  if (lineage.table) written.push(lineage.table.name);
  if (lineage.alteration) {
    written.push(lineage.alteration.table);
    if (lineage.alteration.newName) written.push(lineage.alteration.newName);
  }
  if (lineage.kind.startsWith('DROP') && lineage.target) {
    written.push(lineage.target);
  }
  return written;
}

const describeOwner = (owner: string | undefined) =>
  owner ? `owned by ${owner}` : 'which has no known owner';

/**
 * The team rules for one statement: every table it writes (INSERT, CREATE
 * [OR REPLACE | IF NOT EXISTS], ALTER, DROP) is new, made earlier in the
 * run, or owned by one of the initiator's groups; every existing table it
 * reads is the initiator's or shared with the run's owner.
 */
export async function statementAccessProblems(options: {
  statement: AnalyzedStatement;
  upstream: UpstreamCheck;
  resolver: TopicResolver;
  owners: ResourceOwners;
  initiator: Initiator;
  createdTables: string[];
  /** The run's own statement exists already (its label is the owner's). */
  adopting: boolean;
  signal?: AbortSignal;
}): Promise<{ problems: string[]; warnings: string[] }> {
  const { statement, upstream, owners, initiator, signal } = options;
  const problems: string[] = [];
  const warnings: string[] = [];
  const created = new Set(options.createdTables);
  const written = new Set<string>();
  for (const ref of tablesWritten(statement)) {
    const resolved = await options.resolver.resolve(
      ref,
      statement.properties,
      signal,
    );
    if ('problem' in resolved || written.has(resolved.topic)) continue;
    written.add(resolved.topic);
    const topic = resolved.topic;
    const exists = () => options.resolver.exists(topic, signal);
    // `createdTables` is step input: it excuses a table an earlier step has
    // yet to create (a dry run), never one that exists and is not the team's.
    if (created.has(topic) && !(await exists())) continue;
    const ownTable = upstream.creates.includes(topic);
    if (ownTable && (options.adopting || !upstream.existing.includes(topic))) {
      continue;
    }
    if (!ownTable && !(await exists())) {
      continue; // Reported by the upstream check (reads of missing tables).
    }
    const owner = await owners.topicOwner(topic, signal);
    if (owner && initiator.groups.has(owner)) continue;
    problems.push(
      `${statement.lineage.kind} writes ${formatTableRef(
        ref,
      )}, an existing table ${describeOwner(
        owner,
      )}: a statement may only write tables its run creates or tables your team owns`,
    );
  }
  for (const read of upstream.reads) {
    if (read.createdEarlier || written.has(read.topic)) continue;
    const problem = await readProblem({
      topic: read.topic,
      owners,
      initiator,
      signal,
    });
    if (problem?.warning) warnings.push(problem.warning);
    if (problem?.problem) problems.push(`reads ${problem.problem}`);
  }
  return { problems, warnings };
}

/**
 * Whether the run may read an existing topic: the initiator's team owns it
 * or its owner shared it with the run's owner. A topic with no known owner
 * (not in the catalog yet) is a warning, not a refusal: nothing says it is
 * another team's.
 */
export async function readProblem(options: {
  topic: string;
  owners: ResourceOwners;
  initiator: Initiator;
  signal?: AbortSignal;
}): Promise<{ problem?: string; warning?: string } | undefined> {
  const { topic, owners, initiator, signal } = options;
  const owner = await owners.topicOwner(topic, signal);
  if (!owner) {
    return {
      warning: `${topic} has no known owner (not in Stream Catalog or the software catalog yet)`,
    };
  }
  if (initiator.groups.has(owner)) return undefined;
  if (await owners.isSharedWith(topic, initiator.owner.ref, signal)) {
    return undefined;
  }
  return {
    problem: `${topic}, owned by ${owner}: ${owner} must share it with ${initiator.owner.ref} first (annotation ${ANNOTATION_CONFLUENT_SHARED_WITH} on its catalog entity, or an approved access request)`,
  };
}

/**
 * The team rules for one connector: an existing connector is adopted only
 * when it is the initiator's team's (adopting reports it as the run's and
 * records its owner); a source writes only new topics or the team's own; a
 * sink copies out only topics the team owns or was shared.
 */
export async function connectorAccessProblems(options: {
  name: string;
  /** Whether a connector of that name exists already. */
  exists: boolean;
  topicsWritten: string[];
  topicsRead: string[];
  /** Topics made earlier in the same run (a plan's source and statements). */
  createdTables?: string[];
  owners: ResourceOwners;
  resolver: TopicResolver;
  initiator: Initiator;
  signal?: AbortSignal;
}): Promise<{ problems: string[]; warnings: string[] }> {
  const { name, owners, initiator, signal } = options;
  const problems: string[] = [];
  const warnings: string[] = [];
  if (options.exists) {
    const owner = await owners.connectorOwner(
      name,
      options.topicsWritten.length ? options.topicsWritten : options.topicsRead,
      signal,
    );
    if (!owner || !initiator.groups.has(owner)) {
      problems.push(
        `Connector '${name}' already exists, ${describeOwner(
          owner,
        )}: only its own team can adopt it. Choose another name`,
      );
    }
  }
  for (const topic of options.topicsWritten) {
    if (!(await options.resolver.exists(topic, signal))) continue;
    const owner = await owners.topicOwner(topic, signal);
    if (!owner || !initiator.groups.has(owner)) {
      problems.push(
        `Connector '${name}' writes ${topic}, an existing topic ${describeOwner(
          owner,
        )}: a connector may only write topics its run creates or your team owns`,
      );
    }
  }
  for (const topic of options.topicsRead) {
    if (options.createdTables?.includes(topic)) continue;
    const found = await readProblem({ topic, owners, initiator, signal });
    if (found?.warning) warnings.push(found.warning);
    if (found?.problem)
      problems.push(`Connector '${name}' reads ${found.problem}`);
  }
  return { problems, warnings };
}

/**
 * Refuses to adopt a statement without an owner label unless what it
 * writes is the initiator's team's (Stream Catalog or the provider).
 */
export async function assertStatementAdoptable(options: {
  name: string;
  topics: string[];
  owners: ResourceOwners;
  initiator: Initiator;
  signal?: AbortSignal;
}) {
  let owner: string | undefined;
  for (const topic of options.topics) {
    owner ??= await options.owners.topicOwner(topic, options.signal);
  }
  if (!owner || !options.initiator.groups.has(owner)) {
    throw new NotAllowedError(
      `Flink statement '${
        options.name
      }' already exists without an owner label, and what it writes is ${
        owner ? `owned by ${owner}` : "not recorded as anyone's"
      }: only its own team can adopt it. Choose another name.`,
    );
  }
}

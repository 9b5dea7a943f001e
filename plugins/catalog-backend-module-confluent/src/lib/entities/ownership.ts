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
/*
 * Who owns each node. In order of trust: the statement's owner label, the
 * Stream Catalog ownership record the portal writes for topics it created,
 * the configured ownership rules, then what neighbours are owned by, and
 * the default owner last.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { LABEL_OWNER } from '@shiftleft/plugin-confluent-common';
import type { OwnershipRule } from '../../providers/config';
import type { EntityRefs } from './refs';
import type { FlowGraph, Owner, TopicNode } from './graph';

/** Options of {@link resolveOwners} and {@link createOwnerRules}. */
export interface OwnershipOptions {
  defaultOwner: string;
  ownership: OwnershipRule[];
  logger: LoggerService;
}

/** The configured owners of names, for entities with no owner of their own. */
export interface OwnerRules {
  /** The owner a configured rule gives `name` as an entity of `kind`. */
  mapped(
    name: string,
    kind: 'API' | 'Component' | 'Resource' | 'System',
  ): Owner | undefined;
  /** The configured default owner. */
  fallback: Owner;
}

/** Creates the lookup of configured ownership rules. */
export function createOwnerRules(options: OwnershipOptions): OwnerRules {
  return {
    mapped(name, kind) {
      const rule = options.ownership.find(
        r => (!r.kinds || r.kinds.includes(kind)) && r.pattern.test(name),
      );
      return rule ? { ref: rule.owner, source: 'mapping' } : undefined;
    },
    fallback: { ref: options.defaultOwner, source: 'default' },
  };
}

/**
 * Sets the `owner` of every node of the graph. Statements come first (their
 * labels are the most specific), topics next (their producers' owners),
 * then connectors (their topics'), and tables last (their connectors').
 */
export function resolveOwners(
  graph: FlowGraph,
  refs: EntityRefs,
  options: OwnershipOptions,
): void {
  const { topics, statements, connectors, tables } = graph;
  const { logger } = options;
  const { mapped, fallback } = createOwnerRules(options);
  const ownerFrom = (value: string, what: string): string | undefined => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      logger.warn(
        `Ignoring the owner '${value}' of ${what}: not an entity ref`,
      );
      return undefined;
    }
  };
  const topicMetadataOwner = (node: TopicNode): string | undefined => {
    const value = node.env.ownership.get(`${node.clusterId}/${node.topic}`);
    return value ? ownerFrom(value, `topic ${node.topic}`) : undefined;
  };
  for (const node of statements.values()) {
    const label = node.statement.labels[LABEL_OWNER];
    const labelOwner = label
      ? ownerFrom(label, `statement ${node.statement.name}`)
      : undefined;
    const metadataOwner = node.writes
      .map(t => topicMetadataOwner(topics.get(t)!))
      .find(Boolean);
    node.owner =
      firstOwner(
        labelOwner && { ref: labelOwner, source: 'label' },
        metadataOwner && { ref: metadataOwner, source: 'metadata' },
        mapped(node.statement.name, 'Component'),
      ) ?? fallback;
  }
  for (const node of topics.values()) {
    const labelled = node.producers
      .map(p => statements.get(p))
      .find(s => s?.owner.source === 'label');
    const metadataOwner = topicMetadataOwner(node);
    // The ownership record wins over labels: the portal writes it only for
    // topics a run created, while anyone who can submit a statement can
    // label it. A statement labelled for another team (written outside the
    // portal, e.g. `INSERT INTO` or `CREATE TABLE IF NOT EXISTS` on this
    // topic) is shown as that team's, but the topic stays its owner's.
    if (labelled && metadataOwner && labelled.owner.ref !== metadataOwner) {
      logger.warn(
        `Topic ${node.topic} stays with ${metadataOwner} (its Stream Catalog ownership record): statement ${labelled.statement.name}'s owner label names ${labelled.owner.ref}`,
      );
    }
    node.owner =
      firstOwner(
        metadataOwner && { ref: metadataOwner, source: 'metadata' },
        labelled && { ref: labelled.owner.ref, source: 'label' },
        mapped(node.topic, 'API'),
        inheritFrom(node.producers.map(p => statements.get(p)?.owner)),
      ) ?? fallback;
  }
  for (const node of connectors.values()) {
    node.owner =
      inheritFrom(node.topics.map(t => topics.get(t)!.owner)) ??
      mapped(node.connector.name, 'Component') ??
      fallback;
  }
  // Topics nobody claimed take the owner of the source connector filling
  // them, now that connectors have theirs.
  for (const node of topics.values()) {
    if (node.owner.source === 'default') {
      node.owner =
        inheritFrom(node.producers.map(p => connectors.get(p)?.owner)) ??
        node.owner;
    }
  }
  for (const node of tables.values()) {
    node.owner =
      inheritFrom([
        ...node.readBy.map(c => connectors.get(c)!.owner),
        ...node.writtenBy.map(w => connectors.get(w.connector)!.owner),
      ]) ??
      mapped(refs.display.get(node.ref)!.replace(/ table /, '.'), 'Resource') ??
      fallback;
  }
}

function firstOwner(
  ...candidates: Array<Owner | undefined | '' | false>
): Owner | undefined {
  return candidates.find((c): c is Owner => !!c);
}

/** The most common owner of a set that is not itself a default. */
function inheritFrom(owners: Array<Owner | undefined>): Owner | undefined {
  const counts = new Map<string, number>();
  for (const owner of owners) {
    if (owner && owner.source !== 'default' && owner.ref) {
      counts.set(owner.ref, (counts.get(owner.ref) ?? 0) + 1);
    }
  }
  if (counts.size === 0) {
    return undefined;
  }
  const [ref] = [...counts].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0];
  return { ref, source: 'inherited' };
}

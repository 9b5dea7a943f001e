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
import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { BUSINESS_METADATA_OWNERSHIP } from '@shiftleft/plugin-confluent-common';
import {
  BusinessMetadata,
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
} from '@shiftleft/plugin-confluent-node';
import { LABEL_VALUE_PATTERN } from './names';
import { writeOnceIndexed } from './wait';

/** An owner as the actions take it: a full entity ref and its label form. */
export interface Owner {
  /** `group:default/team-a`. */
  ref: string;
  /** `team-a`: the `backstage.io/owner` label value. */
  label: string;
}

/**
 * Parses an owner (`team-a`, `group:team-a`, `group:default/team-a`). The Flink label holds the short form, so the owner
 * must be in the default namespace and its name a valid label value.
 */
export function parseOwner(owner: string): Owner {
  let ref;
  try {
    ref = parseEntityRef(owner, { defaultKind: 'group' });
  } catch {
    throw new InputError(`'${owner}' is not an owner entity ref`);
  }
  // A label holds a bare name, which the catalog reads back as a group: only
  // a group owner survives the round trip.
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(
      `The owner must be a group (got '${owner}'): the catalog reads the owners of statements and topics as groups`,
    );
  }
  if (ref.namespace !== DEFAULT_NAMESPACE) {
    throw new InputError(
      `The owner '${owner}' must be in the default namespace: Flink statement labels hold the short name only`,
    );
  }
  const label = ref.name.toLocaleLowerCase('en-US');
  if (!LABEL_VALUE_PATTERN.test(label) || label.length > 63) {
    throw new InputError(
      `The owner name '${ref.name}' cannot be a Flink label value (lowercase letters, digits, '-', '_', '.')`,
    );
  }
  return {
    ref: stringifyEntityRef({
      kind: 'group',
      namespace: ref.namespace,
      name: label,
    }),
    label,
  };
}

/**
 * Writes the `backstage_ownership` business metadata on topics, where the
 * catalog provider reads a topic's (and its connector's) owner.
 *
 * `overwrite: false` leaves topics that already name another owner alone and
 * reports them: a sink must not take over the topic of the team it reads.
 */
export async function writeTopicOwnership(options: {
  client: ConfluentClient;
  environmentId: string;
  kafkaClusterId: string;
  topics: string[];
  owner: Owner;
  overwrite: boolean;
  logger: LoggerService;
  signal?: AbortSignal;
  /** How long to wait for new topics to appear in Stream Catalog. */
  timeoutMs: number;
  intervalMs: number;
}): Promise<{ written: string[]; keptOtherOwner: string[] }> {
  const { client, environmentId, kafkaClusterId, owner, logger, signal } =
    options;
  const catalog = client.catalog(environmentId);
  const written: string[] = [];
  const keptOtherOwner: string[] = [];
  const items: BusinessMetadata[] = [];
  for (const topic of options.topics) {
    const qualifiedName = catalog.topicQualifiedName(kafkaClusterId, topic);
    if (!options.overwrite) {
      const current = await catalog
        .getBusinessMetadata(CATALOG_ENTITY_TYPES.topic, qualifiedName, {
          signal,
        })
        .catch(() => []);
      const existing = current.find(
        bm => bm.typeName === BUSINESS_METADATA_OWNERSHIP,
      )?.attributes?.owner;
      if (typeof existing === 'string' && existing && existing !== owner.ref) {
        keptOtherOwner.push(topic);
        continue;
      }
    }
    items.push({
      typeName: BUSINESS_METADATA_OWNERSHIP,
      entityType: CATALOG_ENTITY_TYPES.topic,
      entityName: qualifiedName,
      attributes: { owner: owner.ref },
    });
    written.push(topic);
  }
  if (items.length) {
    // A fresh environment has no ownership definition yet.
    await catalog.ensureBusinessMetadataDefs(
      [
        {
          name: BUSINESS_METADATA_OWNERSHIP,
          description: 'The Backstage entity that owns this data product',
          attributeDefs: [
            { name: 'owner', typeName: 'string', isOptional: false },
          ],
          options: { applicableEntityTypes: '["kafka_topic"]' },
        },
      ],
      { signal },
    );
    await writeOnceIndexed({
      what: `topic(s) ${written.join(', ')} to appear in Stream Catalog`,
      timeoutMs: options.timeoutMs,
      intervalMs: options.intervalMs,
      signal,
      write: () => catalog.setBusinessMetadata(items, { signal }),
    });
    logger.info(
      `Recorded owner ${owner.ref} on topic(s) ${written.join(', ')}`,
    );
  }
  if (keptOtherOwner.length) {
    logger.info(
      `Left the owner of topic(s) ${keptOtherOwner.join(
        ', ',
      )} unchanged: another owner is recorded there`,
    );
  }
  return { written, keptOtherOwner };
}

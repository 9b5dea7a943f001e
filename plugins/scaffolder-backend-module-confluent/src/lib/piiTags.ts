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

import { CONFLUENT_PII_TAG } from '@shiftleft/plugin-confluent-common';
import {
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
  flattenAvro,
  schemaFieldQualifiedName,
  Tag,
  orMissing,
} from '@shiftleft/plugin-confluent-node';
import { pollUntil, writeOnceIndexed } from './wait';

/**
 * Tags the declared PII fields of a CDC source's topics with
 * {@link CONFLUENT_PII_TAG} on the fields of their value schemas (Stream
 * Catalog entity type `sr_field`), where the catalog provider reads PII at
 * its origin and follows it through the column lineage.
 *
 * Waits, up to `timeoutMs`, for the source to register each topic's value
 * schema and for Stream Catalog to index it. A topic without one of the
 * fields (a table without the column) is left alone. Adding a tag that is
 * already there changes nothing, so a retried task may run this again.
 *
 * @returns the tagged fields, as `topic.field`
 */
export async function tagPiiFields(options: {
  client: ConfluentClient;
  environmentId: string;
  topics: string[];
  fields: string[];
  logger: LoggerService;
  signal?: AbortSignal;
  timeoutMs: number;
  intervalMs: number;
}): Promise<string[]> {
  const { client, environmentId, fields, logger, signal } = options;
  const registryId = client.environment(environmentId).schemaRegistry?.id;
  if (!fields.length || !options.topics.length) return [];
  if (!registryId) {
    logger.warn(
      `Environment ${environmentId} has no Schema Registry configured: PII fields ${fields.join(
        ', ',
      )} are not tagged`,
    );
    return [];
  }
  const registry = client.schemaRegistry(environmentId);
  const catalog = client.catalog(environmentId);
  const poll = { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs };

  const tags: Tag[] = [];
  const tagged: string[] = [];
  for (const topic of options.topics) {
    const subject = `${topic}-value`;
    const schema = await pollUntil({
      ...poll,
      signal,
      what: `the source to register ${subject}`,
      read: () => orMissing(registry.getLatestSchema(subject, { signal })),
      decide: found =>
        found
          ? { done: true, value: found }
          : { done: false, state: 'not registered' },
    });
    const flat =
      schema.schemaType === 'AVRO' ? flattenAvro(schema.schema) : undefined;
    if (!flat?.recordName) {
      logger.warn(
        `${subject} is not an Avro record schema: PII fields of ${topic} are not tagged`,
      );
      continue;
    }
    const columns = new Set(
      flat.fields.filter(f => f.depth === 0).map(f => f.name),
    );
    for (const field of fields.filter(f => columns.has(f))) {
      tags.push({
        typeName: CONFLUENT_PII_TAG,
        entityType: CATALOG_ENTITY_TYPES.field,
        entityName: schemaFieldQualifiedName(
          registryId,
          schema.id,
          flat.recordName,
          field,
        ),
      });
      tagged.push(`${topic}.${field}`);
    }
  }
  if (!tags.length) return [];

  await catalog.ensureTagDefs(
    [
      {
        name: CONFLUENT_PII_TAG,
        description: 'Personal data',
        entityTypes: ['cf_entity'],
      },
    ],
    { signal },
  );
  await writeOnceIndexed({
    ...poll,
    signal,
    what: `the fields of ${options.topics.join(
      ', ',
    )} to appear in Stream Catalog`,
    write: () => catalog.addTags(tags, { signal }),
  });
  logger.info(`Tagged ${CONFLUENT_PII_TAG}: ${tagged.join(', ')}`);
  return tagged;
}

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
import { setTimeout as sleep } from 'node:timers/promises';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  CONFLUENT_EVENTS_TOPIC,
  ConfluentResourceEvent,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_FLINK_STATEMENT,
} from '@shiftleft/plugin-confluent-common';
import {
  connectorNameProblems,
  statementNameProblems,
  topicNameProblems,
} from '../lib/names';
import { ConfluentActionOptions, resolveTarget } from '../lib/target';
import { examples } from './catalogRefresh.examples';
import * as inputProps from './inputProperties';

/**
 * Options of {@link createConfluentCatalogRefreshAction}.
 * @public
 */
export interface CatalogRefreshActionOptions extends ConfluentActionOptions {
  /** The events service the catalog provider listens on. */
  events: EventsService;
  /** The catalog, to wait for the new entities and link to them. */
  catalog: CatalogService;
}

type ResourceKind = ConfluentResourceEvent['kind'];

/** The catalog filter of the entity a resource becomes. */
function filterOf(
  kind: ResourceKind,
  name: string,
  environmentId: string,
  kafkaClusterId: string,
): Record<string, string> {
  const env = {
    [`metadata.annotations.${ANNOTATION_CONFLUENT_ENVIRONMENT_ID}`]:
      environmentId,
  };
  if (kind === 'statement') {
    return {
      kind: 'Component',
      'spec.type': ENTITY_TYPE_FLINK_STATEMENT,
      [`metadata.annotations.${ANNOTATION_CONFLUENT_STATEMENT}`]: name,
      ...env,
    };
  }
  if (kind === 'connector') {
    return {
      kind: 'Component',
      'spec.type': ENTITY_TYPE_CONNECTOR,
      [`metadata.annotations.${ANNOTATION_CONFLUENT_CONNECTOR}`]: name,
      [`metadata.annotations.${ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID}`]:
        kafkaClusterId,
      ...env,
    };
  }
  return {
    kind: 'API',
    [`metadata.annotations.${ANNOTATION_CONFLUENT_TOPIC}`]: name,
    [`metadata.annotations.${ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID}`]:
      kafkaClusterId,
    ...env,
  };
}

function entityPath(entity: Entity) {
  return `/catalog/${
    entity.metadata.namespace ?? 'default'
  }/${entity.kind.toLocaleLowerCase('en-US')}/${entity.metadata.name}`;
}

/** A resource to announce. */
interface Resource {
  kind: ResourceKind;
  name: string;
}

const key = (r: Resource) => `${r.kind}:${r.name}`;

/** The resources of the input; an invalid name is an InputError. */
function resourcesOf(input: {
  connectors?: string[];
  statements?: string[];
  topics?: string[];
}): Resource[] {
  const resources: Resource[] = [
    ...(input.connectors ?? []).map(name => ({
      kind: 'connector' as const,
      name,
    })),
    ...(input.statements ?? []).map(name => ({
      kind: 'statement' as const,
      name,
    })),
    ...(input.topics ?? []).map(name => ({ kind: 'topic' as const, name })),
  ];
  const nameProblems = {
    connector: connectorNameProblems,
    statement: statementNameProblems,
    topic: topicNameProblems,
  };
  const problems = resources.flatMap(r => nameProblems[r.kind](r.name));
  if (problems.length) {
    throw new InputError(`Invalid resources: ${problems.join('; ')}`);
  }
  return resources;
}

/**
 * Polls the catalog, as the task's initiator, until every resource's
 * entity is there or the wait is over; returns those found, by key.
 */
async function waitForEntities(options: {
  catalog: CatalogService;
  resources: Resource[];
  environmentId: string;
  kafkaClusterId: string;
  credentials: BackstageCredentials;
  waitMs: number;
  intervalMs: number;
  signal?: AbortSignal;
}): Promise<Map<string, Entity>> {
  const { catalog, resources, environmentId, kafkaClusterId } = options;
  const found = new Map<string, Entity>();
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    for (const r of resources.filter(x => !found.has(key(x)))) {
      const { items } = await catalog.getEntities(
        { filter: filterOf(r.kind, r.name, environmentId, kafkaClusterId) },
        { credentials: options.credentials },
      );
      if (items[0]) found.set(key(r), items[0]);
    }
    if (found.size === resources.length || Date.now() >= deadline) break;
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
  return found;
}

/** A Markdown list of links to the entities, by kind. */
function markdownOf(resources: Resource[], found: Map<string, Entity>) {
  const section = (kind: ResourceKind, title: string) => {
    const items = resources
      .filter(r => r.kind === kind)
      .map(r => {
        const entity = found.get(key(r));
        return entity
          ? `- [${r.name}](${entityPath(entity)})`
          : `- ${r.name} (not in the catalog yet)`;
      });
    return items.length ? [`**${title}**`, '', ...items, ''] : [];
  };
  return [
    ...section('topic', 'Data products and topics'),
    ...section('statement', 'Flink statements'),
    ...section('connector', 'Connectors'),
  ]
    .join('\n')
    .trim();
}

/**
 * `confluent:catalog:refresh`: announces new or changed Confluent resources
 * to the catalog (one event per resource on the Confluent events topic, so
 * the entity provider re-reads them at once), waits until their entities
 * are in the catalog, and outputs their refs and links.
 *
 * Publishing is idempotent (the provider re-reads what exists), so a
 * retried task simply announces again. A dry run publishes nothing.
 *
 * @public
 */
export function createConfluentCatalogRefreshAction(
  options: CatalogRefreshActionOptions,
) {
  const { events, catalog, settings } = options;
  return createTemplateAction({
    id: 'confluent:catalog:refresh',
    description:
      'Announces Confluent connectors, statements and topics to the catalog so their entities appear at once, waits for them, and outputs their entity refs.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environmentId: inputProps.environmentId,
        kafkaClusterId: inputProps.kafkaClusterId,
        connectors: z =>
          z
            .array(z.string(), {
              description: 'Connector names; the first is linked as the source',
            })
            .optional(),
        statements: z =>
          z
            .array(z.string(), { description: 'Flink statement names' })
            .optional(),
        topics: z =>
          z
            .array(z.string(), { description: 'Topic names (data products)' })
            .optional(),
        waitSeconds: z =>
          z
            .number({
              description:
                'How long to wait for the entities to appear; 0 to not wait. Default: confluent.scaffolder.waitTimeout',
            })
            .min(0)
            .optional(),
      },
      output: {
        entityRefs: z =>
          z.array(z.string(), {
            description: 'Refs of the entities found in the catalog',
          }),
        source: z =>
          z
            .string({ description: 'Entity ref of the first connector' })
            .optional(),
        missing: z =>
          z.array(z.string(), {
            description:
              'Resources whose entity was not in the catalog in time',
          }),
        markdown: z =>
          z.string({
            description:
              'A Markdown list of links to the entities, for the task output',
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const { environmentId, kafkaClusterId } = resolveTarget(options, input);
      const resources = resourcesOf(input);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would announce ${resources.length} resource(s) to the catalog`,
        );
        ctx.output('entityRefs', []);
        ctx.output('missing', []);
        ctx.output('markdown', '');
        return;
      }
      for (const resource of resources) {
        const eventPayload: ConfluentResourceEvent = {
          action: 'created',
          kind: resource.kind,
          environmentId,
          ...(resource.kind === 'statement' ? {} : { kafkaClusterId }),
          name: resource.name,
        };
        await events.publish({ topic: CONFLUENT_EVENTS_TOPIC, eventPayload });
      }
      ctx.logger.info(
        `Announced ${resources.length} resource(s) to the catalog on ${CONFLUENT_EVENTS_TOPIC}`,
      );

      const found = await waitForEntities({
        catalog,
        resources,
        environmentId,
        kafkaClusterId,
        credentials: await ctx.getInitiatorCredentials(),
        waitMs:
          input.waitSeconds !== undefined
            ? input.waitSeconds * 1000
            : settings.waitTimeoutMs,
        intervalMs: settings.pollIntervalMs,
        signal: ctx.signal,
      });
      const missing = resources.filter(r => !found.has(key(r)));
      if (missing.length) {
        // Everything exists in Confluent; the catalog only lags. Not a
        // failure: the next scheduled refresh brings the rest.
        ctx.logger.warn(
          `Not in the catalog yet: ${missing
            .map(key)
            .join(', ')}; they appear with the next catalog refresh`,
        );
      }
      const entityRefs = resources
        .map(r => found.get(key(r)))
        .filter((e): e is Entity => Boolean(e))
        .map(e => stringifyEntityRef(e));
      ctx.output('entityRefs', entityRefs);
      const firstConnector = resources.find(r => r.kind === 'connector');
      const source = firstConnector && found.get(key(firstConnector));
      if (source) ctx.output('source', stringifyEntityRef(source));
      ctx.output('missing', missing.map(key));
      ctx.output('markdown', markdownOf(resources, found));
    },
  });
}

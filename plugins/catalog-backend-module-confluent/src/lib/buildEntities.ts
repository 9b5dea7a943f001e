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
 * Turns what was read from Confluent into catalog entities: the data-flow
 * graph (tables, connectors, topics, statements), owners, names, column
 * lineage and PII provenance. Pure: no I/O, so it is the same for a scheduled
 * full refresh and an event-driven delta.
 *
 * Each step has a file of its own under `entities/`: the graph, the names,
 * the owners and the PII trace are computed over the whole graph first (an
 * owner or a PII finding depends on neighbours), then one transformer per
 * entity kind turns each node into its entity.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { ConfluentConsoleLinks } from '@shiftleft/plugin-confluent-node';
import type { OwnershipRule } from '../providers/config';
import type { EnvironmentSnapshot } from './snapshot';
import { connectorToComponent } from './entities/connectorEntity';
import type { TransformContext } from './entities/context';
import { buildFlowGraph } from './entities/graph';
import { createOwnerRules, resolveOwners } from './entities/ownership';
import { traceGraphPii } from './entities/pii';
import { assignEntityRefs } from './entities/refs';
import { statementToComponent } from './entities/statementEntity';
import { clusterToSystem } from './entities/systemEntity';
import { tableToResource } from './entities/tableEntity';
import { topicToApi } from './entities/topicEntity';

/** Options of {@link buildEntities}. */
export interface BuildEntitiesOptions {
  defaultOwner: string;
  ownership: OwnershipRule[];
  lifecycle: string;
  piiTags: string[];
  links: ConfluentConsoleLinks;
  logger: LoggerService;
}

/**
 * Builds the catalog entities of the given environments (in config order):
 * a System per cluster, then topics, statements, connectors and tables.
 */
export function buildEntities(
  environments: EnvironmentSnapshot[],
  options: BuildEntitiesOptions,
): Entity[] {
  const graph = buildFlowGraph(environments);
  const refs = assignEntityRefs(graph);
  resolveOwners(graph, refs, options);
  const context: TransformContext = {
    graph,
    refs,
    pii: traceGraphPii(graph, refs, { piiTags: options.piiTags }),
    owners: createOwnerRules(options),
    lifecycle: options.lifecycle,
    links: options.links,
  };
  return [
    ...environments.flatMap(env =>
      env.clusters.map(cluster => clusterToSystem(context, env, cluster)),
    ),
    ...[...graph.topics.values()].map(n => topicToApi(context, n)),
    ...[...graph.statements.values()].map(n =>
      statementToComponent(context, n),
    ),
    ...[...graph.connectors.values()].map(n =>
      connectorToComponent(context, n),
    ),
    ...[...graph.tables.values()].map(n => tableToResource(context, n)),
  ];
}

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
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_DATABASE_TABLE,
  ENTITY_TYPE_FLINK_STATEMENT,
  ENTITY_TYPE_KAFKA_TOPIC,
  LINEAGE_GRAPH_DEFAULT_DEPTH,
  LINEAGE_GRAPH_MAX_DEPTH,
  LineageSearchResponse,
} from '@shiftleft/plugin-confluent-common';
import { Router } from 'express';
import { z } from 'zod';
import { entityParams, parse, refPart } from './request';
import {
  buildLineageGraph,
  LINEAGE_ENTITY_FIELDS,
  lineageGraphOfEntities,
} from './service/lineageGraph';
import { searchLineage } from './service/lineageSearch';
import { toOpenLineageEvents } from './service/openLineage';

/** Options of {@link addLineageRoutes}. */
export interface LineageRoutesOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
}

const depth = z
  .union([
    z.literal('all').transform(() => LINEAGE_GRAPH_MAX_DEPTH),
    z.coerce.number().int().min(0).max(LINEAGE_GRAPH_MAX_DEPTH),
  ])
  .optional();
const graphQuery = z.object({ depth, upstream: depth, downstream: depth });
const exportQuery = z.object({
  entity: z.string().max(800).optional(),
  environment: refPart.optional(),
  depth,
});
const searchQuery = z.object({
  q: z.string().max(200).default(''),
  owner: z.string().max(800).optional(),
  pii: z.enum(['true', 'false']).optional(),
});

/** The suite's entity types: the only ones with lineage. */
const SUITE_TYPES = [
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_KAFKA_TOPIC,
  ENTITY_TYPE_DATABASE_TABLE,
  ENTITY_TYPE_FLINK_STATEMENT,
  ENTITY_TYPE_CONNECTOR,
];

/**
 * The lineage routes. Every catalog read carries the caller's credentials,
 * so the catalog's own read permission decides what each caller sees:
 *
 * - `GET /entities/:kind/:namespace/:name/lineage?depth=2` (or `upstream`,
 *   `downstream`; a number up to 25, or `all`): the column lineage graph;
 * - `GET /lineage/openlineage?entity=<ref>&depth=…` or
 *   `?environment=<env-id>` (or neither, for everything readable): the
 *   graph as OpenLineage run events;
 * - `GET /lineage/search?q=customers.email&owner=…&pii=true`: entities and
 *   columns for the Data lineage page.
 */
export function addLineageRoutes(
  router: Router,
  options: LineageRoutesOptions,
) {
  const { httpAuth, catalog } = options;

  router.get('/entities/:kind/:namespace/:name/lineage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const ref = stringifyEntityRef(parse(entityParams, req.params));
    const query = parse(graphQuery, req.query);
    const root = await catalog.getEntityByRef(ref, { credentials });
    if (!root) {
      throw new NotFoundError(`No entity ${ref}`);
    }
    res.json(
      await buildLineageGraph({
        catalog,
        credentials,
        root,
        upstream: query.upstream ?? query.depth ?? LINEAGE_GRAPH_DEFAULT_DEPTH,
        downstream:
          query.downstream ?? query.depth ?? LINEAGE_GRAPH_DEFAULT_DEPTH,
      }),
    );
  });

  router.get('/lineage/openlineage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(exportQuery, req.query);
    let graph;
    let environment = query.environment;
    if (query.entity) {
      let ref: string;
      try {
        ref = stringifyEntityRef(parseEntityRef(query.entity));
      } catch {
        throw new NotFoundError(`No entity ${query.entity}`);
      }
      const root = await catalog.getEntityByRef(ref, { credentials });
      if (!root) {
        throw new NotFoundError(`No entity ${ref}`);
      }
      environment ??=
        root.metadata.annotations?.[ANNOTATION_CONFLUENT_ENVIRONMENT_ID];
      const hops = query.depth ?? LINEAGE_GRAPH_MAX_DEPTH;
      graph = await buildLineageGraph({
        catalog,
        credentials,
        root,
        upstream: hops,
        downstream: hops,
      });
    } else {
      const { items } = await catalog.getEntities(
        {
          filter: {
            'spec.type': SUITE_TYPES,
            ...(query.environment
              ? {
                  [`metadata.annotations.${ANNOTATION_CONFLUENT_ENVIRONMENT_ID}`]:
                    query.environment,
                }
              : {}),
          },
          fields: LINEAGE_ENTITY_FIELDS,
        },
        { credentials },
      );
      graph = lineageGraphOfEntities(items);
    }
    res.json(
      toOpenLineageEvents(graph, {
        jobNamespace: `confluent://${environment ?? 'default'}`,
      }),
    );
  });

  router.get('/lineage/search', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(searchQuery, req.query);
    const { items } = await catalog.getEntities(
      {
        filter: {
          'spec.type': [
            ENTITY_TYPE_DATA_PRODUCT,
            ENTITY_TYPE_KAFKA_TOPIC,
            ENTITY_TYPE_DATABASE_TABLE,
          ],
        },
        fields: LINEAGE_ENTITY_FIELDS,
      },
      { credentials },
    );
    const body: LineageSearchResponse = searchLineage(items, {
      query: query.q,
      owner: query.owner,
      piiOnly: query.pii === 'true',
    });
    res.json(body);
  });
}

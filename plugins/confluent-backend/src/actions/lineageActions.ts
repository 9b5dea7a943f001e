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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  confluentActionsReadPermission,
  LINEAGE_GRAPH_DEFAULT_DEPTH,
  LINEAGE_GRAPH_MAX_DEPTH,
  LineageColumnHop,
  LineageGraphResponse,
  lineageDownstream,
  lineageImpact,
  lineageUpstream,
} from '@shiftleft/plugin-confluent-common';
import { buildLineageGraph } from '../service/lineageGraph';
import { entityRefInput, normalizeEntityRef } from './inputs';

/** Options of {@link registerLineageActions}. */
export interface LineageActionsOptions {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}

const hopOutput = (z: any) =>
  z.object({
    entityRef: z
      .string()
      .describe('"restricted" when the caller may not read it'),
    column: z.string().optional(),
    expression: z.string().optional(),
    via: z
      .string()
      .optional()
      .describe('The statement or connector of the hop'),
    direct: z.boolean().optional().describe('Copied unchanged'),
  });

/** A walk's hops in the words of catalog refs rather than graph ids. */
function describeHops(graph: LineageGraphResponse, hops: LineageColumnHop[]) {
  const refOf = new Map(graph.nodes.map(n => [n.id, n.entityRef]));
  return hops.map(({ node, column, edge }) => ({
    entityRef: refOf.get(node) ?? 'restricted',
    ...(column ? { column } : {}),
    ...(edge?.expression ? { expression: edge.expression } : {}),
    ...(edge?.via ? { via: refOf.get(edge.via) ?? 'restricted' } : {}),
    ...(edge?.direct !== undefined ? { direct: edge.direct } : {}),
  }));
}

/** The lineage graph around an entity, read with the caller's credentials. */
async function graphOf(
  catalog: CatalogService,
  entityRef: string,
  depth: number,
  credentials: BackstageCredentials,
) {
  const root = await catalog.getEntityByRef(entityRef, { credentials });
  if (!root) {
    throw new NotFoundError(`No entity ${entityRef}`);
  }
  return buildLineageGraph({
    catalog,
    credentials,
    root,
    upstream: depth,
    downstream: depth,
  });
}

const depthInput = (z: any, fallback: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(LINEAGE_GRAPH_MAX_DEPTH)
    .default(fallback)
    .describe('Dataset hops to follow each way');

/**
 * Registers the lineage actions: the column lineage of an entity or a
 * column, and the downstream impact of changing a column. Both read the
 * catalog with the caller's credentials, so the catalog's read permission
 * decides what an agent sees, exactly as on the Lineage tab.
 */
export function registerLineageActions(options: LineageActionsOptions) {
  registerGetLineageAction(options);
  registerGetColumnImpactAction(options);
}

/** `get-lineage`: an entity's lineage, or a column's upstream and downstream. */
function registerGetLineageAction({
  actionsRegistry,
  catalog,
}: LineageActionsOptions) {
  actionsRegistry.register({
    name: 'get-lineage',
    title: 'Get the lineage of a data product or column',
    description:
      'Returns where a data product, topic or table comes from and what it feeds. With a column, returns every column upstream (what it is computed from, with the expression and the statement or connector of each hop) and downstream (everything that reads it).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          column: z.string().max(200).optional(),
          depth: depthInput(z, LINEAGE_GRAPH_DEFAULT_DEPTH),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          entities: z.array(
            z.object({
              entityRef: z.string(),
              type: z.string().optional(),
              owner: z.string().optional(),
              depth: z
                .number()
                .describe('Negative upstream, positive downstream'),
              columns: z.array(z.string()),
            }),
          ),
          upstream: z.array(hopOutput(z)).optional(),
          downstream: z.array(hopOutput(z)).optional(),
        }),
    },
    examples: [
      {
        title: 'Where product_sales.total_amount comes from and goes',
        input: {
          entityRef: 'api:default/product_sales',
          column: 'total_amount',
          depth: 2,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = normalizeEntityRef(input.entityRef);
      const graph = await graphOf(catalog, entityRef, input.depth, credentials);
      const entities = graph.nodes.map(n => ({
        entityRef: n.entityRef ?? 'restricted',
        ...(n.type ? { type: n.type } : {}),
        ...(n.owner ? { owner: n.owner } : {}),
        depth: n.depth,
        columns: n.columns.map(c => c.name),
      }));
      if (!input.column) {
        return { output: { entityRef, entities } };
      }
      const start = { node: graph.root, column: input.column };
      return {
        output: {
          entityRef,
          entities,
          upstream: describeHops(graph, lineageUpstream(graph, start)),
          downstream: describeHops(graph, lineageDownstream(graph, start)),
        },
      };
    },
  });
}

/** `get-column-impact`: everything downstream of a column, with owners. */
function registerGetColumnImpactAction({
  actionsRegistry,
  catalog,
}: LineageActionsOptions) {
  actionsRegistry.register({
    name: 'get-column-impact',
    title: 'Impact of changing a column',
    description:
      'Lists every data product, topic, sink connector and warehouse table downstream of a column (or of every column of an entity), with owners, so a change can be agreed with the teams it affects.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          column: z.string().max(200).optional(),
          depth: depthInput(z, LINEAGE_GRAPH_MAX_DEPTH),
        }),
      output: z =>
        z.object({
          impact: z.array(
            z.object({
              entityRef: z.string(),
              type: z.string(),
              owner: z.string(),
              column: z.string(),
              direct: z.boolean(),
              expression: z.string(),
              via: z.string(),
              hops: z.number(),
              sinkTable: z.boolean(),
            }),
          ),
          restricted: z
            .number()
            .describe(
              'Entities downstream that the caller may not read: their columns and owners are not listed',
            ),
        }),
    },
    examples: [
      {
        title: 'Who reads enriched_customers.customername',
        input: {
          entityRef: 'api:default/enriched_customers',
          column: 'customername',
          depth: 25,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const graph = await graphOf(
        catalog,
        normalizeEntityRef(input.entityRef),
        input.depth,
        credentials,
      );
      const rows = lineageImpact(graph, {
        node: graph.root,
        column: input.column,
      });
      return {
        output: {
          impact: rows.map(({ title: _title, ...row }) => row),
          restricted: graph.nodes.filter(
            n => n.kind === 'restricted' && n.depth > 0,
          ).length,
        },
      };
    },
  });
}

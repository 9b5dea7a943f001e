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
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_FED_BY,
  RELATION_FEEDS,
} from '@shiftleft/plugin-confluent-common';

/**
 * The catalog graph, taught the suite's data-flow relations: `feeds` and its
 * reverse `fedBy` (written by the Confluent catalog module) become known
 * relations and a relation pair, so the graph page lists them in its
 * relation filter, labels their edges and merges each pair into one edge
 * drawn in the direction the data flows.
 */
export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    // Replaces the plugin's own `api:catalog-graph`.
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [
                ...ALL_RELATIONS,
                RELATION_FEEDS,
                RELATION_FED_BY,
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                [RELATION_FEEDS, RELATION_FED_BY],
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});

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
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { confluentApiRef } from './api/ConfluentApi';
import { ConfluentApiClient } from './api/ConfluentApiClient';
import type { StatementStatusCardProps } from './components/StatementStatusCard/StatementStatusCard';
import type { ConnectorStatusCardProps } from './components/ConnectorStatusCard/ConnectorStatusCard';
import type { SchemaCardProps } from './components/SchemaCard/SchemaCard';
import type { DriftCardProps } from './components/DriftCard/DriftCard';
import type { VersionHistoryCardProps } from './components/VersionHistoryCard/VersionHistoryCard';
import type { MaterializedTableCardProps } from './components/MaterializedTableCard/MaterializedTableCard';

/**
 * The route of the Data lineage page (legacy frontend system).
 * @public
 */
export const confluentLineageRouteRef = createRouteRef({
  id: 'confluent:lineage',
});

/**
 * The Confluent plugin for the legacy frontend system.
 * @public
 */
export const confluentPlugin = createPlugin({
  id: 'confluent',
  routes: { lineage: confluentLineageRouteRef },
  apis: [
    createApiFactory({
      api: confluentApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ConfluentApiClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The live status of the Flink statement(s) behind an entity. Show it where
 * `isConfluentStatementAvailable` holds.
 * @public
 */
export const EntityConfluentStatementStatusCard: (
  props: StatementStatusCardProps,
) => JSX.Element = confluentPlugin.provide(
  createComponentExtension({
    name: 'EntityConfluentStatementStatusCard',
    component: {
      lazy: () =>
        import('./components/StatementStatusCard').then(
          m => m.StatementStatusCard,
        ),
    },
  }),
);

/**
 * The Flink materialized table behind a data product: its current version,
 * query and version history. Show it where
 * `isConfluentMaterializedTableAvailable` holds.
 * @public
 */
export const EntityConfluentMaterializedTableCard: (
  props: MaterializedTableCardProps,
) => JSX.Element = confluentPlugin.provide(
  createComponentExtension({
    name: 'EntityConfluentMaterializedTableCard',
    component: {
      lazy: () =>
        import('./components/MaterializedTableCard').then(
          m => m.MaterializedTableCard,
        ),
    },
  }),
);

/**
 * The live status of the connector(s) behind an entity. Show it where
 * `isConfluentConnectorAvailable` holds.
 * @public
 */
export const EntityConfluentConnectorStatusCard: (
  props: ConnectorStatusCardProps,
) => JSX.Element = confluentPlugin.provide(
  createComponentExtension({
    name: 'EntityConfluentConnectorStatusCard',
    component: {
      lazy: () =>
        import('./components/ConnectorStatusCard').then(
          m => m.ConnectorStatusCard,
        ),
    },
  }),
);

/**
 * The schema of an entity's topic with masked and PII fields explained.
 * Show it where `isConfluentSchemaAvailable` holds.
 * @public
 */
export const EntityConfluentSchemaCard: (
  props: SchemaCardProps,
) => JSX.Element = confluentPlugin.provide(
  createComponentExtension({
    name: 'EntityConfluentSchemaCard',
    component: {
      lazy: () => import('./components/SchemaCard').then(m => m.SchemaCard),
    },
  }),
);

/**
 * How the entity's statements and connectors differ from what the portal
 * declared when it created them. Show it where `isConfluentDriftAvailable`
 * holds.
 * @public
 */
export const EntityConfluentDriftCard: (props: DriftCardProps) => JSX.Element =
  confluentPlugin.provide(
    createComponentExtension({
      name: 'EntityConfluentDriftCard',
      component: {
        lazy: () => import('./components/DriftCard').then(m => m.DriftCard),
      },
    }),
  );

/**
 * The versions of a data product, newest first, each with its SQL diff
 * against the one before: the chain of statements of a blue/green change,
 * or a materialized table's versions. Show it where
 * `isConfluentVersionHistoryAvailable` holds.
 * @public
 */
export const EntityConfluentVersionHistoryCard: (
  props: VersionHistoryCardProps,
) => JSX.Element = confluentPlugin.provide(
  createComponentExtension({
    name: 'EntityConfluentVersionHistoryCard',
    component: {
      lazy: () =>
        import('./components/VersionHistoryCard').then(
          m => m.VersionHistoryCard,
        ),
    },
  }),
);

/**
 * The Lineage tab: the entity's column lineage graph. Mount it at
 * `/lineage` in the entity page where `isConfluentLineageAvailable` holds.
 * @public
 */
export const EntityConfluentLineageContent: () => JSX.Element =
  confluentPlugin.provide(
    createComponentExtension({
      name: 'EntityConfluentLineageContent',
      component: {
        lazy: () =>
          import('./components/Lineage').then(m => m.EntityLineageContent),
      },
    }),
  );

/**
 * The Data lineage page: search an entity or a column and follow its
 * lineage. Mount it at a route of its own, e.g. `/data-lineage`.
 * @public
 */
export const ConfluentLineagePage: () => JSX.Element = confluentPlugin.provide(
  createRoutableExtension({
    name: 'ConfluentLineagePage',
    component: () =>
      import('./components/LineagePage').then(m => m.LineagePage),
    mountPoint: confluentLineageRouteRef,
  }),
);

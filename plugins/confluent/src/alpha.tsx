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
import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { z } from 'zod';
import { confluentApiRef } from './api/ConfluentApi';
import { ConfluentApiClient } from './api/ConfluentApiClient';
import {
  isConfluentConnectorAvailable,
  isConfluentDriftAvailable,
  isConfluentLineageAvailable,
  isConfluentMaterializedTableAvailable,
  isConfluentSchemaAvailable,
  isConfluentStatementAvailable,
  isConfluentVersionHistoryAvailable,
} from './conditions';
import {
  CONNECTOR_CARD_SECTIONS,
  DRIFT_CARD_SECTIONS,
  HISTORY_CARD_SECTIONS,
  MATERIALIZED_TABLE_CARD_SECTIONS,
  SCHEMA_CARD_SECTIONS,
  STATEMENT_CARD_SECTIONS,
} from './components/sections';

export { confluentTranslationRef } from './translation';

/** The `sections` config of a card: which of its parts to show. */
const sectionsSchema = <S extends string>(all: readonly [S, ...S[]]) =>
  z
    .array(z.enum(all))
    .optional()
    .describe('The sections to show, in any order. Default: all of them.');

/**
 * The Confluent API, for the new frontend system.
 * @alpha
 */
export const confluentApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: confluentApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ConfluentApiClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-card:confluent/statement-status`: live Flink statement health, on
 * entities with a `confluent.io/statement-name` annotation. Config:
 * `sections` (`status`, `details`, `exceptions`, `actions`).
 * @alpha
 */
export const confluentStatementStatusCard =
  EntityCardBlueprint.makeWithOverrides({
    name: 'statement-status',
    configSchema: {
      sections: sectionsSchema(STATEMENT_CARD_SECTIONS),
    },
    factory(originalFactory, { config }) {
      return originalFactory({
        filter: isConfluentStatementAvailable,
        loader: () =>
          import('./components/StatementStatusCard').then(m =>
            compatWrapper(<m.StatementStatusCard sections={config.sections} />),
          ),
      });
    },
  });

/**
 * `entity-card:confluent/connector-status`: live connector health, on
 * entities with a `confluent.io/connector-name` annotation. Config:
 * `sections` (`status`, `tasks`, `link`).
 * @alpha
 */
export const confluentConnectorStatusCard =
  EntityCardBlueprint.makeWithOverrides({
    name: 'connector-status',
    configSchema: {
      sections: sectionsSchema(CONNECTOR_CARD_SECTIONS),
    },
    factory(originalFactory, { config }) {
      return originalFactory({
        filter: isConfluentConnectorAvailable,
        loader: () =>
          import('./components/ConnectorStatusCard').then(m =>
            compatWrapper(<m.ConnectorStatusCard sections={config.sections} />),
          ),
      });
    },
  });

/**
 * `entity-card:confluent/schema`: the topic schema with masked and PII
 * fields, on entities with a `confluent.io/topic` or
 * `confluent.io/schema-subject` annotation. Config: `sections` (`summary`,
 * `fields`, `link`) and `piiOnly`.
 * @alpha
 */
export const confluentSchemaCard = EntityCardBlueprint.makeWithOverrides({
  name: 'schema',
  configSchema: {
    sections: sectionsSchema(SCHEMA_CARD_SECTIONS),
    piiOnly: z
      .boolean()
      .optional()
      .describe('Start with the "PII only" filter on. Default: false.'),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: isConfluentSchemaAvailable,
      loader: () =>
        import('./components/SchemaCard').then(m =>
          compatWrapper(
            <m.SchemaCard
              sections={config.sections}
              piiOnly={config.piiOnly}
            />,
          ),
        ),
    });
  },
});

/**
 * `entity-card:confluent/drift`: how the entity's statements and connectors
 * differ from what the portal declared, on entities with a
 * `confluent.io/statement-name` or `confluent.io/connector-name` annotation.
 * Config: `sections` (`summary`, `drifted`, `inSync`, `undeclared`).
 * @alpha
 */
export const confluentDriftCard = EntityCardBlueprint.makeWithOverrides({
  name: 'drift',
  configSchema: {
    sections: sectionsSchema(DRIFT_CARD_SECTIONS),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: isConfluentDriftAvailable,
      loader: () =>
        import('./components/DriftCard').then(m =>
          compatWrapper(<m.DriftCard sections={config.sections} />),
        ),
    });
  },
});

/**
 * `entity-card:confluent/materialized-table`: a Flink materialized table's
 * current version, query and version history, on the data products the
 * provider marks as materialized tables. Config: `sections` (`status`,
 * `query`, `versions`).
 * @alpha
 */
export const confluentMaterializedTableCard =
  EntityCardBlueprint.makeWithOverrides({
    name: 'materialized-table',
    configSchema: {
      sections: sectionsSchema(MATERIALIZED_TABLE_CARD_SECTIONS),
    },
    factory(originalFactory, { config }) {
      return originalFactory({
        filter: isConfluentMaterializedTableAvailable,
        loader: () =>
          import('./components/MaterializedTableCard').then(m =>
            compatWrapper(
              <m.MaterializedTableCard sections={config.sections} />,
            ),
          ),
      });
    },
  });

/**
 * `entity-card:confluent/version-history`: a data product's versions with
 * their SQL diffs (the chain of statements of a blue/green change, or a
 * materialized table's versions), on entities with a
 * `confluent.io/statement-name` annotation or a materialized table.
 * Config: `sections` (`summary`, `details`, `sql`, `link`).
 * @alpha
 */
export const confluentVersionHistoryCard =
  EntityCardBlueprint.makeWithOverrides({
    name: 'version-history',
    configSchema: {
      sections: sectionsSchema(HISTORY_CARD_SECTIONS),
    },
    factory(originalFactory, { config }) {
      return originalFactory({
        filter: isConfluentVersionHistoryAvailable,
        loader: () =>
          import('./components/VersionHistoryCard').then(m =>
            compatWrapper(<m.VersionHistoryCard sections={config.sections} />),
          ),
      });
    },
  });

/**
 * `entity-content:confluent/lineage`: the Lineage tab at
 * `/catalog/:namespace/:kind/:name/lineage`, on every entity the suite
 * creates.
 * @alpha
 */
export const confluentLineageEntityContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: '/lineage',
    title: 'Lineage',
    filter: isConfluentLineageAvailable,
    loader: () =>
      import('./components/Lineage').then(m =>
        compatWrapper(<m.EntityLineageContent />),
      ),
  },
});

/**
 * The route of the Data lineage page (new frontend system).
 * @alpha
 */
export const confluentLineagePageRouteRef = createRouteRef();

/**
 * `page:confluent/lineage`: the Data lineage page at `/data-lineage`, with
 * its sidebar entry.
 * @alpha
 */
export const confluentLineagePage = PageBlueprint.make({
  name: 'lineage',
  params: {
    path: '/data-lineage',
    title: 'Data lineage',
    icon: <AccountTreeIcon />,
    routeRef: confluentLineagePageRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/LineagePage').then(m =>
        compatWrapper(<m.LineagePage />),
      ),
  },
});

/**
 * `scaffolder-form-field:confluent/plan-review`: the ConfluentPlanReview
 * field, the plan review of the streaming data product template.
 * @alpha
 */
export const confluentPlanReviewField = FormFieldBlueprint.make({
  name: 'plan-review',
  params: {
    field: () =>
      import('./scaffolder/formField').then(
        m => m.confluentPlanReviewFormField,
      ),
  },
});

/**
 * `scaffolder-form-field:confluent/flink-sql-editor`: the FlinkSqlEditor
 * field, a Flink SQL editor validated as you type.
 * @alpha
 */
export const confluentFlinkSqlEditorField = FormFieldBlueprint.make({
  name: 'flink-sql-editor',
  params: {
    field: () =>
      import('./scaffolder/formField').then(m => m.flinkSqlEditorFormField),
  },
});

/**
 * `scaffolder-form-field:confluent/sink-destination`: the
 * ConfluentSinkDestination field, a picker of the configured sink
 * destinations.
 * @alpha
 */
export const confluentSinkDestinationField = FormFieldBlueprint.make({
  name: 'sink-destination',
  params: {
    field: () =>
      import('./scaffolder/formField').then(m => m.sinkDestinationFormField),
  },
});

/**
 * `scaffolder-form-field:confluent/change-plan-review`: the
 * ConfluentChangePlanReview field, the review of the "Change a data
 * product" template.
 * @alpha
 */
export const confluentChangePlanReviewField = FormFieldBlueprint.make({
  name: 'change-plan-review',
  params: {
    field: () =>
      import('./scaffolder/formField').then(
        m => m.confluentChangePlanReviewFormField,
      ),
  },
});

/**
 * The Confluent plugin for the new frontend system: the API and the entity
 * cards.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'confluent',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    confluentApi,
    confluentStatementStatusCard,
    confluentConnectorStatusCard,
    confluentSchemaCard,
    confluentDriftCard,
    confluentMaterializedTableCard,
    confluentVersionHistoryCard,
    confluentLineageEntityContent,
    confluentLineagePage,
    confluentPlanReviewField,
    confluentFlinkSqlEditorField,
    confluentSinkDestinationField,
    confluentChangePlanReviewField,
  ],
  routes: { lineage: confluentLineagePageRouteRef },
});

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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  confluentActionsReadPermission,
  confluentSchemaReadPermission,
  readDataProductLineage,
  RELATION_FEEDS,
} from '@shiftleft/plugin-confluent-common';
import { EntityAccess } from '../service/entityAccess';
import { entityRefInput, normalizeEntityRef } from './inputs';

/** Options of {@link registerPiiActions}. */
export interface PiiActionsOptions {
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  catalog: CatalogService;
}

/**
 * The datasets whose PII findings answer for `entity`: its own, or, for a
 * statement or connector (which hold no data), those of what it writes.
 */
async function datasetsOf(
  entity: Entity,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  if (readDataProductLineage(entity)) {
    return [entity];
  }
  const written = (entity.relations ?? [])
    .filter(r => r.type === RELATION_FEEDS)
    .map(r => r.targetRef);
  if (written.length === 0) {
    return [];
  }
  // Read with the caller's credentials: what they may not read stays out.
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: written },
    { credentials },
  );
  return items.filter((e): e is Entity => !!e);
}

/**
 * Registers `explain-pii-flow`: which columns of a data product, table or
 * sink carry personal data, whether masked, and the chain that proves it
 * (the same provenance the schema card shows).
 */
export function registerPiiActions(options: PiiActionsOptions) {
  const { actionsRegistry, access, catalog } = options;
  actionsRegistry.register({
    name: 'explain-pii-flow',
    title: 'Explain the PII flow into a data product or sink',
    description:
      'Lists the columns of a data product, topic, database table or sink connector that carry personal data (PII), whether each is masked, unmasked or derived from PII, and the chain of connectors and statements that brought it there, origin first. Values are never read.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsReadPermission,
    schema: {
      input: z => z.object({ entityRef: entityRefInput(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          findings: z.array(
            z.object({
              entityRef: z.string(),
              column: z.string(),
              field: z.string().optional(),
              status: z.string().describe('pii, masked or derived'),
              replacement: z.string().optional(),
              origins: z.array(z.string()),
              chain: z.array(z.string()).describe('One sentence per step'),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'PII reaching the Postgres sink table',
        input: { entityRef: 'api:default/enriched_customers' },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = normalizeEntityRef(input.entityRef);
      const entity = await access.authorizedEntity(
        entityRef,
        confluentSchemaReadPermission,
        credentials,
      );
      const datasets = await datasetsOf(entity, catalog, credentials);
      const findings = datasets.flatMap(dataset =>
        (readDataProductLineage(dataset)?.pii ?? []).map(f => ({
          entityRef: stringifyEntityRef(dataset),
          column: f.column,
          ...(f.field ? { field: f.field } : {}),
          status: f.status,
          ...(f.replacement !== undefined
            ? { replacement: f.replacement }
            : {}),
          origins: f.origins.map(
            o => `${o.entityRef}.${o.column}${o.field ? `.${o.field}` : ''}`,
          ),
          chain: f.chain.map(step => step.detail),
        })),
      );
      return { output: { entityRef, findings } };
    },
  });
}

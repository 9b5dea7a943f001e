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
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  confluentActionsReadPermission,
  confluentStatusReadPermission,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { DriftService } from '../service/DriftService';
import { EntityAccess } from '../service/entityAccess';
import { EntityResourceGuard } from '../service/resourceGuard';
import { entityRefInput, normalizeEntityRef } from './inputs';

/** Options of {@link registerDriftActions}. */
export interface DriftActionsOptions {
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  client: ConfluentClient;
  drift: DriftService;
}

/**
 * Registers `get-drift`: how the statements and connectors behind an entity
 * differ from what the portal declared when it created them. Read-only, the
 * same permission and resource rules as the Drift card's route.
 */
export function registerDriftActions(options: DriftActionsOptions) {
  const { actionsRegistry, access, client, drift } = options;
  const guard = new EntityResourceGuard({ client });

  actionsRegistry.register({
    name: 'get-drift',
    title: 'Get drift from the declared data product',
    description:
      'Lists how the Flink statements and managed connectors behind a catalog entity differ from what the portal declared when it created them: an SMT removed from a connector, a config key or statement property changed, a statement replaced or deleted outside the portal. Resources the portal did not create are listed with declared: false. Never returns secrets.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsReadPermission,
    schema: {
      input: z => z.object({ entityRef: entityRefInput(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          checkedAt: z.string().describe('When the live state was read'),
          resources: z.array(
            z.object({
              kind: z.enum(['statement', 'connector']),
              name: z.string(),
              declared: z
                .boolean()
                .describe('Whether the portal created it (and so declared it)'),
              drifted: z.boolean(),
              differences: z.array(
                z.object({
                  change: z
                    .string()
                    .describe(
                      'missing, replaced, sql-changed, smt-removed, smt-added, added, removed or changed',
                    ),
                  key: z.string().optional(),
                  declared: z.string().optional(),
                  live: z.string().optional(),
                  message: z.string(),
                }),
              ),
              declaredAt: z.string().optional(),
              declaredBy: z.string().optional(),
              changedAt: z
                .string()
                .optional()
                .describe('When Confluent says the resource last changed'),
              changedBy: z.string().optional(),
              consoleUrl: z.string().optional(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'Has the CDC source behind customers drifted?',
        input: { entityRef: 'component:default/shiftleft-customers-cdc' },
      },
    ],
    action: async ({ input, credentials }) => {
      const entity = await access.authorizedEntity(
        normalizeEntityRef(input.entityRef),
        confluentStatusReadPermission,
        credentials,
      );
      await guard.checkStatementsAndConnectors(entity);
      return { output: await drift.entityDrift(entity) };
    },
  });
}

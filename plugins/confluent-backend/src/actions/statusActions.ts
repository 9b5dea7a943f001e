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
  confluentActionsManagePermission,
  confluentActionsReadPermission,
  confluentStatusReadPermission,
  ConfluentStatementStatus,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { EntityAccess } from '../service/entityAccess';
import { connectorTargets, statementTargets } from '../service/entityTargets';
import { setOwnedStatementStopped } from '../service/statementControl';
import { EntityResourceGuard } from '../service/resourceGuard';
import { StatusService } from '../service/StatusService';
import { entityRefInput, normalizeEntityRef } from './inputs';

/** Options of {@link registerStatusActions}. */
export interface StatusActionsOptions {
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  client: ConfluentClient;
  status: StatusService;
}

/** What an agent needs of a statement's status: no SQL, no properties. */
function statementSummary(s: ConfluentStatementStatus) {
  return {
    name: s.name,
    environmentId: s.environmentId,
    phase: s.statement?.phase,
    stopped: s.statement?.stopped,
    detail: s.statement?.detail,
    stale: s.stale,
    error: s.error?.message,
    consoleUrl: s.consoleUrl,
  };
}

/**
 * Registers the status actions: read the live status of an entity's Flink
 * statements and connectors, and stop or resume a statement (owners only,
 * the same rule as the entity page's buttons).
 */
export function registerStatusActions(options: StatusActionsOptions) {
  const { actionsRegistry, access, client, status } = options;
  // Annotations are whatever the entity's author wrote (issue 18.3).
  const guard = new EntityResourceGuard({ client });

  const statementOutput = (z: any) =>
    z.object({
      name: z.string(),
      environmentId: z.string(),
      phase: z
        .string()
        .optional()
        .describe(
          'PENDING, RUNNING, COMPLETED, DELETING, FAILING, FAILED, STOPPED',
        ),
      stopped: z.boolean().optional(),
      detail: z.string().optional(),
      stale: z
        .boolean()
        .describe(
          'True when Confluent could not be read and this is the last known state',
        ),
      error: z.string().optional(),
      consoleUrl: z.string(),
    });

  actionsRegistry.register({
    name: 'get-statement-status',
    title: 'Get Flink statement and connector status',
    description:
      'Returns the live status of the Flink statements and managed connectors behind a catalog entity (a data product or topic API, a statement or connector Component).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsReadPermission,
    schema: {
      input: z => z.object({ entityRef: entityRefInput(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          statements: z.array(statementOutput(z)),
          connectors: z.array(
            z.object({
              name: z.string(),
              state: z.string().optional(),
              tasks: z.array(z.string()).optional(),
              stale: z.boolean(),
              error: z.string().optional(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: "The status of enriched_customers' statement",
        input: { entityRef: 'api:default/enriched_customers' },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = normalizeEntityRef(input.entityRef);
      const entity = await access.authorizedEntity(
        entityRef,
        confluentStatusReadPermission,
        credentials,
      );
      const statementsOf = statementTargets(entity, client.environments);
      const connectorsOf = connectorTargets(entity, client.environments);
      await guard.checkStatements(entity, statementsOf);
      await guard.checkConnectors(entity, connectorsOf);
      const [statements, connectors] = await Promise.all([
        // A one-time read: an agent keeps no page open to push to.
        Promise.all(statementsOf.map(t => status.readStatement(t))),
        Promise.all(connectorsOf.map(t => status.readConnector(t))),
      ]);
      return {
        output: {
          entityRef,
          statements: statements.map(statementSummary),
          connectors: connectors.map(c => ({
            name: c.name,
            state: c.connector?.state,
            tasks: c.connector?.tasks.map(t => `${t.id}: ${t.state}`),
            stale: c.stale,
            error: c.error?.message,
          })),
        },
      };
    },
  });

  for (const action of ['stop', 'resume'] as const) {
    actionsRegistry.register({
      name: `${action}-statement`,
      title: `${action === 'stop' ? 'Stop' : 'Resume'} a Flink statement`,
      description: `${
        action === 'stop' ? 'Stops' : 'Resumes'
      } one of the Flink statements behind a catalog entity. Only members of the entity's owning team may do this.`,
      attributes: {
        readOnly: false,
        idempotent: true,
        destructive: action === 'stop',
      },
      visibilityPermission: confluentActionsManagePermission,
      schema: {
        input: z =>
          z.object({
            entityRef: entityRefInput(z),
            statement: z
              .string()
              .max(100)
              .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/)
              .describe('The statement name, as get-statement-status lists it'),
          }),
        output: z => z.object({ statement: statementOutput(z) }),
      },
      examples: [
        {
          title: `${action} the enriched_customers statement`,
          input: {
            entityRef: 'api:default/enriched_customers',
            statement: 'enriched-customer-materializer',
          },
        },
      ],
      action: async ({ input, credentials }) => {
        const result = await setOwnedStatementStopped(
          { access, client, status },
          {
            entityRef: normalizeEntityRef(input.entityRef),
            statement: input.statement,
            stopped: action === 'stop',
            credentials,
          },
        );
        return { output: { statement: statementSummary(result) } };
      },
    });
  }
}

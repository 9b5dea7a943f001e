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
import { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  confluentActionsManagePermission,
  confluentActionsReadPermission,
} from '@shiftleft/plugin-confluent-common';
import { CHANGE_START_MODES, planChange } from '../lib/change/plan';
import { ConfluentActionOptions } from '../lib/target';
import { applyChange, refusal } from './dataProductChange';
import { createRegistryCaller } from './registryCaller';

/** Options of {@link registerChangeActions}. */
export interface ChangeRegistryActionsOptions extends ConfluentActionOptions {
  actionsRegistry: ActionsRegistryService;
  userInfo: UserInfoService;
  logger: LoggerService;
}

/**
 * Registers the change plan and the change with the actions registry, so
 * agents reach them as MCP tools: under the caller's identity, with the
 * template actions' owner rules (only the product's team may change it)
 * and their refusal to break other teams' products unconfirmed.
 */
export function registerChangeActions(options: ChangeRegistryActionsOptions) {
  const { actionsRegistry, userInfo, logger } = options;

  const callerOf = createRegistryCaller({ userInfo, logger });

  const input = (z: any) =>
    z.object({
      product: z
        .string()
        .min(3)
        .max(600)
        .describe(
          'The data product’s catalog ref, e.g. api:default/enriched_customers',
        ),
      sql: z
        .string()
        .min(1)
        .max(64 * 1024)
        .describe('The product’s new Flink SQL'),
      startMode: z
        .enum(CHANGE_START_MODES)
        .optional()
        .describe('START_MODE of a materialized table'),
      confirmBreakingChange: z
        .boolean()
        .optional()
        .describe(
          'Go ahead although other teams read removed or retyped columns',
        ),
    });
  const planOutput = (z: any) =>
    z.object({
      ready: z.boolean(),
      plan: z
        .record(z.unknown())
        .describe(
          'schemaChanges, compatibility, impact (with owners), teamsToTell, method, problems',
        ),
    });
  const example = {
    product: 'api:default/enriched_customers',
    sql: 'CREATE TABLE enriched_customers (PRIMARY KEY (customerid) NOT ENFORCED) AS SELECT c.customerid, c.customername, c.email, c.segment, UPPER(c.segment) AS segment_code FROM `shiftleft.public.customers` c;',
  };

  actionsRegistry.register({
    name: 'plan-data-product-change',
    title: 'Plan a change to a data product',
    description:
      'Plans a change to the SQL of a data product your team owns, changing nothing: the value-schema diff (columns added, removed, retyped), Schema Registry’s compatibility verdict, every downstream product, statement, sink connector and table reading a removed or retyped column with its owner, and how the change is applied (blue/green statement switch or CREATE OR ALTER MATERIALIZED TABLE).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: confluentActionsReadPermission,
    schema: { input, output: planOutput },
    examples: [{ title: 'Plan adding a column', input: example }],
    action: async ({ input: request, credentials }) => {
      const change = await planChange(
        options,
        request,
        await callerOf(credentials),
      );
      return { output: { ready: change.ready, plan: change.plan as any } };
    },
  });

  actionsRegistry.register({
    name: 'change-data-product',
    title: 'Change a data product',
    description:
      'Changes the SQL of a data product your team owns: a new statement resumes from the old one’s offsets and replaces it once running (the old one keeps running if anything fails), or a materialized table evolves in place. Refuses to break another team’s product unless confirmBreakingChange is set; plan-data-product-change shows who to tell first. Safe to repeat.',
    attributes: { readOnly: false, idempotent: true, destructive: true },
    visibilityPermission: confluentActionsManagePermission,
    schema: {
      input,
      output: (z: any) =>
        z.object({
          plan: z.record(z.unknown()),
          statementName: z.string(),
          phase: z.string(),
          previousStatement: z.string().optional(),
          materializedTableVersion: z.number().optional(),
        }),
    },
    examples: [{ title: 'Add a column', input: example }],
    action: async ({ input: request, credentials }) => {
      const caller = await callerOf(credentials);
      const change = await planChange(options, request, caller);
      if (!change.ready) throw refusal(change);
      const applied = await applyChange(options, change, caller);
      return {
        output: {
          plan: change.plan as any,
          statementName: applied.statementName,
          phase: applied.phase,
          ...(applied.previousStatement
            ? { previousStatement: applied.previousStatement }
            : {}),
          ...(applied.materializedTableVersion !== undefined
            ? { materializedTableVersion: applied.materializedTableVersion }
            : {}),
        },
      };
    },
  });
}

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
import { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import { SSL_MODES } from '../lib/connectorConfig';

/*
 * Inputs several actions take, built once so that they validate and read
 * the same in every action (the layout of Backstage's GitHub module).
 *
 * The builders are `@internal`: their declarations are left out of the
 * emitted types, where the zod types they return could only be named
 * through the scaffolder's private copy of zod (TS2742).
 */

type InputSchemas = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>;

/**
 * The zod the scaffolder passes to schema callbacks: its own copy, so the
 * type is taken from its API rather than from an import of zod.
 */
export type Z = Parameters<
  Exclude<InputSchemas, (...args: any[]) => unknown>[string]
>[0];

/** @internal */
export const environmentId = (z: Z) =>
  z
    .string({
      description:
        'Confluent environment id (env-…). Default: confluent.scaffolder.environmentId, else the first configured environment',
    })
    .optional();

/** @internal */
export const kafkaClusterId = (z: Z) =>
  z
    .string({
      description:
        'Kafka cluster id (lkc-…). Default: confluent.scaffolder.kafkaClusterId, else the environment’s first configured cluster',
    })
    .optional();

/** @internal */
export const owner = (z: Z) =>
  z.string({
    description:
      'Owner group entity ref (group:default/team-a or team-a): written where the catalog reads ownership',
  });

/** @internal */
export const serviceAccountId = (z: Z) =>
  z
    .string({
      description:
        'Service account (sa-…) connectors run as: one of those configured for the owner (confluent.scaffolder.principals, else confluent.scaffolder.serviceAccountId or the environment’s Flink principal). Default: the first configured',
    })
    .optional();

/** @internal */
export const tables = (z: Z) =>
  z
    .array(z.string(), {
      description:
        "Tables to capture: 'table' (schema public) or 'schema.table'",
    })
    .min(1);

/** @internal */
export const sslMode = (z: Z, description = 'SSL mode. Default prefer') =>
  z.enum(SSL_MODES, { description }).optional();

/**
 * A database a connector connects to; the password is a task secret.
 * @internal
 */
export const database = (z: Z) =>
  z.object(
    {
      hostname: z.string({
        description: 'Host name Confluent Cloud connects to',
      }),
      port: z.number({ description: 'Port. Default 5432' }).int().optional(),
      name: z.string({ description: 'Database name' }),
      user: z.string({ description: 'User the connector connects as' }),
      passwordSecret: z
        .string({
          description:
            'Name of the task secret holding the password (a template parameter with ui:field: Secret)',
        })
        .optional(),
      sslMode: sslMode(z),
    },
    { description: 'A PostgreSQL (or Redshift) database' },
  );

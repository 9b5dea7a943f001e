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
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ConfluentActionOptions } from '../lib/target';
import { examples } from './flinkStatementCreate.examples';
import { flinkStatementCreateHandler } from './flinkStatementCreate.handler';
import * as inputProps from './inputProperties';

/**
 * `confluent:flink:statement:create`: validates a Flink SQL statement with
 * the lineage library (syntax, and that every table it reads exists or is
 * created earlier in the run), submits it with its properties and the
 * owner label, and waits until it runs (or completes, for DDL); a FAILED
 * statement fails the step with its exceptions.
 *
 * Idempotent: the same name with the same SQL is adopted (or replaced when
 * FAILED); the name taken by different SQL is a ConflictError. A dry run
 * submits nothing and returns the statement's lineage.
 *
 * @public
 */
export function createConfluentFlinkStatementCreateAction(
  options: ConfluentActionOptions,
) {
  return createTemplateAction({
    id: 'confluent:flink:statement:create',
    description:
      'Validates a Flink SQL statement (syntax, upstream tables), submits it with its properties and owner label, and waits until it runs; adopts an identical existing statement.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Statement name (lowercase letters, digits, "-", "."): the idempotency key of the action',
          }),
        sql: z =>
          z.string({
            description:
              "One Flink SQL statement, optionally preceded by SET 'key' = 'value'; lines (taken as properties)",
          }),
        owner: inputProps.owner,
        environmentId: inputProps.environmentId,
        kafkaClusterId: inputProps.kafkaClusterId,
        computePoolId: z =>
          z
            .string({
              description:
                'Compute pool (lfcp-…): only the environment’s configured pool (flink.computePoolId) may be named. Default: that pool',
            })
            .optional(),
        principal: z =>
          z
            .string({
              description:
                'Service account (sa-…) the statement runs as: one of those configured for the owner (confluent.scaffolder.principals). Default: the first configured',
            })
            .optional(),
        stateTtl: z =>
          z
            .string({
              description: "State time-to-live (sql.state-ttl), e.g. '1 DAYS'",
            })
            .optional(),
        properties: z =>
          z
            .record(z.string(), {
              description:
                'Other statement properties. Default catalog and database: the environment and cluster ids',
            })
            .optional(),
        createdTables: z =>
          z
            .array(z.string(), {
              description:
                'Tables (topic names) created by earlier steps of the same run, which may not exist yet in a dry run',
            })
            .optional(),
        waitForRunning: z =>
          z
            .boolean({ description: 'Wait until it runs. Default true' })
            .optional(),
      },
      output: {
        statementName: z => z.string({ description: 'The statement name' }),
        phase: z =>
          z.string({
            description:
              'Statement phase (RUNNING, COMPLETED, …); "planned" in a dry run',
          }),
        action: z =>
          z.enum(['create', 'adopt', 'replace'], {
            description:
              'What the action did (or would do): create, adopt an identical statement, or replace an identical FAILED one',
          }),
        sqlKind: z =>
          z.string({
            description: 'CREATE_TABLE_AS, INSERT_INTO, ALTER_TABLE, …',
          }),
        readsTables: z =>
          z.array(z.string(), {
            description: 'Tables (topics) the statement reads',
          }),
        createsTables: z =>
          z.array(z.string(), {
            description: 'Tables (topics) the statement creates',
          }),
        lineage: z =>
          z
            .object({
              kind: z.string(),
              sources: z.array(z.string()),
              sinks: z.array(z.string()),
              columns: z.array(
                z.object({
                  sink: z.string(),
                  column: z.string(),
                  sources: z.array(z.string()),
                  direct: z.boolean(),
                  transforms: z.array(z.string()),
                }),
              ),
            })
            .describe('Table and column lineage of the statement'),
        properties: z =>
          z.record(z.string(), { description: 'The submitted properties' }),
        consoleUrl: z =>
          z.string({
            description: 'The statement in the Confluent Cloud console',
          }),
      },
    },
    handler: ctx => flinkStatementCreateHandler(options, ctx),
  });
}

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
import { CONNECTOR_TYPES } from '../lib/connectorConfig';
import { actionNetwork, ConfluentActionOptions } from '../lib/target';
import { examples } from './connectorCreate.examples';
import { connectorCreateHandler } from './connectorCreate.handler';
import * as inputProps from './inputProperties';

const connectorTypeSchema = (z: inputProps.Z) =>
  z.enum(CONNECTOR_TYPES, {
    description:
      'postgres-cdc-source (Debezium V2), postgres-sink (JDBC), redshift-sink or snowflake-sink',
  });

const sourceSchema = (z: inputProps.Z) =>
  z
    .object(
      {
        database: inputProps.database(z),
        tables: inputProps.tables(z),
        topicPrefix: z.string({
          description: 'Topics are named <topicPrefix>.<schema>.<table>',
        }),
        outputFormat: z
          .enum(['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON'], {
            description: 'Record value format. Default AVRO',
          })
          .optional(),
        keyFormat: z
          .enum(['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON', 'STRING'], {
            description: 'Record key format. Default: the value format',
          })
          .optional(),
        afterStateOnly: z
          .boolean({
            description:
              'Flat rows with __deleted instead of Debezium envelopes (after.state.only). Default true; masking needs it',
          })
          .optional(),
        mask: z
          .object(
            {
              fields: z.array(z.string(), {
                description: 'Value fields (columns) to mask',
              }),
              replacement: z
                .string({ description: 'Replacement value. Default ****' })
                .optional(),
            },
            {
              description:
                'Mask PII with a MaskField$Value transform before records leave the database',
            },
          )
          .optional(),
        piiFields: z
          .array(z.string(), {
            description:
              'Unmasked value fields (columns) holding personal data: tagged PII on the topics’ value schema fields in Stream Catalog, so the catalog marks them and every column derived from them',
          })
          .optional(),
        snapshotMode: z
          .enum(
            ['initial', 'never', 'no_data', 'initial_only', 'when_needed'],
            {
              description: 'Debezium snapshot mode. Default initial',
            },
          )
          .optional(),
        slotName: z
          .string({ description: 'Replication slot. Default debezium' })
          .optional(),
        publicationName: z
          .string({ description: 'Publication. Default dbz_publication' })
          .optional(),
      },
      { description: 'Settings of a postgres-cdc-source' },
    )
    .optional();

const sinkSchema = (z: inputProps.Z) =>
  z
    .object(
      {
        topics: z.array(z.string(), { description: 'Topics to sink' }).min(1),
        connection: z
          .string({
            description:
              'A destination configured under confluent.scaffolder.sinks (credentials stay in backend config). Empty: use database / snowflake below',
          })
          .optional(),
        database: inputProps.database(z).optional(),
        snowflake: z
          .object(
            {
              url: z.string({ description: 'Snowflake URL' }).optional(),
              user: z.string({ description: 'Snowflake user' }).optional(),
              privateKeySecret: z
                .string({
                  description:
                    'Name of the task secret holding the private key',
                })
                .optional(),
              role: z.string({ description: 'Snowflake role' }).optional(),
              database: z
                .string({ description: 'Snowflake database' })
                .optional(),
              schema: z.string({ description: 'Snowflake schema' }).optional(),
            },
            {
              description:
                'Snowflake destination typed in (without a configured connection)',
            },
          )
          .optional(),
        inputFormat: z
          .enum(['AVRO', 'JSON_SR', 'PROTOBUF'], {
            description: 'Record value format. Default AVRO',
          })
          .optional(),
        insertMode: z
          .enum(['INSERT', 'UPSERT'], {
            description: 'Postgres: default UPSERT',
          })
          .optional(),
        pkMode: z
          .enum(['none', 'record_key', 'record_value', 'kafka'], {
            description: 'Postgres: default record_key with UPSERT, else none',
          })
          .optional(),
        autoCreate: z
          .boolean({
            description: 'Create (and evolve) missing tables. Default true',
          })
          .optional(),
        ingestionMethod: z
          .enum(['SNOWPIPE', 'SNOWPIPE_STREAMING'], {
            description: 'Snowflake: default SNOWPIPE_STREAMING',
          })
          .optional(),
        schematization: z
          .boolean({
            description:
              'Snowflake streaming: columns from the schema. Default true',
          })
          .optional(),
      },
      { description: 'Settings of a sink' },
    )
    .optional();

const extraConfigSchema = (z: inputProps.Z) =>
  z
    .record(z.string(), {
      description:
        'Other connector config keys (e.g. decimal.handling.mode). No secrets, identity or topic keys',
    })
    .optional();

/**
 * `confluent:connector:create`: provisions a managed connector (a Postgres
 * CDC source with PII masking, or a Postgres, Redshift or Snowflake sink)
 * running as a service account, waits until it runs (or fails with the
 * connector's trace), and records the owner on its topics.
 *
 * Idempotent: a connector with the same name and config is adopted; a
 * failed one with the same config is restarted; the same name with another
 * config is a ConflictError. A dry run creates nothing and returns the
 * rendered config with secrets redacted.
 *
 * @public
 */
export function createConfluentConnectorCreateAction(
  options: ConfluentActionOptions,
) {
  const network = actionNetwork(options);
  return createTemplateAction({
    id: 'confluent:connector:create',
    description:
      'Creates (or adopts) a Confluent managed connector: a Postgres CDC source with masked PII, or a Postgres, Redshift or Snowflake sink; waits until it runs and records its owner on its topics.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Connector name (letters, digits, ".", "_", "-"); the idempotency key of the action',
          }),
        type: connectorTypeSchema,
        owner: inputProps.owner,
        environmentId: inputProps.environmentId,
        kafkaClusterId: inputProps.kafkaClusterId,
        serviceAccountId: inputProps.serviceAccountId,
        source: sourceSchema,
        sink: sinkSchema,
        extraConfig: extraConfigSchema,
        waitForRunning: z =>
          z
            .boolean({
              description: 'Wait until the connector runs. Default true',
            })
            .optional(),
      },
      output: {
        connectorName: z => z.string({ description: 'The connector name' }),
        connectorId: z =>
          z.string({ description: 'The connector id (lcc-…)' }).optional(),
        state: z =>
          z.string({
            description: 'Connector state (RUNNING, …); "planned" in a dry run',
          }),
        action: z =>
          z.enum(['create', 'adopt', 'restart'], {
            description:
              'What the action did (or, in a dry run, would do): create, adopt an identical connector, or restart a failed identical one',
          }),
        topics: z =>
          z.array(z.string(), {
            description: 'Topics the connector writes (source) or reads (sink)',
          }),
        consoleUrl: z =>
          z.string({
            description: 'The connector in the Confluent Cloud console',
          }),
        config: z =>
          z.record(z.string(), {
            description:
              'The submitted config, secrets replaced by where they come from',
          }),
        piiTagged: z =>
          z
            .array(z.string(), {
              description:
                'Fields tagged PII in Stream Catalog, as topic.field (sources with piiFields)',
            })
            .optional(),
      },
    },
    handler: ctx => connectorCreateHandler(options, network, ctx),
  });
}

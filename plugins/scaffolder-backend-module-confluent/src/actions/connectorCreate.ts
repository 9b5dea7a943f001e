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
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ConfluentConnectApi,
  ConnectorStatus,
  declareConnector,
} from '@shiftleft/plugin-confluent-node';
import { PlannedConnectorAction } from '@shiftleft/plugin-confluent-common';
import {
  CONNECTOR_TYPES,
  ConnectorSpec,
  requireSecrets,
  renderConnector,
  RenderedConnector,
} from '../lib/connectorConfig';
import { connectorHostProblems } from '../lib/connectorHosts';
import { ConfluentResourceFailedError, redactValues } from '../lib/errors';
import { recordDeclared } from '../lib/declared';
import { inspectConnector } from '../lib/existing';
import { writeTopicOwnership } from '../lib/owner';
import {
  connectorAccessProblems,
  resolveInitiator,
  ResourceOwners,
} from '../lib/ownership';
import { tagPiiFields } from '../lib/piiTags';
import {
  actionNetwork,
  ConfluentActionOptions,
  resolvePrincipal,
  resolveTarget,
} from '../lib/target';
import { TopicResolver } from '../lib/statement';
import { pollUntil } from '../lib/wait';
import { examples } from './connectorCreate.examples';
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

function failure(rendered: RenderedConnector, status: ConnectorStatus) {
  const trace =
    status.connector.trace ||
    status.tasks.find(t => t.state === 'FAILED')?.msg ||
    'no trace reported';
  return new ConfluentResourceFailedError(
    `Connector '${rendered.name}' FAILED: ${redactValues(
      trace,
      rendered.secretValues,
    )}`,
  );
}

/** Creates, adopts or restarts a connector, then waits until it runs. */
async function ensureConnector(options: {
  connect: ConfluentConnectApi;
  rendered: RenderedConnector;
  wait: boolean;
  timeoutMs: number;
  intervalMs: number;
  logger: LoggerService;
  signal?: AbortSignal;
  /** The team rules, checked on what exists before anything changes. */
  check: (found: { action: PlannedConnectorAction }) => Promise<void>;
  /** Remembers, across retries of the task, that it created the connector. */
  markCreated: () => Promise<void>;
}): Promise<{ action: PlannedConnectorAction; state: string }> {
  const { connect, rendered, logger, signal } = options;
  const found = await inspectConnector(connect, rendered, signal);
  await options.check(found);
  let { action } = found;
  // Adopting needs no secret; creating or restarting submits the config.
  if (action !== 'adopt') requireSecrets(rendered);
  if (action === 'create') {
    try {
      await connect.createConnector(
        { name: rendered.name, config: rendered.config },
        { signal },
      );
      await options.markCreated();
      logger.info(`Created connector ${rendered.name}`);
    } catch (error) {
      // Someone (an earlier attempt whose answer was lost) created it
      // meanwhile: adopt it if it is the same.
      if (!ConflictError.is(error)) throw error;
      action = (await inspectConnector(connect, rendered, signal)).action;
    }
  }
  if (action === 'restart') {
    logger.info(
      `Connector ${rendered.name} exists with this config but FAILED; submitting its config again to restart it`,
    );
    await connect.putConnectorConfig(rendered.name, rendered.config, {
      signal,
    });
  } else if (action === 'adopt') {
    logger.info(
      `Connector ${rendered.name} already exists with this config; adopting it`,
    );
  }
  if (!options.wait) {
    const status = await connect.getConnectorStatus(rendered.name, { signal });
    return { action, state: status.connector.state };
  }
  const state = await pollUntil({
    what: `connector '${rendered.name}' to run`,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    signal,
    read: () => connect.getConnectorStatus(rendered.name, { signal }),
    decide: status => {
      const s = status.connector.state;
      if (s === 'FAILED') throw failure(rendered, status);
      if (s === 'RUNNING' && status.tasks.some(t => t.state === 'FAILED')) {
        throw failure(rendered, status);
      }
      // PAUSED or DEGRADED: it exists and someone chose (or Confluent
      // reports) that state; not a provisioning failure.
      if (s === 'RUNNING' || s === 'PAUSED' || s === 'DEGRADED') {
        return { done: true, value: s };
      }
      return { done: false, state: s };
    },
  });
  logger.info(`Connector ${rendered.name} is ${state}`);
  return { action, state };
}

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
  const { client, settings } = options;
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
    async handler(ctx) {
      const { input } = ctx;
      const initiator = resolveInitiator(ctx.user, input.owner);
      const { owner } = initiator;
      const target = resolveTarget(options, input);
      const { environmentId, kafkaClusterId } = target;
      const serviceAccountId = resolvePrincipal(
        options,
        { environmentId, owner, runs: 'connector' },
        input.serviceAccountId,
      );
      const spec: ConnectorSpec = {
        name: input.name,
        type: input.type,
        source: input.source,
        sink: input.sink,
        extraConfig: input.extraConfig,
      };
      const rendered = renderConnector(spec, {
        serviceAccountId,
        secrets: ctx.secrets,
        sinks: settings.sinks,
      });
      // Typed hosts are checked before anything is read or created.
      const hostProblems = await connectorHostProblems(spec, network);
      if (hostProblems.length) {
        throw new NotAllowedError(
          `Connector '${rendered.name}': ${hostProblems.join('; ')}`,
        );
      }
      const connect = client.connect(environmentId, kafkaClusterId);
      const topics = [...rendered.topicsWritten, ...rendered.topicsRead];
      ctx.output('connectorName', rendered.name);
      ctx.output(
        'consoleUrl',
        client.links.connector(environmentId, kafkaClusterId, rendered.name),
      );
      ctx.output('topics', topics);
      ctx.output('config', rendered.redactedConfig);

      // A connector an earlier attempt of this task created is this run's:
      // connectors carry no owner label to tell.
      const createdKey = `connector.created.${environmentId}.${kafkaClusterId}.${rendered.name}`;
      const createdByThisTask = () =>
        ctx.checkpoint({ key: createdKey, fn: () => false });
      const check = async (found: { action: PlannedConnectorAction }) => {
        const access = await connectorAccessProblems({
          name: rendered.name,
          exists: found.action !== 'create' && !(await createdByThisTask()),
          topicsWritten: rendered.topicsWritten,
          topicsRead: rendered.topicsRead,
          owners: new ResourceOwners({
            client,
            target,
            catalog: options.catalog,
            auth: options.auth,
            initiatorCredentials: () => ctx.getInitiatorCredentials(),
          }),
          resolver: new TopicResolver(client, target),
          initiator,
          signal: ctx.signal,
        });
        if (access.problems.length) {
          throw new NotAllowedError(access.problems.join('; '));
        }
        for (const warning of access.warnings) ctx.logger.warn(warning);
      };

      if (ctx.isDryRun) {
        const found = await inspectConnector(connect, rendered, ctx.signal);
        await check(found);
        const { action, state } = found;
        for (const missing of rendered.missingSecrets) {
          ctx.logger.warn(
            `${missing} was not provided: the run needs it to ${action} the connector`,
          );
        }
        ctx.logger.info(
          `Dry run: would ${action} connector ${rendered.name} (${
            rendered.connectorClass
          }) as ${serviceAccountId}${state ? `, now ${state}` : ''}`,
        );
        if (rendered.piiFields) {
          ctx.logger.info(
            `Dry run: would tag ${rendered.piiFields.join(
              ', ',
            )} PII in the value schemas of ${rendered.topicsWritten.join(
              ', ',
            )}`,
          );
        }
        ctx.output('action', action);
        ctx.output('state', state ?? 'planned');
        return;
      }

      const result = await ctx.checkpoint({
        key: `connector.${environmentId}.${kafkaClusterId}.${rendered.name}`,
        fn: () =>
          ensureConnector({
            connect,
            rendered,
            wait: input.waitForRunning ?? true,
            timeoutMs: settings.waitTimeoutMs,
            intervalMs: settings.pollIntervalMs,
            logger: ctx.logger,
            signal: ctx.signal,
            check,
            markCreated: async () => {
              await ctx.checkpoint({ key: createdKey, fn: () => true });
            },
          }),
      });
      // A source's topics exist once it runs; a sink's exist before it.
      const topicsExist =
        rendered.topicsRead.length > 0 ||
        ['RUNNING', 'PAUSED', 'DEGRADED'].includes(result.state);
      if (!topicsExist) {
        ctx.logger.warn(
          `Connector ${rendered.name} is ${result.state}: its owner (and any PII tags) is recorded on its topics once it runs (run this step again, or record it in Stream Catalog)`,
        );
      }
      // Ownership is recorded only on what the run made: a source's topics.
      // A sink reads topics; recording its team there would take them over.
      if (topicsExist && rendered.topicsWritten.length) {
        await ctx.checkpoint({
          key: `connector.owner.${environmentId}.${kafkaClusterId}.${rendered.name}`,
          fn: async () => {
            await writeTopicOwnership({
              client,
              environmentId,
              kafkaClusterId,
              topics: rendered.topicsWritten,
              owner,
              overwrite: false,
              logger: ctx.logger,
              signal: ctx.signal,
              timeoutMs: settings.waitTimeoutMs,
              intervalMs: settings.pollIntervalMs,
            });
          },
        });
      }
      if (topicsExist && rendered.piiFields) {
        const piiFields = rendered.piiFields;
        ctx.output(
          'piiTagged',
          await ctx.checkpoint({
            key: `connector.pii.${environmentId}.${kafkaClusterId}.${rendered.name}`,
            fn: () =>
              tagPiiFields({
                client,
                environmentId,
                topics: rendered.topicsWritten,
                fields: piiFields,
                logger: ctx.logger,
                signal: ctx.signal,
                timeoutMs: settings.waitTimeoutMs,
                intervalMs: settings.pollIntervalMs,
              }),
          }),
        );
      }
      // The declared fingerprint (config without secrets) goes on the first
      // topic a source writes or a sink reads, where drift is read (README
      // "Drift"). A sink's entry sits beside the topic owner's own records
      // and changes nothing of them.
      const anchor = topicsExist
        ? rendered.topicsWritten[0] ?? rendered.topicsRead[0]
        : undefined;
      if (anchor) {
        await ctx.checkpoint({
          key: `connector.declared.${environmentId}.${kafkaClusterId}.${rendered.name}`,
          fn: async () => {
            await recordDeclared({
              client,
              environmentId,
              kafkaClusterId,
              topic: anchor,
              fingerprint: declareConnector({
                name: rendered.name,
                environmentId,
                kafkaClusterId,
                config: rendered.redactedConfig,
                secretKeys: rendered.secretKeys,
                declaredBy: ctx.user?.ref,
              }),
              logger: ctx.logger,
              signal: ctx.signal,
              timeoutMs: settings.waitTimeoutMs,
              intervalMs: settings.pollIntervalMs,
            });
          },
        });
      }
      const listed = await connect
        .listConnectors({ expand: ['id'], signal: ctx.signal })
        .catch(() => []);
      const id = listed.find(c => c.name === rendered.name)?.id?.id;
      if (id) ctx.output('connectorId', id);
      ctx.output('action', result.action);
      ctx.output('state', result.state);
    },
  });
}

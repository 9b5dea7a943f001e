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
import { NotAllowedError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { PlannedConnectorAction } from '@shiftleft/plugin-confluent-common';
import {
  ConfluentConnectApi,
  declareConnector,
} from '@shiftleft/plugin-confluent-node';
import {
  ConnectorSpec,
  renderConnector,
  RenderedConnector,
} from '../lib/connectorConfig';
import { connectorHostProblems } from '../lib/connectorHosts';
import { recordDeclared } from '../lib/declared';
import { inspectConnector } from '../lib/existing';
import { writeTopicOwnership } from '../lib/owner';
import {
  connectorAccessProblems,
  Initiator,
  resolveInitiator,
  ResourceOwners,
} from '../lib/ownership';
import { tagPiiFields } from '../lib/piiTags';
import { DatabaseNetwork } from '../lib/network';
import { TopicResolver } from '../lib/statement';
import {
  ConfluentActionOptions,
  ConfluentTarget,
  resolvePrincipal,
  resolveTarget,
} from '../lib/target';
import { ensureConnector } from './connectorCreate.steps';

/** The input of `confluent:connector:create`, as its schema reads it. */
export interface ConnectorCreateInput {
  name: string;
  type: ConnectorSpec['type'];
  owner: string;
  environmentId?: string;
  kafkaClusterId?: string;
  serviceAccountId?: string;
  source?: ConnectorSpec['source'];
  sink?: ConnectorSpec['sink'];
  extraConfig?: ConnectorSpec['extraConfig'];
  waitForRunning?: boolean;
}

/** The parts of the task's context the handler uses. */
export type ConnectorCreateContext = Pick<
  ActionContext<JsonObject>,
  | 'logger'
  | 'secrets'
  | 'checkpoint'
  | 'getInitiatorCredentials'
  | 'isDryRun'
  | 'user'
  | 'signal'
> & {
  input: ConnectorCreateInput;
  output(name: string, value: JsonValue | undefined): void;
};

/** The connector to create, where, and as whom. */
interface PreparedConnector {
  initiator: Initiator;
  target: ConfluentTarget;
  serviceAccountId: string;
  rendered: RenderedConnector;
  connect: ConfluentConnectApi;
}

/** The team rules on what exists, run before anything changes. */
type AccessCheck = (found: { action: PlannedConnectorAction }) => Promise<void>;

/**
 * The handler of `confluent:connector:create`: renders the connector and
 * checks its hosts and the team's access, and (unless a dry run) creates
 * or adopts it, then records its owner, PII tags and declared fingerprint
 * on its topics; each in a checkpoint, so a retried task resumes.
 */
export async function connectorCreateHandler(
  options: ConfluentActionOptions,
  network: DatabaseNetwork,
  ctx: ConnectorCreateContext,
): Promise<void> {
  const { settings } = options;
  const prepared = await prepareConnector(options, network, ctx);
  const { rendered, connect, target } = prepared;
  const { environmentId, kafkaClusterId } = target;
  outputConnector(options, ctx, prepared);

  // A connector an earlier attempt of this task created is this run's:
  // connectors carry no owner label to tell.
  const createdKey = `connector.created.${environmentId}.${kafkaClusterId}.${rendered.name}`;
  const check = accessCheck(options, ctx, prepared, createdKey);

  if (ctx.isDryRun) {
    await dryRunConnector(ctx, prepared, check);
    return;
  }

  const result = await ctx.checkpoint({
    key: `connector.${environmentId}.${kafkaClusterId}.${rendered.name}`,
    fn: () =>
      ensureConnector({
        connect,
        rendered,
        wait: ctx.input.waitForRunning ?? true,
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
  } else {
    await recordOnTopics(options, ctx, prepared);
  }
  const listed = await connect
    .listConnectors({ expand: ['id'], signal: ctx.signal })
    .catch(() => []);
  const id = listed.find(c => c.name === rendered.name)?.id?.id;
  if (id) ctx.output('connectorId', id);
  ctx.output('action', result.action);
  ctx.output('state', result.state);
}

/**
 * Resolves the owner, target and service account and renders the
 * connector; typed hosts are checked before anything is read or created.
 */
async function prepareConnector(
  options: ConfluentActionOptions,
  network: DatabaseNetwork,
  ctx: ConnectorCreateContext,
): Promise<PreparedConnector> {
  const { client, settings } = options;
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
  const hostProblems = await connectorHostProblems(spec, network);
  if (hostProblems.length) {
    throw new NotAllowedError(
      `Connector '${rendered.name}': ${hostProblems.join('; ')}`,
    );
  }
  const connect = client.connect(environmentId, kafkaClusterId);
  return { initiator, target, serviceAccountId, rendered, connect };
}

/** The outputs known before anything is created. */
function outputConnector(
  options: ConfluentActionOptions,
  ctx: ConnectorCreateContext,
  prepared: PreparedConnector,
): void {
  const { rendered } = prepared;
  const { environmentId, kafkaClusterId } = prepared.target;
  ctx.output('connectorName', rendered.name);
  ctx.output(
    'consoleUrl',
    options.client.links.connector(
      environmentId,
      kafkaClusterId,
      rendered.name,
    ),
  );
  ctx.output('topics', [...rendered.topicsWritten, ...rendered.topicsRead]);
  ctx.output('config', rendered.redactedConfig);
}

/**
 * The team rules: the connector and the topics it writes must be the
 * team's (one this task created is), the topics it reads readable by it.
 */
function accessCheck(
  options: ConfluentActionOptions,
  ctx: ConnectorCreateContext,
  prepared: PreparedConnector,
  createdKey: string,
): AccessCheck {
  const { client } = options;
  const { rendered, target } = prepared;
  const createdByThisTask = () =>
    ctx.checkpoint({ key: createdKey, fn: () => false });
  return async found => {
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
      initiator: prepared.initiator,
      signal: ctx.signal,
    });
    if (access.problems.length) {
      throw new NotAllowedError(access.problems.join('; '));
    }
    for (const warning of access.warnings) ctx.logger.warn(warning);
  };
}

/** A dry run: what would be done, checked as a run checks it. */
async function dryRunConnector(
  ctx: ConnectorCreateContext,
  prepared: PreparedConnector,
  check: AccessCheck,
): Promise<void> {
  const { rendered, serviceAccountId } = prepared;
  const found = await inspectConnector(prepared.connect, rendered, ctx.signal);
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
      )} PII in the value schemas of ${rendered.topicsWritten.join(', ')}`,
    );
  }
  ctx.output('action', action);
  ctx.output('state', state ?? 'planned');
}

/**
 * Once the connector's topics exist: its owner on what the run made (a
 * source's topics; a sink reads topics, and recording its team there would
 * take them over), the PII tags of a source, and the declared fingerprint.
 */
async function recordOnTopics(
  options: ConfluentActionOptions,
  ctx: ConnectorCreateContext,
  prepared: PreparedConnector,
): Promise<void> {
  const { client, settings } = options;
  const { rendered } = prepared;
  const { environmentId, kafkaClusterId } = prepared.target;
  const wait = {
    logger: ctx.logger,
    signal: ctx.signal,
    timeoutMs: settings.waitTimeoutMs,
    intervalMs: settings.pollIntervalMs,
  };
  if (rendered.topicsWritten.length) {
    await ctx.checkpoint({
      key: `connector.owner.${environmentId}.${kafkaClusterId}.${rendered.name}`,
      fn: async () => {
        await writeTopicOwnership({
          client,
          environmentId,
          kafkaClusterId,
          topics: rendered.topicsWritten,
          owner: prepared.initiator.owner,
          overwrite: false,
          ...wait,
        });
      },
    });
  }
  if (rendered.piiFields) {
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
            ...wait,
          }),
      }),
    );
  }
  // The declared fingerprint (config without secrets) goes on the first
  // topic a source writes or a sink reads, where drift is read (README
  // "Drift"). A sink's entry sits beside the topic owner's own records
  // and changes nothing of them.
  const anchor = rendered.topicsWritten[0] ?? rendered.topicsRead[0];
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
          ...wait,
        });
      },
    });
  }
}

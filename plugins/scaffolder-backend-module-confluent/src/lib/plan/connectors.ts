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
import { PlannedConnector } from '@shiftleft/plugin-confluent-common';
import {
  ConnectorSpec,
  renderConnector,
  RenderedConnector,
} from '../connectorConfig';
import { connectorHostProblems } from '../connectorHosts';
import { inspectConnector } from '../existing';
import { connectorAccessProblems } from '../ownership';
import { PlanContext } from './context';

/** Plans one connector of the product; undefined when it cannot render. */
export type ConnectorPlanner = (
  spec: ConnectorSpec,
  role: 'source' | 'sink',
) => Promise<RenderedConnector | undefined>;

/**
 * A planner of the product's connectors: each is rendered as the create
 * action submits it, its hosts checked against the allow-list, what exists
 * inspected and the team rules applied; it joins the plan as its source or
 * one of its sinks.
 */
export function connectorPlanner(ctx: PlanContext): ConnectorPlanner {
  const { options, target, plan, problems, warnings, signal } = ctx;
  const { client, settings } = options.actionOptions;
  const connect = client.connect(target.environmentId, target.kafkaClusterId);
  const renderCtx = {
    serviceAccountId: ctx.serviceAccountId ?? 'sa-unknown',
    secrets: options.secrets,
    sinks: settings.sinks,
  };
  return async (spec, role) => {
    let rendered: RenderedConnector;
    try {
      rendered = renderConnector(spec, renderCtx);
    } catch (error) {
      ctx.problem(error);
      return undefined;
    }
    // Typed hosts pass the allow-list as the create action checks them.
    try {
      problems.push(
        ...(await connectorHostProblems(spec, options.network)).map(
          p => `Connector ${rendered.name}: ${p}`,
        ),
      );
    } catch (error) {
      ctx.problem(error);
    }
    const planned: PlannedConnector = {
      name: rendered.name,
      role,
      connectorClass: rendered.connectorClass,
      config: rendered.redactedConfig,
      topics: [...rendered.topicsWritten, ...rendered.topicsRead],
      ...(rendered.sinkTables ? { targets: rendered.sinkTables } : {}),
    };
    try {
      const found = await inspectConnector(connect, rendered, signal);
      planned.action = found.action;
      if (found.state) planned.state = found.state;
      if (ctx.initiator) {
        const access = await connectorAccessProblems({
          name: rendered.name,
          exists: found.action !== 'create',
          topicsWritten: rendered.topicsWritten,
          topicsRead: rendered.topicsRead,
          createdTables: ctx.created,
          owners: ctx.owners,
          resolver: ctx.resolver,
          initiator: ctx.initiator,
          signal,
        });
        problems.push(...access.problems);
        warnings.push(...access.warnings);
      }
      if (found.action !== 'adopt' && rendered.missingSecrets.length) {
        const text = `${rendered.missingSecrets.join(
          ', ',
        )} was not provided: connector ${rendered.name} needs it to ${
          found.action
        }`;
        // A review may be made without secrets; a run needs them.
        if (options.dryRun) warnings.push(text);
        else problems.push(text);
      }
    } catch (error) {
      ctx.problem(error);
    }
    if (role === 'source') plan.source = planned;
    else plan.sinks.push(planned);
    return rendered;
  };
}

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
import { isError } from '@backstage/errors';
import { DataProductPlan } from '@shiftleft/plugin-confluent-common';
import { productNameProblems } from '../names';
import { Owner } from '../owner';
import { Initiator, resolveInitiator, ResourceOwners } from '../ownership';
import { TopicResolver } from '../statement';
import { ConfluentTarget, resolvePrincipal, resolveTarget } from '../target';
import { BuildDataProductPlanOptions, BuiltPlan } from './types';

/**
 * What the plan's sections share while it is built: the plan so far, its
 * step inputs, its problems and warnings, and whom and where it is for.
 * The sections run in order and append to it.
 */
export interface PlanContext {
  options: BuildDataProductPlanOptions;
  product: string;
  target: ConfluentTarget;
  plan: DataProductPlan;
  steps: BuiltPlan['steps'];
  /** The same arrays as `plan.problems` and `plan.warnings`. */
  problems: string[];
  warnings: string[];
  /** Records a caught error as a problem; a cancelled task throws instead. */
  problem(error: unknown): void;
  initiator?: Initiator;
  owner?: Owner;
  serviceAccountId?: string;
  owners: ResourceOwners;
  resolver: TopicResolver;
  /** The tables (topics) the product creates, so far in step order. */
  created: string[];
  signal?: AbortSignal;
}

export function message(error: unknown) {
  return isError(error) ? error.message : String(error);
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * Starts a plan: the product name's problems, the initiator and owner, the
 * target and the connectors' service account.
 */
export function startPlan(options: BuildDataProductPlanOptions): PlanContext {
  const { input, actionOptions, signal } = options;
  const { client } = actionOptions;
  const problems: string[] = [];
  // A cancelled task is not a problem of the plan: stop.
  const problem = (error: unknown) => {
    signal?.throwIfAborted();
    problems.push(message(error));
  };
  const warnings: string[] = [];
  const product = input.name ?? '';
  problems.push(...productNameProblems(product));
  let initiator: Initiator | undefined;
  try {
    initiator = resolveInitiator(options.user, input.owner ?? '');
  } catch (error) {
    problem(error);
  }
  const owner: Owner | undefined = initiator?.owner;
  const target: ConfluentTarget = resolveTarget(actionOptions, input);
  const owners = new ResourceOwners({
    client,
    target,
    catalog: actionOptions.catalog,
    auth: actionOptions.auth,
    initiatorCredentials: options.initiatorCredentials,
  });
  const resolver = new TopicResolver(client, target);
  let serviceAccountId: string | undefined;
  try {
    if (owner) {
      serviceAccountId = resolvePrincipal(
        actionOptions,
        { environmentId: target.environmentId, owner, runs: 'connector' },
        input.serviceAccountId,
      );
    }
  } catch (error) {
    problem(error);
  }
  const plan: DataProductPlan = {
    product,
    owner: owner?.ref ?? input.owner,
    ...target,
    serviceAccountId,
    statements: [],
    sinks: [],
    pii: [],
    problems,
    warnings,
  };
  return {
    options,
    product,
    target,
    plan,
    steps: { statements: [], sinks: [] },
    problems,
    warnings,
    problem,
    initiator,
    owner,
    serviceAccountId,
    owners,
    resolver,
    created: [],
    signal,
  };
}

/** The plan as built so far, with the resources its steps announce. */
export function builtPlan(ctx: PlanContext): BuiltPlan {
  const { plan, steps, problems } = ctx;
  return {
    plan,
    ready: problems.length === 0,
    steps,
    resources: {
      connectors: [
        ...(steps.source ? [steps.source.name] : []),
        ...steps.sinks.map(s => s.name),
      ],
      statements: steps.statements.map(s => s.name),
      topics: unique([
        ...(plan.source?.topics ?? []),
        ...plan.statements.flatMap(s => s.creates),
      ]),
    },
  };
}

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
import { productNameProblems } from './names';
import { builtPlan, startPlan } from './plan/context';
import { connectorPlanner } from './plan/connectors';
import { planPii } from './plan/pii';
import { planSinks } from './plan/sinks';
import { planSource } from './plan/source';
import { planStatements } from './plan/statements';
import { BuildDataProductPlanOptions, BuiltPlan } from './plan/types';

/*
 * The plan of a whole streaming data product: its CDC source, its Flink
 * statements in order and its sinks, rendered exactly as the create actions
 * will submit them (secrets redacted), with the lineage of every statement,
 * what already exists, and where personal data ends up. Each section is a
 * module of ./plan/.
 */

export {
  MAX_PLAN_STATEMENTS,
  PRODUCT_PLACEHOLDER,
  SINK_SYSTEMS,
} from './plan/types';
export type {
  BuildDataProductPlanOptions,
  BuiltPlan,
  ConnectorStepInput,
  DataProductInput,
  StatementStepInput,
  UpstreamPiiLookup,
} from './plan/types';

/**
 * Builds the plan. Never throws for what it finds: every problem is listed
 * in `plan.problems` (and `ready` is false), so a dry run shows them all.
 * Throws only when the module itself is misconfigured.
 */
export async function buildDataProductPlan(
  options: BuildDataProductPlanOptions,
): Promise<BuiltPlan> {
  const ctx = startPlan(options);
  // Names derive from the product name: without a valid one nothing else
  // can be checked meaningfully.
  if (ctx.problems.length && productNameProblems(ctx.product).length) {
    return builtPlan(ctx);
  }
  const planConnector = connectorPlanner(ctx);
  // 1. The CDC source.
  const source = await planSource(ctx, planConnector);
  // 2. The statements, in order: each may read what the source and the
  // statements before it create.
  ctx.created.push(...source.topics);
  const analyzed = await planStatements(ctx);
  // 3. The sinks.
  const sinks = await planSinks(ctx, planConnector, analyzed);
  // 4. Personal data, from the source and upstream topics to the sinks.
  await planPii(ctx, { source, analyzed, sinks });
  return builtPlan(ctx);
}

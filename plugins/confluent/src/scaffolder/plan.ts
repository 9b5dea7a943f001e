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

/*
 * The plan the `confluent:dataproduct:plan` action returns (template output
 * `plan`), and the database checks of `confluent:cdc:preflight` (output
 * `preflight`), as the review field reads them from a dry run. Read
 * defensively: a template may name its steps differently or omit one.
 */

/** A database check of the preflight. */
export interface PreflightCheckView {
  id: string;
  title: string;
  passed: boolean;
  detail: string;
  fix?: string;
}

/** A connector in the plan. */
export interface PlannedConnectorView {
  name: string;
  role: 'source' | 'sink';
  connectorClass: string;
  action?: string;
  state?: string;
  config: Record<string, string>;
  topics: string[];
  targets?: Record<string, string>;
}

/** A statement in the plan. */
export interface PlannedStatementView {
  name: string;
  sql: string;
  properties: Record<string, string>;
  action?: string;
  phase?: string;
  reads: string[];
  creates: string[];
  lineage?: {
    kind: string;
    columns: Array<{
      sink: string;
      column: string;
      sources: string[];
      direct: boolean;
      transforms: string[];
    }>;
  };
}

/** Personal data reaching one sink. */
export interface PlannedPiiSinkView {
  sink: string;
  reads: string;
  target: string;
  fields: Array<{
    column: string;
    field?: string;
    status: string;
    masked: boolean;
    replacement?: string;
    chain: string[];
  }>;
}

/** The plan of a data product. */
export interface DataProductPlanView {
  product: string;
  owner: string;
  environmentId: string;
  kafkaClusterId: string;
  serviceAccountId?: string;
  source?: PlannedConnectorView;
  statements: PlannedStatementView[];
  sinks: PlannedConnectorView[];
  pii: PlannedPiiSinkView[];
  problems: string[];
  warnings: string[];
}

/** What a dry run tells the review. */
export interface PlanReview {
  plan?: DataProductPlanView;
  ready: boolean;
  preflight?: PreflightCheckView[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the review from a dry run's template output. */
export function readPlanReview(output: unknown): PlanReview {
  const out = isObject(output) ? output : {};
  const plan = isObject(out.plan)
    ? (out.plan as unknown as DataProductPlanView)
    : undefined;
  return {
    plan: plan && {
      ...plan,
      statements: Array.isArray(plan.statements) ? plan.statements : [],
      sinks: Array.isArray(plan.sinks) ? plan.sinks : [],
      pii: Array.isArray(plan.pii) ? plan.pii : [],
      problems: Array.isArray(plan.problems) ? plan.problems : [],
      warnings: Array.isArray(plan.warnings) ? plan.warnings : [],
    },
    ready: out.ready === true,
    preflight: Array.isArray(out.preflight)
      ? (out.preflight as PreflightCheckView[])
      : undefined,
  };
}

/**
 * A short fingerprint of what was reviewed: the field's value, so a
 * changed plan needs a new review.
 */
export function planFingerprint(review: PlanReview): string {
  const text = JSON.stringify(review.plan ?? {});
  let hash = 5381;
  for (let i = 0; i < text.length; i++) {
    hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  }
  return `plan-${hash.toString(16)}`;
}

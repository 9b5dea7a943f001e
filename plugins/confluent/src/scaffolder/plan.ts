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

import type {
  CdcPreflightCheck,
  DataProductPlan,
  PlannedConnector,
} from '@shiftleft/plugin-confluent-common';

/*
 * What the review field reads from a dry run: the plan the
 * `confluent:dataproduct:plan` action returns (template output `plan`) and
 * the database checks of `confluent:cdc:preflight` (output `preflight`),
 * typed by their contract in the common package. Read defensively: a
 * template may name its steps differently or omit one.
 */

/**
 * What a dry run tells the review.
 * @public
 */
export interface PlanReview {
  plan?: DataProductPlan;
  ready: boolean;
  preflight?: CdcPreflightCheck[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the review from a dry run's template output.
 * @public
 */
export function readPlanReview(output: unknown): PlanReview {
  const out = isObject(output) ? output : {};
  const plan = isObject(out.plan)
    ? (out.plan as unknown as DataProductPlan)
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
      ? (out.preflight as CdcPreflightCheck[]).map(c => ({
          ...c,
          // Checks from before the status existed were passed or failed.
          status: c.status ?? (c.passed ? 'passed' : 'failed'),
        }))
      : undefined,
  };
}

/**
 * A short fingerprint of what was reviewed: the field's value, so a
 * changed plan needs a new review.
 * @public
 */
export function planFingerprint(review: PlanReview): string {
  const text = JSON.stringify(review.plan ?? {});
  let hash = 5381;
  for (let i = 0; i < text.length; i++) {
    hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  }
  return `plan-${hash.toString(16)}`;
}

/**
 * Where a sink connector writes, from its redacted config: host, database
 * and user, never a secret. Undefined for a source or an unknown class.
 * @public
 */
export function sinkDestination(
  connector: PlannedConnector,
): string | undefined {
  const c = connector.config;
  if (c['connection.host']) {
    return `PostgreSQL ${c['connection.user']}@${c['connection.host']}:${c['connection.port']}/${c['db.name']}`;
  }
  if (c['aws.redshift.domain']) {
    return `Redshift ${c['aws.redshift.user']}@${c['aws.redshift.domain']}:${c['aws.redshift.port']}/${c['aws.redshift.database']}`;
  }
  if (c['snowflake.url.name']) {
    return `Snowflake ${c['snowflake.url.name']} ${c['snowflake.database.name']}.${c['snowflake.schema.name']} as ${c['snowflake.user.name']}`;
  }
  return undefined;
}

/**
 * The plan review field's value, which the Review step shows: one line
 * per statement and sink (the SQL stays in the plan), and the fingerprint
 * of the reviewed plan.
 * @public
 */
export interface PlanSummary {
  statements: string[];
  sinks: string[];
  fingerprint: string;
}

/**
 * Summarizes a reviewed plan for the Review step.
 * @public
 */
export function planSummary(review: PlanReview): PlanSummary {
  const plan = review.plan;
  return {
    statements: (plan?.statements ?? []).map(s => {
      if (s.creates.length) return `${s.name} → ${s.creates.join(', ')}`;
      // A statement that creates nothing (ALTER TABLE …): what it does, to
      // what, in words rather than the parser's constant.
      const kind = (s.lineage?.kind ?? 'statement on').replace(/_/g, ' ');
      return `${s.name} → ${kind} ${s.reads.join(', ')}`.trimEnd();
    }),
    sinks: (plan?.sinks ?? []).map(s => {
      const to = sinkDestination(s);
      const tables = Object.values(s.targets ?? {}).join(', ');
      return `${s.topics.join(', ')} → ${to ? `${to}, ` : ''}table ${tables}`;
    }),
    fingerprint: planFingerprint(review),
  };
}

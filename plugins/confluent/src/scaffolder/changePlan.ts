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

import type { DataProductChangePlan } from '@shiftleft/plugin-confluent-common';

/*
 * What the change review reads from a dry run: the `changePlan` and `ready`
 * outputs of the "Change a data product" template, read defensively.
 */

/**
 * What a dry run tells the change review.
 * @public
 */
export interface ChangeReview {
  plan?: DataProductChangePlan;
  ready: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/**
 * Reads the change review from a dry run's template output.
 * @public
 */
export function readChangeReview(output: unknown): ChangeReview {
  const out = isObject(output) ? output : {};
  const raw = isObject(out.changePlan) ? out.changePlan : undefined;
  const plan = raw as unknown as DataProductChangePlan | undefined;
  return {
    plan: plan && {
      ...plan,
      schemaChanges: list(plan.schemaChanges),
      impact: list(plan.impact),
      teamsToTell: list(plan.teamsToTell),
      problems: list(plan.problems),
      warnings: list(plan.warnings),
      compatibility: isObject(plan.compatibility)
        ? { ...plan.compatibility, messages: list(plan.compatibility.messages) }
        : { subject: '', verdict: 'not-checked', messages: [] },
      method:
        isObject(plan.method) && plan.method.kind === 'blue-green'
          ? { ...plan.method, steps: list(plan.method.steps) }
          : plan.method,
    },
    ready: out.ready === true,
  };
}

/**
 * The change review field's value, which the Review step shows.
 * @public
 */
export interface ChangeSummary {
  /** `enriched_customers: added segment_code (string)`, one per change. */
  changes: string[];
  /** Who to tell, when the change breaks other teams' products. */
  teamsToTell: string[];
  /** A fingerprint of the reviewed plan: a changed plan needs a new review. */
  fingerprint: string;
}

/**
 * Summarizes a reviewed change for the Review step.
 * @public
 */
export function changeSummary(plan: DataProductChangePlan): ChangeSummary {
  const text = JSON.stringify(plan);
  let hash = 5381;
  for (let i = 0; i < text.length; i++) {
    hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  }
  return {
    changes: plan.schemaChanges.length
      ? plan.schemaChanges.map(
          c =>
            `${c.change} ${c.column}${
              c.after ? ` (${c.before ? `${c.before} → ` : ''}${c.after})` : ''
            }`,
        )
      : ['no column changes'],
    teamsToTell: plan.teamsToTell,
    fingerprint: `change-${hash.toString(16)}`,
  };
}

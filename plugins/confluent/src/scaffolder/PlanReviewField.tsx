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
import Alert from '@mui/material/Alert';
import { Box } from '@backstage/ui';
import {
  FieldExtensionComponentProps,
  useTemplateSecrets,
} from '@backstage/plugin-scaffolder-react';
import { useConfluentT } from '../translation';
import { DryRunReview, Section, Warnings } from './DryRunReview';
import { PlanReview, planSummary, PlanSummary, readPlanReview } from './plan';
import { PersonalData, SuspectedPersonalData } from './planReview/PersonalData';
import { Preflight } from './planReview/Preflight';
import { Connector, Statement } from './planReview/resources';
import { Summary } from './planReview/Summary';

/*
 * The ConfluentPlanReview field. Its parts, one concern each, are in
 * `planReview/`: the summary, the source database checks, the planned
 * resources and where personal data goes.
 */

/**
 * `ui:options` of the ConfluentPlanReview field.
 * @public
 */
export interface PlanReviewUiOptions {
  /**
   * The template to dry-run. Default: the template of the page
   * (`/create/templates/:namespace/:templateName`).
   */
  templateRef?: string;
}

/**
 * Renders a plan review (exported for tests and other forms).
 *
 * @public
 */
export function PlanReviewView({ review }: { review: PlanReview }) {
  const t = useConfluentT();
  const plan = review.plan;
  if (!plan) {
    return (
      <Alert severity="warning">
        {t('planReview.noPlanStep', { plan: <code>plan</code> })}
      </Alert>
    );
  }
  return (
    <Box>
      <Summary review={review} />
      {review.preflight && <Preflight checks={review.preflight} />}
      {plan.source && (
        <Section title={t('planReview.cdcSource')}>
          <Connector connector={plan.source} />
        </Section>
      )}
      {plan.statements.length > 0 && (
        <Section title={t('planReview.flinkStatements')}>
          {plan.statements.map(s => (
            <Statement key={s.name} statement={s} />
          ))}
        </Section>
      )}
      {plan.sinks.length > 0 && (
        <Section title={t('planReview.sinks')}>
          {plan.sinks.map(s => (
            <Connector key={s.name} connector={s} />
          ))}
        </Section>
      )}
      <PersonalData review={review} />
      <SuspectedPersonalData review={review} />
      <Warnings warnings={plan.warnings} />
    </Box>
  );
}

/**
 * The plan review of the streaming data product template: runs the
 * template as a scaffolder dry run with the form's values and secrets (the
 * actions' own dry run: nothing is created) and shows what the run will do.
 * Its value is a fingerprint of the reviewed plan, set only when the plan
 * has no problems; the validation keeps Create disabled until then.
 *
 * @public
 */
export function PlanReviewField(
  props: FieldExtensionComponentProps<
    PlanSummary | undefined,
    PlanReviewUiOptions
  >,
) {
  const { secrets } = useTemplateSecrets();
  const t = useConfluentT();
  return (
    <DryRunReview
      field={props}
      fieldName="ConfluentPlanReview"
      secrets={secrets}
      read={readPlanReview}
      summary={(review: PlanReview) =>
        review.plan && review.ready ? planSummary(review) : undefined
      }
      render={(review: PlanReview) => <PlanReviewView review={review} />}
      testId="confluent-plan-review"
      planning={t('planReview.planning')}
      errorTitle={t('planReview.errorTitle')}
    />
  );
}

/**
 * Validation of the ConfluentPlanReview field: the plan must have loaded
 * without problems.
 * @public
 */
export function planReviewValidation(
  value: PlanSummary | undefined,
  validation: { addError: (message: string) => void },
) {
  // The form may fill an object field with `{}`: only a plan counts.
  if (!value?.fingerprint) {
    validation.addError(
      'Review the plan first: it must finish loading, without problems, before the product can be created',
    );
  }
}

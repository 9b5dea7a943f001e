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
import AlertTitle from '@mui/material/AlertTitle';
import { useConfluentT } from '../../translation';
import { PlanReview } from '../plan';

/**
 * The plan at a glance: its problems, a source database not ready for CDC,
 * or what will be created where.
 */
export function Summary({ review }: { review: PlanReview }) {
  const t = useConfluentT();
  const plan = review.plan!;
  const failedChecks = (review.preflight ?? []).filter(
    c => c.status === 'failed',
  );
  const connectors = [plan.source, ...plan.sinks].filter(Boolean);
  const toCreate =
    connectors.filter(c => c!.action === 'create').length +
    plan.statements.filter(s => s.action === 'create').length;
  return (
    <>
      {plan.problems.length > 0 && (
        <Alert severity="error" sx={{ mb: 2 }}>
          <AlertTitle>
            {t('planReview.problems', { count: plan.problems.length })}
          </AlertTitle>
          <ul>
            {plan.problems.map(p => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
      {failedChecks.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          <AlertTitle>{t('planReview.notReadyTitle')}</AlertTitle>
          {t('planReview.notReadyText')}
          <ul>
            {failedChecks.map(c => (
              <li key={c.id}>
                {c.title}: {c.detail}. {t('planReview.fix')}
                <code>{c.fix}</code>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {plan.problems.length === 0 && (
        <Alert
          severity={failedChecks.length ? 'info' : 'success'}
          sx={{ mb: 2 }}
        >
          {t('planReview.summary', {
            product: plan.product,
            owner: plan.owner,
            resources: t('planReview.resources', { count: toCreate }),
            connectors: t('planReview.connectors', {
              count: connectors.length,
            }),
            statements: t('planReview.statements', {
              count: plan.statements.length,
            }),
            environment: plan.environmentId ?? '',
            cluster: plan.kafkaClusterId ?? '',
            serviceAccount: plan.serviceAccountId ?? '',
          })}
        </Alert>
      )}
    </>
  );
}

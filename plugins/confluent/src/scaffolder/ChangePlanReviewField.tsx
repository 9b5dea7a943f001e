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
import { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Chip from '@mui/material/Chip';
import MuiTable from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CodeSnippet } from '@backstage/core-components';
import { Box } from '@backstage/ui';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { DataProductChangePlan } from '@shiftleft/plugin-confluent-common';
import { useConfluentT } from '../translation';
import { DryRunReview, Section, Warnings } from './DryRunReview';
import {
  ChangeReview,
  changeSummary,
  ChangeSummary,
  readChangeReview,
} from './changePlan';

/**
 * `ui:options` of the ConfluentChangePlanReview field.
 * @public
 */
export interface ChangePlanReviewUiOptions {
  /** The template to dry-run. Default: the template of the page. */
  templateRef?: string;
}

const CHANGE_COLORS = {
  added: 'success',
  removed: 'error',
  'type-changed': 'warning',
} as const;

function SchemaDiff({ plan }: { plan: DataProductChangePlan }) {
  const { compatibility } = plan;
  const t = useConfluentT();
  let verdict: ReactNode;
  if (compatibility.verdict === 'compatible') {
    verdict = (
      <Chip size="small" color="success" label={t('changePlan.compatible')} />
    );
  } else if (compatibility.verdict === 'incompatible') {
    verdict = (
      <Chip size="small" color="error" label={t('changePlan.incompatible')} />
    );
  } else {
    verdict = <Chip size="small" label={compatibility.verdict} />;
  }
  return (
    <Section title={t('changePlan.valueSchema')}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t('changePlan.registryOn', { subject: compatibility.subject })}
        {compatibility.level
          ? t('changePlan.level', { level: compatibility.level })
          : ''}
        : {verdict}
      </Typography>
      {compatibility.messages.length > 0 && (
        <ul>
          {compatibility.messages.map(m => (
            <li key={m}>
              <Typography variant="body2">{m}</Typography>
            </li>
          ))}
        </ul>
      )}
      {plan.schemaChanges.length === 0 ? (
        <Typography variant="body2">
          {t('changePlan.noColumnChanges')}
        </Typography>
      ) : (
        <MuiTable size="small" aria-label={t('changePlan.schemaChangesLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('changePlan.column')}</TableCell>
              <TableCell>{t('changePlan.change')}</TableCell>
              <TableCell>{t('changePlan.before')}</TableCell>
              <TableCell>{t('changePlan.after')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.schemaChanges.map(c => (
              <TableRow key={c.column}>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {c.column}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    color={CHANGE_COLORS[c.change]}
                    label={c.change}
                  />
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {c.before ?? ''}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {c.after ?? ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </MuiTable>
      )}
    </Section>
  );
}

function Impact({ plan }: { plan: DataProductChangePlan }) {
  const t = useConfluentT();
  const title = t('changePlan.impactTitle');
  return (
    <Section title={title}>
      {plan.impact.length === 0 ? (
        <Typography variant="body2">{t('changePlan.noImpact')}</Typography>
      ) : (
        <MuiTable size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>{t('changePlan.reads')}</TableCell>
              <TableCell>{t('changePlan.entity')}</TableCell>
              <TableCell>{t('changePlan.owner')}</TableCell>
              <TableCell>{t('changePlan.via')}</TableCell>
              <TableCell>{t('changePlan.viaOwner')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.impact.map(i => (
              <TableRow key={`${i.entityRef}.${i.column}.${i.changedColumn}`}>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {i.changedColumn}
                  {i.column !== i.changedColumn ? ` → ${i.column}` : ''}
                </TableCell>
                <TableCell>
                  {i.entityRef}
                  {i.sinkTable ? t('changePlan.sinkTable') : ''}
                </TableCell>
                <TableCell>{i.owner || t('changePlan.noOwner')}</TableCell>
                <TableCell>{i.via}</TableCell>
                <TableCell>{i.viaOwner ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </MuiTable>
      )}
      {plan.restrictedDownstream > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('changePlan.restricted', { count: plan.restrictedDownstream })}
        </Typography>
      )}
    </Section>
  );
}

function Method({ plan }: { plan: DataProductChangePlan }) {
  const { method } = plan;
  const t = useConfluentT();
  return (
    <Section title={t('changePlan.methodTitle')}>
      {method.kind === 'materialized-table' ? (
        <Typography variant="body2">
          {t('changePlan.materializedTable', {
            statement: <code>{method.statementName}</code>,
            startMode: <code>{method.startMode}</code>,
            version:
              method.currentVersion !== undefined
                ? t('changePlan.version', {
                    from: String(method.currentVersion),
                    to: String(method.currentVersion + 1),
                  })
                : '',
          })}
        </Typography>
      ) : (
        <>
          <Typography variant="body2">
            {t('changePlan.blueGreen', {
              statement: <code>{method.statementName}</code>,
              previous: <code>{method.previousStatement}</code>,
            })}
          </Typography>
          <ol>
            {method.steps.map(step => (
              <li key={step}>
                <Typography variant="body2">{step}</Typography>
              </li>
            ))}
          </ol>
        </>
      )}
      <CodeSnippet text={plan.sql} language="sql" showLineNumbers />
    </Section>
  );
}

/** Renders a change plan (exported for tests and other forms). @public */
export function ChangePlanView({ review }: { review: ChangeReview }) {
  const t = useConfluentT();
  const plan = review.plan;
  if (!plan) {
    return (
      <Alert severity="warning">
        {t('changePlan.noChangePlan', { output: <code>changePlan</code> })}
      </Alert>
    );
  }
  return (
    <Box>
      {plan.problems.length > 0 ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          <AlertTitle>
            {t('changePlan.problems', { count: plan.problems.length })}
          </AlertTitle>
          <ul>
            {plan.problems.map(p => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert
          severity={plan.needsConfirmation ? 'warning' : 'success'}
          sx={{ mb: 2 }}
        >
          {t('changePlan.ready', {
            product: plan.product,
            owner: plan.owner,
            confirmed: plan.needsConfirmation
              ? t('changePlan.confirmed', {
                  teams: plan.teamsToTell.join(', '),
                })
              : '',
          })}
        </Alert>
      )}
      {plan.teamsToTell.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('changePlan.tell', {
            teams: plan.teamsToTell.join(', '),
            product: plan.product,
          })}
        </Alert>
      )}
      <SchemaDiff plan={plan} />
      <Impact plan={plan} />
      <Method plan={plan} />
      <Warnings warnings={plan.warnings} />
    </Box>
  );
}

/**
 * The review of the "Change a data product" template: dry-runs the template
 * with the form's values (nothing changes) and shows the change plan. Its
 * value is set only when the plan has no problems; the validation keeps
 * the run disabled until then.
 *
 * @public
 */
export function ChangePlanReviewField(
  props: FieldExtensionComponentProps<
    ChangeSummary | undefined,
    ChangePlanReviewUiOptions
  >,
) {
  const t = useConfluentT();
  return (
    <DryRunReview
      field={props}
      fieldName="ConfluentChangePlanReview"
      read={readChangeReview}
      summary={(review: ChangeReview) =>
        review.plan && review.ready ? changeSummary(review.plan) : undefined
      }
      render={(review: ChangeReview) => <ChangePlanView review={review} />}
      testId="confluent-change-plan-review"
      planning={t('changePlan.planning')}
      errorTitle={t('changePlan.errorTitle')}
    />
  );
}

/**
 * Validation of the ConfluentChangePlanReview field: the plan must have
 * loaded without problems.
 * @public
 */
export function changePlanReviewValidation(
  value: ChangeSummary | undefined,
  validation: { addError: (message: string) => void },
) {
  if (!value?.fingerprint) {
    validation.addError(
      'Review the change first: its plan must finish loading, without problems, before the product can be changed',
    );
  }
}

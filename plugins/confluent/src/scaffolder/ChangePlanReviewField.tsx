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
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import MuiTable from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CodeSnippet } from '@backstage/core-components';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { DataProductChangePlan } from '@shiftleft/plugin-confluent-common';
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
  let verdict: ReactNode;
  if (compatibility.verdict === 'compatible') {
    verdict = <Chip size="small" color="success" label="compatible" />;
  } else if (compatibility.verdict === 'incompatible') {
    verdict = <Chip size="small" color="error" label="INCOMPATIBLE" />;
  } else {
    verdict = <Chip size="small" label={compatibility.verdict} />;
  }
  return (
    <Section title="Value schema">
      <Typography variant="body2" sx={{ mb: 1 }}>
        Schema Registry on {compatibility.subject}
        {compatibility.level ? ` (${compatibility.level})` : ''}: {verdict}
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
        <Typography variant="body2">No column changes.</Typography>
      ) : (
        <MuiTable size="small" aria-label="Value schema changes">
          <TableHead>
            <TableRow>
              <TableCell>Column</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Before</TableCell>
              <TableCell>After</TableCell>
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
  return (
    <Section title="Downstream impact">
      {plan.impact.length === 0 ? (
        <Typography variant="body2">
          Nothing downstream reads a removed or changed column.
        </Typography>
      ) : (
        <MuiTable size="small" aria-label="Downstream impact">
          <TableHead>
            <TableRow>
              <TableCell>Reads</TableCell>
              <TableCell>Entity</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Via</TableCell>
              <TableCell>Via owner</TableCell>
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
                  {i.sinkTable ? ' (sink table)' : ''}
                </TableCell>
                <TableCell>{i.owner || 'no known owner'}</TableCell>
                <TableCell>{i.via}</TableCell>
                <TableCell>{i.viaOwner ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </MuiTable>
      )}
      {plan.restrictedDownstream > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {plan.restrictedDownstream} more downstream entit
          {plan.restrictedDownstream === 1 ? 'y' : 'ies'} you may not read.
        </Typography>
      )}
    </Section>
  );
}

function Method({ plan }: { plan: DataProductChangePlan }) {
  const { method } = plan;
  return (
    <Section title="How it is applied">
      {method.kind === 'materialized-table' ? (
        <Typography variant="body2">
          CREATE OR ALTER MATERIALIZED TABLE as statement{' '}
          <code>{method.statementName}</code>, START_MODE{' '}
          <code>{method.startMode}</code>
          {method.currentVersion !== undefined
            ? `: version ${method.currentVersion} → ${
                method.currentVersion + 1
              }`
            : ''}
          .
        </Typography>
      ) : (
        <>
          <Typography variant="body2">
            Blue/green: <code>{method.statementName}</code> replaces{' '}
            <code>{method.previousStatement}</code>.
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
  const plan = review.plan;
  if (!plan) {
    return (
      <Alert severity="warning">
        This template has no output <code>changePlan</code>{' '}
        (confluent:dataproduct:plan-change): there is nothing to review.
      </Alert>
    );
  }
  return (
    <Box>
      {plan.problems.length > 0 ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          <AlertTitle>
            {plan.problems.length} problem
            {plan.problems.length > 1 ? 's' : ''}: the change cannot go ahead
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
          {plan.product}, owned by {plan.owner}: ready to change
          {plan.needsConfirmation
            ? ` — confirmed although it breaks what ${plan.teamsToTell.join(
                ', ',
              )} own`
            : ''}
          .
        </Alert>
      )}
      {plan.teamsToTell.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Tell {plan.teamsToTell.join(', ')} before changing {plan.product}.
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
      planning="Planning the change: reading the schema, Schema Registry and the lineage downstream. Nothing is changed."
      errorTitle="The change could not be planned"
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

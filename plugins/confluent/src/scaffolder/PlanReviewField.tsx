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
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
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
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { CodeSnippet } from '@backstage/core-components';
import {
  FieldExtensionComponentProps,
  useTemplateSecrets,
} from '@backstage/plugin-scaffolder-react';
import type {
  CdcPreflightCheck,
  PlannedConnector,
  PlannedStatement,
} from '@shiftleft/plugin-confluent-common';
import { DryRunReview, Section, Warnings } from './DryRunReview';
import {
  PlanReview,
  planSummary,
  PlanSummary,
  readPlanReview,
  sinkDestination,
} from './plan';

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

function ActionChip({ action }: { action?: string }) {
  const labels: Record<string, string> = {
    create: 'will be created',
    adopt: 'exists: adopted as is',
    restart: 'exists but failed: restarted',
    replace: 'exists but failed: submitted again',
  };
  let color: 'primary' | 'default' | 'error' = 'default';
  if (action === 'create') color = 'primary';
  else if (!action) color = 'error';
  return (
    <Chip
      size="small"
      variant="outlined"
      color={color}
      label={action ? labels[action] ?? action : 'invalid'}
    />
  );
}

function KeyValueTable({
  rows,
  label,
}: {
  rows: Array<[string, string]>;
  label: string;
}) {
  return (
    <MuiTable size="small" aria-label={label}>
      <TableBody>
        {rows.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell sx={{ fontFamily: 'monospace', width: '40%' }}>
              {key}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              {value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </MuiTable>
  );
}

function CheckIcon({ status }: { status: CdcPreflightCheck['status'] }) {
  if (status === 'passed') {
    return (
      <CheckCircleIcon color="success" fontSize="small" titleAccess="passed" />
    );
  }
  if (status === 'not_checked') {
    return (
      <RemoveCircleOutlineIcon
        color="disabled"
        fontSize="small"
        titleAccess="not checked"
      />
    );
  }
  return <CancelIcon color="error" fontSize="small" titleAccess="failed" />;
}

function Preflight({ checks }: { checks: CdcPreflightCheck[] }) {
  return (
    <Section title="Source database checks">
      <MuiTable size="small" aria-label="Source database checks">
        <TableHead>
          <TableRow>
            <TableCell>Check</TableCell>
            <TableCell>Found</TableCell>
            <TableCell>Fix</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checks.map(check => (
            <TableRow key={check.id}>
              <TableCell>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <CheckIcon status={check.status} />
                  {check.title}
                </Box>
              </TableCell>
              <TableCell>{check.detail}</TableCell>
              <TableCell
                sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
              >
                {check.fix ?? ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </MuiTable>
    </Section>
  );
}

/** A planned resource: one line, and its details when expanded. */
function PlannedResource(props: {
  name: string;
  kind?: string;
  action?: string;
  /** What it reads and writes. */
  flow: ReactNode;
  children: ReactNode;
}) {
  return (
    <Accordion disableGutters>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Box
          sx={{
            display: 'flex',
            flexWrap: 'wrap',
            gap: 1,
            alignItems: 'center',
          }}
        >
          <Typography sx={{ fontWeight: 500 }}>{props.name}</Typography>
          <Typography color="text.secondary">{props.kind}</Typography>
          <ActionChip action={props.action} />
          <Typography color="text.secondary" variant="body2">
            {props.flow}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails>{props.children}</AccordionDetails>
    </Accordion>
  );
}

function Connector({ connector }: { connector: PlannedConnector }) {
  return (
    <PlannedResource
      name={connector.name}
      kind={connector.connectorClass}
      action={connector.action}
      flow={`${
        connector.role === 'source' ? 'writes ' : 'reads '
      }${connector.topics.join(', ')}${
        connector.targets
          ? ` → ${Object.values(connector.targets).join(', ')}`
          : ''
      }${
        sinkDestination(connector) ? ` in ${sinkDestination(connector)}` : ''
      }`}
    >
      <KeyValueTable
        label={`Config of ${connector.name}`}
        rows={Object.entries(connector.config).sort(([a], [b]) =>
          a.localeCompare(b),
        )}
      />
    </PlannedResource>
  );
}

function Statement({ statement }: { statement: PlannedStatement }) {
  return (
    <PlannedResource
      name={statement.name}
      kind={statement.lineage?.kind}
      action={statement.action}
      flow={`reads ${statement.reads.join(', ') || 'nothing'}${
        statement.creates.length
          ? ` → creates ${statement.creates.join(', ')}`
          : ''
      }`}
    >
      <CodeSnippet text={statement.sql} language="sql" showLineNumbers />
      <KeyValueTable
        label={`Properties of ${statement.name}`}
        rows={Object.entries(statement.properties)}
      />
      {statement.lineage?.columns.length ? (
        <MuiTable
          size="small"
          aria-label={`Column lineage of ${statement.name}`}
        >
          <TableHead>
            <TableRow>
              <TableCell>Column</TableCell>
              <TableCell>From</TableCell>
              <TableCell>How</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {statement.lineage.columns.map(c => (
              <TableRow key={`${c.sink}.${c.column}`}>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {c.column}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {c.sources.join(', ') || '—'}
                </TableCell>
                <TableCell>
                  {c.direct ? 'copied' : c.transforms.join(', ') || 'computed'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </MuiTable>
      ) : null}
    </PlannedResource>
  );
}

function Summary({ review }: { review: PlanReview }) {
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
            {plan.problems.length} problem{plan.problems.length > 1 ? 's' : ''}{' '}
            to fix before anything can be created
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
          <AlertTitle>The source database is not ready for CDC</AlertTitle>
          The run stops at its first step until this is fixed:
          <ul>
            {failedChecks.map(c => (
              <li key={c.id}>
                {c.title}: {c.detail}. Fix: <code>{c.fix}</code>
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
          {plan.product}, owned by {plan.owner}: {toCreate} resource
          {toCreate === 1 ? '' : 's'} to create ({connectors.length} connector
          {connectors.length === 1 ? '' : 's'}, {plan.statements.length} Flink
          statement{plan.statements.length === 1 ? '' : 's'}) in{' '}
          {plan.environmentId} / {plan.kafkaClusterId}, connectors running as{' '}
          {plan.serviceAccountId}.
        </Alert>
      )}
    </>
  );
}

function PersonalData({ review }: { review: PlanReview }) {
  const plan = review.plan!;
  const masked = plan.source?.config['transforms.maskPii.fields'];
  return (
    <Section title="Personal data reaching sinks">
      {masked && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          Masked at the source, before leaving the database: {masked} (replaced
          with {plan.source?.config['transforms.maskPii.replacement']}).
        </Typography>
      )}
      {plan.pii.length === 0 ? (
        <Typography variant="body2">
          No personal data reaches a sink.
        </Typography>
      ) : (
        <MuiTable size="small" aria-label="Personal data reaching sinks">
          <TableHead>
            <TableRow>
              <TableCell>Sink target</TableCell>
              <TableCell>Column</TableCell>
              <TableCell>Arrives</TableCell>
              <TableCell>How</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.pii.flatMap(sink =>
              sink.fields.map(f => (
                <TableRow key={`${sink.sink}.${f.column}.${f.field ?? ''}`}>
                  <TableCell>{sink.target}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>
                    {f.column}
                    {f.field ? `.${f.field}` : ''}
                  </TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={f.masked ? 'success' : 'error'}
                      label={
                        f.masked
                          ? `masked${
                              f.replacement ? ` (${f.replacement})` : ''
                            }`
                          : `UNMASKED (${f.status})`
                      }
                    />
                  </TableCell>
                  <TableCell>
                    <ol style={{ margin: 0, paddingLeft: 16 }}>
                      {f.chain.map((step, i) => (
                        <li key={i}>{step}</li>
                      ))}
                    </ol>
                  </TableCell>
                </TableRow>
              )),
            )}
          </TableBody>
        </MuiTable>
      )}
    </Section>
  );
}

/**
 * Columns whose names look personal but that the form neither masks nor
 * declares PII. Only names were checked, never values.
 */
function SuspectedPersonalData({ review }: { review: PlanReview }) {
  const suspected = review.plan?.suspectedPii ?? [];
  if (suspected.length === 0) return null;
  const fromSource = [
    ...new Set(suspected.filter(f => f.from === 'source').map(f => f.column)),
  ];
  return (
    <Section title="Suspected personal data">
      <Alert severity="warning" sx={{ mb: 1 }}>
        {suspected.length} column{suspected.length === 1 ? '' : 's'} look
        {suspected.length === 1 ? 's' : ''} personal but{' '}
        {suspected.length === 1 ? 'is' : 'are'} neither masked nor declared PII
        (only the names were checked, never a value).
        {fromSource.length > 0 && (
          <>
            {' '}
            If they hold personal data, add {fromSource.join(', ')} to “PII
            fields to mask” or “Other PII fields” on the source page: they are
            then tagged PII in Stream Catalog and followed to every sink. Once
            the product exists, its owners can also tag a column from the Schema
            card.
          </>
        )}
      </Alert>
      <MuiTable size="small" aria-label="Suspected personal data">
        <TableHead>
          <TableRow>
            <TableCell>Table</TableCell>
            <TableCell>Column</TableCell>
            <TableCell>Looks like</TableCell>
            <TableCell>From</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {suspected.map(f => (
            <TableRow
              key={`${f.table}.${f.column}`}
              data-testid={`suspected-${f.table}.${f.column}`}
            >
              <TableCell>{f.table}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{f.column}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color="warning"
                  variant="outlined"
                  label={f.pattern}
                />
              </TableCell>
              <TableCell>
                {f.from === 'source' ? 'source table' : 'statement output'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </MuiTable>
    </Section>
  );
}

/**
 * Renders a plan review (exported for tests and other forms).
 *
 * @public
 */
export function PlanReviewView({ review }: { review: PlanReview }) {
  const plan = review.plan;
  if (!plan) {
    return (
      <Alert severity="warning">
        This template has no plan step (confluent:dataproduct:plan) whose output
        is named <code>plan</code>: there is nothing to review.
      </Alert>
    );
  }
  return (
    <Box>
      <Summary review={review} />
      {review.preflight && <Preflight checks={review.preflight} />}
      {plan.source && (
        <Section title="CDC source">
          <Connector connector={plan.source} />
        </Section>
      )}
      {plan.statements.length > 0 && (
        <Section title="Flink statements">
          {plan.statements.map(s => (
            <Statement key={s.name} statement={s} />
          ))}
        </Section>
      )}
      {plan.sinks.length > 0 && (
        <Section title="Sinks">
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
      planning="Planning: checking the database, the SQL and Confluent. Nothing is created."
      errorTitle="The plan could not be made"
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

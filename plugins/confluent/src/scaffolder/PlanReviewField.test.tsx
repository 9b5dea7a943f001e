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
import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  scaffolderApiRef,
  SecretsContextProvider,
} from '@backstage/plugin-scaffolder-react';
import { PlanReviewField, planReviewValidation } from './PlanReviewField';

const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'streaming-data-product', namespace: 'default' },
  spec: { type: 'data-product', steps: [], parameters: [] },
};

const plan = (problems: string[] = []) => ({
  product: 'crm',
  owner: 'group:default/customer-data-team',
  environmentId: 'env-q7m2xz',
  kafkaClusterId: 'lkc-8w3pvd',
  serviceAccountId: 'sa-3nz8wq',
  source: {
    name: 'crm-postgres-cdc-source',
    role: 'source',
    connectorClass: 'PostgresCdcSourceV2',
    action: 'create',
    topics: ['crm.public.customers'],
    config: {
      'database.password': '<secret secrets.dbPassword>',
      'transforms.maskPii.fields': 'email',
      'transforms.maskPii.replacement': '****',
    },
  },
  statements: [
    {
      name: 'crm-enriched-customers',
      sql: 'CREATE TABLE `crm.enriched_customers` AS SELECT c.email FROM `crm.public.customers` c',
      properties: { 'sql.current-catalog': 'env-q7m2xz' },
      action: 'adopt',
      reads: ['crm.public.customers'],
      creates: ['crm.enriched_customers'],
      lineage: {
        kind: 'CREATE_TABLE_AS',
        columns: [
          {
            sink: '`crm.enriched_customers`',
            column: 'email',
            sources: ['`crm.public.customers`.email'],
            direct: true,
            transforms: [],
          },
        ],
      },
    },
  ],
  sinks: [
    {
      name: 'crm-enriched-customers-postgres-sink',
      role: 'sink',
      connectorClass: 'PostgresSink',
      action: 'create',
      topics: ['crm.enriched_customers'],
      targets: { 'crm.enriched_customers': 'crm_enriched_customers' },
      config: {
        'connection.host': 'db.internal',
        'connection.port': '5432',
        'connection.user': 'postgres',
        'connection.password': '<secret secrets.dbPassword>',
        'db.name': 'crm',
      },
    },
  ],
  pii: [
    {
      sink: 'crm-enriched-customers-postgres-sink',
      reads: 'crm.enriched_customers',
      target: 'postgres table crm_enriched_customers',
      fields: [
        {
          column: 'email',
          status: 'masked',
          masked: true,
          replacement: '****',
          chain: [
            'Masked by crm-postgres-cdc-source',
            'Copied unchanged by crm-enriched-customers: c.email',
          ],
        },
      ],
    },
  ],
  problems,
  warnings: [],
});

const preflight = (walLevel: 'logical' | 'replica') => [
  {
    id: 'wal_level',
    title: 'Logical replication is enabled (wal_level = logical)',
    passed: walLevel === 'logical',
    detail: `wal_level is '${walLevel}'`,
    ...(walLevel === 'logical'
      ? {}
      : {
          fix: 'ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.',
        }),
  },
];

async function renderField(output: object) {
  const dryRun = jest.fn().mockResolvedValue({
    output,
    log: [],
    steps: [],
    directoryContents: [],
  });
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [scaffolderApiRef, { dryRun }],
        [catalogApiRef, catalogApiMock({ entities: [template as any] })],
      ]}
    >
      <SecretsContextProvider initialSecrets={{ dbPassword: 's3cret-value' }}>
        <PlanReviewField
          {...({} as any)}
          name="planReview"
          onChange={onChange}
          rawErrors={[]}
          uiSchema={{
            'ui:options': {
              templateRef: 'template:default/streaming-data-product',
            },
          }}
          formContext={{
            formData: {
              name: 'crm',
              dbPassword: '************',
              planReview: 'old',
            },
          }}
        />
      </SecretsContextProvider>
    </TestApiProvider>,
  );
  return { dryRun, onChange };
}

describe('PlanReviewField', () => {
  it('dry-runs the template with the form and its secrets, and shows the plan', async () => {
    const { dryRun, onChange } = await renderField({
      plan: plan(),
      ready: true,
      preflight: preflight('logical'),
    });
    expect(
      await screen.findByText('Source database checks'),
    ).toBeInTheDocument();
    expect(dryRun).toHaveBeenCalledWith({
      template: expect.objectContaining({
        metadata: expect.objectContaining({ name: 'streaming-data-product' }),
      }),
      values: { name: 'crm', dbPassword: '************' },
      secrets: { dbPassword: 's3cret-value' },
      directoryContents: [],
    });
    expect(screen.getByText('crm-postgres-cdc-source')).toBeInTheDocument();
    expect(screen.getByText('crm-enriched-customers')).toBeInTheDocument();
    expect(screen.getByText('exists: adopted as is')).toBeInTheDocument();
    expect(
      screen.getAllByText('<secret secrets.dbPassword>', { selector: 'td' }),
    ).toHaveLength(2);
    expect(screen.getByText('masked (****)')).toBeInTheDocument();
    expect(screen.getByText(/2 resources to create/)).toBeInTheDocument();
    // Where the sink writes, redacted: no secret, no empty `connection:`.
    expect(
      screen.getByText(/in PostgreSQL postgres@db.internal:5432\/crm/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({
        statements: ['crm-enriched-customers → crm.enriched_customers'],
        sinks: [
          'crm.enriched_customers → PostgreSQL postgres@db.internal:5432/crm, table crm_enriched_customers',
        ],
        fingerprint: expect.stringMatching(/^plan-[0-9a-f]+$/),
      }),
    );
  });

  it('lists suspected personal data with how to declare it, without blocking', async () => {
    const { onChange } = await renderField({
      plan: {
        ...plan(),
        suspectedPii: [
          {
            table: 'crm.public.customers',
            column: 'customername',
            pattern: 'customer_name',
            from: 'source',
          },
          {
            table: 'crm.enriched_customers',
            column: 'customername',
            pattern: 'customer_name',
            from: 'statement',
          },
        ],
      },
      ready: true,
    });
    const section = await screen.findByRole('region', {
      name: 'Suspected personal data',
    });
    expect(section).toHaveTextContent(
      '2 columns look personal but are neither masked nor declared PII (only the names were checked, never a value).',
    );
    expect(section).toHaveTextContent(
      'add customername to “PII fields to mask” or “Other PII fields” on the source page',
    );
    const row = within(section).getByTestId(
      'suspected-crm.public.customers.customername',
    );
    expect(within(row).getByText('customer_name')).toBeInTheDocument();
    expect(within(row).getByText('source table')).toBeInTheDocument();
    expect(
      within(
        within(section).getByTestId(
          'suspected-crm.enriched_customers.customername',
        ),
      ).getByText('statement output'),
    ).toBeInTheDocument();
    // A suggestion: the plan stays reviewable.
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(
        expect.objectContaining({
          fingerprint: expect.stringMatching(/^plan-/),
        }),
      ),
    );
  });

  it('shows no suspected section for a plan without suspects (or made before discovery)', async () => {
    await renderField({ plan: plan(), ready: true });
    await screen.findByText('crm-postgres-cdc-source');
    expect(
      screen.queryByRole('region', { name: 'Suspected personal data' }),
    ).toBeNull();
  });

  it('shows what the database lacks with its fix, without blocking', async () => {
    const { onChange } = await renderField({
      plan: plan(),
      ready: true,
      preflight: preflight('replica'),
    });
    expect(
      await screen.findByText('The source database is not ready for CDC'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        'ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.',
      ).length,
    ).toBeGreaterThan(0);
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(
        expect.objectContaining({
          fingerprint: expect.stringMatching(/^plan-/),
        }),
      ),
    );
  });

  it('marks the checks of missing tables as not checked, not passed', async () => {
    await renderField({
      plan: plan(),
      ready: true,
      preflight: [
        {
          id: 'tables',
          title: 'The tables exist',
          status: 'failed',
          passed: false,
          detail: 'Not found in shop: public.customers',
          fix: 'Create the missing tables or remove them from the list: public.customers.',
        },
        {
          id: 'primary_keys',
          title: 'Every table has a primary key',
          status: 'not_checked',
          passed: false,
          detail: 'Not checked: the tables do not exist',
        },
      ],
    });
    const checks = await screen.findByRole('table', {
      name: 'Source database checks',
    });
    const row = within(checks).getByRole('row', {
      name: /Every table has a primary key/,
    });
    expect(within(row).getByTitle('not checked')).toBeInTheDocument();
    expect(within(row).queryByTitle('passed')).not.toBeInTheDocument();
    expect(
      within(row).getByText('Not checked: the tables do not exist'),
    ).toBeInTheDocument();
    // Only the failed check is a thing to fix.
    const alert = screen
      .getByText('The source database is not ready for CDC')
      .closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText(/The tables exist/)).toBeInTheDocument();
    expect(
      within(alert).queryByText(/Every table has a primary key/),
    ).not.toBeInTheDocument();
  });

  it('lists the problems and leaves the field unset, so Create stays blocked', async () => {
    const problem =
      'Unmasked personal data reaches snowflake table CRM_PRODUCT_SALES through crm-product-sales-snowflake-sink: customername (pii)';
    const { onChange } = await renderField({
      plan: plan([problem]),
      ready: false,
      preflight: preflight('logical'),
    });
    expect(
      await screen.findByText(
        '1 problem to fix before anything can be created',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(problem)).toBeInTheDocument();
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(undefined));
    const errors: string[] = [];
    planReviewValidation(undefined, { addError: e => errors.push(e) });
    planReviewValidation({} as any, { addError: e => errors.push(e) });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(
      'Review the plan first: it must finish loading, without problems, before the product can be created',
    );
  });
});

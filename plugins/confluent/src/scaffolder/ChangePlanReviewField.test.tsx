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
import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { DataProductChangePlan } from '@shiftleft/plugin-confluent-common';
import {
  ChangePlanView,
  changePlanReviewValidation,
} from './ChangePlanReviewField';
import { changeSummary, readChangeReview } from './changePlan';

const dropCustomerName: DataProductChangePlan = {
  product: 'api:default/enriched_customers',
  topic: 'enriched_customers',
  owner: 'group:default/customer-data-team',
  environmentId: 'env-1',
  kafkaClusterId: 'lkc-1',
  currentStatement: 'enriched-customer-materializer',
  sql: 'INSERT INTO `enriched_customers`\nSELECT c.customerid FROM c',
  properties: {},
  method: {
    kind: 'blue-green',
    previousStatement: 'enriched-customer-materializer',
    statementName: 'enriched-customer-materializer-c1a2b3c4d',
    steps: ['Register the new value schema', 'Stop the old one'],
  },
  schemaChanges: [
    { column: 'customername', change: 'removed', before: 'string' },
  ],
  compatibility: {
    subject: 'enriched_customers-value',
    verdict: 'compatible',
    messages: [],
  },
  impact: [
    {
      entityRef: 'api:default/product_sales',
      type: 'data-product',
      owner: 'group:default/sales-analytics-team',
      column: 'customername',
      changedColumn: 'customername',
      hops: 1,
      via: 'component:default/product-sales-materializer',
      viaOwner: 'group:default/sales-analytics-team',
      sinkTable: false,
    },
  ],
  restrictedDownstream: 0,
  teamsToTell: ['group:default/sales-analytics-team'],
  needsConfirmation: true,
  problems: [
    'Changing customername breaks api:default/product_sales (group:default/sales-analytics-team). Tell group:default/sales-analytics-team first, then confirm the breaking change to go ahead',
  ],
  warnings: [],
};

describe('the change review', () => {
  it('shows the schema diff, the verdict, who is affected and the refusal', async () => {
    const review = readChangeReview({
      changePlan: dropCustomerName,
      ready: false,
    });
    await renderInTestApp(<ChangePlanView review={review} />);
    expect(
      screen.getByText(/1 problem: the change cannot go ahead/),
    ).toBeInTheDocument();
    const diff = screen.getByRole('table', { name: 'Value schema changes' });
    expect(within(diff).getByText('customername')).toBeInTheDocument();
    expect(within(diff).getByText('removed')).toBeInTheDocument();
    expect(screen.getByText('compatible')).toBeInTheDocument();
    const impact = screen.getByRole('table', { name: 'Downstream impact' });
    expect(
      within(impact).getByText('api:default/product_sales'),
    ).toBeInTheDocument();
    expect(
      within(impact).getAllByText('group:default/sales-analytics-team'),
    ).toHaveLength(2);
    expect(
      screen.getByText(
        /Tell group:default\/sales-analytics-team before changing/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Blue\/green/)).toBeInTheDocument();
  });

  it('takes a value only from a ready plan', () => {
    const errors: string[] = [];
    changePlanReviewValidation(undefined, { addError: e => errors.push(e) });
    expect(errors).toHaveLength(1);
    const summary = changeSummary(dropCustomerName);
    expect(summary.changes).toEqual(['removed customername']);
    expect(summary.fingerprint).toMatch(/^change-[0-9a-f]+$/);
    changePlanReviewValidation(summary, { addError: e => errors.push(e) });
    expect(errors).toHaveLength(1);
  });
});

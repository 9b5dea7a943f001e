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
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { ReviewState } from '@backstage/plugin-scaffolder-react/alpha';
import { parse } from 'yaml';

// The template as Backstage's Review step reads it: each page's schema.
const template = parse(
  readFileSync(
    resolve(
      __dirname,
      '../../../../templates/streaming-data-product/template.yaml',
    ),
    'utf8',
  ),
);
const pages = template.spec.parameters as Array<{
  title: string;
  properties: Record<string, any>;
}>;
const schemas = pages.map(page => ({
  title: page.title,
  mergedSchema: { type: 'object', properties: page.properties },
  schema: {},
  uiSchema: {},
})) as any;
const defaults = Object.fromEntries(
  pages.flatMap(p =>
    Object.entries(p.properties)
      .filter(([, v]) => v.default !== undefined)
      .map(([k, v]) => [k, v.default]),
  ),
);

describe('the Review step of the streaming data product template', () => {
  it('lists statements and sinks from the plan summary, without SQL, empty connections or the fingerprint', async () => {
    await renderInTestApp(
      <ReviewState
        schemas={schemas}
        formState={{
          name: 'crm',
          ...defaults,
          planReview: {
            statements: ['crm-enriched-customers → crm.enriched_customers'],
            sinks: [
              'crm.thirty_day_customer_snapshot → PostgreSQL postgres@db.internal:5432/shop, table crm_thirty_day_customer_snapshot',
            ],
            fingerprint: 'plan-1a2b3c',
          },
        }}
      />,
    );
    expect(screen.getByText('Flink statements')).toBeInTheDocument();
    expect(
      screen.getByText('crm-enriched-customers → crm.enriched_customers'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/→ PostgreSQL postgres@db.internal:5432\/shop/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/CREATE TABLE/)).not.toBeInTheDocument();
    expect(screen.queryByText(/connection/i)).not.toBeInTheDocument();
    expect(
      screen.queryByText(/plan-1a2b3c|fingerprint/i),
    ).not.toBeInTheDocument();
  });
});

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
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const input = {
  product: 'api:default/enriched_customers',
  sql: [
    'CREATE TABLE enriched_customers (',
    '  PRIMARY KEY (customerid) NOT ENFORCED',
    ') AS',
    'SELECT c.customerid, c.customername, c.email, c.segment,',
    '  UPPER(c.segment) AS segment_code',
    'FROM `shiftleft.public.customers` c;',
  ].join('\n'),
};

export const planChangeExamples: TemplateExample[] = [
  {
    description:
      'Plan adding a column to enriched_customers: schema diff, compatibility, downstream impact',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'confluent:dataproduct:plan-change',
          name: 'Plan the change',
          input,
        },
      ],
    }),
  },
];

export const changeExamples: TemplateExample[] = [
  {
    description:
      'Change enriched_customers blue/green; confirm breaking the products that read a dropped column',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'confluent:dataproduct:change',
          name: 'Change the data product',
          input: { ...input, confirmBreakingChange: true },
        },
      ],
    }),
  },
  {
    description:
      'Evolve a materialized table in place, resuming from where it was',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'confluent:dataproduct:change',
          name: 'Change the materialized table',
          input: {
            product: 'api:default/order_totals',
            sql: 'CREATE OR ALTER MATERIALIZED TABLE order_totals AS SELECT orderid, SUM(quantity) AS items FROM order_items GROUP BY orderid;',
            startMode: 'RESUME_OR_FROM_NOW',
          },
        },
      ],
    }),
  },
];

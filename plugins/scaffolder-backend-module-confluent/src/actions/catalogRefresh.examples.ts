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

export const examples: TemplateExample[] = [
  {
    description:
      'Announce what a data product created, so its entities appear in the catalog at once, and link to them',
    example: yaml.stringify({
      steps: [
        {
          id: 'catalog',
          action: 'confluent:catalog:refresh',
          name: 'Register in the catalog',
          input: {
            connectors: ['shiftleft-postgres-cdc-source'],
            statements: ['enriched-customer-materializer'],
            topics: ['enriched_customers'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Announce the resources listed by the plan step without waiting for the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'catalog',
          action: 'confluent:catalog:refresh',
          name: 'Register in the catalog',
          input: {
            connectors: ['shiftleft-redshift-sink'],
            topics: ['product_sales'],
            waitSeconds: 0,
          },
        },
      ],
    }),
  },
];

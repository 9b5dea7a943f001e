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
      'A CTAS statement materializing a keyed data product from two CDC topics, owned by a team',
    example: yaml.stringify({
      steps: [
        {
          id: 'enriched',
          action: 'confluent:flink:statement:create',
          name: 'Materialize enriched customers',
          input: {
            name: 'crm-enriched-customers',
            owner: 'group:default/customer-data-team',
            sql: [
              'CREATE TABLE `crm.enriched_customers` (',
              '  PRIMARY KEY (customerid) NOT ENFORCED',
              ') AS',
              'SELECT c.customerid, c.customername, c.email, a.city',
              'FROM `shiftleft.public.customers` c',
              'LEFT JOIN `shiftleft.public.addresses` a ON c.shipping_address_id = a.addressid',
              "WHERE c.__deleted IS NULL OR c.__deleted <> 'true';",
            ].join('\n'),
          },
        },
      ],
    }),
  },
  {
    description:
      'A statement reading a table created by an earlier step of the same run, with a state TTL',
    example: yaml.stringify({
      steps: [
        {
          id: 'snapshot',
          action: 'confluent:flink:statement:create',
          name: 'Materialize the customer snapshot',
          input: {
            name: 'crm-customer-counts',
            owner: 'group:default/customer-data-team',
            stateTtl: '1 DAYS',
            createdTables: ['crm.enriched_customers'],
            sql: [
              'CREATE TABLE `crm.customer_counts` (',
              '  PRIMARY KEY (city) NOT ENFORCED',
              ') AS',
              "SELECT COALESCE(city, 'unknown') AS city, COUNT(*) AS customers",
              'FROM `crm.enriched_customers`',
              "GROUP BY COALESCE(city, 'unknown');",
            ].join('\n'),
          },
        },
      ],
    }),
  },
];

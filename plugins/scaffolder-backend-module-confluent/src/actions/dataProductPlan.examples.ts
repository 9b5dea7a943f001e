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
      'Plan a product: a CDC source masking email, one statement, and a Postgres sink back to the source database',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'confluent:dataproduct:plan',
          name: 'Plan the data product',
          input: {
            name: 'crm',
            owner: 'group:default/customer-data-team',
            source: {
              database: {
                hostname: 'orders-db.internal.example.com',
                port: 5432,
                name: 'onlinestoredb',
                user: 'postgres',
                passwordSecret: 'dbPassword',
              },
              tables: ['customers', 'addresses'],
              maskFields: ['email'],
              maskReplacement: '****',
            },
            statements: [
              {
                name: 'enriched-customers',
                sql: [
                  'CREATE TABLE `${product}.enriched_customers` (',
                  '  PRIMARY KEY (customerid) NOT ENFORCED',
                  ') AS',
                  'SELECT c.customerid, c.customername, c.email, a.city',
                  'FROM `${product}.public.customers` c',
                  'LEFT JOIN `${product}.public.addresses` a ON c.shipping_address_id = a.addressid;',
                ].join('\n'),
              },
            ],
            sinks: [
              { type: 'postgres', table: '${product}.enriched_customers' },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Plan a product whose sink is a warehouse the platform team configured, with a state TTL on its statement',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'confluent:dataproduct:plan',
          name: 'Plan the data product',
          input: {
            name: 'sales',
            owner: 'group:default/sales-analytics-team',
            source: {
              database: {
                hostname: 'orders-db.internal.example.com',
                name: 'onlinestoredb',
                user: 'postgres',
                passwordSecret: 'dbPassword',
              },
              tables: ['orders', 'order_items'],
            },
            statements: [
              {
                name: 'order-sizes',
                stateTtl: '1 DAYS',
                sql: [
                  'CREATE TABLE `${product}.order_sizes` (',
                  '  PRIMARY KEY (orderid) NOT ENFORCED',
                  ') AS',
                  'SELECT oi.orderid, SUM(oi.quantity) AS items',
                  'FROM `${product}.public.order_items` oi',
                  'GROUP BY oi.orderid;',
                ].join('\n'),
              },
            ],
            sinks: [
              {
                type: 'snowflake',
                table: '${product}.order_sizes',
                connection: 'analytics-snowflake',
              },
            ],
          },
        },
      ],
    }),
  },
];

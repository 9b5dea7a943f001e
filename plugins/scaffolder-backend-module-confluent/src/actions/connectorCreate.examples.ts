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
      'A Postgres CDC source (Debezium V2) capturing two tables, masking email before it leaves the database',
    example: yaml.stringify({
      steps: [
        {
          id: 'source',
          action: 'confluent:connector:create',
          name: 'Create the CDC source',
          input: {
            name: 'crm-postgres-cdc-source',
            type: 'postgres-cdc-source',
            owner: 'group:default/customer-data-team',
            source: {
              database: {
                hostname: 'orders-db.internal.example.com',
                port: 5432,
                name: 'onlinestoredb',
                user: 'postgres',
                passwordSecret: 'dbPassword',
              },
              tables: ['public.customers', 'public.addresses'],
              topicPrefix: 'crm',
              mask: { fields: ['email'], replacement: '****' },
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'A Snowflake sink (Snowpipe Streaming, schematization) to a destination the platform team configured under confluent.scaffolder.sinks',
    example: yaml.stringify({
      steps: [
        {
          id: 'snowflake',
          action: 'confluent:connector:create',
          name: 'Sink product sales to Snowflake',
          input: {
            name: 'crm-product-sales-snowflake-sink',
            type: 'snowflake-sink',
            owner: 'group:default/sales-analytics-team',
            sink: {
              topics: ['product_sales'],
              connection: 'analytics-snowflake',
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'A Postgres sink writing a keyed data product back to the operational database (UPSERT by record key, tables created)',
    example: yaml.stringify({
      steps: [
        {
          id: 'postgres',
          action: 'confluent:connector:create',
          name: 'Sink the customer snapshot to Postgres',
          input: {
            name: 'crm-customer-snapshot-postgres-sink',
            type: 'postgres-sink',
            owner: 'group:default/customer-data-team',
            serviceAccountId: 'sa-3nz8wq',
            sink: {
              topics: ['thirty_day_customer_snapshot'],
              database: {
                hostname: 'orders-db.internal.example.com',
                name: 'onlinestoredb',
                user: 'postgres',
                passwordSecret: 'dbPassword',
              },
              insertMode: 'UPSERT',
              pkMode: 'record_key',
            },
          },
        },
      ],
    }),
  },
];

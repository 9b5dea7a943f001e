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
      'Check that the team database is ready for a CDC source capturing three tables',
    example: yaml.stringify({
      steps: [
        {
          id: 'preflight',
          action: 'confluent:cdc:preflight',
          name: 'Check the source database',
          input: {
            hostname: 'orders-db.internal.example.com',
            port: 5432,
            database: 'onlinestoredb',
            user: 'postgres',
            passwordSecret: 'dbPassword',
            tables: ['public.customers', 'public.addresses', 'orders'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Also check that the masked email column accepts the replacement, on a custom publication and slot',
    example: yaml.stringify({
      steps: [
        {
          id: 'preflight',
          action: 'confluent:cdc:preflight',
          name: 'Check the source database',
          input: {
            hostname: 'orders-db.internal.example.com',
            port: 5432,
            database: 'onlinestoredb',
            user: 'cdc_reader',
            passwordSecret: 'dbPassword',
            sslMode: 'require',
            tables: ['public.customers'],
            publicationName: 'crm_publication',
            slotName: 'crm_slot',
            maskFields: ['email'],
            maskReplacement: '****',
          },
        },
      ],
    }),
  },
];

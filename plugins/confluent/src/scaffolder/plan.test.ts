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
import type {
  PlannedConnector,
  PlannedStatement,
} from '@shiftleft/plugin-confluent-common';
import { planSummary, readPlanReview } from './plan';

const statement = (s: Partial<PlannedStatement>) =>
  ({
    sql: '',
    properties: {},
    action: 'create',
    reads: [],
    creates: [],
    ...s,
  } as PlannedStatement);

const sink = (s: Partial<PlannedConnector>) =>
  ({
    role: 'sink',
    connectorClass: 'PostgresSink',
    action: 'create',
    topics: [],
    config: {},
    ...s,
  } as PlannedConnector);

const summaryOf = (plan: {
  statements?: PlannedStatement[];
  sinks?: PlannedConnector[];
}) => planSummary(readPlanReview({ plan, ready: true }));

describe('planSummary, the Review step’s lines', () => {
  it('names each statement with the table it creates, or what it alters', () => {
    const { statements } = summaryOf({
      statements: [
        statement({
          name: 'crm-enriched-customers',
          reads: ['crm.public.customers'],
          creates: ['crm.enriched_customers'],
          lineage: { kind: 'CREATE_TABLE_AS', columns: [] } as any,
        }),
        statement({
          name: 'crm-orders-watermark',
          reads: ['crm.public.orders'],
          lineage: { kind: 'ALTER_TABLE', columns: [] } as any,
        }),
      ],
    });
    expect(statements).toEqual([
      'crm-enriched-customers → crm.enriched_customers',
      'crm-orders-watermark → ALTER TABLE crm.public.orders',
    ]);
  });

  it('says where a PostgreSQL sink writes without its password, and nothing for an unknown one', () => {
    const { sinks } = summaryOf({
      sinks: [
        sink({
          topics: ['crm.thirty_day_customer_snapshot'],
          targets: {
            'crm.thirty_day_customer_snapshot':
              'crm_thirty_day_customer_snapshot',
          },
          config: {
            'connection.host': 'db.internal',
            'connection.port': '5432',
            'connection.user': 'postgres',
            'connection.password': '<secret secrets.dbPassword>',
            'db.name': 'shop',
          },
        }),
        sink({
          connectorClass: 'SomethingElseSink',
          topics: ['crm.product_sales'],
          targets: { 'crm.product_sales': 'product_sales' },
        }),
      ],
    });
    expect(sinks).toEqual([
      'crm.thirty_day_customer_snapshot → PostgreSQL postgres@db.internal:5432/shop, table crm_thirty_day_customer_snapshot',
      'crm.product_sales → table product_sales',
    ]);
    expect(sinks.join('\n')).not.toMatch(
      /secret|password|connection|undefined/,
    );
  });
});

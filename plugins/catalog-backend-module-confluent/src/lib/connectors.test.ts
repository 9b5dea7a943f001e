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
import { connectorFlow } from './connectors';

describe('connectorFlow', () => {
  const topics = [
    'app.public.orders',
    'app.public.customers',
    'app.audit.events',
    'app.public.orders_archive',
    'other.public.orders',
  ];

  it('maps a CDC source to the topics it writes, its tables and its value masks', () => {
    const flow = connectorFlow(
      {
        'connector.class': 'PostgresCdcSourceV2',
        'topic.prefix': 'app',
        'database.hostname': 'db.internal',
        'database.dbname': 'shop',
        // Debezium include lists are regular expressions, matched whole.
        'table.include.list': 'public.orders, public.cust.*',
        transforms: 'maskPii,maskKey',
        'transforms.maskPii.type':
          'org.apache.kafka.connect.transforms.MaskField$Value',
        'transforms.maskPii.fields': 'email, phone',
        'transforms.maskPii.replacement': '****',
        'transforms.maskKey.type':
          'org.apache.kafka.connect.transforms.MaskField$Key',
        'transforms.maskKey.fields': 'id',
      },
      undefined,
      topics,
    );
    expect(flow).toEqual({
      type: 'source',
      plugin: 'PostgresCdcSourceV2',
      links: [
        {
          topic: 'app.public.orders',
          table: {
            system: 'postgres',
            host: 'db.internal',
            database: 'shop',
            schema: 'public',
            table: 'orders',
          },
        },
        {
          topic: 'app.public.customers',
          table: {
            system: 'postgres',
            host: 'db.internal',
            database: 'shop',
            schema: 'public',
            table: 'customers',
          },
        },
      ],
      masks: [
        { alias: 'maskPii', fields: ['email', 'phone'], replacement: '****' },
      ],
    });
  });

  it('names the topics of literal include entries before the connector has created them', () => {
    const flow = connectorFlow(
      {
        'connector.class': 'PostgresCdcSourceV2',
        'topic.prefix': 'fresh',
        'database.dbname': 'shop',
        'table.include.list': 'public.orders',
      },
      'source',
      [],
    );
    expect(flow?.links.map(l => l.topic)).toEqual(['fresh.public.orders']);
  });

  it('derives the tables sinks write, per plugin', () => {
    expect(
      connectorFlow(
        {
          'connector.class': 'PostgresSink',
          topics: 'a, b',
          'connection.host': 'pg.internal',
          'db.name': 'ops',
          'table.name.format': 'reporting.${topic}_copy',
        },
        'sink',
        [],
      )?.links,
    ).toEqual([
      {
        topic: 'a',
        table: {
          system: 'postgres',
          host: 'pg.internal',
          database: 'ops',
          schema: 'reporting',
          table: 'a_copy',
        },
      },
      {
        topic: 'b',
        table: {
          system: 'postgres',
          host: 'pg.internal',
          database: 'ops',
          schema: 'reporting',
          table: 'b_copy',
        },
      },
    ]);
    expect(
      connectorFlow(
        {
          'connector.class': 'SnowflakeSink',
          topics: 'product_sales,web.clicks',
          'snowflake.url.name':
            'https://xy12345.us-east-1.aws.snowflakecomputing.com',
          'snowflake.database.name': 'PRODUCTION',
          'snowflake.schema.name': 'PUBLIC',
          'snowflake.topic2table.map': 'web.clicks:CLICKS',
        },
        undefined,
        [],
      )?.links.map(l => l.table?.table),
    ).toEqual(['PRODUCT_SALES', 'CLICKS']);
    expect(
      connectorFlow(
        {
          'connector.class': 'RedshiftSink',
          'topics.regex': 'app\\.public\\.orders.*',
          'aws.redshift.database': 'dw',
        },
        'sink',
        topics,
      )?.links.map(
        l =>
          `${l.topic} → ${l.table?.database}.${l.table?.schema}.${l.table?.table}`,
      ),
    ).toEqual([
      // A dotted name is schema-qualified, as the JDBC sinks read it.
      'app.public.orders → dw.app.public.orders',
      'app.public.orders_archive → dw.app.public.orders_archive',
    ]);
  });

  it('knows no tables for plugins it does not model, and no direction for unknown classes', () => {
    expect(
      connectorFlow({ 'connector.class': 'S3_SINK', topics: 'a' }, 'sink', [])
        ?.links,
    ).toEqual([{ topic: 'a' }]);
    expect(
      connectorFlow({ 'connector.class': 'Mystery' }, undefined, []),
    ).toBeUndefined();
  });
});

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
/*
 * The `workshop` seed: the shiftleft workshop's pipeline (lab 1), built
 * directly without a database: the Postgres CDC source with its MaskField SMT
 * and five topics, the Flink statements with their output tables, and the
 * Redshift, Snowflake and Postgres sinks.
 */
import {
  BUSINESS_METADATA_OWNERSHIP,
  LABEL_OWNER,
} from '@shiftleft/plugin-confluent-common';
import type { PgTable } from '../schemas/debezium';
import type { EmulatorServices } from '../services';
import { SEED_IDS } from './base';

const HOUR = 3_600_000;

/** The operational database's tables, as the CDC source reads them. */
export const WORKSHOP_TABLES: PgTable[] = [
  {
    schema: 'public',
    name: 'customers',
    primaryKey: ['customerid'],
    columns: [
      {
        name: 'customerid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'customername',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: false,
      },
      {
        name: 'email',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
        tags: ['PII'],
      },
      {
        name: 'segment',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'shipping_address_id',
        dataType: 'integer',
        udtName: 'int4',
        nullable: true,
      },
      {
        name: 'billing_address_id',
        dataType: 'integer',
        udtName: 'int4',
        nullable: true,
      },
    ],
  },
  {
    schema: 'public',
    name: 'addresses',
    primaryKey: ['addressid'],
    columns: [
      {
        name: 'addressid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'street',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'city',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'state',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'postalcode',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'country',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
    ],
  },
  {
    schema: 'public',
    name: 'products',
    primaryKey: ['productid'],
    columns: [
      {
        name: 'productid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'brand',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: false,
      },
      {
        name: 'productname',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: false,
      },
      {
        name: 'category',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: false,
      },
      {
        name: 'description',
        dataType: 'text',
        udtName: 'text',
        nullable: true,
      },
      {
        name: 'color',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'size',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'price',
        dataType: 'numeric',
        udtName: 'numeric',
        nullable: false,
        numericPrecision: 10,
        numericScale: 2,
      },
    ],
  },
  {
    schema: 'public',
    name: 'orders',
    primaryKey: ['orderid'],
    columns: [
      {
        name: 'orderid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'customerid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'orderdate',
        dataType: 'timestamp without time zone',
        udtName: 'timestamp',
        nullable: false,
        datetimePrecision: 6,
      },
    ],
  },
  {
    schema: 'public',
    name: 'order_items',
    primaryKey: ['orderitemid'],
    columns: [
      {
        name: 'orderitemid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'orderid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'productid',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
      {
        name: 'quantity',
        dataType: 'integer',
        udtName: 'int4',
        nullable: false,
      },
    ],
  },
];

const RDS_HOST = 'shiftleft-rds.c9xk2mpl0v1a.us-east-1.rds.amazonaws.com';

/** Connector settings shared by the workshop's connectors. */
const RUN_AS_SERVICE_ACCOUNT = {
  'kafka.auth.mode': 'SERVICE_ACCOUNT',
  'kafka.service.account.id': SEED_IDS.serviceAccountId,
  'tasks.max': '1',
};

/** The workshop's Flink statements, in the order the lab runs them. */
export const WORKSHOP_STATEMENTS: Array<{
  name: string;
  statement: string;
  properties?: Record<string, string>;
  owner?: string;
}> = [
  {
    name: 'enriched-customer-materializer',
    owner: 'customer-data-team',
    statement: `CREATE TABLE enriched_customers (
  customerid INT,
  customername STRING,
  email STRING,
  segment STRING,
  shipping_address ROW<
    street STRING,
    city STRING,
    state STRING,
    postalcode STRING,
    country STRING
  >,
  billing_address ROW<
    street STRING,
    city STRING,
    state STRING,
    postalcode STRING,
    country STRING
  >,
  event_time TIMESTAMP_LTZ(3),
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND,
  PRIMARY KEY (customerid) NOT ENFORCED
)
AS
  SELECT
  c.customerid,
  c.customername,
  c.email,
  c.segment,
  ROW(
    sa.street,
    sa.city,
    sa.state,
    sa.postalcode,
    sa.country
  ) AS shipping_address,
  ROW(
    ba.street,
    ba.city,
    ba.state,
    ba.postalcode,
    ba.country
  ) AS billing_address,

  c.\`$rowtime\` AS event_time

FROM \`shiftleft.public.customers\` c

LEFT JOIN \`shiftleft.public.addresses\` sa
  ON c.shipping_address_id = sa.addressid
  AND (sa.__deleted IS NULL OR sa.__deleted <> 'true')

LEFT JOIN \`shiftleft.public.addresses\` ba
  ON c.billing_address_id = ba.addressid
  AND (ba.__deleted IS NULL OR ba.__deleted <> 'true')

WHERE c.__deleted IS NULL OR c.__deleted <> 'true';`,
  },
  {
    name: 'orders-watermark-ddl',
    statement:
      'ALTER TABLE `shiftleft.public.orders` MODIFY WATERMARK FOR `orderdate` AS `orderdate`;',
  },
  {
    name: 'products-with-pk-materializer',
    statement: `CREATE TABLE \`products_with_pk\` (
    \`productid\` INT NOT NULL,
    \`brand\` STRING NOT NULL,
    \`productname\` STRING NOT NULL,
    \`category\` STRING NOT NULL,
    \`description\` STRING,
    \`color\` STRING,
    \`size\` STRING,
    \`price\` INT NOT NULL,
    PRIMARY KEY (\`productid\`) NOT ENFORCED
)
AS
SELECT  \`productid\`,
    \`brand\`,
    \`productname\`,
    \`category\`,
    \`description\`,
    \`color\`,
    \`size\`,
    CAST(price AS INT) AS price
FROM \`shiftleft.public.products\`;`,
  },
  {
    name: 'product-sales-materializer',
    owner: 'sales-analytics-team',
    properties: { 'sql.state-ttl': '1 DAYS' },
    statement: `CREATE TABLE product_sales (
     orderdate TIMESTAMP_LTZ(3),
     orderid INT,
     productid INT,
     orderitemid INT,
     brand STRING,
     productname STRING,
     price INT,
     customerid INT,
     customername STRING,
     shipping_address_city STRING,
     shipping_address_state STRING,
     billing_address_state STRING,
     quantity INT,
     total_amount INT,
     WATERMARK FOR orderdate AS orderdate - INTERVAL '5' SECOND
 )
 AS
 SELECT
     o.orderdate,
     o.orderid,
     p.productid,
     oi.orderitemid,
     p.brand,
     p.productname,
     p.price,
     c.customerid,
     c.customername,
     c.shipping_address.city as shipping_address_city,
     c.shipping_address.\`state\` as shipping_address_state,
     c.billing_address.\`state\` as billing_address_state,
     oi.quantity,
     oi.quantity * p.price AS total_amount
 FROM
     \`shiftleft.public.orders\` o
 JOIN
     \`shiftleft.public.order_items\` oi ON oi.orderid = o.orderid
 JOIN
     \`products_with_pk\` FOR SYSTEM_TIME AS OF o.orderdate AS p ON p.productid = oi.productid
 JOIN
     \`enriched_customers\` FOR SYSTEM_TIME AS OF o.orderdate AS c ON c.customerid = o.customerid
 WHERE
     p.productname <> ''
     AND p.price > 0;`,
  },
  {
    name: 'customer-snapshot-materializer',
    statement: `CREATE TABLE thirty_day_customer_snapshot (
  customerid INT,
  customername STRING,
  total_amount INT,
  number_of_orders BIGINT,
  updated_at TIMESTAMP,
  PRIMARY KEY (customerid) NOT ENFORCED
)
AS
WITH agg_per_customer_30d AS (
  SELECT
    customerid,
    customername,
    SUM(total_amount) OVER w AS total_amount,
    COUNT(DISTINCT orderid) OVER w AS number_of_orders,
    orderdate
  FROM product_sales
  WINDOW w AS (
    PARTITION BY customerid
    ORDER BY orderdate
    RANGE BETWEEN INTERVAL '30' DAY PRECEDING AND CURRENT ROW
  )
)
SELECT
  COALESCE(customerid, 0) AS customerid,
  customername,
  total_amount,
  number_of_orders,
  orderdate AS updated_at
FROM agg_per_customer_30d;`,
  },
];

/** The workshop's connectors, source first. */
export const WORKSHOP_CONNECTORS: Array<{
  name: string;
  config: Record<string, string>;
}> = [
  {
    name: 'shiftleft-postgres-cdc-source',
    config: {
      'connector.class': 'PostgresCdcSourceV2',
      'database.hostname': RDS_HOST,
      'database.port': '5432',
      'database.user': 'postgres',
      'database.password': 'Admin123456!!',
      'database.dbname': 'onlinestoredb',
      'database.sslmode': 'require',
      'topic.prefix': 'shiftleft',
      'table.include.list':
        'public.customers, public.addresses, public.products, public.orders, public.order_items',
      'after.state.only': 'true',
      'output.data.format': 'AVRO',
      'output.key.format': 'AVRO',
      'time.precision.mode': 'connect',
      transforms: 'maskPii',
      'transforms.maskPii.type':
        'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.maskPii.fields': 'email',
      'transforms.maskPii.replacement': '****',
      ...RUN_AS_SERVICE_ACCOUNT,
    },
  },
  {
    name: 'shiftleft-redshift-sink',
    config: {
      'connector.class': 'RedshiftSink',
      topics: 'product_sales',
      'input.data.format': 'AVRO',
      'aws.redshift.domain':
        'shiftleft-redshift.c3vbx7tqp2ka.us-east-1.redshift.amazonaws.com',
      'aws.redshift.port': '5439',
      'aws.redshift.user': 'admin',
      'aws.redshift.password': 'Admin123456!',
      'aws.redshift.database': 'mydb',
      'authentication.method': 'Password',
      'auto.create': 'true',
      ...RUN_AS_SERVICE_ACCOUNT,
    },
  },
  {
    name: 'shiftleft-snowflake-sink',
    config: {
      'connector.class': 'SnowflakeSink',
      topics: 'product_sales',
      'input.data.format': 'AVRO',
      'snowflake.url.name':
        'https://xy12345.us-east-1.aws.snowflakecomputing.com',
      'snowflake.user.name': 'confluent',
      'snowflake.private.key':
        'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC0shiftleftworkshopkey',
      'snowflake.role.name': 'ACCOUNTADMIN',
      'snowflake.database.name': 'PRODUCTION',
      'snowflake.schema.name': 'PUBLIC',
      'snowflake.ingestion.method': 'SNOWPIPE_STREAMING',
      'snowflake.enable.schematization': 'true',
      ...RUN_AS_SERVICE_ACCOUNT,
    },
  },
  {
    name: 'shiftleft-postgres-sink',
    config: {
      'connector.class': 'PostgresSink',
      topics: 'thirty_day_customer_snapshot',
      'input.data.format': 'AVRO',
      'input.key.format': 'AVRO',
      'connection.host': RDS_HOST,
      'connection.port': '5432',
      'connection.user': 'postgres',
      'connection.password': 'Admin123456!!',
      'db.name': 'onlinestoredb',
      'insert.mode': 'UPSERT',
      'pk.mode': 'record_key',
      'auto.create': 'true',
      ...RUN_AS_SERVICE_ACCOUNT,
    },
  },
];

/** Adds the workshop pipeline to a base state (see `baseState`). */
export function seedWorkshop(services: EmulatorServices, now: number) {
  const ids = SEED_IDS;
  const registry = ids.schemaRegistryId;
  services.catalog.putTagDefs(
    registry,
    [
      {
        name: 'PII',
        description: 'Personally identifiable information',
        entityTypes: ['cf_entity'],
      },
    ],
    false,
  );
  services.catalog.putBusinessMetadataDefs(
    registry,
    [
      {
        name: BUSINESS_METADATA_OWNERSHIP,
        description: 'The Backstage entity that owns this data product',
        attributeDefs: [
          { name: 'owner', typeName: 'string', isOptional: false },
        ],
      },
    ],
    false,
  );

  const [source, ...sinks] = WORKSHOP_CONNECTORS;
  const cdc = services.connectors.seed(
    ids.environmentId,
    ids.kafkaClusterId,
    source,
    now - 72 * HOUR,
  );
  services.connectors.materializeCdcSource(cdc, WORKSHOP_TABLES);

  WORKSHOP_STATEMENTS.forEach((statement, index) => {
    services.statements.seed(
      {
        organizationId: ids.organizationId,
        environmentId: ids.environmentId,
        name: statement.name,
        statement: statement.statement,
        properties: {
          'sql.current-catalog': ids.environmentName,
          'sql.current-database': ids.kafkaClusterName,
          ...statement.properties,
        },
        labels: statement.owner ? { [LABEL_OWNER]: statement.owner } : {},
        computePoolId: ids.computePoolId,
        principal: ids.serviceAccountId,
      },
      now - (48 - index) * HOUR,
    );
  });

  for (const sink of sinks) {
    services.connectors.seed(
      ids.environmentId,
      ids.kafkaClusterId,
      sink,
      now - 24 * HOUR,
    );
  }
}

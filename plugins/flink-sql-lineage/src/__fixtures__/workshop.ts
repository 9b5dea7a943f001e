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
 * The Flink SQL of the workshop (shared/seed/workshop-lab1.md), verbatim
 * apart from the indentation of the markdown list it sits in.
 */

/** Workshop statement. @public */
export const ENRICHED_CUSTOMERS = `SET 'client.statement-name' = 'enriched-customer-materializer';
CREATE TABLE enriched_customers (
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

WHERE c.__deleted IS NULL OR c.__deleted <> 'true';
`;

/** Workshop statement. @public */
export const PRODUCTS_WITH_PK = `SET 'client.statement-name' = 'products-with-pk-materializer';
CREATE TABLE \`products_with_pk\` (
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
FROM \`shiftleft.public.products\`;
`;

/** Workshop statement. @public */
export const PRODUCT_SALES = `SET 'sql.state-ttl' = '1 DAYS';
SET 'client.statement-name' = 'product-sales-materializer';
CREATE TABLE product_sales (
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
     AND p.price > 0;
`;

/** Workshop statement. @public */
export const THIRTY_DAY_CUSTOMER_SNAPSHOT = `SET 'client.statement-name' = 'customer-snapshot-materializer';
CREATE TABLE thirty_day_customer_snapshot (
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
FROM agg_per_customer_30d;
`;

/** Workshop statement. @public */
export const ALTER_ORDERS_WATERMARK = `ALTER TABLE \`shiftleft.public.orders\` MODIFY WATERMARK FOR \`orderdate\` AS \`orderdate\`;
`;

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
 * Statements in the kinds Confluent Cloud's Flink SQL reference,
 * quickstarts and tutorials show, written for this project (not copied),
 * with the lineage the library reads from them. tutorialSweep.test.ts
 * checks them; bench/statements.ts times them.
 */

/** One statement and what lineage reads from it. */
export interface SweepCase {
  name: string;
  sql: string;
  /** Columns the catalog knows, by table name. */
  columns?: Record<string, string[]>;
  kind: string;
  sources: string[];
  sinks: string[];
  flows: string[];
}

export const TUTORIAL_STATEMENTS: SweepCase[] = [
  {
    name: 'dedup_first_row',
    sql: `INSERT INTO unique_clicks
SELECT click_id, user_id, url, event_time
FROM (
  SELECT click_id, user_id, url, event_time,
    ROW_NUMBER() OVER (PARTITION BY click_id ORDER BY event_time ASC) AS row_num
  FROM clicks)
WHERE row_num = 1`,
    kind: 'INSERT_INTO',
    sources: ['clicks'],
    sinks: ['unique_clicks'],
    flows: [
      'click_id <- clicks.click_id',
      'user_id <- clicks.user_id',
      'url <- clicks.url',
      'event_time <- clicks.event_time',
    ],
  },
  {
    name: 'dedup_last_row_set',
    sql: `SET 'client.statement-name' = 'latest-orders';
SET 'sql.state-ttl' = '1 d';
INSERT INTO latest_order_status
SELECT order_id, status
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY $rowtime DESC) AS rn FROM order_events)
WHERE rn = 1`,
    kind: 'INSERT_INTO',
    sources: ['order_events'],
    sinks: ['latest_order_status'],
    flows: [
      'order_id <- order_events.order_id',
      'status <- order_events.status',
    ],
  },
  {
    name: 'top_n_per_category',
    sql: `SELECT category, product_name, sales
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS rownum
  FROM product_sales)
WHERE rownum <= 3`,
    kind: 'SELECT',
    sources: ['product_sales'],
    sinks: [],
    flows: [
      'category <- product_sales.category',
      'product_name <- product_sales.product_name',
      'sales <- product_sales.sales',
    ],
  },
  {
    name: 'window_top_n',
    sql: `SELECT window_start, window_end, supplier_id, price
FROM (
  SELECT window_start, window_end, supplier_id, price,
    ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rn
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bid_time), INTERVAL '10' MINUTES)))
WHERE rn <= 3`,
    kind: 'SELECT',
    sources: ['bids'],
    sinks: [],
    flows: [
      'window_start <- bids.bid_time',
      'window_end <- bids.bid_time',
      'supplier_id <- bids.supplier_id',
      'price <- bids.price',
    ],
  },
  {
    name: 'window_dedup',
    sql: `INSERT INTO last_click_per_minute
SELECT window_start, user_id, url
FROM (
  SELECT window_start, window_end, user_id, url,
    ROW_NUMBER() OVER (PARTITION BY window_start, window_end, user_id ORDER BY $rowtime DESC) AS rn
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR($rowtime), INTERVAL '1' MINUTE)))
WHERE rn = 1`,
    kind: 'INSERT_INTO',
    sources: ['clicks'],
    sinks: ['last_click_per_minute'],
    flows: [
      'window_start <- clicks.$rowtime',
      'user_id <- clicks.user_id',
      'url <- clicks.url',
    ],
  },
  {
    name: 'tumble_named_offset',
    sql: `SELECT window_start, COUNT(*) AS orders_per_hour
FROM TABLE(TUMBLE(DATA => TABLE orders, TIMECOL => DESCRIPTOR(\`$rowtime\`),
  SIZE => INTERVAL '1' HOUR, OFFSET => INTERVAL '5' MINUTES))
GROUP BY window_start, window_end`,
    kind: 'SELECT',
    sources: ['orders'],
    sinks: [],
    flows: ['window_start <- orders.$rowtime', 'orders_per_hour <- '],
  },
  {
    name: 'cumulate_named',
    sql: `INSERT INTO running_revenue
SELECT window_start, window_end, SUM(amount) AS revenue
FROM TABLE(CUMULATE(DATA => TABLE orders, TIMECOL => DESCRIPTOR($rowtime),
  STEP => INTERVAL '1' MINUTE, SIZE => INTERVAL '1' HOUR))
GROUP BY window_start, window_end`,
    kind: 'INSERT_INTO',
    sources: ['orders'],
    sinks: ['running_revenue'],
    flows: [
      'window_start <- orders.$rowtime',
      'window_end <- orders.$rowtime',
      'revenue <- orders.amount',
    ],
  },
  {
    name: 'session_partition_list',
    sql: `SELECT window_start, user_id, page, COUNT(*) AS page_views
FROM SESSION(TABLE clicks PARTITION BY (user_id, page), DESCRIPTOR($rowtime), INTERVAL '5' MINUTES)
GROUP BY window_start, window_end, user_id, page`,
    kind: 'SELECT',
    sources: ['clicks'],
    sinks: [],
    flows: [
      'window_start <- clicks.$rowtime',
      'user_id <- clicks.user_id',
      'page <- clicks.page',
      'page_views <- ',
    ],
  },
  {
    name: 'hop_rollup',
    sql: `SELECT window_start, region, product, SUM(amount) AS total
FROM TABLE(HOP(TABLE sales, DESCRIPTOR($rowtime), INTERVAL '5' MINUTES, INTERVAL '1' HOUR))
GROUP BY window_start, window_end, ROLLUP (region, product)`,
    kind: 'SELECT',
    sources: ['sales'],
    sinks: [],
    flows: [
      'window_start <- sales.$rowtime',
      'region <- sales.region',
      'product <- sales.product',
      'total <- sales.amount',
    ],
  },
  {
    name: 'window_join',
    sql: `SELECT L.num AS l_num, R.num AS r_num, L.window_start
FROM (SELECT * FROM TABLE(TUMBLE(TABLE left_events, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) L
FULL JOIN (SELECT * FROM TABLE(TUMBLE(TABLE right_events, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) R
ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end`,
    kind: 'SELECT',
    sources: ['left_events', 'right_events'],
    sinks: [],
    flows: [
      'l_num <- left_events.num',
      'r_num <- right_events.num',
      'window_start <- left_events.row_time',
    ],
  },
  {
    name: 'interval_join',
    sql: `INSERT INTO shipped_orders
SELECT o.id AS order_id, o.order_time, s.ship_time
FROM orders o, shipments s
WHERE o.id = s.order_id
  AND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time`,
    kind: 'INSERT_INTO',
    sources: ['orders', 'shipments'],
    sinks: ['shipped_orders'],
    flows: [
      'order_id <- orders.id',
      'order_time <- orders.order_time',
      'ship_time <- shipments.ship_time',
    ],
  },
  {
    name: 'interval_join_rowtime',
    sql: `SELECT o.order_id, p.payment_id
FROM orders o JOIN payments p
  ON o.order_id = p.order_id AND p.$rowtime BETWEEN o.$rowtime AND o.$rowtime + INTERVAL '1' HOUR`,
    kind: 'SELECT',
    sources: ['orders', 'payments'],
    sinks: [],
    flows: ['order_id <- orders.order_id', 'payment_id <- payments.payment_id'],
  },
  {
    name: 'temporal_join',
    sql: `SELECT o.order_id, o.price * c.conversion_rate AS converted_price
FROM orders AS o
LEFT JOIN currency_rates FOR SYSTEM_TIME AS OF o.\`$rowtime\` AS c ON o.currency = c.currency`,
    kind: 'SELECT',
    sources: ['orders', 'currency_rates'],
    sinks: [],
    flows: [
      'order_id <- orders.order_id',
      'converted_price <- orders.price, currency_rates.conversion_rate',
    ],
  },
  {
    name: 'lookup_join',
    sql: `SELECT o.order_id, c.country
FROM orders AS o
JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id`,
    kind: 'SELECT',
    sources: ['orders', 'customers'],
    sinks: [],
    flows: ['order_id <- orders.order_id', 'country <- customers.country'],
  },
  {
    name: 'match_recognize_v_shape',
    sql: `SELECT *
FROM stock_prices
MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY \`$rowtime\`
  MEASURES
    START_ROW.\`$rowtime\` AS start_tstamp,
    LAST(PRICE_DOWN.\`$rowtime\`) AS bottom_tstamp,
    LAST(PRICE_UP.\`$rowtime\`) AS end_tstamp
  ONE ROW PER MATCH
  AFTER MATCH SKIP TO LAST PRICE_UP
  PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
  DEFINE
    PRICE_DOWN AS (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price)
      OR PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
    PRICE_UP AS PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
) MR`,
    kind: 'SELECT',
    sources: ['stock_prices'],
    sinks: [],
    flows: [
      'symbol <- stock_prices.symbol',
      'start_tstamp <- stock_prices.$rowtime',
      'bottom_tstamp <- stock_prices.$rowtime',
      'end_tstamp <- stock_prices.$rowtime',
    ],
  },
  {
    name: 'match_recognize_within',
    sql: `SELECT *
FROM logins
MATCH_RECOGNIZE (
  PARTITION BY user_id ORDER BY $rowtime
  MEASURES COUNT(F.user_id) AS failures, LAST(S.ip) AS ip
  ONE ROW PER MATCH
  PATTERN (F{3,} S) WITHIN INTERVAL '10' MINUTE
  DEFINE F AS F.success = false, S AS S.success = true)`,
    kind: 'SELECT',
    sources: ['logins'],
    sinks: [],
    flows: [
      'user_id <- logins.user_id',
      'failures <- logins.user_id',
      'ip <- logins.ip',
    ],
  },
  {
    name: 'statement_set_begin',
    sql: `BEGIN STATEMENT SET;
INSERT INTO high_value_orders SELECT order_id, amount FROM orders WHERE amount > 1000;
INSERT INTO low_value_orders SELECT order_id, amount FROM orders WHERE amount <= 1000;
END;`,
    kind: 'STATEMENT_SET',
    sources: ['orders'],
    sinks: ['high_value_orders', 'low_value_orders'],
    flows: [
      'order_id <- orders.order_id',
      'amount <- orders.amount',
      'order_id <- orders.order_id',
      'amount <- orders.amount',
    ],
  },
  {
    name: 'statement_set_column_list',
    sql: `EXECUTE STATEMENT SET BEGIN
  INSERT INTO eu_orders SELECT order_id, amount FROM orders WHERE region = 'EU';
  INSERT INTO us_orders (order_id, amount) SELECT order_id, amount * 1.1 FROM orders WHERE region = 'US';
END`,
    kind: 'STATEMENT_SET',
    sources: ['orders'],
    sinks: ['eu_orders', 'us_orders'],
    flows: [
      'order_id <- orders.order_id',
      'amount <- orders.amount',
      'order_id <- orders.order_id',
      'amount <- orders.amount',
    ],
  },
  {
    name: 'cross_join_unnest',
    sql: `SELECT order_id, tag FROM orders CROSS JOIN UNNEST(tags) AS t (tag)`,
    kind: 'SELECT',
    sources: ['orders'],
    sinks: [],
    flows: ['order_id <- orders.order_id', 'tag <- orders.tags'],
  },
  {
    name: 'unnest_with_ordinality',
    sql: `SELECT o.order_id, li.sku, li.pos
FROM orders o CROSS JOIN UNNEST(o.line_items) WITH ORDINALITY AS li(sku, qty, pos)`,
    kind: 'SELECT',
    sources: ['orders'],
    sinks: [],
    flows: [
      'order_id <- orders.order_id',
      'sku <- orders.line_items',
      'pos <- orders.line_items',
    ],
  },
  {
    name: 'rag_search_unnest',
    sql: `SELECT q.question_id, r.content
FROM questions q,
  LATERAL TABLE(VECTOR_SEARCH_AGG(\`kb_docs\`, DESCRIPTOR(embedding), q.embedding, 3)) AS s
CROSS JOIN UNNEST(s.search_results) AS r(doc_id, content, embedding, score)`,
    kind: 'SELECT',
    sources: ['questions', 'kb_docs'],
    sinks: [],
    flows: [
      'question_id <- questions.question_id',
      'content <- kb_docs.embedding, questions.embedding, kb_docs.*',
    ],
  },
  {
    name: 'key_search_qualified',
    sql: `SELECT o.id, k.search_results
FROM orders o,
  LATERAL TABLE(KEY_SEARCH_AGG(\`crm\`.\`ext\`.customers_ext, DESCRIPTOR(customer_id), o.customer_id)) AS k`,
    kind: 'SELECT',
    sources: ['orders', 'crm.ext.customers_ext'],
    sinks: [],
    flows: [
      'id <- orders.id',
      'search_results <- crm.ext.customers_ext.customer_id, orders.customer_id, crm.ext.customers_ext.*',
    ],
  },
  {
    name: 'json_functions',
    sql: `SELECT
  JSON_VALUE(payload, '$.customer.email') AS email,
  JSON_VALUE(payload, '$.amount' RETURNING DOUBLE DEFAULT 0.0 ON EMPTY) AS amount,
  JSON_QUERY(payload, '$.items' WITH CONDITIONAL ARRAY WRAPPER) AS items,
  JSON_EXISTS(payload, '$.coupon') AS has_coupon
FROM raw_events`,
    kind: 'SELECT',
    sources: ['raw_events'],
    sinks: [],
    flows: [
      'email <- raw_events.payload',
      'amount <- raw_events.payload',
      'items <- raw_events.payload',
      'has_coupon <- raw_events.payload',
    ],
  },
  {
    name: 'json_constructors',
    sql: `SELECT user_id,
  JSON_ARRAYAGG(item NULL ON NULL) AS items,
  JSON_OBJECTAGG(KEY item VALUE qty ABSENT ON NULL) AS basket,
  JSON_STRING(ROW(user_id, COUNT(*))) AS summary
FROM carts GROUP BY user_id`,
    kind: 'SELECT',
    sources: ['carts'],
    sinks: [],
    flows: [
      'user_id <- carts.user_id',
      'items <- carts.item',
      'basket <- carts.item, carts.qty',
      'summary <- carts.user_id',
    ],
  },
  {
    name: 'ctas_distributed_watermark',
    sql: `CREATE TABLE orders_by_customer (
  PRIMARY KEY (customer_id) NOT ENFORCED,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND)
DISTRIBUTED BY HASH(customer_id) INTO 4 BUCKETS
WITH ('changelog.mode' = 'upsert', 'kafka.retention.time' = '7 d')
AS SELECT customer_id, order_id, \`$rowtime\` AS order_time FROM orders`,
    kind: 'CREATE_TABLE_AS',
    sources: ['orders'],
    sinks: ['orders_by_customer'],
    flows: [
      'customer_id <- orders.customer_id',
      'order_id <- orders.order_id',
      'order_time <- orders.$rowtime',
    ],
  },
  {
    name: 'ctas_union',
    sql: `CREATE TABLE all_orders DISTRIBUTED INTO 6 BUCKETS AS
SELECT order_id, amount FROM web_orders
UNION ALL
SELECT order_id, amount FROM shop_orders`,
    kind: 'CREATE_TABLE_AS',
    sources: ['web_orders', 'shop_orders'],
    sinks: ['all_orders'],
    flows: [
      'order_id <- web_orders.order_id, shop_orders.order_id',
      'amount <- web_orders.amount, shop_orders.amount',
    ],
  },
  {
    name: 'alter_table_forms',
    sql: `ALTER TABLE orders ADD (discount DOUBLE COMMENT 'percent', headers MAP<BYTES, BYTES> METADATA VIRTUAL)`,
    kind: 'ALTER_TABLE',
    sources: [],
    sinks: [],
    flows: [],
  },
  {
    name: 'ai_complete_config',
    sql: `SELECT r.review_id, s.response
FROM reviews r, LATERAL TABLE(AI_COMPLETE('summarizer', r.review_text, MAP['temperature', 0.2])) AS s`,
    kind: 'SELECT',
    sources: ['reviews'],
    sinks: [],
    flows: [
      'review_id <- reviews.review_id',
      'response <- reviews.review_text',
    ],
  },
  {
    name: 'ai_run_agent',
    sql: `INSERT INTO triaged_tickets
SELECT t.ticket_id, a.response
FROM tickets t CROSS JOIN LATERAL TABLE(AI_RUN_AGENT(\`triage_agent\`, t.body, t.ticket_id)) AS a(response)`,
    kind: 'INSERT_INTO',
    sources: ['tickets'],
    sinks: ['triaged_tickets'],
    flows: [
      'ticket_id <- tickets.ticket_id',
      'response <- tickets.body, tickets.ticket_id',
    ],
  },
  {
    name: 'ai_detect_pii',
    sql: `SELECT m.msg_id, p.redacted
FROM messages m, LATERAL TABLE(AI_DETECT_PII(m.body)) AS p(redacted, entities)`,
    kind: 'SELECT',
    sources: ['messages'],
    sinks: [],
    flows: ['msg_id <- messages.msg_id', 'redacted <- messages.body'],
  },
  {
    name: 'ml_predict_tvf_filter',
    sql: `INSERT INTO flagged_orders
SELECT order_id, fraud_score
FROM TABLE(ML_PREDICT(TABLE orders, MODEL fraud_model, DESCRIPTOR(amount, country)))
WHERE fraud_score > 0.9`,
    columns: { orders: ['order_id', 'customer_id', 'amount', 'country'] },
    kind: 'INSERT_INTO',
    sources: ['orders'],
    sinks: ['flagged_orders'],
    flows: [
      'order_id <- orders.order_id',
      'fraud_score <- orders.amount, orders.country',
    ],
  },
  {
    name: 'materialized_ml_predict',
    sql: `CREATE OR ALTER MATERIALIZED TABLE review_sentiment AS SELECT review_id, sentiment FROM ML_PREDICT(TABLE product_reviews, MODEL \`sentiment$2\`, DESCRIPTOR(\`review text\`))`,
    columns: { product_reviews: ['review_id', 'product_id', 'review text'] },
    kind: 'CREATE_MATERIALIZED_TABLE',
    sources: ['product_reviews'],
    sinks: ['review_sentiment'],
    flows: [
      'review_id <- product_reviews.review_id',
      'sentiment <- product_reviews.review text',
    ],
  },
  {
    name: 'materialized_window',
    sql: `CREATE MATERIALIZED TABLE hourly_revenue (WATERMARK FOR window_time AS window_time - INTERVAL '1' MINUTE)
DISTRIBUTED BY HASH(region) INTO 2 BUCKETS
START_MODE = FROM_BEGINNING
AS SELECT window_start, window_end, window_time, region, SUM(amount) AS revenue
FROM TUMBLE(TABLE payments, DESCRIPTOR(\`$rowtime\`), INTERVAL '1' HOUR)
GROUP BY window_start, window_end, window_time, region`,
    kind: 'CREATE_MATERIALIZED_TABLE',
    sources: ['payments'],
    sinks: ['hourly_revenue'],
    flows: [
      'window_start <- payments.$rowtime',
      'window_end <- payments.$rowtime',
      'window_time <- payments.$rowtime',
      'region <- payments.region',
      'revenue <- payments.amount',
    ],
  },
  {
    name: 'over_anomalies_named_window',
    sql: `SELECT sensor_id,
  ML_DETECT_ANOMALIES(temperature, \`$rowtime\`, JSON_OBJECT('minTrainingSize' VALUE 20)) OVER w AS anomaly,
  AVG(temperature) OVER w AS avg_temperature
FROM sensor_readings
WINDOW w AS (PARTITION BY sensor_id ORDER BY \`$rowtime\` ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)`,
    kind: 'SELECT',
    sources: ['sensor_readings'],
    sinks: [],
    flows: [
      'sensor_id <- sensor_readings.sensor_id',
      'anomaly <- sensor_readings.temperature, sensor_readings.$rowtime',
      'avg_temperature <- sensor_readings.temperature',
    ],
  },
  {
    name: 'over_anomaly_fields',
    sql: `SELECT sensor_id, anomaly.is_anomaly, anomaly.forecast_value
FROM (
  SELECT sensor_id,
    ML_DETECT_ANOMALIES(temperature, $rowtime) OVER (PARTITION BY sensor_id ORDER BY $rowtime
      RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anomaly
  FROM sensor_readings)`,
    kind: 'SELECT',
    sources: ['sensor_readings'],
    sinks: [],
    flows: [
      'sensor_id <- sensor_readings.sensor_id',
      'is_anomaly <- sensor_readings.temperature, sensor_readings.$rowtime',
      'forecast_value <- sensor_readings.temperature, sensor_readings.$rowtime',
    ],
  },
  {
    name: 'ml_forecast_over',
    sql: `SELECT store, ML_FORECAST(sales, $rowtime, JSON_OBJECT('horizon' VALUE 7)) OVER (
    PARTITION BY store ORDER BY $rowtime RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS forecast
FROM store_sales`,
    kind: 'SELECT',
    sources: ['store_sales'],
    sinks: [],
    flows: [
      'store <- store_sales.store',
      'forecast <- store_sales.sales, store_sales.$rowtime',
    ],
  },
  {
    name: 'floor_to_hour',
    sql: `SELECT FLOOR($rowtime TO HOUR) AS hour_start, COUNT(*) AS orders_in_hour
FROM orders GROUP BY FLOOR($rowtime TO HOUR)`,
    kind: 'SELECT',
    sources: ['orders'],
    sinks: [],
    flows: ['hour_start <- orders.$rowtime', 'orders_in_hour <- '],
  },
  {
    name: 'top_n_fetch_first',
    sql: `INSERT INTO top_players
SELECT player, score FROM (SELECT player, score FROM scores ORDER BY score DESC FETCH FIRST 10 ROWS ONLY)`,
    kind: 'INSERT_INTO',
    sources: ['scores'],
    sinks: ['top_players'],
    flows: ['player <- scores.player', 'score <- scores.score'],
  },
  {
    name: 'conditional_masking',
    sql: `INSERT INTO payments_clean
SELECT payment_id,
  CASE WHEN card_number IS NOT NULL THEN CONCAT('****', RIGHT(card_number, 4)) ELSE NULL END AS masked_card
FROM payments`,
    kind: 'INSERT_INTO',
    sources: ['payments'],
    sinks: ['payments_clean'],
    flows: [
      'payment_id <- payments.payment_id',
      'masked_card <- payments.card_number',
    ],
  },
  {
    name: 'match_recognize_prev',
    sql: `SELECT *
FROM trades
MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY $rowtime
  MEASURES FIRST(DOWN.price) AS drop_start, LAST(UP.price) AS recovered_at
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (DOWN{2,} UP+?)
  DEFINE DOWN AS DOWN.price < PREV(DOWN.price), UP AS UP.price > PREV(UP.price, 1))`,
    kind: 'SELECT',
    sources: ['trades'],
    sinks: [],
    flows: [
      'symbol <- trades.symbol',
      'drop_start <- trades.price',
      'recovered_at <- trades.price',
    ],
  },
  {
    name: 'session_aggregates',
    sql: `INSERT INTO session_summary
SELECT window_start, window_end, user_id,
  COUNT(DISTINCT url) AS pages, LISTAGG(url, ' > ') AS journey, ARRAY_AGG(url) AS page_list,
  FIRST_VALUE(url) AS landing_page, LAST_VALUE(url) AS exit_page
FROM SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR($rowtime), INTERVAL '30' MINUTES)
GROUP BY window_start, window_end, user_id`,
    kind: 'INSERT_INTO',
    sources: ['clicks'],
    sinks: ['session_summary'],
    flows: [
      'window_start <- clicks.$rowtime',
      'window_end <- clicks.$rowtime',
      'user_id <- clicks.user_id',
      'pages <- clicks.url',
      'journey <- clicks.url',
      'page_list <- clicks.url',
      'landing_page <- clicks.url',
      'exit_page <- clicks.url',
    ],
  },
  {
    name: 'ml_preprocessing',
    sql: `SELECT customer_id,
  ML_BUCKETIZE(age, ARRAY[18, 30, 65]) AS age_bucket,
  ML_ONE_HOT_ENCODER(plan, ARRAY['free', 'pro', 'team']) AS plan_vector,
  ML_STANDARD_SCALER(monthly_spend, 42.0, 17.5) AS spend_z
FROM customers`,
    kind: 'SELECT',
    sources: ['customers'],
    sinks: [],
    flows: [
      'customer_id <- customers.customer_id',
      'age_bucket <- customers.age',
      'plan_vector <- customers.plan',
      'spend_z <- customers.monthly_spend',
    ],
  },
  {
    name: 'lateral_join_left_ai',
    sql: `SELECT r.review_id, s.sentiment
FROM reviews r
LEFT JOIN LATERAL TABLE(AI_SENTIMENT(r.body)) AS s(sentiment) ON TRUE`,
    kind: 'SELECT',
    sources: ['reviews'],
    sinks: [],
    flows: ['review_id <- reviews.review_id', 'sentiment <- reviews.body'],
  },
  {
    name: 'cte_union_materialized',
    sql: `CREATE MATERIALIZED TABLE all_signups AS
WITH web AS (SELECT user_id, 'web' AS channel FROM web_signups),
     app AS (SELECT user_id, 'app' AS channel FROM app_signups)
SELECT user_id, channel FROM web
UNION ALL SELECT user_id, channel FROM app`,
    kind: 'CREATE_MATERIALIZED_TABLE',
    sources: ['web_signups', 'app_signups'],
    sinks: ['all_signups'],
    flows: [
      'user_id <- web_signups.user_id, app_signups.user_id',
      'channel <- ',
    ],
  },
  {
    name: 'snapshot_query',
    sql: `SET 'sql.snapshot.mode' = 'now';
SELECT customer_id, SUM(amount) AS lifetime_value FROM orders GROUP BY customer_id ORDER BY lifetime_value DESC LIMIT 10 OFFSET 10`,
    kind: 'SELECT',
    sources: ['orders'],
    sinks: [],
    flows: [
      'customer_id <- orders.customer_id',
      'lifetime_value <- orders.amount',
    ],
  },
];

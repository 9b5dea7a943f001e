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
 * A varied set of Confluent Cloud Flink SQL statements for the lineage
 * benchmark: one or more of each construct the library reads. Written for
 * this project; each one parses (bench/lineage.ts fails otherwise).
 */
import { TUTORIAL_STATEMENTS } from '../src/__fixtures__/tutorialStatements';
import * as workshop from '../src/__fixtures__/workshop';

/** Name → statement. */
export const BENCH_STATEMENTS: Record<string, string> = {
  ...workshop,
  ctas_filter: `CREATE TABLE vip_orders AS SELECT order_id, customer_id, amount FROM orders WHERE amount > 500`,
  ctas_columns: `CREATE TABLE order_facts (order_id STRING NOT NULL, total DECIMAL(10, 2), PRIMARY KEY (order_id) NOT ENFORCED) DISTRIBUTED BY HASH(order_id) INTO 6 BUCKETS WITH ('changelog.mode' = 'upsert') AS SELECT order_id, SUM(price * qty) AS total FROM order_lines GROUP BY order_id`,
  mt_plain: `CREATE MATERIALIZED TABLE large_payments AS SELECT payment_id, customer_id, amount FROM payments WHERE amount >= 1000`,
  mt_or_alter: `CREATE OR ALTER MATERIALIZED TABLE revenue_by_region AS SELECT region, SUM(total) AS revenue FROM sales GROUP BY region`,
  mt_column_list: `CREATE MATERIALIZED TABLE shipment_status (shipment, state, updated) AS SELECT id, UPPER(status), \`$rowtime\` FROM shipments`,
  mt_primary_key: `CREATE MATERIALIZED TABLE latest_balance (PRIMARY KEY (account_id) NOT ENFORCED) DISTRIBUTED BY HASH(account_id) INTO 4 BUCKETS WITH ('changelog.mode' = 'upsert') START_MODE = RESUME_OR_FROM_NOW(INTERVAL '2' HOUR) AS SELECT account_id, LAST_VALUE(balance) AS balance FROM ledger GROUP BY account_id`,
  mt_watermark: `CREATE MATERIALIZED TABLE readings (WATERMARK FOR read_at AS read_at - INTERVAL '10' SECOND) START_MODE = FROM_BEGINNING AS SELECT sensor_id, reading, \`$rowtime\` AS read_at FROM raw_readings`,
  mt_cte: `CREATE MATERIALIZED TABLE churn_risk WITH ('kafka.partitions' = '3') AS WITH recent AS (SELECT user_id, last_login FROM logins WHERE last_login > CURRENT_TIMESTAMP - INTERVAL '30' DAY) SELECT u.user_id, u.email, r.last_login FROM users u LEFT JOIN recent r ON u.user_id = r.user_id`,
  ml_predict: `INSERT INTO scored_claims SELECT c.claim_id, p.fraud_score FROM claims AS c, LATERAL TABLE(ML_PREDICT(\`fraud_model$3\`, c.description, c.amount)) AS p(fraud_score)`,
  ml_predict_unnamed: `SELECT ticket_id, category FROM support_tickets, LATERAL TABLE(ML_PREDICT('ticket_classifier', body))`,
  ai_complete: `CREATE TABLE call_summaries AS SELECT calls.call_id, summary.response AS summary_text FROM calls CROSS JOIN LATERAL TABLE(AI_COMPLETE(\`call_summarizer\`, CONCAT('Summarize: ', calls.transcript))) AS summary`,
  ai_embedding: `INSERT INTO doc_vectors SELECT d.doc_id, embedding FROM documents d, LATERAL TABLE(AI_EMBEDDING('text_embedder', d.content))`,
  ai_run_agent: `SELECT o.order_id, r.status, r.answer FROM orders o, LATERAL TABLE(AI_RUN_AGENT(\`refund_agent\`, o.complaint, o.order_id)) AS r(status, answer)`,
  ai_tool_invoke: `SELECT q.question_id, t.tool_output FROM questions q CROSS JOIN LATERAL TABLE(AI_TOOL_INVOKE('planner_model', q.prompt, MAP['lookup_inventory', 'Finds stock'], MAP[], MAP['debug', true])) AS t(tool_output)`,
  ai_scalar: `SELECT review_id, AI_SENTIMENT(review_text, ARRAY['battery', 'screen']) AS aspects, AI_DETECT_PII(review_text, MAP['mode', 'redact']) AS redacted FROM product_reviews`,
  ml_evaluate:
    'SELECT ML_EVALUATE(`churn_model$2`, churned, tenure, plan) AS metrics FROM churn_eval',
  anomalies: `SELECT device_id, ML_DETECT_ANOMALIES(temperature, \`$rowtime\`, JSON_OBJECT('minTrainingSize' VALUE 50)) OVER (PARTITION BY device_id ORDER BY \`$rowtime\` RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anomaly FROM thermostat_readings`,
  forecast: `SELECT AI_FORECAST(amount, \`$rowtime\`, JSON_OBJECT('horizon' VALUE 3)) OVER (ORDER BY \`$rowtime\` RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS forecast FROM daily_sales`,
  vector_search: `INSERT INTO answers_with_context SELECT q.question_id, search_results FROM questions q, LATERAL TABLE(VECTOR_SEARCH_AGG(kb_articles, DESCRIPTOR(article_vector), q.question_vector, 5))`,
  key_text_search: `SELECT o.order_id, c.search_results AS customer, t.search_results AS manuals FROM orders o, LATERAL TABLE(KEY_SEARCH_AGG(customers_ext, DESCRIPTOR(customer_id), o.customer_id)) AS c, LATERAL TABLE(TEXT_SEARCH_AGG(manuals_ext, DESCRIPTOR(body), o.product_name, 3)) AS t`,
  element_access: `SELECT s.readings[1].celsius AS first_celsius, s.labels['site'].code AS site_code, (JSON_QUERY(s.payload, '$.meta' RETURNING MAP<STRING, STRING>))['unit'] AS unit FROM sensor_batches s`,
  constructors: `SELECT MAP['email', c.email, 'phone', c.phone] AS contacts, ARRAY[c.street, c.city] AS address_lines, JSON_OBJECT('id' VALUE c.id, 'name' VALUE c.full_name) AS doc FROM customers c`,
  debezium:
    "INSERT INTO user_names SELECT u.`after`.`ID` AS id, u.`after`.`FULL_NAME` AS name FROM `cdc.public.users` AS u WHERE u.`op` <> 'd'",
  tumble_bare: `INSERT INTO page_visitors SELECT w.window_start, w.page, COUNT(DISTINCT w.visitor) AS visitors FROM TUMBLE(TABLE page_views, DESCRIPTOR(viewed_at), INTERVAL '1' MINUTE) AS w GROUP BY w.window_start, w.window_end, w.page`,
  hop_named: `SELECT window_end, AVG(latency_ms) AS latency FROM TABLE(HOP(DATA => TABLE requests, TIMECOL => DESCRIPTOR(\`$rowtime\`), SLIDE => INTERVAL '1' MINUTES, SIZE => INTERVAL '5' MINUTES)) GROUP BY window_start, window_end`,
  session_named: `INSERT INTO sessions_spent SELECT window_start, account, SUM(amount) AS spent FROM SESSION(DATA => TABLE payments PARTITION BY account, TIMECOL => DESCRIPTOR(paid_at), GAP => INTERVAL '30' SECONDS) GROUP BY window_start, window_end, account`,
  cumulate_cte: `INSERT INTO revenue_per_minute WITH paid AS (SELECT order_id, price * quantity AS revenue, ordered_at FROM order_lines WHERE status = 'PAID') SELECT window_start, SUM(revenue) AS revenue FROM CUMULATE(TABLE paid, DESCRIPTOR(ordered_at), INTERVAL '1' MINUTE, INTERVAL '1' HOUR) GROUP BY window_start, window_end`,
  insert_values:
    "INSERT INTO currencies (code, `display name`) VALUES ('EUR', 'Euro'), ('CHF', 'Swiss franc')",
  insert_with: `INSERT INTO region_totals (region, total) (WITH by_region AS (SELECT region, amount FROM sales) SELECT region, SUM(amount) AS total FROM by_region GROUP BY region)`,
  statement_set: `EXECUTE STATEMENT SET BEGIN INSERT INTO all_events WITH web AS (SELECT event_id, payload FROM web_events) SELECT event_id, payload FROM web; INSERT INTO all_events SELECT event_id, body FROM app_events; INSERT INTO all_events SELECT id, data FROM mobile_events; END`,
  hints: `INSERT INTO enriched_orders SELECT /*+ STATE_TTL('o' = '6h', 'c' = '2d') */ o.order_id, c.tier FROM orders /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */ AS o JOIN customers c ON o.customer_id = c.customer_id`,
  rowtime_dashed:
    'SELECT o.order_id, i.sku, $rowtime AS placed_at FROM `examples`.`marketplace`.orders o JOIN `prod-env`.`eu-cluster`.`order-items` i ON o.order_id = i.order_id',
  conditional: `INSERT INTO review_stats SELECT product_id, CASE WHEN cc_number IS NOT NULL THEN 'CARD' END AS pay_kind, IF(is_verified, rating, NULL) AS verified_rating, SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END) AS rated, COUNT(*) FILTER (WHERE helpful_votes > 10) AS helpful FROM reviews GROUP BY product_id, cc_number, is_verified, rating`,
  dedup_top1: `INSERT INTO latest_orders SELECT order_id, status, updated_at FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY \`$rowtime\` DESC) AS rn FROM order_updates) WHERE rn = 1`,
  temporal_join: `INSERT INTO priced_orders SELECT o.order_id, o.amount * r.rate AS amount_eur FROM orders o JOIN currency_rates FOR SYSTEM_TIME AS OF o.\`$rowtime\` AS r ON o.currency = r.currency`,
  interval_join: `SELECT o.order_id, s.shipped_at FROM orders o, shipments s WHERE o.order_id = s.order_id AND s.shipped_at BETWEEN o.ordered_at AND o.ordered_at + INTERVAL '4' HOUR`,
  union_all: `INSERT INTO all_payments SELECT id, amount, 'card' AS kind FROM card_payments UNION ALL SELECT id, amount, 'bank' FROM bank_transfers`,
  unnest: `SELECT o.order_id, item.sku, item.qty FROM orders o CROSS JOIN UNNEST(o.items) AS item(sku, qty)`,
  match_recognize: `SELECT * FROM trades MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY \`$rowtime\` MEASURES FIRST(A.price) AS start_price, LAST(B.price) AS low_price ONE ROW PER MATCH AFTER MATCH SKIP PAST LAST ROW PATTERN (A B+) DEFINE B AS B.price < A.price) AS m`,
  ptf: `INSERT INTO order_changes SELECT c.order_id, c.status FROM TABLE(TO_CHANGELOG(input => TABLE orders PARTITION BY order_id)) AS c`,
  create_model: `CREATE MODEL support_classifier INPUT (body STRING) OUTPUT (label STRING) WITH ('provider' = 'openai', 'task' = 'classification')`,
  alter_table: `ALTER TABLE orders MODIFY WATERMARK FOR \`$rowtime\` AS \`$rowtime\` - INTERVAL '5' SECOND`,
  ml_predict_tvf: `SELECT p.review_id, p.sentiment FROM TABLE(ML_PREDICT(INPUT => TABLE product_reviews, MODEL => MODEL sentiment_model, ARGS => DESCRIPTOR(review_text), CONFIG => MAP['async', 'true'])) AS p`,
  ml_evaluate_tvf: `SELECT e.accuracy FROM ML_EVALUATE(TABLE churn_eval, MODEL churn_model, DESCRIPTOR(churned), DESCRIPTOR(tenure, plan)) AS e`,
  offset_fetch: `SELECT order_id, amount FROM orders ORDER BY amount DESC OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY`,
  tablesample: `INSERT INTO order_sample SELECT o.order_id, o.amount FROM orders AS o TABLESAMPLE BERNOULLI(1) REPEATABLE (7)`,
  // The tutorial sweep (src/__fixtures__/tutorialStatements.ts).
  ...Object.fromEntries(
    TUTORIAL_STATEMENTS.map(c => [`tutorial_${c.name}`, c.sql]),
  ),
};

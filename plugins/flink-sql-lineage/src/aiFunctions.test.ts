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
import { extractFlinkLineage } from './extractFlinkLineage';
import {
  column,
  controls,
  flows,
  names,
  tables,
} from './__testUtils__/lineageAssertions';

describe('AI and ML table functions', () => {
  it('traces LATERAL TABLE(ML_PREDICT(…)) AS alias(columns) to the inputs; the model is no table or column', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO scored_claims
      SELECT c.claim_id, c.description, p.fraud_score, p.fraud_label
      FROM claims AS c,
        LATERAL TABLE(ML_PREDICT(\`fraud_model$3\`, c.description, c.amount,
          MAP['async_enabled', true, 'client_timeout', 60])) AS p(fraud_score, fraud_label)`);
    expect(tables(lineage)).toEqual({
      sources: ['claims'],
      sinks: ['scored_claims'],
    });
    expect(flows(lineage)).toEqual([
      'claim_id <- claims.claim_id',
      'description <- claims.description',
      'fraud_score <- claims.description, claims.amount',
      'fraud_label <- claims.description, claims.amount',
    ]);
    expect(column(lineage, 'fraud_score')).toMatchObject({
      direct: false,
      transforms: ['ML_PREDICT', 'MAP'],
    });
    expect(lineage.warnings).toEqual([]);
  });

  it("reads a model's unnamed output columns from the function when the table's columns are known", () => {
    const sql = `
      SELECT ticket_id, body, category
      FROM support_tickets, LATERAL TABLE(ML_PREDICT('ticket_classifier', body))`;
    const known = extractFlinkLineage(sql, {
      resolveTableColumns: () => ['ticket_id', 'body', 'opened_at'],
    });
    expect(flows(known)).toEqual([
      'ticket_id <- support_tickets.ticket_id',
      'body <- support_tickets.body',
      'category <- support_tickets.body',
    ]);
    expect(known.warnings).toEqual([]);

    // Unknown columns: an input of the call is the table's; any other name
    // may be either, and says so.
    const unknown = extractFlinkLineage(sql);
    expect(column(unknown, 'body').sources).toEqual([
      { table: { table: 'support_tickets' }, column: 'body' },
    ]);
    expect(names(column(unknown, 'category').sources)).toEqual([
      'support_tickets.category',
      'support_tickets.body',
    ]);
    expect(unknown.warnings).toContain(
      "Column 'category' is not qualified and may come from a table or from the output of ML_PREDICT; name the function's columns with AS alias(column, …)",
    );
  });

  it('gives CROSS JOIN LATERAL TABLE(AI_COMPLETE(…)) its documented response column', () => {
    const lineage = extractFlinkLineage(`
      CREATE TABLE call_summaries AS
      SELECT calls.call_id, summary.response AS summary_text
      FROM calls
      CROSS JOIN LATERAL TABLE(AI_COMPLETE(\`call_summarizer\`,
        CONCAT('Summarize: ', calls.transcript))) AS summary`);
    expect(tables(lineage)).toEqual({
      sources: ['calls'],
      sinks: ['call_summaries'],
    });
    expect(flows(lineage)).toEqual([
      'call_id <- calls.call_id',
      'summary_text <- calls.transcript',
    ]);
    const unqualified = extractFlinkLineage(`
      SELECT call_id, response FROM calls,
      LATERAL TABLE(AI_COMPLETE('call_summarizer', transcript))`);
    expect(flows(unqualified)).toEqual([
      'call_id <- calls.call_id',
      'response <- calls.transcript',
    ]);
    expect(unqualified.warnings).toEqual([]);
  });

  it('reads comma-LATERAL AI_EMBEDDING, AI_RUN_AGENT and AI_TOOL_INVOKE; agents and tools are no columns', () => {
    const embedded = extractFlinkLineage(`
      INSERT INTO doc_vectors
      SELECT d.doc_id, embedding FROM documents d,
      LATERAL TABLE(AI_EMBEDDING('text_embedder', d.content))`);
    expect(flows(embedded)).toEqual([
      'doc_id <- documents.doc_id',
      'embedding <- documents.content',
    ]);

    const agent = extractFlinkLineage(`
      SELECT o.order_id, r.status, r.answer
      FROM orders o,
      LATERAL TABLE(AI_RUN_AGENT(\`refund_agent\`, o.complaint, o.order_id)) AS r(status, answer)`);
    expect(flows(agent)).toEqual([
      'order_id <- orders.order_id',
      'status <- orders.complaint, orders.order_id',
      'answer <- orders.complaint, orders.order_id',
    ]);
    expect(agent.sources).toEqual([{ table: 'orders' }]);

    const tool = extractFlinkLineage(`
      SELECT q.question_id, t.tool_output
      FROM questions q
      CROSS JOIN LATERAL TABLE(AI_TOOL_INVOKE('planner_model', q.prompt,
        MAP['lookup_inventory', 'Finds stock levels'], MAP[], MAP['debug', true])) AS t(tool_output)`);
    expect(flows(tool)).toEqual([
      'question_id <- questions.question_id',
      'tool_output <- questions.prompt',
    ]);
  });

  it('treats AI_SENTIMENT, AI_DETECT_PII and ML_EVALUATE calls as functions of their data arguments', () => {
    const lineage = extractFlinkLineage(`
      SELECT review_id,
        AI_SENTIMENT(review_text, ARRAY['battery', 'screen']) AS aspects,
        AI_DETECT_PII(review_text, MAP['mode', 'redact']) AS redacted
      FROM product_reviews`);
    expect(flows(lineage)).toEqual([
      'review_id <- product_reviews.review_id',
      'aspects <- product_reviews.review_text',
      'redacted <- product_reviews.review_text',
    ]);
    const evaluated = extractFlinkLineage(
      'SELECT ML_EVALUATE(`churn_model$2`, churned, tenure, plan) AS metrics FROM churn_eval',
    );
    expect(flows(evaluated)).toEqual([
      'metrics <- churn_eval.churned, churn_eval.tenure, churn_eval.plan',
    ]);
  });

  it('gives AI_RUN_AGENT its status and response columns without an alias; backticked arguments are columns', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO complaint_outcomes
      SELECT id, status, CAST(response AS STRING) AS answer
      FROM customer_complaints,
        LATERAL TABLE(AI_RUN_AGENT('complaint_agent', \`prompt\`, \`id\`, MAP['debug', true]))
      WHERE status = 'SUCCESS'`);
    expect(tables(lineage)).toEqual({
      sources: ['customer_complaints'],
      sinks: ['complaint_outcomes'],
    });
    expect(flows(lineage)).toEqual([
      'id <- customer_complaints.id',
      'status <- customer_complaints.prompt, customer_complaints.id',
      'answer <- customer_complaints.prompt, customer_complaints.id',
    ]);
    expect(lineage.warnings).toEqual([]);
  });

  it('reads AI_SENTIMENT, AI_DETECT_PII, AI_FORECAST and ML_EVALUATE as LATERAL table functions with AS alias(col1, col2)', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO review_insights
      SELECT r.review_id, s.sentiment, s.score, p.redacted, f.forecast, f.lower_bound, e.metrics
      FROM product_reviews r
      CROSS JOIN LATERAL TABLE(AI_SENTIMENT(r.review_text)) AS s(sentiment, score)
      CROSS JOIN LATERAL TABLE(AI_DETECT_PII(r.review_text, MAP['mode', 'redact'])) AS p(redacted, entities)
      CROSS JOIN LATERAL TABLE(AI_FORECAST(r.rating, r.\`$rowtime\`)) AS f(forecast, lower_bound)
      CROSS JOIN LATERAL TABLE(ML_EVALUATE(\`rating_model\`, r.rating, r.review_text)) AS e(metrics)`);
    expect(tables(lineage)).toEqual({
      sources: ['product_reviews'],
      sinks: ['review_insights'],
    });
    expect(flows(lineage)).toEqual([
      'review_id <- product_reviews.review_id',
      'sentiment <- product_reviews.review_text',
      'score <- product_reviews.review_text',
      'redacted <- product_reviews.review_text',
      'forecast <- product_reviews.rating, product_reviews.$rowtime',
      'lower_bound <- product_reviews.rating, product_reviews.$rowtime',
      'metrics <- product_reviews.rating, product_reviews.review_text',
    ]);
    expect(lineage.warnings).toEqual([]);
  });

  it('reads ML_DETECT_ANOMALIES, AI_DETECT_ANOMALIES, ML_FORECAST and AI_FORECAST as OVER aggregates', () => {
    for (const fn of [
      'ML_DETECT_ANOMALIES',
      'AI_DETECT_ANOMALIES',
      'ML_FORECAST',
      'AI_FORECAST',
    ]) {
      const lineage = extractFlinkLineage(`
        SELECT device_id, ${fn}(temperature, \`$rowtime\`,
          JSON_OBJECT('minTrainingSize' VALUE 50, 'horizon' VALUE 3)) OVER (
            PARTITION BY device_id ORDER BY \`$rowtime\`
            RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS outcome
        FROM thermostat_readings`);
      expect(flows(lineage)).toEqual([
        'device_id <- thermostat_readings.device_id',
        'outcome <- thermostat_readings.temperature, thermostat_readings.$rowtime',
      ]);
      expect(column(lineage, 'outcome').transforms).toEqual([
        fn,
        'JSON_OBJECT',
        'OVER',
      ]);
    }
  });
});

describe('search functions', () => {
  it('reads the searched table of VECTOR_SEARCH_AGG as a source', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO answers_with_context
      SELECT q.question_id, search_results
      FROM questions q,
      LATERAL TABLE(VECTOR_SEARCH_AGG(kb_articles, DESCRIPTOR(article_vector), q.question_vector, 5))`);
    expect(tables(lineage)).toEqual({
      sources: ['questions', 'kb_articles'],
      sinks: ['answers_with_context'],
    });
    expect(names(column(lineage, 'search_results').sources)).toEqual([
      'kb_articles.article_vector',
      'questions.question_vector',
      'kb_articles.*',
    ]);
  });

  it('reads KEY_SEARCH_AGG and TEXT_SEARCH_AGG tables, with their columns when known', () => {
    const lineage = extractFlinkLineage(
      `
      SELECT o.order_id, c.search_results AS customer, t.search_results AS manuals
      FROM orders o,
        LATERAL TABLE(KEY_SEARCH_AGG(\`crm\`.\`prod\`.customers_ext, DESCRIPTOR(customer_id), o.customer_id)) AS c,
        LATERAL TABLE(TEXT_SEARCH_AGG(manuals_ext, DESCRIPTOR(body), o.product_name, 3)) AS t`,
      {
        resolveTableColumns: ref =>
          ref.table === 'customers_ext' ? ['customer_id', 'email'] : undefined,
      },
    );
    expect(tables(lineage).sources).toEqual([
      'orders',
      'crm.prod.customers_ext',
      'manuals_ext',
    ]);
    expect(names(column(lineage, 'customer').sources)).toEqual([
      'crm.prod.customers_ext.customer_id',
      'orders.customer_id',
      'crm.prod.customers_ext.email',
    ]);
    expect(names(column(lineage, 'manuals').sources)).toEqual([
      'manuals_ext.body',
      'orders.product_name',
      'manuals_ext.*',
    ]);
    expect(controls(lineage)).toEqual([]);
  });
});

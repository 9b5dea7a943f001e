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
  flows,
  names,
  tables,
} from './__testUtils__/lineageAssertions';

/*
 * ML_PREDICT and ML_EVALUATE called with the input table as a TABLE
 * argument (the form of Flink's model inference reference, which Confluent
 * Cloud runs): `FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(…))`, with or
 * without the TABLE(…) wrapper, positional or named arguments.
 */
describe('model table functions over a TABLE argument', () => {
  // The catalog knows the input table's columns, not the sink's.
  const reviewColumns = {
    resolveTableColumns: (t: { table: string }) =>
      t.table === 'product_reviews'
        ? ['review_id', 'product_id', 'review_text']
        : undefined,
  };

  it('passes the input columns of ML_PREDICT(TABLE t, …) through and derives the model outputs from the DESCRIPTOR columns', () => {
    const lineage = extractFlinkLineage(
      `INSERT INTO review_labels
       SELECT review_id, sentiment, confidence
       FROM ML_PREDICT(TABLE product_reviews, MODEL sentiment_model, DESCRIPTOR(review_text))`,
      reviewColumns,
    );
    expect(tables(lineage)).toEqual({
      sources: ['product_reviews'],
      sinks: ['review_labels'],
    });
    expect(flows(lineage)).toEqual([
      'review_id <- product_reviews.review_id',
      'sentiment <- product_reviews.review_text',
      'confidence <- product_reviews.review_text',
    ]);
    expect(column(lineage, 'review_id').direct).toBe(true);
    expect(column(lineage, 'sentiment')).toMatchObject({
      direct: false,
      transforms: ['ML_PREDICT'],
    });
    expect(lineage.warnings).toEqual([]);
  });

  it('reads TABLE(ML_PREDICT(…)) with named arguments and a CONFIG map; the model is never a table', () => {
    const lineage = extractFlinkLineage(
      `CREATE TABLE review_scores AS
       SELECT p.review_id, p.score
       FROM TABLE(ML_PREDICT(
         INPUT => TABLE product_reviews,
         MODEL => MODEL \`review_scorer\`,
         ARGS => DESCRIPTOR(review_text, product_id),
         CONFIG => MAP['async', 'true', 'timeout', '30s'])) AS p`,
      reviewColumns,
    );
    expect(tables(lineage)).toEqual({
      sources: ['product_reviews'],
      sinks: ['review_scores'],
    });
    expect(flows(lineage)).toEqual([
      'review_id <- product_reviews.review_id',
      'score <- product_reviews.review_text, product_reviews.product_id',
    ]);
    expect(lineage.warnings).toEqual([]);
  });

  it("without the table's columns, reads a DESCRIPTOR column as the table's and any other name as either, with a warning", () => {
    const lineage = extractFlinkLineage(`
      SELECT review_text, label
      FROM ML_PREDICT(TABLE product_reviews, MODEL sentiment_model, DESCRIPTOR(review_text))`);
    expect(flows(lineage)).toEqual([
      'review_text <- product_reviews.review_text',
      'label <- product_reviews.label, product_reviews.review_text',
    ]);
    expect(lineage.warnings).toEqual([
      "Column 'label' may be a column of product_reviews or an output of the model of ML_PREDICT; the columns of product_reviews are not known",
    ]);
  });

  it('traces ML_PREDICT over a CTE through the CTE, and names model outputs with an alias list', () => {
    const lineage = extractFlinkLineage(`
      INSERT INTO churn_scores
      WITH features AS (
        SELECT customer_id, TIMESTAMPDIFF(DAY, signup_date, CURRENT_DATE) AS tenure_days, plan
        FROM customers WHERE active)
      SELECT s.customer_id, s.churn_probability
      FROM ML_PREDICT(TABLE features, MODEL churn_model, DESCRIPTOR(tenure_days, plan))
        AS s(customer_id, tenure_days, plan, churn_probability)`);
    expect(tables(lineage)).toEqual({
      sources: ['customers'],
      sinks: ['churn_scores'],
    });
    expect(flows(lineage)).toEqual([
      'customer_id <- customers.customer_id',
      'churn_probability <- customers.signup_date, customers.plan',
    ]);
    expect(lineage.warnings).toEqual([]);
  });

  it('reads SELECT * over ML_PREDICT as the input columns and says the model outputs are left out', () => {
    const lineage = extractFlinkLineage(
      'SELECT * FROM ML_PREDICT(TABLE product_reviews, MODEL sentiment_model, DESCRIPTOR(review_text))',
      reviewColumns,
    );
    expect(flows(lineage)).toEqual([
      'review_id <- product_reviews.review_id',
      'product_id <- product_reviews.product_id',
      'review_text <- product_reviews.review_text',
    ]);
    expect(lineage.warnings).toEqual([
      "The output columns of the model of ML_PREDICT are not known, so '*' leaves them out; select them by name",
    ]);
  });

  it('derives every ML_EVALUATE metric from the label and feature columns, wrapped or bare, positional or named', () => {
    const positional = extractFlinkLineage(`
      INSERT INTO model_metrics
      SELECT e.accuracy, e.f1
      FROM TABLE(ML_EVALUATE(TABLE churn_eval, MODEL churn_model,
        DESCRIPTOR(churned), DESCRIPTOR(tenure, plan), 'classification')) AS e`);
    expect(tables(positional)).toEqual({
      sources: ['churn_eval'],
      sinks: ['model_metrics'],
    });
    expect(flows(positional)).toEqual([
      'accuracy <- churn_eval.churned, churn_eval.tenure, churn_eval.plan',
      'f1 <- churn_eval.churned, churn_eval.tenure, churn_eval.plan',
    ]);
    expect(column(positional, 'f1').transforms).toEqual(['ML_EVALUATE']);
    expect(positional.warnings).toEqual([]);

    const named = extractFlinkLineage(`
      SELECT *
      FROM ML_EVALUATE(INPUT => TABLE churn_eval, MODEL => MODEL churn_model,
        LABEL => DESCRIPTOR(churned), ARGS => DESCRIPTOR(tenure, plan),
        TASK => 'classification', CONFIG => MAP['metrics', 'accuracy'])`);
    expect(named.sources).toEqual([{ table: 'churn_eval' }]);
    expect(named.resultColumns).toEqual([]);
    expect(named.warnings).toEqual([
      "The output columns of the model of ML_EVALUATE are not known, so '*' leaves them out; select them by name",
    ]);
  });

  it('reads the documented SELECT ML_EVALUATE(`model$all`, label, …) FROM t as an aggregate of its data arguments', () => {
    const lineage = extractFlinkLineage(
      'SELECT ML_EVALUATE(`churn_model$all`, churned, tenure, plan) AS metrics FROM `eval`.`data`.churn_eval',
    );
    expect(tables(lineage).sources).toEqual(['eval.data.churn_eval']);
    expect(names(column(lineage, 'metrics').sources)).toEqual([
      'eval.data.churn_eval.churned',
      'eval.data.churn_eval.tenure',
      'eval.data.churn_eval.plan',
    ]);
  });

  it('reads a DESCRIPTOR column the known columns leave out as written, with a warning, never as invalid', () => {
    // A key column that the value schema does not hold, for example.
    const lineage = extractFlinkLineage(
      'SELECT review_id, label FROM ML_PREDICT(TABLE product_reviews, MODEL m, DESCRIPTOR(review_key, review_text))',
      reviewColumns,
    );
    expect(flows(lineage)).toEqual([
      'review_id <- product_reviews.review_id',
      'label <- product_reviews.review_key, product_reviews.review_text',
    ]);
    expect(lineage.warnings).toEqual([
      "Column 'review_key' of the DESCRIPTOR of ML_PREDICT is not among the known columns of product_reviews",
    ]);
  });
});

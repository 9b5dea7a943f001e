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
import { randomBytes } from 'node:crypto';
import { expect, Page, test } from '@playwright/test';
import { signInAsGuest } from './helpers';
import {
  createWorkshopDatabase,
  runSql,
  startThrowawayPostgres,
  ThrowawayPostgres,
} from '../plugins/scaffolder-backend-module-confluent/src/__testUtils__/throwawayPostgres';

/*
 * Create > "Streaming data product", in the running portal (`yarn start`:
 * emulator + portal), against real PostgreSQL servers: the machine's
 * (wal_level = replica, so the preflight stops the run) and a throwaway one
 * with wal_level = logical (so the product is created and shows up in the
 * catalog with its owner and lineage).
 */

const EMULATOR = process.env.CONFLUENT_EMULATOR_URL ?? 'http://localhost:8090';
const MACHINE = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const suffix = () => randomBytes(3).toString('hex');

interface EmulatorInfo {
  ids: {
    organizationId: string;
    environmentId: string;
    kafkaClusterId: string;
  };
  keys: Record<string, { key: string; secret: string }>;
}

/** Deletes what a product created in the shared emulator (connectors, statements, topics, subjects). */
async function removeProduct(product: string) {
  const info: EmulatorInfo = await fetch(`${EMULATOR}/_emulator/info`).then(r =>
    r.json(),
  );
  const auth = (k: { key: string; secret: string }) => ({
    Authorization: `Basic ${Buffer.from(`${k.key}:${k.secret}`).toString(
      'base64',
    )}`,
  });
  const {
    organizationId: org,
    environmentId: env,
    kafkaClusterId: lkc,
  } = info.ids;
  const connect = `${EMULATOR}/connect/v1/environments/${env}/clusters/${lkc}/connectors`;
  const names: string[] = await fetch(connect, {
    headers: auth(info.keys.cloud),
  }).then(r => r.json());
  for (const name of names.filter(n => n.startsWith(`${product}-`))) {
    await fetch(`${connect}/${name}`, {
      method: 'DELETE',
      headers: auth(info.keys.cloud),
    });
  }
  const flink = `${EMULATOR}/sql/v1/organizations/${org}/environments/${env}/statements`;
  for (const name of [
    'enriched-customers',
    'orders-watermark',
    'products-with-pk',
    'product-sales',
    'customer-snapshot',
  ]) {
    await fetch(`${flink}/${product}-${name}`, {
      method: 'DELETE',
      headers: auth(info.keys.flink),
    });
  }
  const kafka = `${EMULATOR}/kafka/v3/clusters/${lkc}/topics`;
  const topics: { data: Array<{ topic_name: string }> } = await fetch(kafka, {
    headers: auth(info.keys.kafka),
  }).then(r => r.json());
  for (const t of topics.data.filter(x =>
    x.topic_name.startsWith(`${product}.`),
  )) {
    await fetch(`${kafka}/${t.topic_name}`, {
      method: 'DELETE',
      headers: auth(info.keys.kafka),
    });
  }
  const subjects: string[] = await fetch(`${EMULATOR}/subjects`, {
    headers: auth(info.keys.schemaRegistry),
  }).then(r => r.json());
  for (const s of subjects.filter(x => x.startsWith(`${product}.`))) {
    await fetch(`${EMULATOR}/subjects/${encodeURIComponent(s)}`, {
      method: 'DELETE',
      headers: auth(info.keys.schemaRegistry),
    });
  }
}

/** Fills the template's form up to its plan review page. */
async function fillForm(
  page: Page,
  form: {
    product: string;
    port: number;
    database: string;
    /** Other PII fields, kept unmasked. */
    piiFields?: string[];
    /** Runs on the statements page, before Next. */
    onStatements?: () => Promise<void>;
  },
) {
  await page.goto('/create/templates/default/streaming-data-product');
  await page.getByLabel('Product name').fill(form.product);
  await page.getByLabel('Owner').fill('customer-data');
  await page.getByRole('option', { name: /customer-data-team/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(form.port));
  await page.getByLabel('Database').fill(form.database);
  await page.getByLabel('User').fill('postgres');
  await page.getByLabel('Password').fill('not-needed-with-trust-auth');
  const piiFields = page.locator('.field-array', {
    has: page.locator('#root_piiFields__title'),
  });
  for (const [i, field] of (form.piiFields ?? []).entries()) {
    await piiFields.getByTitle('Add Item').click();
    await page.locator(`#root_piiFields_${i}`).fill(field);
  }
  await page.getByRole('button', { name: 'Next' }).click();

  // The workshop's statements and sinks, as pre-filled.
  await expect(
    page.getByRole('heading', { name: 'Statements, in order', exact: true }),
  ).toBeVisible();
  await form.onStatements?.();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByRole('heading', { name: 'Sinks', exact: true }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
}

/** The plan review, once the dry run has answered. */
async function planReview(page: Page) {
  const review = page.getByTestId('confluent-plan-review');
  await expect(
    review.getByRole('heading', { name: 'Source database checks' }),
  ).toBeVisible({
    timeout: 60_000,
  });
  return review;
}

/** Review page, then Create; returns once on the task page. */
async function create(page: Page) {
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  // exact: the plan's rows are buttons too, and read "<name> Create".
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
}

test.describe('Create > Streaming data product', () => {
  test.describe.configure({ mode: 'serial' });

  test('the preflight stops a run on a database without logical replication and shows the fix', async ({
    page,
  }) => {
    const product = `e2epf${suffix()}`;
    const database = `e2e_preflight_${suffix()}`;
    const dropDatabase = await createWorkshopDatabase(MACHINE, database);
    try {
      await signInAsGuest(page);
      await fillForm(page, { product, port: 5432, database });

      const review = await planReview(page);
      await expect(
        review.getByText('The source database is not ready for CDC'),
      ).toBeVisible();
      await expect(
        review.getByRole('cell', {
          name: 'ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.',
        }),
      ).toBeVisible();
      // Everything else is planned: the run would create it all.
      await expect(
        review.getByText(`${product}-postgres-cdc-source`),
      ).toBeVisible();

      await create(page);
      await expect(
        page.getByText("wal_level is 'replica'").first(),
      ).toBeVisible({
        timeout: 60_000,
      });
      await expect(
        page
          .getByText(
            /ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL/,
          )
          .first(),
      ).toBeVisible();
    } finally {
      await dropDatabase();
      await removeProduct(product);
    }
  });

  test('a new user on a database without tables: SQL editor, plan, and a readable Review step', async ({
    page,
  }) => {
    // Fixed names, so the README's screenshot is the same on every run
    // (runs are one at a time, and the emulator is fresh for each).
    const product = 'crm';
    const database = 'e2e_crm_new_user';
    await runSql(
      MACHINE,
      'postgres',
      `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`,
    );
    await runSql(MACHINE, 'postgres', `CREATE DATABASE ${database}`);
    try {
      await signInAsGuest(page);
      await fillForm(page, {
        product,
        port: 5432,
        database,
        onStatements: async () => {
          // The SQL is in a code editor, highlighted and validated live.
          const editor = page.locator('.cm-editor').first();
          const content = editor.locator('.cm-content');
          await expect(content).toContainText(
            'CREATE TABLE `${product}.enriched_customers`',
          );
          // Highlighted as the browser paints it: keywords, types and
          // backticked names each in a color of their own, not the text's.
          const colorOf = (token: string) =>
            content
              .getByText(token, { exact: true })
              .first()
              .evaluate(el => getComputedStyle(el).color);
          const textColor = await content
            .locator('.cm-line')
            .first()
            .evaluate(el => getComputedStyle(el).color);
          const keyword = await colorOf('CREATE');
          const type = await colorOf('STRING');
          const name = await colorOf('`${product}.enriched_customers`');
          expect(keyword).not.toBe(textColor);
          expect(type).not.toBe(textColor);
          expect(name).not.toBe(textColor);
          expect(new Set([keyword, type, name]).size).toBe(3);

          const status = page.getByTestId('flink-sql-status').first();
          await expect(status).toHaveText(
            /^Valid Flink SQL \(CREATE_TABLE_AS\) reads .*→ writes `\$\{product\}.enriched_customers`/,
          );
          // A syntax error is named with its place and marked in the text.
          await content.click();
          await page.keyboard.press('Control+End');
          await page.keyboard.type(' FROM FROM');
          await expect(status).toHaveText(/^Line \d+, column \d+: /);
          await expect(editor.locator('.cm-lintRange-error')).toHaveCount(1);
          for (let i = 0; i < ' FROM FROM'.length; i++) {
            await page.keyboard.press('Backspace');
          }
          await expect(status).toHaveText(/^Valid Flink SQL/);
          await expect(editor.locator('.cm-lintRange-error')).toHaveCount(0);
        },
      });

      const review = await planReview(page);
      // A check of tables that do not exist is not checked, never passed.
      const checks = review.getByRole('table', {
        name: 'Source database checks',
      });
      await expect(
        checks.getByRole('row', { name: /The tables exist/ }),
      ).toContainText(`Not found in ${database}`);
      for (const check of [
        /Every table has a primary key/,
        /postgres can read the tables/,
        /Publication \S+ (exists or can be created|covers the tables)/,
        /The masked fields exist/,
      ]) {
        const row = checks.getByRole('row', { name: check });
        await expect(row).toContainText('Not checked: the tables do not exist');
        await expect(
          row.getByRole('img', { name: 'not checked' }),
        ).toBeVisible();
      }
      // The plan shows the SQL with the product name in place.
      await review.getByText(`${product}-enriched-customers`).click();
      const sql = review.locator('pre', { hasText: 'CREATE TABLE' }).first();
      await expect(sql).toContainText(
        `CREATE TABLE \`${product}.enriched_customers\``,
      );
      await expect(sql).not.toContainText('${product}');
      // The Postgres sink says where it writes, the password redacted.
      await expect(
        review.getByText(
          new RegExp(`in PostgreSQL postgres@127\\.0\\.0\\.1:5432/${database}`),
        ),
      ).toBeVisible();

      // The Review step: a short summary, the SQL left to the plan.
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      // Backstage's review table, below the steps.
      const reviewStep = page.getByRole('article').getByRole('table');
      await expect(
        reviewStep
          .getByRole('row', { name: /^Flink statements/ })
          .getByRole('listitem'),
      ).toHaveText([
        `${product}-enriched-customers → ${product}.enriched_customers`,
        `${product}-orders-watermark → ALTER TABLE ${product}.public.orders`,
        `${product}-products-with-pk → ${product}.products_with_pk`,
        `${product}-product-sales → ${product}.product_sales`,
        `${product}-customer-snapshot → ${product}.thirty_day_customer_snapshot`,
      ]);
      // The sink says where it connects (no password), and its table.
      await expect(
        reviewStep.getByRole('row', { name: /^Sinks/ }).getByRole('listitem'),
      ).toHaveText([
        `${product}.thirty_day_customer_snapshot → PostgreSQL postgres@127.0.0.1:5432/${database}, table ${product}_thirty_day_customer_snapshot`,
      ]);
      // No raw statement objects, no SQL, no empty `connection:`, no secret.
      for (const label of ['Statements, in order', 'Name', 'Flink SQL']) {
        await expect(
          reviewStep.getByRole('cell', { name: label, exact: true }),
        ).toHaveCount(0);
      }
      await expect(reviewStep.getByText(/\bsql\b|CREATE TABLE/i)).toHaveCount(
        0,
      );
      await expect(reviewStep.getByText(/connection/i)).toHaveCount(0);
      await expect(
        reviewStep.getByText('not-needed-with-trust-auth'),
      ).toHaveCount(0);
      await expect(
        reviewStep.getByRole('row', { name: /^Password/ }),
      ).toContainText('******');
      await expect(
        reviewStep.getByText(/fingerprint|plan-[0-9a-f]+/),
      ).toHaveCount(0);
      // The README's screenshot: the whole step, without scrolling.
      await page.setViewportSize({ width: 1280, height: 1500 });
      await page.getByRole('article').screenshot({
        path: 'templates/streaming-data-product/review-step.png',
      });
    } finally {
      await runSql(
        MACHINE,
        'postgres',
        `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`,
      );
      await removeProduct(product);
    }
  });

  test('a sink offers only the configured destinations of its system', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.goto('/create/templates/default/streaming-data-product');
    await page.getByLabel('Product name').fill(`e2edest${suffix()}`);
    await page.getByLabel('Owner').fill('customer-data');
    await page.getByRole('option', { name: /customer-data-team/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Host').fill('127.0.0.1');
    await page.getByLabel('Database').fill('shop');
    await page.getByLabel('User').fill('postgres');
    await page.getByLabel('Password').fill('not-needed');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page.getByRole('heading', { name: 'Sinks', exact: true }),
    ).toBeVisible();

    const destinations = page.getByRole('combobox', { name: /^Destination/ });
    const options = async (i: number) => {
      await destinations.nth(i).click();
      const names = await page.getByRole('option').allTextContents();
      await page.keyboard.press('Escape');
      return names;
    };
    // The pre-filled PostgreSQL sink: back to the source database (the
    // local portal configures no PostgreSQL destination).
    await expect(destinations.first()).toContainText('The source database');
    expect(await options(0)).toEqual(['The source database']);

    // A warehouse sink: only the local portal's destinations of its system
    // (app-config.emulator.yaml), by name.
    await page
      .locator('.field-array', { has: page.locator('#root_sinks__title') })
      .getByTitle('Add Item')
      .click();
    await page
      .getByRole('button', { name: /^System/ })
      .nth(1)
      .click();
    await page.getByRole('option', { name: 'snowflake' }).click();
    expect(await options(1)).toEqual(['workshop-snowflake']);
    await destinations.nth(1).click();
    await page.getByRole('option', { name: 'workshop-snowflake' }).click();
    await expect(destinations.nth(1)).toContainText('workshop-snowflake');

    // Another system: the Snowflake destination cannot stay chosen.
    await page
      .getByRole('button', { name: /^System/ })
      .nth(1)
      .click();
    await page.getByRole('option', { name: 'redshift' }).click();
    await expect(destinations.nth(1)).not.toContainText('workshop-snowflake');
    expect(await options(1)).toEqual(['workshop-redshift']);
  });

  test.describe('on a database ready for CDC', () => {
    let pg: ThrowawayPostgres;
    let dropDatabase: () => Promise<void>;
    const product = `e2e${suffix()}`;

    test.beforeAll(async () => {
      pg = await startThrowawayPostgres();
      dropDatabase = await createWorkshopDatabase(pg, 'shop');
    });

    test.afterAll(async () => {
      await removeProduct(product);
      await dropDatabase?.();
      await pg?.stop();
    });

    test('the product is created and appears in the catalog with its owner and lineage', async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await signInAsGuest(page);
      await fillForm(page, {
        product,
        port: pg.port,
        database: 'shop',
        // Declared PII that stays unmasked and reaches no sink.
        piiFields: ['segment'],
      });

      const review = await planReview(page);
      await expect(
        review.getByText(
          /7 resources to create \(2 connectors, 5 Flink statements\)/,
        ),
      ).toBeVisible();
      await expect(
        review.getByText(
          'Masked at the source, before leaving the database: email (replaced with ****).',
        ),
      ).toBeVisible();
      // The source config as it will be submitted, the password redacted.
      await review.getByText(`${product}-postgres-cdc-source`).click();
      await expect(
        review
          .getByRole('table', {
            name: `Config of ${product}-postgres-cdc-source`,
          })
          .getByRole('row', { name: /database\.password/ }),
      ).toContainText('<secret secrets.dbPassword>');
      await expect(review.getByText('not-needed-with-trust-auth')).toHaveCount(
        0,
      );

      await create(page);
      await expect(page.getByText('What was created')).toBeVisible({
        timeout: 240_000,
      });

      // The data product: owned by the team, fed by its statement, which
      // reads the new CDC topics.
      await page
        .getByRole('link', {
          name: `${product}.enriched_customers`,
          exact: true,
        })
        .click();
      await expect(page).toHaveURL(
        new RegExp(`/catalog/default/api/${product}\\.enriched_customers`),
      );
      await expect(
        page.getByRole('link', { name: 'customer-data-team' }).first(),
      ).toBeVisible();
      // The declared PII, tagged at the source, marks what derives from it.
      const segment = page.getByTestId('field-segment');
      await expect(segment.getByText('PII')).toBeVisible({ timeout: 30_000 });
      await segment.getByText('PII').hover();
      await expect(page.getByRole('tooltip')).toContainText(
        `${product}.public.customers`,
      );
      await page.mouse.move(0, 0);
      await page.goto(
        `/catalog/default/component/${product}-enriched-customers`,
      );
      await expect(
        page.getByRole('link', { name: 'customer-data-team' }).first(),
      ).toBeVisible();
      const graph = page.locator('svg');
      for (const upstream of [
        `${product}.public.customers`,
        `${product}.public.addresses`,
      ]) {
        await expect(
          graph.getByText(upstream, { exact: true }).first(),
        ).toBeVisible({
          timeout: 30_000,
        });
      }
      await expect(
        graph
          .getByText(`${product}.enriched_customers`, { exact: true })
          .first(),
      ).toBeVisible();
    });
  });
});

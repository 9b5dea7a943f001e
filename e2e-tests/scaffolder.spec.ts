import { randomBytes } from 'node:crypto';
import { expect, Page, test } from '@playwright/test';
import { signInAsGuest } from './helpers';
import {
  createWorkshopDatabase,
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

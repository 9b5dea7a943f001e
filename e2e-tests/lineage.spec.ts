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
import { expect, Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { sidebar, signInAsGuest } from './helpers';

/*
 * The Lineage tab and the Data lineage page on the workshop's flow, as a
 * data engineer follows a column: where it comes from, hop by hop, where it
 * goes, and what is masked on the way.
 */

/** Opens a page until `check` passes (the catalog may still be ingesting). */
async function openUntil(page: Page, path: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass({ timeout: 120_000, intervals: [1_000, 5_000] });
}

// A desktop screen: the root box and the column panel side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

const column = (page: Page, entity: string, name: string) =>
  page.getByTestId(`lineage-column-${entity}.${name}`);

async function openLineage(page: Page, entity: string, firstColumn: string) {
  await openUntil(page, `/catalog/default/api/${entity}/lineage`, () =>
    expect(column(page, entity, firstColumn)).toBeVisible({ timeout: 15_000 }),
  );
}

test('product_sales: customername comes from the customers topic through enriched_customers and reaches the snapshot and its Postgres table', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openLineage(page, 'product_sales', 'customername');
  await expect(
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Lineage' }),
  ).toBeVisible();

  // ELK laid the graph out in its Web Worker, bundled with the app.
  await expect
    .poll(() =>
      Promise.all(page.workers().map(w => w.evaluate(() => self.name))),
    )
    .toContain('lineage-layout');

  await column(page, 'product_sales', 'customername').click();
  await expect(page).toHaveURL(/lineage\?column=customername/);
  const upstream = page.getByTestId('lineage-upstream');
  await expect(upstream).toContainText('enriched_customers.customername');
  await expect(upstream).toContainText(
    'shiftleft.public.customers.customername',
  );
  await expect(upstream).toContainText('product-sales-materializer');
  const downstream = page.getByTestId('lineage-downstream');
  await expect(downstream).toContainText(
    'thirty_day_customer_snapshot.customername',
  );
  await expect(downstream).toContainText(
    'onlinestoredb.public.thirty_day_customer_snapshot (postgres).customername',
  );
  await expect(downstream).toContainText('shiftleft-postgres-sink');

  // Labels stay readable at the zoom the tab opens with: font size times
  // the canvas zoom.
  const shownPx = await column(page, 'product_sales', 'customername').evaluate(
    el => {
      const viewport = el.closest('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
      return parseFloat(getComputedStyle(el).fontSize) * zoom;
    },
  );
  expect(shownPx).toBeGreaterThanOrEqual(12);

  await page.screenshot({ path: 'plugins/confluent/docs/lineage-tab.png' });
});

test('product_sales: total_amount is oi.quantity * p.price of both source columns', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openLineage(page, 'product_sales', 'total_amount');
  await column(page, 'product_sales', 'total_amount').click();
  const upstream = page.getByTestId('lineage-upstream');
  await expect(upstream).toContainText('oi.quantity * p.price');
  await expect(upstream).toContainText('shiftleft.public.order_items.quantity');
  await expect(upstream).toContainText('products_with_pk.price');
  // Both are direct inputs (their values make the total): solid edges;
  // dashed ones are for inputs only a condition tests.
  const edges = page.locator(
    '[data-testid$="->api:default/product_sales.total_amount"] path.react-flow__edge-path',
  );
  await expect(edges).toHaveCount(2);
  for (const edge of await edges.all()) {
    await expect(edge).toHaveCSS('stroke-dasharray', 'none');
  }
  await expect(
    page.getByText(/dashed: only tested by a condition/),
  ).toBeVisible();
});

test('enriched_customers: email is masked by the CDC connector’s MaskField SMT', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openLineage(page, 'enriched_customers', 'email');
  await expect(
    column(page, 'enriched_customers', 'email').getByText('Masked'),
  ).toBeVisible();
  await column(page, 'enriched_customers', 'email').click();
  const pii = page.getByTestId('lineage-pii');
  await expect(pii).toContainText('Masked');
  await expect(pii).toContainText('MaskField');
  await expect(pii).toContainText('****');
});

test('the schema card links a field to it in the Lineage tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openUntil(page, '/catalog/default/api/enriched_customers', () =>
    expect(page.getByRole('link', { name: 'email', exact: true })).toBeVisible({
      timeout: 15_000,
    }),
  );
  await page.getByRole('link', { name: 'email', exact: true }).click();
  await expect(page).toHaveURL(/\/lineage\?column=email/);
  await expect(page.getByTestId('lineage-selected')).toHaveText(
    'enriched_customers.email',
  );
});

test('the Data lineage page finds customers.email', async ({ page }) => {
  await signInAsGuest(page);
  await sidebar(page).getByRole('link', { name: 'Data lineage' }).click();
  await expect(page).toHaveURL(/\/data-lineage/);
  await page
    .getByRole('textbox', { name: 'Search an entity or a column' })
    .fill('customers.email');
  const results = page.getByRole('list', { name: 'Search results' });
  const hit = results.getByRole('button', {
    name: /^shiftleft\.public\.customers\.email/,
  });
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByTestId('lineage-selected')).toHaveText(
    'shiftleft.public.customers.email',
  );
  await expect(page.getByTestId('lineage-downstream')).toContainText(
    'enriched_customers.email',
  );
});

test('the downstream impact of product_sales lists its sink tables', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openLineage(page, 'product_sales', 'customername');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Downstream impact CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('impact-product_sales.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'entityRef,title,type,owner,column,direct,expression,via,hops,sinkTable',
  );
  for (const table of [
    'resource:default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
    'redshift',
    'snowflake',
  ]) {
    expect(csv).toContain(table);
  }
  expect(csv).toMatch(/,database-table,.*,true\r\n/);
});

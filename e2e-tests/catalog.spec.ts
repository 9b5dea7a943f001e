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
import { signInAsGuest } from './helpers';

/*
 * The catalog as a data engineer meets it: the workshop's data products with
 * their owners, and the lineage graph from the Postgres CDC topic down to the
 * warehouse tables. Other tests scaffold more products into the same portal,
 * so these assertions look for the workshop's entities, never for exact
 * counts.
 */

const PRODUCTS: Array<[string, string]> = [
  ['enriched_customers', 'customer-data-team'],
  ['product_sales', 'sales-analytics-team'],
  ['thirty_day_customer_snapshot', 'customer-service-team'],
];

/** The catalog table row of an entity. */
const row = (page: Page, name: string) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

/**
 * Opens a page until `check` passes: the shared portal's backend restarts
 * when its sources change and then ingests the catalog anew (in memory).
 */
async function openUntil(page: Page, path: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass({ timeout: 120_000, intervals: [1_000, 5_000] });
}

test('the catalog lists the workshop data products with their owners', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openUntil(
    page,
    '/?filters[kind]=api&filters[type]=data-product&filters[user]=all',
    async () => {
      for (const [name, owner] of PRODUCTS) {
        const product = row(page, name);
        await expect(product).toBeVisible({ timeout: 10_000 });
        await expect(product.getByRole('link', { name: owner })).toBeVisible();
      }
    },
  );
});

test('the lineage graph walks from the Postgres source table to the snapshot and its Postgres table', async ({
  page,
}) => {
  await signInAsGuest(page);
  const params = new URLSearchParams([
    ['rootEntityRefs[]', 'api:default/shiftleft.public.customers'],
    ['maxDepth', '∞'],
    ['selectedKinds[]', 'api'],
    ['selectedKinds[]', 'component'],
    ['selectedKinds[]', 'resource'],
    ['selectedRelations[]', 'feeds'],
    ['selectedRelations[]', 'fedBy'],
    ['unidirectional', 'true'],
    ['mergeRelations', 'true'],
    ['direction', 'LR'],
  ]);
  const graph = page.locator('svg#dependency-graph');
  await openUntil(page, `/catalog-graph?${params}`, () =>
    expect(
      graph.getByText('thirty_day_customer_snapshot', { exact: true }),
    ).toBeVisible({ timeout: 10_000 }),
  );
  // Downstream, in the direction the data flows.
  for (const node of [
    'shiftleft.public.customers',
    'enriched-customer-materializer',
    'enriched_customers',
    'product-sales-materializer',
    'product_sales',
    'customer-snapshot-materializer',
    'thirty_day_customer_snapshot',
    'shiftleft-postgres-sink',
    'onlinestoredb.public.thirty_day_customer_snapshot (postgres)',
  ]) {
    await expect(graph.getByText(node, { exact: true })).toBeVisible();
  }
  // The edges are labelled with the data-flow relation.
  await expect(graph.getByText('feeds').first()).toBeVisible();
  // Upstream too, and laid out left to right as the data flows: the source
  // table, the CDC topic, the snapshot's Postgres table.
  const x = async (name: string) => {
    const node = graph.getByText(name, { exact: true });
    await expect(node).toBeVisible();
    return (await node.boundingBox())!.x;
  };
  // Polled: the graph lays itself out again as nodes arrive.
  await expect
    .poll(async () => {
      const source = await x('onlinestoredb.public.customers (postgres)');
      const topic = await x('shiftleft.public.customers');
      const sink = await x(
        'onlinestoredb.public.thirty_day_customer_snapshot (postgres)',
      );
      return source < topic && topic < sink;
    })
    .toBe(true);
});

test('API, Component and Resource pages show the lineage graph card', async ({
  page,
}) => {
  await signInAsGuest(page);
  const graph = page.locator('svg#dependency-graph');
  for (const [path, neighbours] of [
    [
      '/catalog/default/api/enriched_customers',
      ['enriched-customer-materializer', 'product-sales-materializer'],
    ],
    [
      '/catalog/default/component/product-sales-materializer',
      ['enriched_customers', 'product_sales'],
    ],
    [
      '/catalog/default/resource/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
      ['shiftleft-postgres-sink'],
    ],
  ] as const) {
    await openUntil(page, path, () =>
      expect(graph).toBeVisible({ timeout: 10_000 }),
    );
    for (const node of neighbours) {
      await expect(graph.getByText(node, { exact: true })).toBeVisible();
    }
  }
});

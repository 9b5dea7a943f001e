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
import { expect, test } from '@playwright/test';
import { sidebar, signInAsGuest } from './helpers';

test('the portal loads and offers guest sign-in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Streaming Data Products/);
  await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
});

test('a guest signs in and sees the navigation', async ({ page }) => {
  await signInAsGuest(page);
  const nav = sidebar(page);
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'Create', exact: true }),
  ).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Data lineage' })).toBeVisible();
  // The stock graph page opened blank from the menu; it is no longer there.
  await expect(nav.getByRole('link', { name: 'Catalog Graph' })).toHaveCount(0);
});

test('/catalog opens the catalog, and the old home links still land there', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog');
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByText('Page not found')).toHaveCount(0);
  await expect(
    page
      .getByRole('heading', { name: /Streaming Data Products Catalog|Catalog/ })
      .first(),
  ).toBeVisible();
  await page.goto('/?filters[kind]=component');
  await expect(page).toHaveURL(
    /\/catalog\?filters%5Bkind%5D=component|\/catalog\?filters\[kind\]=component/,
  );
});

test("the catalog lists this repository's own entities", async ({ page }) => {
  await signInAsGuest(page);
  // The catalog is the landing page; pick the Component kind.
  await page.goto('/?filters[kind]=component');
  for (const name of [
    'plugin-confluent-common',
    'plugin-catalog-backend-module-confluent',
    'confluent-emulator',
    'portal',
  ]) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.getByRole('link', { name: 'portal', exact: true }).click();
  await expect(
    page.getByText('confluent-backstage-suite').first(),
  ).toBeVisible();
});

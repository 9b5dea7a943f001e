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
import { expect, Page } from '@playwright/test';

/** Signs in on the guest sign-in page and waits for the portal shell. */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(enter).toBeHidden();
  // The sidebar's <nav> box has no size of its own; its links are what show.
  await expect(sidebar(page).getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();
}

/** The portal's sidebar navigation. */
export const sidebar = (page: Page) =>
  page.getByRole('navigation', { name: 'sidebar nav' });

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

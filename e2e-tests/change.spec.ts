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
import { WORKSHOP_STATEMENTS } from '../plugins/confluent-emulator/src/seed/workshop';

/*
 * Create > "Change a data product", in the running portal against the
 * emulator's workshop: the guest (customer-data-team) changes
 * enriched_customers. Dropping customername is refused with the products
 * and owners it breaks; adding a column is compatible, runs blue/green,
 * the new statement shows up in the catalog and the product's Version
 * history lists it as current above the old one. The spec restores the
 * workshop afterwards, since later specs read enriched_customers.
 */

const EMULATOR = process.env.CONFLUENT_EMULATOR_URL ?? 'http://localhost:8090';
const STATEMENT = 'enriched-customer-materializer';
const SEED_SQL = WORKSHOP_STATEMENTS.find(s => s.name === STATEMENT)!.statement;

const ADD_COLUMN = SEED_SQL.replace(
  '  segment STRING,\n',
  '  segment STRING,\n  segment_code STRING,\n',
).replace(
  '  c.segment,\n',
  '  c.segment,\n  UPPER(c.segment) AS segment_code,\n',
);
const DROP_CUSTOMERNAME = SEED_SQL.replace(
  '  customername STRING,\n',
  '',
).replace('  c.customername,\n', '');

interface EmulatorInfo {
  ids: { organizationId: string; environmentId: string };
  keys: Record<string, { key: string; secret: string }>;
}

/** Undoes a change of enriched_customers in the shared emulator. */
async function restoreWorkshop(newStatement?: string) {
  const info: EmulatorInfo = await fetch(`${EMULATOR}/_emulator/info`).then(r =>
    r.json(),
  );
  const auth = (k: { key: string; secret: string }) => ({
    Authorization: `Basic ${Buffer.from(`${k.key}:${k.secret}`).toString(
      'base64',
    )}`,
    'Content-Type': 'application/json',
  });
  const flink = `${EMULATOR}/sql/v1/organizations/${info.ids.organizationId}/environments/${info.ids.environmentId}/statements`;
  if (newStatement) {
    await fetch(`${flink}/${newStatement}`, {
      method: 'DELETE',
      headers: auth(info.keys.flink),
    });
  }
  const old = await fetch(`${flink}/${STATEMENT}`, {
    headers: auth(info.keys.flink),
  }).then(r => r.json());
  if (old.spec?.stopped) {
    await fetch(`${flink}/${STATEMENT}`, {
      method: 'PUT',
      headers: auth(info.keys.flink),
      body: JSON.stringify({ ...old, spec: { ...old.spec, stopped: false } }),
    });
  }
  const subject = `${EMULATOR}/subjects/enriched_customers-value/versions`;
  const versions: number[] = await fetch(subject, {
    headers: auth(info.keys.schemaRegistry),
  }).then(r => r.json());
  for (const v of versions.slice(1)) {
    await fetch(`${subject}/${v}`, {
      method: 'DELETE',
      headers: auth(info.keys.schemaRegistry),
    });
  }
}

/** Picks enriched_customers and types its new SQL; returns on the review page. */
async function changeEnrichedCustomers(page: Page, sql: string) {
  await page.goto('/create/templates/default/change-data-product');
  await page.getByLabel('Data product').fill('enriched');
  await page.getByRole('option', { name: /enriched_customers/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // The editor starts from the SQL that runs now.
  const editor = page.locator('.cm-content');
  await expect(editor).toContainText('CREATE TABLE enriched_customers', {
    timeout: 30_000,
  });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  // insertText: no auto-closed brackets or indentation on the way in.
  await page.keyboard.insertText(sql);
  await expect(page.getByTestId('flink-sql-status')).toContainText(
    'Valid Flink SQL (CREATE_TABLE_AS)',
  );
  await page.getByRole('button', { name: 'Next' }).click();
  const review = page.getByTestId('confluent-change-plan-review');
  await expect(
    review.getByRole('heading', { name: 'Downstream impact' }),
  ).toBeVisible({ timeout: 60_000 });
  return review;
}

test.describe('Create > Change a data product', () => {
  test.describe.configure({ mode: 'serial' });
  let newStatement: string | undefined;

  test.afterAll(async () => {
    await restoreWorkshop(newStatement);
  });

  test('dropping customername lists the products and the Postgres sink it breaks, with owners, and is refused unconfirmed', async ({
    page,
  }) => {
    await signInAsGuest(page);
    const review = await changeEnrichedCustomers(page, DROP_CUSTOMERNAME);
    const diff = review.getByRole('table', { name: 'Value schema changes' });
    await expect(diff.getByRole('row', { name: /customername/ })).toContainText(
      'removed',
    );
    const impact = review.getByRole('table', { name: 'Downstream impact' });
    await expect(
      impact.getByRole('row', { name: /api:default\/product_sales/ }).first(),
    ).toContainText('group:default/sales-analytics-team');
    await expect(
      impact
        .getByRole('row', { name: /api:default\/thirty_day_customer_snapshot/ })
        .first(),
    ).toContainText('group:default/customer-service-team');
    await expect(
      impact.getByRole('row', { name: /shiftleft-postgres-sink/ }).first(),
    ).toContainText('(sink table)');
    await expect(review.getByText(/the change cannot go ahead/)).toBeVisible();
    await expect(
      review
        .getByText(
          /Tell group:default\/customer-service-team, group:default\/sales-analytics-team/,
        )
        .first(),
    ).toBeVisible();
    // Without the confirmation the run cannot start.
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await expect(
      page.getByText(/Review the change first/).first(),
    ).toBeVisible();
    await expect(page).not.toHaveURL(/\/create\/tasks\//);
  });

  test('adding a column is compatible with no downstream impact, runs blue/green, and the new version is in the catalog with its history', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await signInAsGuest(page);
    const review = await changeEnrichedCustomers(page, ADD_COLUMN);
    await expect(review.getByText('compatible', { exact: true })).toBeVisible();
    await expect(
      review.getByText('Nothing downstream reads a removed or changed column.'),
    ).toBeVisible();
    await expect(
      review.getByRole('row', { name: /segment_code/ }),
    ).toContainText('added');
    const method = review.getByText(/^Blue\/green:/);
    await expect(method).toBeVisible();
    newStatement = (await method.locator('code').first().innerText()).trim();
    expect(newStatement).toMatch(
      /^enriched-customer-materializer-c[0-9a-f]{8}$/,
    );

    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page).toHaveURL(/\/create\/tasks\//);
    await expect(page.getByText('What changed')).toBeVisible({
      timeout: 240_000,
    });
    await expect(page.getByText(newStatement).first()).toBeVisible();

    // The new statement is in the catalog, owned by the team.
    await expect(async () => {
      await page.goto(`/catalog/default/component/${newStatement}`);
      await expect(
        page.getByRole('link', { name: 'customer-data-team' }).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 120_000 });

    // The product's Version history: the new statement current and running,
    // above the old one (stopped), with the SQL diff against it.
    const current = page.getByTestId(`history-version-${newStatement}`);
    await expect(async () => {
      await page.goto('/catalog/default/api/enriched_customers');
      await expect(current).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 120_000 });
    const card = page.getByTestId(/^history-version-/);
    await expect(card).toHaveCount(2);
    await expect(card.first()).toHaveAttribute(
      'data-testid',
      `history-version-${newStatement}`,
    );
    await expect(current.getByText('Current', { exact: true })).toBeVisible();
    await expect(current.getByText('RUNNING', { exact: true })).toBeVisible();
    await expect(current).toContainText(`resumed from ${STATEMENT}`);
    const old = page.getByTestId(`history-version-${STATEMENT}`);
    await expect(old.getByText('STOPPED', { exact: true })).toBeVisible();
    await expect(old.getByText('Current', { exact: true })).toHaveCount(0);
    const diff = current.getByRole('figure', {
      name: `SQL changes of ${newStatement}`,
    });
    await expect(
      diff.locator('[data-diff="added"]', {
        hasText: 'UPPER(c.segment) AS segment_code',
      }),
    ).toBeVisible();
  });
});

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
import { createHash } from 'node:crypto';
import { APIRequestContext, expect, Locator, test } from '@playwright/test';
import { signInAsGuest } from './helpers';

/*
 * The entity cards as the owning team meets them: the data product
 * enriched_customers shows its statement RUNNING and its schema with the
 * masked email explained; when someone stops the statement in Confluent
 * (here: the Flink SQL API of the emulator, as the CLI or Terraform would),
 * the open page shows STOPPED within seconds, without a reload. The
 * statement is resumed at the end, whatever happens, for the other tests
 * sharing the portal.
 */

const EMULATOR = process.env.CONFLUENT_EMULATOR_URL ?? 'http://localhost:8090';
const STATEMENT = 'enriched-customer-materializer';

/** The entity card (a `@backstage/ui` Card, an `article`) around an element. */
const cardOf = (inner: Locator) =>
  inner.locator(
    'xpath=ancestor::article[contains(concat(" ", normalize-space(@class), " "), " bui-Card ")][1]',
  );

interface EmulatorInfo {
  ids: { organizationId: string; environmentId: string };
  keys: { flink: { key: string; secret: string } };
}

/** The Flink SQL API of the emulator, with its local Flink key. */
async function flinkApi(request: APIRequestContext) {
  const info: EmulatorInfo = await (
    await request.get(`${EMULATOR}/_emulator/info`)
  ).json();
  const { organizationId, environmentId } = info.ids;
  const url = `${EMULATOR}/sql/v1/organizations/${organizationId}/environments/${environmentId}/statements/${STATEMENT}`;
  const headers = {
    Authorization: `Basic ${Buffer.from(
      `${info.keys.flink.key}:${info.keys.flink.secret}`,
    ).toString('base64')}`,
  };
  const get = async () => {
    const res = await request.get(url, { headers });
    expect(res.status()).toBe(200);
    return res.json();
  };
  /** GET, flip spec.stopped, PUT the whole statement back (as the CLI does). */
  const setStopped = async (stopped: boolean) => {
    const statement = await get();
    if (statement.spec.stopped === stopped) return;
    const res = await request.put(url, {
      headers,
      data: { ...statement, spec: { ...statement.spec, stopped } },
    });
    expect([200, 202]).toContain(res.status());
  };
  return { get, setStopped };
}

/**
 * Runs `fn` with the statement RUNNING, whatever an earlier test left, and
 * leaves it RUNNING for the tests after, whatever happens.
 */
async function withRunningStatement(
  request: APIRequestContext,
  fn: (flink: Awaited<ReturnType<typeof flinkApi>>) => Promise<void>,
) {
  const flink = await flinkApi(request);
  const running = () =>
    expect
      .poll(async () => (await flink.get()).status.phase, { timeout: 30_000 })
      .toBe('RUNNING');
  await flink.setStopped(false);
  await running();
  try {
    await fn(flink);
  } finally {
    await flink.setStopped(false);
    await running();
  }
}

// First in the run on purpose: the first page after the backend starts is
// where a change used to be lost (the signals backend dropped the first
// WebSocket; see packages/backend/src/modules/signalsReady.ts).
test('an open page follows a statement stopped elsewhere, without a reload', async ({
  page,
  request,
}) => {
  await withRunningStatement(request, async flink => {
    await signInAsGuest(page, '/catalog/default/api/enriched_customers');
    const statement = page.getByTestId(`confluent-statement-${STATEMENT}`);
    await expect(statement.getByText('RUNNING', { exact: true })).toBeVisible();

    // Stopped elsewhere: the open page follows within 10 s, no reload.
    await page.evaluate(() => {
      (window as any).__sameDocument = true;
    });
    await flink.setStopped(true);
    await expect(statement.getByText('STOPPED', { exact: true })).toBeVisible({
      timeout: 10_000,
    });
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(
      true,
    );
  });
});

test('a data product shows its live statement health and its masked schema', async ({
  page,
  request,
}) => {
  await withRunningStatement(request, async () => {
    await signInAsGuest(page, '/catalog/default/api/enriched_customers');

    const statement = page.getByTestId(`confluent-statement-${STATEMENT}`);
    await expect(statement.getByText('RUNNING', { exact: true })).toBeVisible();
    await expect(
      statement.getByText(/^updated \d+ (s|min) ago$/),
    ).toBeVisible();

    // The schema: email is masked, and the badge explains by whom.
    const email = page.getByTestId('field-email');
    await expect(email.getByText('Masked')).toBeVisible();
    await email.getByText('Masked').hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('shiftleft-postgres-cdc-source');
    await expect(tooltip).toContainText('MaskField$Value');
    await expect(tooltip).toContainText('****');
    await expect(tooltip).toContainText('enriched-customer-materializer');
    // The README's screenshots: each card as it looks on the entity page,
    // the schema card with the tooltip it opens.
    const schemaBox = await cardOf(email).boundingBox();
    await page.screenshot({
      path: 'plugins/confluent/docs/schema-card.png',
      clip: schemaBox!,
    });
    await page.mouse.move(0, 0);
    await cardOf(statement).screenshot({
      path: 'plugins/confluent/docs/statement-status-card.png',
    });
  });
});

/*
 * Drift: what the portal declared for the statement (Stream Catalog
 * business metadata `backstage_declared`, as the scaffolder's actions write
 * it) says it ran with a one-day state TTL; the running statement has none.
 * The Drift card on the data product lists that difference. The record is
 * removed at the end, whatever happens.
 */
test('the Drift card lists how a statement differs from what the portal declared', async ({
  page,
  request,
}) => {
  const info = await (await request.get(`${EMULATOR}/_emulator/info`)).json();
  const { environmentId, kafkaClusterId, schemaRegistryId } = info.ids;
  const basic = (k: { key: string; secret: string }) =>
    `Basic ${Buffer.from(`${k.key}:${k.secret}`).toString('base64')}`;
  const sr = { Authorization: basic(info.keys.schemaRegistry) };
  const statement = await flinkApi(request).then(f => f.get());
  const qualifiedName = `${schemaRegistryId}:${kafkaClusterId}:enriched_customers`;
  const sql = String(statement.spec.statement)
    .replace(/\r\n?/g, '\n')
    .trim()
    .replace(/;\s*$/, '')
    .trimEnd();
  const fingerprint = {
    kind: 'statement',
    name: STATEMENT,
    environmentId,
    sqlDigest: `sha256:${createHash('sha256').update(sql).digest('hex')}`,
    properties: { ...statement.spec.properties, 'sql.state-ttl': '1 DAYS' },
    uid: statement.metadata.uid,
    createdAt: statement.metadata.created_at,
    declaredAt: new Date().toISOString(),
    declaredBy: 'user:default/guest',
  };
  const defs = await request.post(
    `${EMULATOR}/catalog/v1/types/businessmetadatadefs`,
    {
      headers: sr,
      data: [
        {
          name: 'backstage_declared',
          attributeDefs: [
            { name: 'resources', typeName: 'string', isOptional: false },
          ],
        },
      ],
    },
  );
  expect([200, 409]).toContain(defs.status());
  const put = await request.post(
    `${EMULATOR}/catalog/v1/entity/businessmetadata`,
    {
      headers: sr,
      data: [
        {
          typeName: 'backstage_declared',
          entityType: 'kafka_topic',
          entityName: qualifiedName,
          attributes: {
            resources: JSON.stringify({
              [`statement:${environmentId}/${STATEMENT}`]: fingerprint,
            }),
          },
        },
      ],
    },
  );
  expect(put.status()).toBe(200);
  try {
    await signInAsGuest(page, '/catalog/default/api/enriched_customers');
    const drift = page.getByTestId(`drift-statement-${STATEMENT}`);
    await expect(drift.getByText('Drifted: 1 difference')).toBeVisible();
    await expect(drift.getByTestId('drift-difference')).toHaveText(
      "Property sql.state-ttl was removed (declared '1 DAYS')",
    );
    await expect(drift).toContainText('by user:default/guest');
  } finally {
    await request.delete(
      `${EMULATOR}/catalog/v1/entity/type/kafka_topic/name/${qualifiedName}/businessmetadata/backstage_declared`,
      { headers: sr },
    );
  }
});

/** Removes the PII tag from a top-level field of a topic's value schema. */
async function untagField(
  request: APIRequestContext,
  topic: string,
  field: string,
) {
  const info = await (await request.get(`${EMULATOR}/_emulator/info`)).json();
  const headers = {
    Authorization: `Basic ${Buffer.from(
      `${info.keys.schemaRegistry.key}:${info.keys.schemaRegistry.secret}`,
    ).toString('base64')}`,
  };
  const latest = await (
    await request.get(`${EMULATOR}/subjects/${topic}-value/versions/latest`, {
      headers,
    })
  ).json();
  const record = JSON.parse(latest.schema);
  const recordName = record.namespace
    ? `${record.namespace}.${record.name}`
    : record.name;
  const name = `${info.ids.schemaRegistryId}:.:${latest.id}:${recordName}.${field}`;
  const res = await request.delete(
    `${EMULATOR}/catalog/v1/entity/type/sr_field/name/${encodeURIComponent(
      name,
    )}/tags/PII`,
    { headers },
  );
  // 404: the test failed before tagging; nothing to undo.
  expect([204, 404]).toContain(res.status());
}

test('an owner tags a suspected PII column of the schema in one click', async ({
  page,
  request,
}) => {
  try {
    await signInAsGuest(page, '/catalog/default/api/enriched_customers');
    const field = page.getByTestId('field-customername');
    // The name looks personal and nothing tags it: suspected, not PII.
    await expect(field.getByText('Suspected PII')).toBeVisible();
    await expect(field.getByText('PII', { exact: true })).toHaveCount(0);

    // The guest is in customer-data-team, the product's owner.
    await field.getByRole('button', { name: 'Tag customername PII' }).click();
    await expect(
      page.getByText('Tagged customername PII in Stream Catalog.'),
    ).toBeVisible();
    // The refreshed card reads the tag back from Stream Catalog.
    await expect(field.getByText('PII', { exact: true })).toBeVisible();
    await expect(field.getByText('Suspected PII')).toHaveCount(0);
    await field.getByText('PII', { exact: true }).hover();
    await expect(page.getByRole('tooltip')).toContainText(
      'Tagged PII in Stream Catalog',
    );
  } finally {
    // Other tests share the emulator: leave customername untagged.
    await untagField(request, 'enriched_customers', 'customername');
  }
});

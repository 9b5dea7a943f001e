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
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  ANNOTATION_CONFLUENT_STATEMENT,
  ConfluentHistoryResponse,
  ConfluentVersion,
  SPEC_MATERIALIZED_TABLE,
} from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, dataProduct, renderCard } from '../../__testUtils__/render';
import { isConfluentVersionHistoryAvailable } from '../../conditions';
import { VersionHistoryCard } from './VersionHistoryCard';

const server = setupServer();
registerMswTestHooks(server);

const URL = `${BASE}/entities/API/default/enriched_customers/history`;
const OLD = 'enriched-customer-materializer';
const NEW = 'enriched-customer-materializer-c0ffee01';

const OLD_SQL = [
  'CREATE TABLE enriched_customers AS',
  'SELECT',
  '  c.customerid,',
  '  c.customername,',
  '  c.segment',
  'FROM customers c',
].join('\n');
const NEW_SQL = [
  'INSERT INTO enriched_customers',
  'SELECT',
  '  c.customerid,',
  '  c.customername,',
  '  c.segment,',
  '  UPPER(c.segment) AS segment_code',
  'FROM customers c',
].join('\n');

const statement = (
  overrides: Partial<ConfluentVersion> & { id: string },
): ConfluentVersion => ({
  label: overrides.id,
  principal: 'sa-3nz8wq',
  computePoolId: 'lfcp-6r8k1v',
  current: false,
  consoleUrl: `https://confluent.cloud/statements/${overrides.id}`,
  ...overrides,
});

const chain = (sqlShown: boolean): ConfluentHistoryResponse => ({
  entityRef: 'api:default/enriched_customers',
  source: 'statements',
  sqlShown,
  checkedAt: '2026-12-04T15:00:00Z',
  versions: [
    statement({
      id: OLD,
      phase: 'STOPPED',
      createdAt: '2026-11-22T02:10:44Z',
      sqlDigest: `sha256:${'a'.repeat(64)}`,
      ...(sqlShown ? { sql: OLD_SQL } : {}),
    }),
    statement({
      id: NEW,
      phase: 'RUNNING',
      current: true,
      createdAt: '2026-12-04T14:00:00Z',
      resumedFrom: OLD,
      sqlDigest: `sha256:${'b'.repeat(64)}`,
      ...(sqlShown ? { sql: NEW_SQL } : {}),
    }),
  ],
});

const versionIds = () =>
  screen
    .getAllByTestId(/^history-version-/)
    .map(v => v.getAttribute('data-testid'));

describe('VersionHistoryCard', () => {
  it('lists the chain newest first, the new statement current, with the SQL diff against the old one', async () => {
    server.use(http.get(URL, () => HttpResponse.json(chain(true))));
    await renderCard(<VersionHistoryCard />, { entity: dataProduct() });
    const current = await screen.findByTestId(`history-version-${NEW}`);
    expect(versionIds()).toEqual([
      `history-version-${NEW}`,
      `history-version-${OLD}`,
    ]);
    expect(within(current).getByText('Current')).toBeInTheDocument();
    expect(within(current).getByText('RUNNING')).toBeInTheDocument();
    expect(current).toHaveTextContent(
      'principal sa-3nz8wq · compute pool lfcp-6r8k1v · resumed from enriched-customer-materializer',
    );
    expect(within(current).getByTestId('history-sql-change')).toHaveTextContent(
      `SQL changes since ${OLD}: +3 −2 lines`,
    );
    // The current version's diff is open.
    const diff = within(current).getByRole('figure', {
      name: `SQL changes of ${NEW}`,
    });
    const lines = [...diff.querySelectorAll('[data-diff]')].map(l => [
      l.getAttribute('data-diff'),
      l.textContent,
    ]);
    expect(lines).toEqual([
      ['removed', '- CREATE TABLE enriched_customers AS'],
      ['added', '+ INSERT INTO enriched_customers'],
      ['same', '  SELECT'],
      ['same', '    c.customerid,'],
      ['same', '    c.customername,'],
      ['removed', '-   c.segment'],
      ['added', '+   c.segment,'],
      ['added', '+   UPPER(c.segment) AS segment_code'],
      ['same', '  FROM customers c'],
    ]);

    const old = screen.getByTestId(`history-version-${OLD}`);
    expect(within(old).queryByText('Current')).not.toBeInTheDocument();
    expect(within(old).getByText('STOPPED')).toBeInTheDocument();
    // The first version has no previous one; its SQL is one click away.
    await userEvent.click(within(old).getByText('SQL of the first version'));
    expect(within(old).getByLabelText(`SQL of ${OLD}`).textContent).toBe(
      OLD_SQL,
    );
    expect(screen.queryByText('No version runs now.')).not.toBeInTheDocument();
  });

  it('compares digests for readers outside the owning team, who get no SQL', async () => {
    server.use(http.get(URL, () => HttpResponse.json(chain(false))));
    await renderCard(<VersionHistoryCard />, { entity: dataProduct() });
    const current = await screen.findByTestId(`history-version-${NEW}`);
    expect(
      screen.getByText(/The SQL is shown to the product’s owners only/),
    ).toBeInTheDocument();
    expect(within(current).getByTestId('history-sql-change')).toHaveTextContent(
      `SQL changed since ${OLD} (the digests differ).`,
    );
    expect(
      within(current).getByText(/^SQL sha256:b{12}…$/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('warns when no version runs, and shows a deleted statement as missing', async () => {
    const body = chain(false);
    body.versions[1] = { ...body.versions[1], current: false, phase: 'FAILED' };
    body.versions.unshift({
      id: 'gone',
      label: 'gone',
      phase: 'MISSING',
      detail: 'Confluent has no statement of this name any more',
      current: false,
    });
    server.use(http.get(URL, () => HttpResponse.json(body)));
    await renderCard(<VersionHistoryCard />, { entity: dataProduct() });
    expect(await screen.findByText('No version runs now.')).toBeInTheDocument();
    const gone = screen.getByTestId('history-version-gone');
    expect(within(gone).getByText('MISSING')).toBeInTheDocument();
    expect(gone).toHaveTextContent(
      'Confluent has no statement of this name any more',
    );
    // Without a digest on one side nothing can be compared.
    expect(
      within(screen.getByTestId(`history-version-${OLD}`)).getByTestId(
        'history-sql-change',
      ),
    ).toHaveTextContent('cannot be compared with gone');
  });

  it("shows a materialized table's versions with what each changed", async () => {
    const entity = dataProduct();
    delete entity.metadata.annotations![ANNOTATION_CONFLUENT_STATEMENT];
    entity.spec = {
      ...entity.spec,
      [SPEC_MATERIALIZED_TABLE]: { version: 2, versions: [] },
    };
    expect(isConfluentVersionHistoryAvailable(entity)).toBe(true);
    const v1 = 'CREATE MATERIALIZED TABLE t AS SELECT a, b FROM s';
    const v2 = 'CREATE OR ALTER MATERIALIZED TABLE t AS SELECT a FROM s';
    server.use(
      http.get(URL, () =>
        HttpResponse.json({
          entityRef: 'api:default/enriched_customers',
          source: 'materialized-table',
          sqlShown: true,
          checkedAt: '2026-12-04T15:00:00Z',
          versions: [
            {
              id: '1',
              label: 'Version 1',
              sql: v1,
              current: false,
              changes: [],
            },
            {
              id: '2',
              label: 'Version 2',
              sql: v2,
              phase: 'RUNNING',
              current: true,
              changes: ["Column 'b: VARCHAR' removed"],
            },
          ],
        } satisfies ConfluentHistoryResponse),
      ),
    );
    await renderCard(<VersionHistoryCard />, { entity });
    const v2View = await screen.findByTestId('history-version-2');
    expect(screen.getByText('Materialized table versions')).toBeInTheDocument();
    expect(v2View).toHaveTextContent("Column 'b: VARCHAR' removed");
    expect(within(v2View).getByTestId('history-sql-change')).toHaveTextContent(
      'SQL changes since Version 1: +1 −1 lines',
    );
    expect(screen.getByTestId('history-version-1')).toHaveTextContent(
      'Created',
    );
  });

  it('shows the empty state when there is no version', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json({
          entityRef: 'api:default/enriched_customers',
          source: 'none',
          sqlShown: false,
          checkedAt: '2026-12-04T15:00:00Z',
          versions: [],
        }),
      ),
    );
    await renderCard(<VersionHistoryCard />, { entity: dataProduct() });
    expect(await screen.findByText('No versions to show')).toBeInTheDocument();
  });

  it('shows the error the backend answers', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: "api:default/enriched_customers names statement 'x'",
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderCard(<VersionHistoryCard />, { entity: dataProduct() });
    expect(
      (await screen.findAllByText(/names statement 'x'/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while loading', async () => {
    server.use(http.get(URL, () => new Promise<never>(() => {})));
    await renderCard(<VersionHistoryCard />, { entity: dataProduct() });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    const entity = dataProduct();
    delete entity.metadata.annotations![ANNOTATION_CONFLUENT_STATEMENT];
    expect(isConfluentVersionHistoryAvailable(entity)).toBe(false);
    await renderCard(<VersionHistoryCard />, { entity });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });

  it('shows only the chosen sections', async () => {
    server.use(http.get(URL, () => HttpResponse.json(chain(true))));
    await renderCard(<VersionHistoryCard sections={['details']} />, {
      entity: dataProduct(),
    });
    const current = await screen.findByTestId(`history-version-${NEW}`);
    expect(current).toHaveTextContent('principal sa-3nz8wq');
    expect(within(current).queryByTestId('history-sql-change')).toBeNull();
    expect(
      screen.queryByRole('link', { name: /Open in Confluent Cloud/ }),
    ).toBeNull();
  });
});

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
import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
// The real validator, in a test only: it is a Node library (a devDependency
// here), never part of the frontend bundle, which calls the backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { validateFlinkSql } from '@shiftleft/flink-sql-lineage';
import { confluentApiRef } from '../api/ConfluentApi';
import { FlinkSqlEditorField } from './FlinkSqlEditorField';

// The backend route answers with validateFlinkSql; here it runs in-process.
const confluentApi = {
  validateSql: jest.fn(async (sql: string) => validateFlinkSql(sql)),
};

async function renderEditor(sql: string) {
  await renderInTestApp(
    <TestApiProvider apis={[[confluentApiRef, confluentApi]]}>
      <FlinkSqlEditorField
        {...({} as any)}
        formData={sql}
        onChange={jest.fn()}
        schema={{ title: 'Flink SQL', type: 'string' }}
        rawErrors={[]}
        idSchema={{ $id: 'root_statements_0_sql' }}
      />
    </TestApiProvider>,
  );
}

// jsdom lays nothing out; CodeMirror measures ranges to place its markers.
Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => new DOMRect();

// The first parse loads the grammar bundle, which takes a few seconds in jest.
jest.setTimeout(30_000);

describe('FlinkSqlEditorField', () => {
  it('shows the SQL with the placeholder and what it reads and writes', async () => {
    await renderEditor(
      'INSERT INTO `${product}.audit`\nSELECT * FROM `${product}.public.orders`',
    );
    expect(screen.getByRole('textbox')).toHaveTextContent(
      'INSERT INTO `${product}.audit`',
    );
    expect(
      await screen.findByTestId('flink-sql-status', {}, { timeout: 20_000 }),
    ).toHaveTextContent(
      'Valid Flink SQL (INSERT_INTO) reads `${product}.public.orders` → writes `${product}.audit`',
    );
  });

  it('highlights Flink SQL: keywords, types and backticked names are styled', async () => {
    await renderEditor(
      'CREATE TABLE `${product}.t` (id INT, ts TIMESTAMP_LTZ(3))\nAS SELECT id FROM `${product}.public.orders`',
    );
    const token = (text: string) =>
      [...document.querySelectorAll('.cm-line span')].find(
        span => span.textContent === text,
      );
    // CodeMirror styles a token through a class of the highlight style; a
    // token without one is plain text.
    for (const text of [
      'CREATE',
      'SELECT',
      'TIMESTAMP_LTZ',
      '`${product}.t`',
    ]) {
      expect(token(text)?.className).toMatch(/\S/);
    }
    expect(token('CREATE')?.className).not.toBe(token('INT')?.className);
  });

  it('points at the line and column of a syntax error', async () => {
    await renderEditor('SELECT 1\nFROM FROM t');
    expect(
      await screen.findByTestId('flink-sql-status', {}, { timeout: 20_000 }),
    ).toHaveTextContent(/^Line 2, column 6: .*'FROM'/);
  });

  it("starts an empty editor from the chosen product's current SQL", async () => {
    const onChange = jest.fn();
    const api = {
      ...confluentApi,
      getProductSql: jest.fn(async () => ({
        entityRef: 'api:default/enriched_customers',
        statement: 'enriched-customer-materializer',
        sql: 'CREATE TABLE enriched_customers AS SELECT 1',
      })),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[confluentApiRef, api]]}>
        <FlinkSqlEditorField
          {...({} as any)}
          formData=""
          onChange={onChange}
          schema={{ title: 'Flink SQL', type: 'string' }}
          uiSchema={{ 'ui:options': { prefillFromEntity: 'product' } }}
          formContext={{
            formData: { product: 'api:default/enriched_customers' },
          }}
          rawErrors={[]}
          idSchema={{ $id: 'root_sql' }}
        />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        'CREATE TABLE enriched_customers AS SELECT 1',
      ),
    );
    expect(api.getProductSql).toHaveBeenCalledWith({
      kind: 'api',
      namespace: 'default',
      name: 'enriched_customers',
    });
  });
});

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
import {
  ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION,
  SPEC_MATERIALIZED_TABLE,
} from '@shiftleft/plugin-confluent-common';
import { dataProduct, renderCard } from '../../__testUtils__/render';
import { isConfluentMaterializedTableAvailable } from '../../conditions';
import { MaterializedTableCard } from './MaterializedTableCard';

const V1 =
  'CREATE MATERIALIZED TABLE customer_segments AS SELECT customerid, segment FROM customers;';
const V2 =
  'CREATE OR ALTER MATERIALIZED TABLE customer_segments AS SELECT customerid FROM customers;';

function materializedTable() {
  const entity = dataProduct({
    [ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION]: '2',
  });
  entity.spec = {
    ...entity.spec,
    [SPEC_MATERIALIZED_TABLE]: {
      version: 2,
      latestVersion: 2,
      phase: 'RUNNING',
      query: 'SELECT customerid FROM customers',
      versions: [
        { version: 1, statement: V1, createdAt: '2026-12-01T10:00:00Z' },
        {
          version: 2,
          statement: V2,
          createdAt: '2026-12-03T10:00:00Z',
          changes: ["Column 'segment: VARCHAR' removed"],
        },
      ],
    },
  };
  return entity;
}

describe('MaterializedTableCard', () => {
  it('shows the current version, phase and query, and the history newest first', async () => {
    const entity = materializedTable();
    expect(isConfluentMaterializedTableAvailable(entity)).toBe(true);
    await renderCard(<MaterializedTableCard />, { entity });

    expect(screen.getByText('Version 2')).toBeInTheDocument();
    expect(screen.getByText('RUNNING')).toBeInTheDocument();
    expect(
      screen.getByText('SELECT customerid FROM customers'),
    ).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Versions' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      "2 (current)2026-12-03T10:00:00ZColumn 'segment: VARCHAR' removed",
      '12026-12-01T10:00:00ZCreated',
    ]);
    // The version's full statement is on its number.
    expect(within(rows[0]).getByTitle(V2)).toBeInTheDocument();
  });

  it('is not offered for other data products', async () => {
    const entity = dataProduct();
    expect(isConfluentMaterializedTableAvailable(entity)).toBe(false);
    await renderCard(<MaterializedTableCard />, { entity });
    expect(
      screen.getAllByText(/spec\.materializedTable/).length,
    ).toBeGreaterThan(0);
  });
});

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
import { translationApiRef } from '@backstage/core-plugin-api/alpha';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  LineageGraphEdge,
  LineageGraphResponse,
} from '@shiftleft/plugin-confluent-common';
import { pseudoTranslationApi } from '../../__testUtils__/pseudoTranslation';
import { ColumnDetails } from './ColumnDetails';

const SOURCE = 'api:default/enriched_customers';
const PRODUCT = 'api:default/product_sales';
const STATEMENT = 'component:default/product-sales-materializer';
const TABLE = 'resource:default/snapshot';

const copied: LineageGraphEdge = {
  id: 'e1',
  kind: 'column',
  source: SOURCE,
  sourceColumn: 'customername',
  target: PRODUCT,
  targetColumn: 'customername',
  direct: true,
  expression: 'TRIM(customername)',
  via: STATEMENT,
};
const computed: LineageGraphEdge = {
  id: 'e2',
  kind: 'column',
  source: PRODUCT,
  sourceColumn: 'customername',
  target: TABLE,
  targetColumn: 'customername',
  direct: false,
};

const GRAPH: LineageGraphResponse = {
  root: PRODUCT,
  upstream: 1,
  downstream: 1,
  nodes: [
    {
      id: SOURCE,
      kind: 'dataset',
      depth: -1,
      entityRef: SOURCE,
      title: 'enriched_customers',
      type: 'kafka-topic',
      columns: [{ name: 'customername' }],
    },
    {
      id: STATEMENT,
      kind: 'process',
      depth: 0,
      entityRef: STATEMENT,
      title: 'product-sales-materializer',
      type: 'flink-statement',
      columns: [],
    },
    {
      id: PRODUCT,
      kind: 'dataset',
      depth: 0,
      entityRef: PRODUCT,
      title: 'product_sales',
      type: 'data-product',
      columns: [
        {
          name: 'customername',
          pii: {
            status: 'masked',
            replacement: '****',
            chain: [
              {
                entityRef: SOURCE,
                column: 'customername',
                how: 'smt',
                detail: 'Masked at the source',
              },
            ],
          },
        },
      ],
    },
    {
      id: TABLE,
      kind: 'dataset',
      depth: 1,
      entityRef: TABLE,
      title: 'snapshot',
      type: 'database-table',
      system: 'postgres',
      columns: [{ name: 'customername' }],
    },
  ],
  edges: [copied, computed],
};

async function renderDetails(options: {
  downstream?: boolean;
  pseudoLocale?: boolean;
}) {
  const details = (
    <ColumnDetails
      graph={GRAPH}
      selected={{ node: PRODUCT, column: 'customername' }}
      upstream={[{ node: SOURCE, column: 'customername', edge: copied }]}
      downstream={
        options.downstream === false
          ? []
          : [{ node: TABLE, column: 'customername', edge: computed }]
      }
      onClose={() => {}}
    />
  );
  await renderInTestApp(
    options.pseudoLocale ? (
      <TestApiProvider apis={[[translationApiRef, pseudoTranslationApi()]]}>
        {details}
      </TestApiProvider>
    ) : (
      details
    ),
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ColumnDetails', () => {
  it('words each hop: how the value moves, the expression and the statement', async () => {
    await renderDetails({});
    const panel = await screen.findByRole('complementary', {
      name: 'Column lineage',
    });
    expect(
      within(panel).getByRole('button', { name: 'Clear selection' }),
    ).toBeInTheDocument();
    expect(within(panel).getByTestId('lineage-pii')).toHaveTextContent(
      'Masked: the value is ****Masked at the source',
    );
    expect(
      within(panel).getByRole('heading', { name: 'Upstream (1)' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('lineage-upstream')).toHaveTextContent(
      'enriched_customers.customername copied unchanged into product_sales.customername as TRIM(customername) by product-sales-materializer',
    );
    expect(
      within(panel).getByRole('heading', { name: 'Downstream (1)' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('lineage-downstream')).toHaveTextContent(
      'snapshot.customername postgres tablecomputed into snapshot.customername',
    );
  });

  it('says when nothing is on one side', async () => {
    await renderDetails({ downstream: false });
    expect(
      await screen.findByRole('heading', { name: 'Downstream (0)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing downstream within the depth shown.'),
    ).toBeInTheDocument();
  });

  it('words everything through the translation ref', async () => {
    await renderDetails({ pseudoLocale: true });
    const panel = await screen.findByRole('complementary', {
      name: '⟦lineageColumn.label⟧',
    });
    expect(
      within(panel).getByRole('heading', {
        name: '⟦lineageColumn.upstream count=1⟧',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('lineage-downstream')).toHaveTextContent(
      '⟦lineageColumn.hop verb=⟦lineageColumn.verbComputed⟧ writes=snapshot.customername⟧',
    );
    expect(within(panel).getByTestId('lineage-pii')).toHaveTextContent(
      '⟦lineage.pii.masked⟧',
    );
  });
});

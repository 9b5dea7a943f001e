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
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  ANNOTATION_CONFLUENT_STATEMENT,
  ConfluentDriftResponse,
} from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  connectorEntity,
  dataProduct,
  renderCard,
} from '../../__testUtils__/render';
import { DriftCard } from './DriftCard';

const server = setupServer();
registerMswTestHooks(server);

const CONNECTOR_URL = `${BASE}/entities/Component/default/shiftleft-postgres-cdc-source/drift`;
const PRODUCT_URL = `${BASE}/entities/API/default/enriched_customers/drift`;

const drifted: ConfluentDriftResponse = {
  entityRef: 'component:default/shiftleft-postgres-cdc-source',
  checkedAt: '2026-12-04T15:00:00Z',
  resources: [
    {
      kind: 'connector',
      name: 'shiftleft-postgres-cdc-source',
      declared: true,
      drifted: true,
      declaredAt: '2026-12-01T10:00:00Z',
      declaredBy: 'user:default/alice',
      differences: [
        {
          change: 'smt-removed',
          key: 'maskPii',
          declared: 'org.apache.kafka.connect.transforms.MaskField$Value',
          message:
            'SMT maskPii (org.apache.kafka.connect.transforms.MaskField$Value) was removed from the connector',
        },
        {
          change: 'changed',
          key: 'tasks.max',
          declared: '1',
          live: '2',
          message: "Config tasks.max changed from '1' to '2'",
        },
      ],
      consoleUrl: 'https://confluent.cloud/connectors/x',
    },
  ],
};

describe('DriftCard', () => {
  it('lists each difference of a drifted connector, and says Confluent does not report who', async () => {
    server.use(http.get(CONNECTOR_URL, () => HttpResponse.json(drifted)));
    await renderCard(<DriftCard />, { entity: connectorEntity() });
    const view = await screen.findByTestId(
      'drift-connector-shiftleft-postgres-cdc-source',
    );
    expect(
      within(view).getByText('Drifted: 2 differences'),
    ).toBeInTheDocument();
    expect(
      within(view)
        .getAllByTestId('drift-difference')
        .map(li => li.textContent),
    ).toEqual([
      'SMT maskPii (org.apache.kafka.connect.transforms.MaskField$Value) was removed from the connector',
      "Config tasks.max changed from '1' to '2'",
    ]);
    expect(screen.getByText(/One resource differs/)).toBeInTheDocument();
    expect(view).toHaveTextContent('by user:default/alice');
    expect(view).toHaveTextContent(
      'Confluent does not report when or by whom it changed',
    );
  });

  it('marks a statement in sync and one the portal did not create', async () => {
    server.use(
      http.get(PRODUCT_URL, () =>
        HttpResponse.json({
          entityRef: 'api:default/enriched_customers',
          checkedAt: '2026-12-04T15:00:00Z',
          resources: [
            {
              kind: 'statement',
              name: 'enriched-customer-materializer',
              declared: true,
              drifted: false,
              differences: [],
              declaredAt: '2026-12-01T10:00:00Z',
            },
            {
              kind: 'statement',
              name: 'legacy-statement',
              declared: false,
              drifted: false,
              differences: [],
            },
          ],
        } satisfies ConfluentDriftResponse),
      ),
    );
    await renderCard(<DriftCard />, { entity: dataProduct() });
    expect(await screen.findByText('As declared')).toBeInTheDocument();
    expect(screen.getByText('Not created by the portal')).toBeInTheDocument();
    expect(screen.queryByText(/resources? differ/)).not.toBeInTheDocument();
  });

  it('shows the empty state when the entity has nothing to compare', async () => {
    server.use(
      http.get(PRODUCT_URL, () =>
        HttpResponse.json({
          entityRef: 'api:default/enriched_customers',
          checkedAt: '2026-12-04T15:00:00Z',
          resources: [],
        }),
      ),
    );
    await renderCard(<DriftCard />, { entity: dataProduct() });
    expect(
      await screen.findByText('No statement or connector to compare'),
    ).toBeInTheDocument();
  });

  it('shows the error the backend answers', async () => {
    server.use(
      http.get(PRODUCT_URL, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Not allowed to read' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderCard(<DriftCard />, { entity: dataProduct() });
    expect(
      (await screen.findAllByText(/Not allowed to read/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while loading', async () => {
    server.use(http.get(PRODUCT_URL, () => new Promise<never>(() => {})));
    await renderCard(<DriftCard />, { entity: dataProduct() });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    const entity = dataProduct();
    delete entity.metadata.annotations![ANNOTATION_CONFLUENT_STATEMENT];
    await renderCard(<DriftCard />, { entity });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});

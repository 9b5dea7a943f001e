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
import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  confluentConnectorStatusCard,
  confluentDriftCard,
  confluentLineageEntityContent,
  confluentLineagePage,
  confluentSchemaCard,
  confluentStatementStatusCard,
  confluentVersionHistoryCard,
} from './alpha';
import {
  BASE,
  connectorEntity,
  dataProduct,
  renderCard,
  statementStatus,
} from './__testUtils__/render';

const server = setupServer();
registerMswTestHooks(server);

// The new frontend system places a card on an entity page when its filter
// accepts the entity.
describe('entity card filters', () => {
  const filterOf = (ext: any): ((entity: Entity) => boolean) =>
    createExtensionTester(ext).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as (entity: Entity) => boolean;

  it('shows the statement and schema cards on a data product', () => {
    expect(filterOf(confluentStatementStatusCard)(dataProduct())).toBe(true);
    expect(filterOf(confluentSchemaCard)(dataProduct())).toBe(true);
    expect(filterOf(confluentConnectorStatusCard)(dataProduct())).toBe(false);
    expect(filterOf(confluentDriftCard)(dataProduct())).toBe(true);
    expect(filterOf(confluentVersionHistoryCard)(dataProduct())).toBe(true);
  });

  it('shows the connector card on a connector', () => {
    expect(filterOf(confluentConnectorStatusCard)(connectorEntity())).toBe(
      true,
    );
    expect(filterOf(confluentStatementStatusCard)(connectorEntity())).toBe(
      false,
    );
    expect(filterOf(confluentSchemaCard)(connectorEntity())).toBe(false);
    expect(filterOf(confluentDriftCard)(connectorEntity())).toBe(true);
    expect(filterOf(confluentVersionHistoryCard)(connectorEntity())).toBe(
      false,
    );
  });
});

describe('the Lineage tab and the Data lineage page', () => {
  it('adds the Lineage tab at /lineage to every entity the suite creates, and no other', () => {
    const tester = createExtensionTester(confluentLineageEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/lineage');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Lineage');
    const filter = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as (entity: Entity) => boolean;
    expect(filter(dataProduct())).toBe(true);
    expect(filter(connectorEntity())).toBe(true);
    for (const type of ['flink-statement', 'database-table', 'kafka-topic']) {
      expect(
        filter({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'x' },
          spec: { type },
        }),
      ).toBe(true);
    }
    expect(
      filter({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'portal' },
        spec: { type: 'website' },
      }),
    ).toBe(false);
  });

  it('puts the Data lineage page at /data-lineage with its nav title', () => {
    const tester = createExtensionTester(confluentLineagePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/data-lineage');
    expect(tester.get(coreExtensionData.title)).toBe('Data lineage');
  });
});

// The new frontend system configures a card in app-config.yaml, e.g.
// `app.extensions: [{ entity-card:confluent/statement-status: { config: {
// sections: [details] } } }]`; the legacy system passes the same as props.
describe('card config', () => {
  it('passes the sections of the statement card to the card', async () => {
    server.use(
      http.get(
        `${BASE}/entities/API/default/enriched_customers/statements`,
        () =>
          HttpResponse.json({
            entityRef: 'api:default/enriched_customers',
            statements: [statementStatus()],
            refresh: { pollIntervalSeconds: 5, watchLeaseSeconds: 60 },
          }),
      ),
    );
    const tester = createExtensionTester(confluentStatementStatusCard, {
      config: { sections: ['details'] },
    });
    await renderCard(tester.reactElement(), { entity: dataProduct() });
    expect(await screen.findByText('lfcp-6r8k1v')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open in Confluent Cloud/ }),
    ).toBeNull();
  });

  it('passes piiOnly and the sections of the schema card to the card', async () => {
    server.use(
      http.get(`${BASE}/entities/API/default/enriched_customers/schema`, () =>
        HttpResponse.json({
          entityRef: 'api:default/enriched_customers',
          environmentId: 'env-q7m2xz',
          topic: 'enriched_customers',
          subject: 'enriched_customers-value',
          version: 1,
          schemaId: 1,
          format: 'AVRO',
          consoleUrl: 'https://confluent.cloud/x',
          fields: ['customername', 'email'].map(name => ({
            path: name,
            name,
            depth: 0,
            type: 'string',
            nullable: true,
            hasChildren: false,
            tags: [],
            ...(name === 'email'
              ? {
                  protection: {
                    status: 'pii',
                    origins: [],
                    chain: [],
                    summary: 'PII',
                  },
                }
              : {}),
          })),
        }),
      ),
    );
    const tester = createExtensionTester(confluentSchemaCard, {
      config: { piiOnly: true, sections: ['fields'] },
    });
    await renderCard(tester.reactElement(), { entity: dataProduct() });
    expect(await screen.findByTestId('field-email')).toBeInTheDocument();
    expect(screen.queryByTestId('field-customername')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'PII only' })).toBeNull();
  });

  it('refuses a section the card does not have', () => {
    expect(() =>
      createExtensionTester(confluentDriftCard, {
        config: { sections: ['exceptions'] } as any,
      }).reactElement(),
    ).toThrow(/sections/);
  });
});

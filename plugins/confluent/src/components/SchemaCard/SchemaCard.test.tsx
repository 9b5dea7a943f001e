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
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  ConfluentSchemaField,
  ConfluentSchemaResponse,
} from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, dataProduct, renderCard } from '../../__testUtils__/render';
import { SchemaCard } from './SchemaCard';

const server = setupServer();
registerMswTestHooks(server);

const SCHEMA_URL = `${BASE}/entities/API/default/enriched_customers/schema`;
const CUSTOMERS = 'api:default/shiftleft.public.customers';

const plain = (
  path: string,
  type = 'string',
  extra: Partial<ConfluentSchemaField> = {},
): ConfluentSchemaField => ({
  path,
  name: path.split('.').pop()!,
  depth: path.split('.').length - 1,
  type,
  nullable: true,
  hasChildren: false,
  tags: [],
  ...extra,
});

const schema: ConfluentSchemaResponse = {
  entityRef: 'api:default/enriched_customers',
  environmentId: 'env-q7m2xz',
  topic: 'enriched_customers',
  subject: 'enriched_customers-value',
  version: 1,
  schemaId: 100012,
  format: 'AVRO',
  recordName: 'enriched_customers_value',
  consoleUrl:
    'https://confluent.cloud/environments/env-q7m2xz/stream-governance/schema-registry/data-contracts/enriched_customers-value',
  fields: [
    plain('customername'),
    plain('email', 'string', {
      protection: {
        status: 'masked',
        replacement: '****',
        origins: [{ entityRef: CUSTOMERS, column: 'email' }],
        chain: [
          {
            entityRef: CUSTOMERS,
            column: 'email',
            how: 'schema-tag',
            detail:
              'Tagged PII in the value schema shiftleft.public.customers-value (version 1)',
          },
          {
            entityRef: CUSTOMERS,
            column: 'email',
            how: 'smt',
            via: 'component:default/shiftleft-postgres-cdc-source',
            replacement: '****',
            detail:
              'Masked by shiftleft-postgres-cdc-source (maskPii, MaskField$Value): the value is replaced with ****',
          },
          {
            entityRef: 'api:default/enriched_customers',
            column: 'email',
            how: 'statement',
            via: 'component:default/enriched-customer-materializer',
            direct: true,
            detail:
              'Copied unchanged by enriched-customer-materializer: c.email',
          },
        ],
        summary:
          'Masked by shiftleft-postgres-cdc-source (maskPii, MaskField$Value): the value is replaced with ****; then Copied unchanged by enriched-customer-materializer: c.email',
      },
    }),
    plain('shipping_address', 'record Address', { hasChildren: true }),
    plain('shipping_address.street'),
    plain('shipping_address.city', 'string', {
      tags: [
        { name: 'PII', source: 'stream-catalog' },
        { name: 'GEO', source: 'schema' },
      ],
      protection: {
        status: 'pii',
        origins: [
          {
            entityRef: 'api:default/enriched_customers',
            column: 'shipping_address',
            field: 'city',
          },
        ],
        chain: [
          {
            entityRef: 'api:default/enriched_customers',
            column: 'shipping_address',
            field: 'city',
            how: 'catalog-tag',
            detail: 'Tagged PII in Stream Catalog',
          },
        ],
        summary: 'Tagged PII in Stream Catalog',
      },
    }),
    plain('event_time', 'long (timestamp-millis)', { nullable: false }),
  ],
};

describe('SchemaCard', () => {
  it('shows the field tree with types, nullability and Masked / PII badges', async () => {
    server.use(http.get(SCHEMA_URL, () => HttpResponse.json(schema)));
    await renderCard(<SchemaCard />, { entity: dataProduct() });
    expect(
      await screen.findByText('enriched_customers-value · version 1 · AVRO'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Personal data in 2 fields: 1 masked'),
    ).toBeInTheDocument();

    const email = screen.getByTestId('field-email');
    expect(within(email).getByText('email')).toBeInTheDocument();
    expect(within(email).getByText('Masked')).toBeInTheDocument();
    expect(within(email).getByText('yes')).toBeInTheDocument();

    const city = screen.getByTestId('field-shipping_address.city');
    expect(within(city).getByText('PII')).toBeInTheDocument();
    // Other tags show as they are; PII is the badge.
    expect(within(city).getByText('GEO')).toBeInTheDocument();

    const time = screen.getByTestId('field-event_time');
    expect(
      within(time).getByText('long (timestamp-millis)'),
    ).toBeInTheDocument();
    expect(within(time).getByText('no')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('field-customername')).queryByText(
        /Masked|PII/,
      ),
    ).toBeNull();
  });

  it('explains the provenance chain of a masked field on hover', async () => {
    server.use(http.get(SCHEMA_URL, () => HttpResponse.json(schema)));
    await renderCard(<SchemaCard />, { entity: dataProduct() });
    const badge = await screen.findByTestId('protection-email');
    expect(badge).toHaveAttribute(
      'aria-label',
      expect.stringContaining('MaskField$Value'),
    );
    await userEvent.hover(badge);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'Holds a masked value: the personal data never reaches this topic. Replacement: ****',
    );
    expect(tooltip).toHaveTextContent(
      'Masked by shiftleft-postgres-cdc-source (maskPii, MaskField$Value): the value is replaced with ****',
    );
    expect(tooltip).toHaveTextContent(
      'Copied unchanged by enriched-customer-materializer: c.email',
    );
    expect(
      within(tooltip)
        .getAllByRole('link')
        .map(a => a.textContent),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('shiftleft-postgres-cdc-source'),
      ]),
    );
  });

  it('filters to PII fields, keeping their parents for context', async () => {
    server.use(http.get(SCHEMA_URL, () => HttpResponse.json(schema)));
    await renderCard(<SchemaCard />, { entity: dataProduct() });
    await screen.findByTestId('field-customername');
    fireEvent.click(screen.getByRole('checkbox', { name: 'PII only' }));
    expect(
      screen
        .getAllByTestId(/^field-/)
        .map(row => row.getAttribute('data-testid')),
    ).toEqual([
      'field-email',
      'field-shipping_address',
      'field-shipping_address.city',
    ]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'PII only' }));
    expect(screen.getAllByTestId(/^field-/)).toHaveLength(6);
  });

  it('says so when the topic has no schema', async () => {
    server.use(
      http.get(SCHEMA_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'Confluent Schema Registry API answered 404 40401',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await renderCard(<SchemaCard />, { entity: dataProduct() });
    expect(await screen.findByText('No schema')).toBeInTheDocument();
    expect(
      screen.getByText('Confluent Schema Registry API answered 404 40401'),
    ).toBeInTheDocument();
  });

  it('shows other backend errors', async () => {
    server.use(
      http.get(SCHEMA_URL, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'Invalid Avro schema: boom' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await renderCard(<SchemaCard />, { entity: dataProduct() });
    expect(
      (await screen.findAllByText(/Invalid Avro schema: boom/)).length,
    ).toBeGreaterThan(0);
  });

  it('explains the missing annotation', async () => {
    const entity = dataProduct();
    delete entity.metadata.annotations![ANNOTATION_CONFLUENT_TOPIC];
    delete entity.metadata.annotations![ANNOTATION_CONFLUENT_STATEMENT];
    await renderCard(<SchemaCard />, { entity });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(document.body).toHaveTextContent('confluent.io/topic');
  });

  it('can start with the PII filter on and leave out the summary', async () => {
    server.use(http.get(SCHEMA_URL, () => HttpResponse.json(schema)));
    await renderCard(<SchemaCard piiOnly sections={['fields']} />, {
      entity: dataProduct(),
    });
    await screen.findByTestId('field-email');
    expect(
      screen
        .getAllByTestId(/^field-/)
        .map(row => row.getAttribute('data-testid')),
    ).toEqual([
      'field-email',
      'field-shipping_address',
      'field-shipping_address.city',
    ]);
    expect(screen.queryByRole('checkbox', { name: 'PII only' })).toBeNull();
    expect(
      screen.queryByRole('link', { name: /Open in Confluent Cloud/ }),
    ).toBeNull();
  });
});

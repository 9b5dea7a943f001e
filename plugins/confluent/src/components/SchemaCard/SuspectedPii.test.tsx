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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { registerMswTestHooks } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ConfluentSchemaField,
  ConfluentSchemaResponse,
} from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  dataProduct,
  renderCard,
  RenderOptions,
} from '../../__testUtils__/render';
import { SchemaCard } from './SchemaCard';

const server = setupServer();
registerMswTestHooks(server);

const ENTITY_URL = `${BASE}/entities/API/default/enriched_customers`;

const field = (
  path: string,
  extra: Partial<ConfluentSchemaField> = {},
): ConfluentSchemaField => ({
  path,
  name: path.split('.').pop()!,
  depth: path.split('.').length - 1,
  type: 'string',
  nullable: true,
  hasChildren: false,
  tags: [],
  ...extra,
});

const schemaWith = (
  fields: ConfluentSchemaField[],
): ConfluentSchemaResponse => ({
  entityRef: 'api:default/enriched_customers',
  environmentId: 'env-q7m2xz',
  topic: 'enriched_customers',
  subject: 'enriched_customers-value',
  version: 1,
  schemaId: 100012,
  format: 'AVRO',
  consoleUrl: 'https://confluent.cloud/x',
  fields,
});

const suspected = (pattern: string, taggable = true) => ({
  suspectedPii: { pattern, taggable },
});

const before = schemaWith([
  field('customername', suspected('customer_name')),
  field('phone', suspected('phone')),
  field('segment'),
  field('legacy_email', suspected('email', false)),
]);

/** The schema once `customername` is tagged: PII, no longer suspected. */
const after = schemaWith([
  field('customername', {
    tags: [{ name: 'PII', source: 'stream-catalog' }],
    protection: {
      status: 'pii',
      origins: [
        { entityRef: 'api:default/enriched_customers', column: 'customername' },
      ],
      chain: [
        {
          entityRef: 'api:default/enriched_customers',
          column: 'customername',
          how: 'catalog-tag',
          detail: 'Tagged PII in Stream Catalog',
        },
      ],
      summary: 'Tagged PII in Stream Catalog',
    },
  }),
  field('phone', suspected('phone')),
  field('segment'),
  field('legacy_email', suspected('email', false)),
]);

describe('SchemaCard suspected PII', () => {
  it('shows suspected fields, and an owner tags one PII in one click: loading, then the refreshed card shows PII', async () => {
    let tagged = false;
    let release!: () => void;
    const posted: unknown[] = [];
    server.use(
      http.get(`${ENTITY_URL}/schema`, () =>
        HttpResponse.json(tagged ? after : before),
      ),
      http.post(`${ENTITY_URL}/schema/pii-tags`, async ({ request }) => {
        posted.push(await request.json());
        await new Promise<void>(r => {
          release = r;
        });
        tagged = true;
        return HttpResponse.json({
          entityRef: 'api:default/enriched_customers',
          tag: 'PII',
          tagged: ['customername'],
        });
      }),
    );
    await renderCard(<SchemaCard />, { entity: dataProduct() });

    const row = await screen.findByTestId('field-customername');
    expect(within(row).getByText('Suspected PII')).toBeInTheDocument();
    expect(within(row).queryByText('PII')).toBeNull();
    expect(
      screen.getByText('No field carries personal data · 3 suspected'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('field-segment')).queryByText('Suspected PII'),
    ).toBeNull();
    // No Stream Catalog entity: suspected, but nothing to click.
    const legacy = screen.getByTestId('field-legacy_email');
    expect(within(legacy).getByText('Suspected PII')).toBeInTheDocument();
    expect(within(legacy).queryByRole('button')).toBeNull();

    await userEvent.click(
      within(row).getByRole('button', { name: 'Tag customername PII' }),
    );
    // Loading: every tag button waits for this one.
    await waitFor(() =>
      expect(
        within(row).getByRole('button', { name: 'Tag customername PII' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Tag phone PII' }),
    ).toBeDisabled();
    release();

    expect(
      await screen.findByText('Tagged customername PII in Stream Catalog.'),
    ).toBeInTheDocument();
    expect(posted).toEqual([{ fields: ['customername'] }]);
    await waitFor(() =>
      expect(
        within(screen.getByTestId('field-customername')).getByText('PII'),
      ).toBeInTheDocument(),
    );
    expect(
      within(screen.getByTestId('field-customername')).queryByText(
        'Suspected PII',
      ),
    ).toBeNull();
    expect(screen.getByRole('button', { name: 'Tag phone PII' })).toBeEnabled();
  });

  it('tags every taggable suspected field at once', async () => {
    const posted: unknown[] = [];
    server.use(
      http.get(`${ENTITY_URL}/schema`, () => HttpResponse.json(before)),
      http.post(`${ENTITY_URL}/schema/pii-tags`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ tag: 'PII', tagged: [] });
      }),
    );
    await renderCard(<SchemaCard />, { entity: dataProduct() });
    await userEvent.click(
      await screen.findByRole('button', { name: /Tag 2 suspected PII/ }),
    );
    await screen.findByText(
      'Tagged customername, phone PII in Stream Catalog.',
    );
    expect(posted).toEqual([{ fields: ['customername', 'phone'] }]);
  });

  it('shows the backend refusal and keeps the field suspected', async () => {
    server.use(
      http.get(`${ENTITY_URL}/schema`, () => HttpResponse.json(before)),
      http.post(`${ENTITY_URL}/schema/pii-tags`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message:
                'Only the owners of api:default/enriched_customers may tag its schema fields PII',
            },
            request: {
              method: 'POST',
              url: '/api/confluent/entities/API/default/enriched_customers/schema/pii-tags',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderCard(<SchemaCard />, { entity: dataProduct() });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Tag customername PII' }),
    );
    expect(
      await screen.findByText(
        'Could not tag customername: Only the owners of api:default/enriched_customers may tag its schema fields PII',
      ),
    ).toBeInTheDocument();
    const row = screen.getByTestId('field-customername');
    expect(within(row).getByText('Suspected PII')).toBeInTheDocument();
    expect(
      within(row).getByRole('button', { name: 'Tag customername PII' }),
    ).toBeEnabled();
  });

  it.each<[string, Partial<RenderOptions>]>([
    [
      'a viewer outside the owning team',
      { ownershipEntityRefs: ['user:default/bob'] },
    ],
    ['an owner the policy denies', { permission: AuthorizeResult.DENY }],
  ])('shows %s the suspicion without the action', async (_, options) => {
    server.use(
      http.get(`${ENTITY_URL}/schema`, () => HttpResponse.json(before)),
    );
    await renderCard(<SchemaCard />, { entity: dataProduct(), ...options });
    const row = await screen.findByTestId('field-customername');
    expect(within(row).getByText('Suspected PII')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Tag/ })).toBeNull();
  });
});

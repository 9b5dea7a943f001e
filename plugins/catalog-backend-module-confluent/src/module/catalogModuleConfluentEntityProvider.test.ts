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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import request from 'supertest';
import {
  emulatorConfluentConfig,
  eventually,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import { WORKSHOP_PROVIDER_CONFIG } from '../__testUtils__/harness';
import { catalogModuleConfluentEntityProvider } from './catalogModuleConfluentEntityProvider';

jest.setTimeout(60_000);

/** The catalog processes entities in the background: up to 30 s. */
const CATALOG_PATIENCE = { timeoutMs: 30_000, intervalMs: 200 };

function relations(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

describe('catalogModuleConfluentEntityProvider in a real catalog backend', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());

  it('serves the workshop entities with feeds and fedBy relations both ways', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleConfluentEntityProvider,
        mockServices.rootConfig.factory({
          data: {
            confluent: emulatorConfluentConfig(emu),
            catalog: {
              rules: [
                {
                  allow: ['Component', 'System', 'API', 'Resource', 'Location'],
                },
              ],
              providers: {
                confluent: {
                  ...WORKSHOP_PROVIDER_CONFIG,
                  // The test scheduler runs tasks without an initial delay at startup.
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const entity = (kind: string, name: string) =>
        request(backend.server)
          .get(`/api/catalog/entities/by-name/${kind}/default/${name}`)
          .then(res => (res.status === 200 ? (res.body as Entity) : undefined));

      // Relations appear once both ends have been processed and stitched.
      const product = await eventually(
        () => entity('api', 'enriched_customers'),
        e =>
          relations(e, 'fedBy').length > 0 && relations(e, 'feeds').length > 0,
        CATALOG_PATIENCE,
      );
      expect(relations(product, 'fedBy')).toEqual([
        'component:default/enriched-customer-materializer',
      ]);
      expect(relations(product, 'feeds')).toEqual([
        'component:default/product-sales-materializer',
      ]);
      expect(relations(product, 'ownedBy')).toEqual([
        'group:default/customer-data-team',
      ]);
      expect(relations(product, 'apiProvidedBy')).toEqual([
        'component:default/enriched-customer-materializer',
      ]);
      expect(relations(product, 'partOf')).toEqual([
        'system:default/lkc-8w3pvd',
      ]);

      const sink = await eventually(
        () => entity('component', 'shiftleft-postgres-sink'),
        e =>
          relations(e, 'feeds').length > 0 && relations(e, 'fedBy').length > 0,
        CATALOG_PATIENCE,
      );
      expect(relations(sink, 'fedBy')).toEqual([
        'api:default/thirty_day_customer_snapshot',
      ]);
      expect(relations(sink, 'feeds')).toEqual([
        'resource:default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
      ]);
      expect(relations(sink, 'dependsOn')).toEqual([
        'resource:default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
      ]);

      const table = await eventually(
        () =>
          entity(
            'resource',
            'postgres.onlinestoredb.public.thirty_day_customer_snapshot',
          ),
        e => relations(e, 'fedBy').length > 0,
        CATALOG_PATIENCE,
      );
      expect(relations(table, 'fedBy')).toEqual([
        'component:default/shiftleft-postgres-sink',
      ]);

      // Every data product of the workshop is in the catalog, with its owner.
      const products = await request(backend.server)
        .get('/api/catalog/entities/by-query')
        .query({
          filter: 'kind=api,spec.type=data-product',
          fields: 'metadata.name,spec.owner',
        });
      expect(products.status).toBe(200);
      const owners = Object.fromEntries(
        (products.body.items as Entity[]).map(e => [
          e.metadata.name,
          e.spec?.owner,
        ]),
      );
      expect(owners).toMatchObject({
        enriched_customers: 'group:default/customer-data-team',
        product_sales: 'group:default/sales-analytics-team',
        thirty_day_customer_snapshot: 'group:default/customer-service-team',
        products_with_pk: 'group:default/platform-team',
        'shiftleft.public.customers': 'group:default/platform-team',
      });
    } finally {
      await backend.stop();
    }
  });

  it('rejects an ownership rule that is not a regular expression at startup, naming its key', async () => {
    await expect(
      startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleConfluentEntityProvider,
          mockServices.rootConfig.factory({
            data: {
              confluent: emulatorConfluentConfig(emu),
              catalog: {
                providers: {
                  confluent: {
                    ownership: [{ pattern: '(unclosed', owner: 'team-a' }],
                  },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /catalog\.providers\.confluent\.ownership\[0\]\.pattern is not a valid regular expression/,
    );
  });
});

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
import { mockCredentials } from '@backstage/backend-test-utils';
import { LineageSearchResponse } from '@shiftleft/plugin-confluent-common';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import request from 'supertest';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import {
  CLUSTER,
  ENV,
  REFS,
  workshopFlow,
} from './__testUtils__/lineageFixtures';
import { OpenLineageRunEvent } from './service/openLineage';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
/** Subtypes per type, from OpenLineage's column lineage facet (1-2-0). */
const SUBTYPES: Record<string, string[]> = {
  DIRECT: ['IDENTITY', 'TRANSFORMATION', 'AGGREGATION'],
  INDIRECT: ['JOIN', 'GROUP_BY', 'FILTER', 'SORT', 'WINDOW', 'CONDITIONAL'],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('lineage export and search routes', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });
  afterEach(async () => {
    await stopCardsBackends();
  });

  const noEnriched = (user: string, ref: string) =>
    user === ALICE || ref !== REFS.enriched;

  async function get(path: string, user = ALICE) {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopFlow(),
      canRead: noEnriched,
    });
    return request(server)
      .get(`/api/confluent${path}`)
      .set('Authorization', mockCredentials.user.header(user));
  }

  describe('GET /lineage/openlineage', () => {
    it('returns one run event per statement and connector with what the spec requires', async () => {
      const res = await get(
        `/lineage/openlineage?entity=${encodeURIComponent(REFS.productSales)}`,
      );
      expect(res.status).toBe(200);
      const events: OpenLineageRunEvent[] = res.body;
      expect(events.map(e => e.job.name).sort()).toEqual([
        'customer-snapshot-materializer',
        'enriched-customer-materializer',
        'product-sales-materializer',
        'shiftleft-postgres-cdc-source',
        'shiftleft-postgres-sink',
      ]);
      for (const event of events) {
        expect(new Date(event.eventTime).toISOString()).toBe(event.eventTime);
        expect(event.producer).toMatch(/^https:\/\//);
        expect(event.schemaURL).toMatch(
          /^https:\/\/openlineage\.io\/spec\/.*#\/\$defs\/RunEvent$/,
        );
        expect(event.run.runId).toMatch(UUID);
        expect(event.job).toEqual({
          namespace: `confluent://${ENV}`,
          name: expect.any(String),
        });
        for (const dataset of [...event.inputs, ...event.outputs]) {
          expect(dataset.namespace).toEqual(expect.any(String));
          expect(dataset.name).toEqual(expect.any(String));
        }
      }
      // Every column of every output, with the facet's required fields.
      const facets = events.flatMap(e =>
        e.outputs.flatMap(o =>
          o.facets?.columnLineage ? [o.facets.columnLineage] : [],
        ),
      );
      expect(facets.length).toBeGreaterThanOrEqual(5);
      for (const facet of facets) {
        expect(facet._producer).toBe(events[0].producer);
        expect(facet._schemaURL).toMatch(/ColumnLineageDatasetFacet\.json/);
      }
      const inputs = facets.flatMap(f =>
        Object.values(f.fields).flatMap(field => field.inputFields),
      );
      for (const input of inputs) {
        expect(input).toEqual({
          namespace: expect.any(String),
          name: expect.any(String),
          field: expect.any(String),
          transformations: [
            {
              type: expect.stringMatching(/^(DIRECT|INDIRECT)$/),
              subtype: expect.any(String),
              description: expect.any(String),
              masking: expect.any(Boolean),
            },
          ],
        });
        // The subtypes the facet's documentation defines for each type.
        for (const t of input.transformations) {
          expect(SUBTYPES[t.type]).toContain(t.subtype);
        }
      }
      expect(inputs.flatMap(i => i.transformations.map(t => t.type))).toEqual(
        expect.arrayContaining(['DIRECT', 'INDIRECT']),
      );
    });

    it('exports inputs a condition only tests as INDIRECT/CONDITIONAL', async () => {
      const events: OpenLineageRunEvent[] = (
        await get(
          `/lineage/openlineage?entity=${encodeURIComponent(
            REFS.productSales,
          )}`,
        )
      ).body;
      const fields = events.find(
        e => e.job.name === 'product-sales-materializer',
      )!.outputs[0].facets!.columnLineage!.fields;
      expect(fields.order_size).toEqual({
        inputFields: [
          {
            namespace: `kafka://${CLUSTER}`,
            name: 'shiftleft.public.order_items',
            field: 'quantity',
            transformations: [
              {
                type: 'INDIRECT',
                subtype: 'CONDITIONAL',
                description:
                  "CASE WHEN oi.quantity >= 10 THEN 'bulk' ELSE 'single' END",
                masking: false,
              },
            ],
          },
        ],
      });
      // A column that is the value as well as the condition is DIRECT.
      expect(fields.list_price.inputFields).toEqual([
        expect.objectContaining({
          name: 'products_with_pk',
          field: 'price',
          transformations: [
            expect.objectContaining({
              type: 'DIRECT',
              subtype: 'TRANSFORMATION',
            }),
          ],
        }),
      ]);
    });

    it('describes each column: copies, computations, aggregates and masking', async () => {
      const events: OpenLineageRunEvent[] = (
        await get(
          `/lineage/openlineage?entity=${encodeURIComponent(
            REFS.productSales,
          )}&depth=all`,
        )
      ).body;
      const job = (name: string) => events.find(e => e.job.name === name)!;
      const sales = job('product-sales-materializer');
      expect(sales.inputs).toEqual(
        expect.arrayContaining([
          { namespace: `kafka://${CLUSTER}`, name: 'enriched_customers' },
          { namespace: `kafka://${CLUSTER}`, name: 'products_with_pk' },
        ]),
      );
      const fields = sales.outputs[0].facets!.columnLineage!.fields;
      expect(sales.outputs[0].name).toBe('product_sales');
      expect(fields.customername.inputFields).toEqual([
        {
          namespace: `kafka://${CLUSTER}`,
          name: 'enriched_customers',
          field: 'customername',
          transformations: [
            {
              type: 'DIRECT',
              subtype: 'IDENTITY',
              description: 'customername',
              masking: false,
            },
          ],
        },
      ]);
      expect(
        fields.total_amount.inputFields.map(f => `${f.name}.${f.field}`),
      ).toEqual([
        'shiftleft.public.order_items.quantity',
        'products_with_pk.price',
      ]);
      expect(fields.total_amount.inputFields[0].transformations[0]).toEqual({
        type: 'DIRECT',
        subtype: 'TRANSFORMATION',
        description: 'oi.quantity * p.price',
        masking: false,
      });

      const snapshot = job('customer-snapshot-materializer').outputs[0].facets!
        .columnLineage!.fields;
      expect(
        snapshot.total_amount.inputFields[0].transformations[0].subtype,
      ).toBe('AGGREGATION');

      const cdc = job('shiftleft-postgres-cdc-source');
      expect(cdc.inputs).toEqual([
        {
          namespace: 'postgres://db.example.com',
          name: 'onlinestoredb.public.customers',
        },
      ]);
      expect(
        cdc.outputs[0].facets!.columnLineage!.fields.email.inputFields[0]
          .transformations[0],
      ).toMatchObject({ type: 'DIRECT', masking: true });

      const sink = job('shiftleft-postgres-sink');
      expect(sink.outputs).toEqual([
        expect.objectContaining({
          namespace: 'postgres://db.example.com',
          name: 'onlinestoredb.public.thirty_day_customer_snapshot',
        }),
      ]);
      // Exporting again updates the same runs.
      const again: OpenLineageRunEvent[] = (
        await get(
          `/lineage/openlineage?entity=${encodeURIComponent(
            REFS.productSales,
          )}&depth=all`,
        )
      ).body;
      expect(again.map(e => e.run.runId).sort()).toEqual(
        events.map(e => e.run.runId).sort(),
      );
    });

    it('exports the whole environment, leaving out what the caller may not read', async () => {
      const all: OpenLineageRunEvent[] = (
        await get(`/lineage/openlineage?environment=${ENV}`)
      ).body;
      expect(all).toHaveLength(5);
      const bob: OpenLineageRunEvent[] = (
        await get('/lineage/openlineage', BOB)
      ).body;
      expect(JSON.stringify(bob)).not.toContain('"enriched_customers"');
      expect(
        bob.find(e => e.job.name === 'product-sales-materializer'),
      ).toBeDefined();
    });

    it('rejects an entity it cannot read and a bad depth', async () => {
      const hidden = await get(
        `/lineage/openlineage?entity=${encodeURIComponent(REFS.enriched)}`,
        BOB,
      );
      expect(hidden.status).toBe(404);
      const bad = await get('/lineage/openlineage?depth=deep');
      expect(bad.status).toBe(400);
    });
  });

  describe('GET /lineage/search', () => {
    it('finds customers.email as a column of the customers topic, with its PII status', async () => {
      const res = await get('/lineage/search?q=customers.email');
      expect(res.status).toBe(200);
      const body: LineageSearchResponse = res.body;
      // Entities named `…customers` first: the topic and its source table.
      expect(
        body.hits
          .slice(0, 2)
          .map(h => h.entityRef)
          .sort(),
      ).toEqual([REFS.customers, REFS.sourceTable]);
      expect(body.hits).toContainEqual({
        entityRef: REFS.customers,
        title: 'shiftleft.public.customers',
        type: 'data-product',
        owner: 'group:default/platform-team',
        column: 'email',
      });
      expect(body.hits).toContainEqual(
        expect.objectContaining({
          entityRef: REFS.enriched,
          column: 'email',
          pii: 'masked',
        }),
      );
      expect(body.owners).toContain('group:default/sales-analytics-team');
    });

    it('filters by owner and PII, and never lists what the caller may not read', async () => {
      const pii: LineageSearchResponse = (
        await get('/lineage/search?q=email&pii=true')
      ).body;
      expect(pii.hits.map(h => `${h.entityRef}.${h.column ?? ''}`)).toEqual([
        `${REFS.enriched}.email`,
      ]);
      const owned: LineageSearchResponse = (
        await get('/lineage/search?q=&owner=group:default/sales-analytics-team')
      ).body;
      expect(owned.hits.map(h => h.entityRef)).toEqual([REFS.productSales]);
      const bob: LineageSearchResponse = (
        await get('/lineage/search?q=email', BOB)
      ).body;
      expect(bob.hits.map(h => h.entityRef)).not.toContain(REFS.enriched);
    });
  });
});

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
import type { Entity } from '@backstage/catalog-model';
import { readDataProductLineage, readExternalTable } from './dataProduct';
import { isConfluentResourceEvent } from './events';

function api(spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'enriched_customers' },
    spec: { type: 'data-product', ...spec },
  };
}

describe('readDataProductLineage', () => {
  it('reads the lineage and PII provenance the provider writes', () => {
    const lineage = {
      producedBy: ['component:default/enriched-customer-materializer'],
      columns: [
        {
          column: 'email',
          sources: [
            {
              entityRef: 'api:default/shiftleft.public.customers',
              column: 'email',
            },
          ],
          direct: true,
          expression: 'c.email',
          transforms: [],
          via: 'component:default/enriched-customer-materializer',
        },
      ],
      pii: [
        {
          column: 'email',
          status: 'masked',
          replacement: '****',
          origins: [
            {
              entityRef: 'api:default/shiftleft.public.customers',
              column: 'email',
            },
          ],
          chain: [
            {
              entityRef: 'api:default/shiftleft.public.customers',
              column: 'email',
              how: 'smt',
              via: 'component:default/shiftleft-postgres-cdc-source',
              replacement: '****',
              detail: 'Masked by shiftleft-postgres-cdc-source',
            },
          ],
        },
      ],
    };
    expect(readDataProductLineage(api({ lineage }))).toEqual(lineage);
  });

  it("reads a column's conditional inputs, dropping malformed ones", () => {
    const lineage = readDataProductLineage(
      api({
        lineage: {
          producedBy: [],
          pii: [],
          columns: [
            {
              column: 'payment',
              sources: [],
              conditionalSources: [
                { entityRef: 'api:default/payments', column: 'cc_number' },
                { entityRef: 42, column: 'x' },
              ],
              direct: false,
              expression: "CASE WHEN cc_number IS NOT NULL THEN 'CARD' END",
            },
            {
              column: 'id',
              sources: [],
              direct: true,
              conditionalSources: 'no',
            },
          ],
        },
      }),
    )!;
    expect(lineage.columns[0].conditionalSources).toEqual([
      { entityRef: 'api:default/payments', column: 'cc_number' },
    ]);
    expect(lineage.columns[1].conditionalSources).toBeUndefined();
  });

  it('is undefined without lineage and drops malformed items instead of throwing', () => {
    expect(readDataProductLineage(api({}))).toBeUndefined();
    expect(
      readDataProductLineage(
        api({
          lineage: {
            producedBy: ['component:default/a', 7],
            columns: [
              { column: 'a', sources: [{ column: 'x' }], direct: 'yes' },
              'junk',
            ],
            pii: [
              { column: 'a', status: 'secret', origins: [], chain: [] },
              {
                column: 'b',
                status: 'pii',
                chain: [
                  { entityRef: 'api:default/t', column: 'b', how: 'magic' },
                ],
              },
            ],
          },
        }),
      ),
    ).toEqual({
      producedBy: ['component:default/a'],
      columns: [{ column: 'a', sources: [], direct: false }],
      pii: [{ column: 'b', status: 'pii', origins: [], chain: [] }],
    });
  });
});

describe('readExternalTable', () => {
  it('reads spec.table of database-table Resources only', () => {
    const table = {
      system: 'postgres',
      host: 'db.local',
      database: 'onlinestoredb',
      schema: 'public',
      table: 'customers',
    };
    const resource: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'postgres.onlinestoredb.public.customers' },
      spec: {
        type: 'database-table',
        owner: 'group:default/platform-team',
        table,
      },
    };
    expect(readExternalTable(resource)).toEqual(table);
    expect(readExternalTable(api({ table }))).toBeUndefined();
    expect(
      readExternalTable({
        ...resource,
        spec: { ...resource.spec, table: { system: 'oracle', table: 't' } },
      }),
    ).toBeUndefined();
  });
});

describe('isConfluentResourceEvent', () => {
  it('accepts the documented payload and rejects anything else', () => {
    expect(
      isConfluentResourceEvent({
        action: 'created',
        kind: 'statement',
        environmentId: 'env-1',
        name: 's',
      }),
    ).toBe(true);
    expect(
      isConfluentResourceEvent({
        action: 'deleted',
        kind: 'topic',
        environmentId: 'env-1',
        kafkaClusterId: 'lkc-1',
        name: 't',
      }),
    ).toBe(true);
    expect(
      isConfluentResourceEvent({
        action: 'created',
        kind: 'schema',
        environmentId: 'env-1',
        name: 's',
      }),
    ).toBe(false);
    expect(
      isConfluentResourceEvent({
        action: 'created',
        kind: 'topic',
        environmentId: '',
        name: 's',
      }),
    ).toBe(false);
    expect(isConfluentResourceEvent('created')).toBe(false);
    expect(isConfluentResourceEvent(null)).toBe(false);
  });
});

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
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ConfluentFeedsProcessor } from './ConfluentFeedsProcessor';

const location = { type: 'url', target: 'https://confluent.cloud/x' };

async function process(spec: Record<string, unknown>) {
  const emitted: CatalogProcessorResult[] = [];
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'enriched_customers', namespace: 'default' },
    spec: { type: 'data-product', ...spec },
  };
  const result = await new ConfluentFeedsProcessor().postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
  );
  expect(result).toBe(entity);
  return emitted;
}

describe('ConfluentFeedsProcessor', () => {
  it('emits feeds from the entity and fedBy back to it for every ref in spec.feeds', async () => {
    expect(
      await process({
        feeds: [
          'component:default/product-sales-materializer',
          'resource:warehouse/t',
        ],
      }),
    ).toEqual([
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'API',
            namespace: 'default',
            name: 'enriched_customers',
          },
          type: 'feeds',
          target: {
            kind: 'component',
            namespace: 'default',
            name: 'product-sales-materializer',
          },
        },
      },
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'component',
            namespace: 'default',
            name: 'product-sales-materializer',
          },
          type: 'fedBy',
          target: {
            kind: 'API',
            namespace: 'default',
            name: 'enriched_customers',
          },
        },
      },
      expect.objectContaining({
        relation: expect.objectContaining({
          type: 'feeds',
          target: { kind: 'resource', namespace: 'warehouse', name: 't' },
        }),
      }),
      expect.objectContaining({
        relation: expect.objectContaining({ type: 'fedBy' }),
      }),
    ]);
  });

  it('leaves entities without spec.feeds alone', async () => {
    expect(await process({})).toEqual([]);
  });

  it('reports refs without a kind and a spec.feeds that is not a list as input errors', async () => {
    const [error] = await process({ feeds: ['product-sales-materializer'] });
    expect(error).toMatchObject({ type: 'error', location });
    expect((error as any).error.message).toMatch(
      /invalid entity ref "product-sales-materializer"/,
    );
    const [notList] = await process({ feeds: 'component:default/x' });
    expect((notList as any).error.message).toMatch(
      /must be a list of entity refs/,
    );
  });
});

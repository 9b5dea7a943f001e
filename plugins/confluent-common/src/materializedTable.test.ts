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
import {
  readMaterializedTable,
  SPEC_MATERIALIZED_TABLE,
} from './materializedTable';

const entity = (value: unknown): Entity =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders' },
    spec: { type: 'data-product', [SPEC_MATERIALIZED_TABLE]: value },
  } as Entity);

describe('readMaterializedTable', () => {
  it('reads the current version and the history, oldest first', () => {
    expect(
      readMaterializedTable(
        entity({
          version: 2,
          latestVersion: 2,
          phase: 'RUNNING',
          query: 'SELECT a FROM t',
          versions: [
            {
              version: 2,
              statement: 'CREATE OR ALTER …',
              changes: ["Column 'b' removed"],
            },
            { version: 1, statement: 'CREATE …', createdAt: '2026-12-01' },
          ],
        }),
      ),
    ).toEqual({
      version: 2,
      latestVersion: 2,
      phase: 'RUNNING',
      query: 'SELECT a FROM t',
      versions: [
        {
          version: 1,
          statement: 'CREATE …',
          createdAt: '2026-12-01',
          changes: [],
        },
        {
          version: 2,
          statement: 'CREATE OR ALTER …',
          changes: ["Column 'b' removed"],
        },
      ],
    });
  });

  it('returns undefined for other entities and drops malformed versions', () => {
    expect(readMaterializedTable(entity(undefined))).toBeUndefined();
    expect(readMaterializedTable(entity({ version: 0 }))).toBeUndefined();
    expect(
      readMaterializedTable(
        entity({ version: 1, versions: [{ version: 'x' }, null] }),
      ),
    ).toEqual({ version: 1, latestVersion: 1, versions: [] });
  });
});

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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION,
  readDataProductLineage,
  readMaterializedTable,
} from '@shiftleft/plugin-confluent-common';
import { makeProvider } from '../__testUtils__/harness';

// The first parse of a process pays the SQL grammar's warm-up.
jest.setTimeout(60_000);

function find(entities: Entity[], ref: string): Entity {
  const entity = entities.find(e => stringifyEntityRef(e) === ref);
  if (!entity) throw new Error(`${ref} not emitted`);
  return entity;
}

describe('ConfluentEntityProvider and Flink materialized tables', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(() => emu.stop());

  it('shows a materialized table as a data product with its current version and its history', async () => {
    const { provider, client } = makeProvider(emu);
    const flink = client.flink(emu.ids.environmentId);
    const run = async (name: string, statement: string) => {
      await flink.createStatement({
        name,
        statement,
        properties: {
          'sql.current-catalog': emu.ids.environmentName,
          'sql.current-database': emu.ids.kafkaClusterName,
        },
      });
      for (;;) {
        const { status } = await flink.getStatement(name);
        if (status.phase === 'RUNNING') return;
        if (status.phase === 'FAILED') throw new Error(status.detail);
        await new Promise(r => setTimeout(r, 20));
      }
    };

    await run(
      'customer-segments-mt',
      'CREATE MATERIALIZED TABLE customer_segments AS SELECT customerid, segment FROM `shiftleft.public.customers`;',
    );
    const first = await provider.read();
    const table = find(first.entities, 'api:default/customer_segments');
    expect(table.spec?.type).toBe('data-product');
    expect(
      table.metadata.annotations?.[
        ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION
      ],
    ).toBe('1');
    expect(table.metadata.description).toMatch(
      /^Flink materialized table customer_segments, version 1/,
    );
    expect(readMaterializedTable(table)).toMatchObject({
      version: 1,
      phase: 'RUNNING',
      query: 'SELECT customerid, segment FROM `shiftleft.public.customers`',
      versions: [{ version: 1, changes: [] }],
    });
    // Its statement is catalogued and produces it, with column lineage.
    const lineage = readDataProductLineage(table)!;
    expect(lineage.producedBy).toEqual([
      'component:default/customer-segments-mt',
    ]);
    expect(lineage.columns.map(c => c.column)).toEqual([
      'customerid',
      'segment',
    ]);

    await run(
      'customer-segments-mt-v2',
      'CREATE OR ALTER MATERIALIZED TABLE customer_segments AS SELECT customerid FROM `shiftleft.public.customers`;',
    );
    const second = await provider.read();
    const evolved = find(second.entities, 'api:default/customer_segments');
    expect(
      evolved.metadata.annotations?.[
        ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION
      ],
    ).toBe('2');
    const info = readMaterializedTable(evolved)!;
    expect(info.versions.map(v => v.version)).toEqual([1, 2]);
    expect(info.versions[1].statement).toMatch(
      /^CREATE OR ALTER MATERIALIZED TABLE/,
    );
    expect(info.versions[1].changes).toEqual([
      expect.stringMatching(/^Column 'segment: .*' removed$/),
    ]);
    expect(second.stats.materializedTableVersionReads).toBe(1);

    // Versions never change once made: a warm read lists the tables only.
    const warm = await provider.read();
    expect(warm.stats.materializedTableVersionReads).toBe(0);
    expect(warm.entities).toEqual(second.entities);

    // ALTER MATERIALIZED TABLE … AS is a version too, and its statement
    // produces the table with the new query's column lineage.
    await run(
      'customer-segments-mt-v3',
      'ALTER MATERIALIZED TABLE customer_segments AS SELECT customerid, segment FROM `shiftleft.public.customers`;',
    );
    const third = await provider.read();
    const altered = find(third.entities, 'api:default/customer_segments');
    expect(
      readMaterializedTable(altered)!.versions.map(v => v.version),
    ).toEqual([1, 2, 3]);
    expect(readDataProductLineage(altered)!.producedBy).toContain(
      'component:default/customer-segments-mt-v3',
    );
    find(third.entities, 'component:default/customer-segments-mt-v3');
  });
});

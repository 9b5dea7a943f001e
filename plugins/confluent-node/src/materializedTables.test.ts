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
import { InputError, NotFoundError } from '@backstage/errors';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  eventually,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from './ConfluentClient';
import { clientFor } from './__testUtils__/emulator';

describe('materialized tables', () => {
  let emu: ConfluentEmulator;
  let client: ConfluentClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    client = clientFor(emu);
  });

  afterAll(() => emu.stop());

  const run = async (name: string, statement: string) => {
    const flink = client.flink(emu.ids.environmentId);
    await flink.createStatement({
      name,
      statement,
      properties: {
        'sql.current-catalog': emu.ids.environmentName,
        'sql.current-database': emu.ids.kafkaClusterName,
      },
    });
    await eventually(
      () => flink.getStatement(name),
      s => s.status.phase === 'RUNNING',
    );
  };

  it('reads a table, its current version and its version history', async () => {
    const tables = client.materializedTables(emu.ids.environmentId);
    await expect(tables.listMaterializedTables()).resolves.toEqual([]);

    await run(
      'big-orders-mt',
      'CREATE MATERIALIZED TABLE big_orders AS SELECT orderid, customerid FROM `shiftleft.public.orders`;',
    );
    await run(
      'big-orders-mt-v2',
      'CREATE OR ALTER MATERIALIZED TABLE big_orders AS SELECT orderid FROM `shiftleft.public.orders`;',
    );

    const [listed] = await tables.listMaterializedTables();
    expect(listed).toMatchObject({
      name: 'big_orders',
      environment_id: emu.ids.environmentId,
      spec: {
        kafka_cluster_id: emu.ids.kafkaClusterId,
        query: 'SELECT orderid FROM `shiftleft.public.orders`',
      },
      status: { phase: 'RUNNING', version: 2 },
    });
    const table = await tables.getMaterializedTable(
      emu.ids.kafkaClusterId,
      'big_orders',
    );
    expect(table).toEqual(listed);

    const versions = await tables.listMaterializedTableVersions(
      emu.ids.kafkaClusterId,
      'big_orders',
    );
    expect(versions.map(v => v.spec.version)).toEqual([1, 2]);
    expect(versions[0].spec.statement).toContain('SELECT orderid, customerid');
    expect(versions[1].spec.changes?.[0].details).toEqual([
      expect.stringMatching(/^Column 'customerid: .*' removed$/),
    ]);
  });

  it('reports an unknown table as not found and refuses an empty name', async () => {
    const tables = client.materializedTables(emu.ids.environmentId);
    await expect(
      tables.getMaterializedTable(emu.ids.kafkaClusterId, 'nope'),
    ).rejects.toThrow(NotFoundError);
    await expect(
      tables.listMaterializedTableVersions(emu.ids.kafkaClusterId, ''),
    ).rejects.toThrow(InputError);
  });
});

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
import {
  client,
  paths,
  startTestEmulator,
  type TestClient,
} from './__testUtils__/http';
import { eventually } from './testUtils';
import type { ConfluentEmulator } from './types';

describe('materialized tables (sql/v1)', () => {
  let emu: ConfluentEmulator;
  let flink: TestClient;
  let base: string;
  let table: string;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: 'workshop' });
    flink = client(emu, emu.keys.flink);
    const { organizationId, environmentId, kafkaClusterId } = emu.ids;
    base = `/sql/v1/organizations/${organizationId}/environments/${environmentId}`;
    table = `${base}/databases/${kafkaClusterId}/materialized-tables/customer_segments`;
  });

  afterAll(() => emu.stop());

  /** Submits a statement and waits until it runs. */
  const run = async (name: string, statement: string) => {
    const created = await flink.post(paths(emu).statements, {
      name,
      spec: {
        statement,
        properties: {
          'sql.current-catalog': emu.ids.environmentName,
          'sql.current-database': emu.ids.kafkaClusterName,
        },
      },
    });
    expect(created.status).toBe(201);
    await eventually(
      () => flink.get(`${paths(emu).statements}/${name}`),
      res => res.body.status?.phase === 'RUNNING',
    );
  };

  it('creates the table with version 1 when its statement runs, and a new version on OR ALTER', async () => {
    expect((await flink.get(`${base}/materialized-tables`)).body.data).toEqual(
      [],
    );
    const v1 =
      'CREATE MATERIALIZED TABLE customer_segments AS SELECT customerid, segment FROM `shiftleft.public.customers`;';
    await run('customer-segments', v1);

    const created = await flink.get(table);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      api_version: 'sql/v1',
      kind: 'MaterializedTable',
      organization_id: emu.ids.organizationId,
      environment_id: emu.ids.environmentId,
      name: 'customer_segments',
      metadata: { self: `${emu.url}${table}` },
      spec: {
        kafka_cluster_id: emu.ids.kafkaClusterId,
        compute_pool_id: emu.ids.computePoolId,
        stopped: false,
        query: 'SELECT customerid, segment FROM `shiftleft.public.customers`',
      },
      status: {
        phase: 'RUNNING',
        creation_statement: v1,
        version: 1,
        latest_version: 1,
      },
    });

    const v2 =
      'CREATE OR ALTER MATERIALIZED TABLE customer_segments AS SELECT customerid, segment, customername FROM `shiftleft.public.customers`;';
    await run('customer-segments-v2', v2);
    const evolved = await flink.get(table);
    expect(evolved.body.status).toMatchObject({
      creation_statement: v2,
      version: 2,
      latest_version: 2,
    });
    expect(evolved.body.metadata.uid).toBe(created.body.metadata.uid);

    const versions = await flink.get(`${table}/versions`);
    expect(versions.body).toMatchObject({
      api_version: 'sql/v1',
      kind: 'MaterializedTableVersionList',
    });
    expect(versions.body.data.map((v: any) => v.spec)).toEqual([
      { version: 1, statement: v1 },
      {
        version: 2,
        statement: v2,
        changes: [
          {
            kind: 'MATERIALIZED_TABLE',
            environment_locator: emu.ids.environmentId,
            database_locator: emu.ids.kafkaClusterId,
            name: 'customer_segments',
            details: ["Column 'customername: VARCHAR NOT NULL' added"],
          },
        ],
      },
    ]);
    const one = await flink.get(`${table}/versions/1`);
    expect(one.body).toMatchObject({
      kind: 'MaterializedTableVersion',
      name: 'customer-segments-v1',
      spec: { version: 1, statement: v1 },
    });

    // Listed once, whatever its versions; one per page when asked.
    const listed = await flink.get(`${base}/materialized-tables?page_size=1`);
    expect(listed.body.kind).toBe('MaterializedTableList');
    expect(listed.body.data.map((t: any) => t.name)).toEqual([
      'customer_segments',
    ]);
  });

  it('leaves an existing table as it is on CREATE … IF NOT EXISTS, and ignores other statements', async () => {
    await run(
      'customer-segments-again',
      'CREATE MATERIALIZED TABLE IF NOT EXISTS customer_segments AS SELECT customerid FROM `shiftleft.public.customers`;',
    );
    await run(
      'plain-ctas',
      'CREATE TABLE plain_ctas AS SELECT customerid FROM `shiftleft.public.customers`;',
    );
    expect((await flink.get(table)).body.status.version).toBe(2);
    expect(
      (await flink.get(`${base}/materialized-tables`)).body.data.map(
        (t: any) => t.name,
      ),
    ).toEqual(['customer_segments']);
  });

  it('answers 404 in the v2 error shape for an unknown table or version', async () => {
    const missing = await flink.get(table.replace('customer_segments', 'nope'));
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0]).toMatchObject({
      status: '404',
      code: 'resource_not_found',
      detail: "Materialized table 'nope' not found",
    });
    expect((await flink.get(`${table}/versions/3`)).status).toBe(404);
    expect((await flink.get(`${table}/versions/x`)).status).toBe(404);
  });

  it('adds a version on ALTER MATERIALIZED TABLE … AS, and fails it on a table that does not exist', async () => {
    const v3 =
      'ALTER MATERIALIZED TABLE customer_segments AS SELECT customerid, segment FROM `shiftleft.public.customers`;';
    await run('customer-segments-v3', v3);
    const evolved = await flink.get(table);
    expect(evolved.body.status).toMatchObject({
      creation_statement: v3,
      version: 3,
      latest_version: 3,
    });
    expect(evolved.body.spec.query).toBe(
      'SELECT customerid, segment FROM `shiftleft.public.customers`',
    );

    const name = 'alter-missing-table';
    await flink.post(paths(emu).statements, {
      name,
      spec: {
        statement:
          'ALTER MATERIALIZED TABLE no_such_table AS SELECT customerid FROM `shiftleft.public.customers`;',
        properties: {
          'sql.current-catalog': emu.ids.environmentName,
          'sql.current-database': emu.ids.kafkaClusterName,
        },
      },
    });
    const failed = await eventually(
      () => flink.get(`${paths(emu).statements}/${name}`),
      res => res.body.status?.phase === 'FAILED',
    );
    expect(failed.body.status.detail).toContain(
      "Table (or view) 'no_such_table' does not exist",
    );
    expect(
      (await flink.get(`${base}/materialized-tables`)).body.data.map(
        (t: any) => t.name,
      ),
    ).toEqual(['customer_segments']);
  });
});

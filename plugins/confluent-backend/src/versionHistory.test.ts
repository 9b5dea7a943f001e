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
import { Entity } from '@backstage/catalog-model';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  ConfluentHistoryResponse,
  SPEC_MATERIALIZED_TABLE,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  sqlDigest,
  Statement,
} from '@shiftleft/plugin-confluent-node';
import request from 'supertest';
import {
  denyConfluent,
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import {
  OTHER_USER,
  OWNER,
  OWNER_GROUP,
  providerLocation,
  workshopEntities,
} from './__testUtils__/fixtures';

/*
 * GET /entities/:kind/:namespace/:name/history: the versions of a data
 * product. A blue/green change leaves the old statement STOPPED next to the
 * new one, and the provider lists both in the product's annotation; the
 * route reads each from Confluent and says which one runs now.
 */

const OLD = 'enriched-customer-materializer';
const NEW = `${OLD}-c0ffee01`;
const PRODUCT = '/api/confluent/entities/api/default/enriched_customers';

const as = (user: string) => mockCredentials.user.header(user);

describe('GET /entities/:kind/:namespace/:name/history', () => {
  let emu: ConfluentEmulator;
  let client: ConfluentClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    client = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
  });
  afterAll(() => emu?.stop());
  afterEach(async () => {
    await stopCardsBackends();
    await emu.reset();
  });

  /** Waits until a statement is in `phase`. */
  const waitFor = async (name: string, phase: string) => {
    const flink = client.flink(emu.ids.environmentId);
    for (let i = 0; i < 400; i++) {
      const s = await flink.getStatement(name);
      if (s.status.phase === phase) return s;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`${name} never reached ${phase}`);
  };

  /**
   * What `confluent:dataproduct:change` does blue/green: the new statement
   * resumes from the old one's offsets, then the old one
   * stops. Returns both as Confluent has them.
   */
  const changeBlueGreen = async (): Promise<[Statement, Statement]> => {
    const flink = client.flink(emu.ids.environmentId);
    const old = await flink.getStatement(OLD);
    await flink.createStatement({
      name: NEW,
      // As the change action submits it: the CTAS's query as an INSERT.
      statement: `INSERT INTO enriched_customers\n${
        old.spec.statement.split(/\nAS\n/)[1]
      }`,
      properties: {
        ...old.spec.properties,
        'sql.tables.initial-offset-from': OLD,
      },
      computePoolId: old.spec.compute_pool_id,
      principal: old.spec.principal,
      labels: old.metadata.labels,
    });
    await waitFor(NEW, 'RUNNING');
    await flink.stopStatement(OLD);
    return [await waitFor(OLD, 'STOPPED'), await waitFor(NEW, 'RUNNING')];
  };

  /** The workshop after the change: the product lists both statements. */
  const changedEntities = (): Entity[] =>
    workshopEntities(emu).map(e =>
      e.metadata.name === 'enriched_customers'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: {
                ...e.metadata.annotations,
                // The provider lists a topic's writers in Confluent's order.
                [ANNOTATION_CONFLUENT_STATEMENT]: `${NEW},${OLD}`,
              },
            },
          }
        : e,
    );

  it('lists the chain of statements oldest first, the new one current, with SQL for the owners', async () => {
    const [old, current] = await changeBlueGreen();
    const { server } = await startCardsBackend({
      emu,
      entities: changedEntities(),
    });
    const res = await request(server)
      .get(`${PRODUCT}/history`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(200);
    const body: ConfluentHistoryResponse = res.body;
    expect(body).toMatchObject({
      entityRef: 'api:default/enriched_customers',
      source: 'statements',
      sqlShown: true,
    });
    expect(body.versions).toEqual([
      {
        id: OLD,
        label: OLD,
        createdAt: old.metadata.created_at,
        phase: 'STOPPED',
        principal: old.spec.principal,
        computePoolId: old.spec.compute_pool_id,
        sqlDigest: sqlDigest(old.spec.statement),
        sql: old.spec.statement,
        current: false,
        consoleUrl: expect.stringContaining(OLD),
        ...(old.status.detail ? { detail: old.status.detail } : {}),
      },
      {
        id: NEW,
        label: NEW,
        createdAt: current.metadata.created_at,
        phase: 'RUNNING',
        principal: current.spec.principal,
        computePoolId: current.spec.compute_pool_id,
        sqlDigest: sqlDigest(current.spec.statement),
        sql: expect.stringMatching(/^INSERT INTO enriched_customers\n/),
        current: true,
        resumedFrom: OLD,
        consoleUrl: expect.stringContaining(NEW),
        ...(current.status.detail ? { detail: current.status.detail } : {}),
      },
    ]);
    expect(body.versions[0].sqlDigest).not.toBe(body.versions[1].sqlDigest);
    // Statement properties stay in the backend.
    expect(JSON.stringify(body)).not.toMatch(/properties|sql\.current/);
  });

  it('gives other readers the chain with digests but without the SQL', async () => {
    await changeBlueGreen();
    const { server } = await startCardsBackend({
      emu,
      entities: changedEntities(),
    });
    const res = await request(server)
      .get(`${PRODUCT}/history`)
      .set('Authorization', as(OTHER_USER));
    expect(res.status).toBe(200);
    expect(res.body.sqlShown).toBe(false);
    expect(res.body.versions.map((v: any) => [v.id, v.current])).toEqual([
      [OLD, false],
      [NEW, true],
    ]);
    expect(res.body.versions[1].sqlDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|"sql"/);
  });

  it('marks nothing current when no statement of the chain runs, and a deleted one as missing', async () => {
    await client.flink(emu.ids.environmentId).stopStatement(OLD);
    await waitFor(OLD, 'STOPPED');
    const entities = workshopEntities(emu).map(e =>
      e.metadata.name === 'enriched_customers'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: {
                ...e.metadata.annotations,
                [ANNOTATION_CONFLUENT_STATEMENT]: `${OLD},gone-statement`,
              },
            },
          }
        : e,
    );
    const { server } = await startCardsBackend({ emu, entities });
    const res = await request(server)
      .get(`${PRODUCT}/history`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(200);
    expect(
      res.body.versions.map((v: any) => [v.id, v.phase, v.current]),
    ).toEqual([
      ['gone-statement', 'MISSING', false],
      [OLD, 'STOPPED', false],
    ]);
  });

  it("shows a materialized table's versions from the entity", async () => {
    const v1 =
      'CREATE MATERIALIZED TABLE customer_segments AS SELECT customerid, segment FROM customers';
    const v2 =
      'CREATE OR ALTER MATERIALIZED TABLE customer_segments AS SELECT customerid FROM customers';
    const table: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'customer_segments',
        annotations: {
          ...providerLocation(emu),
          [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
        },
      },
      spec: {
        type: 'data-product',
        lifecycle: 'production',
        owner: OWNER_GROUP,
        definition: '{}',
        [SPEC_MATERIALIZED_TABLE]: {
          version: 2,
          latestVersion: 2,
          phase: 'RUNNING',
          versions: [
            { version: 1, statement: v1, createdAt: '2026-12-01T10:00:00Z' },
            {
              version: 2,
              statement: v2,
              createdAt: '2026-12-03T10:00:00Z',
              changes: ["Column 'segment: VARCHAR' removed"],
            },
          ],
        },
      },
      relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
    };
    const { server } = await startCardsBackend({ emu, entities: [table] });
    const res = await request(server)
      .get('/api/confluent/entities/api/default/customer_segments/history')
      .set('Authorization', as(OTHER_USER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'materialized-table',
      versions: [
        { id: '1', label: 'Version 1', sql: v1, current: false, changes: [] },
        {
          id: '2',
          label: 'Version 2',
          sql: v2,
          phase: 'RUNNING',
          current: true,
          sqlDigest: sqlDigest(v2),
          changes: ["Column 'segment: VARCHAR' removed"],
        },
      ],
    });
  });

  it('answers an entity without statements with an empty history', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get('/api/confluent/entities/component/default/plain-service/history')
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'none', versions: [] });
  });

  it('answers 404 for an unknown entity, 400 for a malformed ref, and 403 without the permission', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const unknown = await request(server)
      .get('/api/confluent/entities/api/default/no_such_product/history')
      .set('Authorization', as(OWNER));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No entity api:default/no_such_product',
    );
    const malformed = await request(server)
      .get('/api/confluent/entities/api/default/bad%20name/history')
      .set('Authorization', as(OWNER));
    expect(malformed.status).toBe(400);

    await stopCardsBackends();
    const denied = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      policy: denyConfluent,
    });
    const res = await request(denied.server)
      .get(`${PRODUCT}/history`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT/);
  });

  it("refuses a registered entity naming another team's statement", async () => {
    const spoof: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'spoof',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://git.example.com/team/repo/catalog-info.yaml',
          'backstage.io/managed-by-origin-location':
            'url:https://git.example.com/team/repo/catalog-info.yaml',
          [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
          [ANNOTATION_CONFLUENT_STATEMENT]: 'product-sales-materializer',
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: OWNER_GROUP },
      relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
    };
    const { server } = await startCardsBackend({ emu, entities: [spoof] });
    const res = await request(server)
      .get('/api/confluent/entities/component/default/spoof/history')
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "names statement 'product-sales-materializer'",
    );
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT/);
  });
});

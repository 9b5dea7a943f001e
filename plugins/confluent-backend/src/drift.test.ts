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
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { DeclaredFingerprint } from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  DeclaredFingerprints,
  declareStatement,
} from '@shiftleft/plugin-confluent-node';
import request from 'supertest';
import {
  denyConfluent,
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OTHER_USER, OWNER, workshopEntities } from './__testUtils__/fixtures';

const STATEMENT = 'enriched-customer-materializer';
const ROUTE = `/api/confluent/entities/component/default/${STATEMENT}/drift`;

/** Records a fingerprint the way the scaffolder's actions do. */
async function recordFingerprint(
  client: ConfluentClient,
  emu: ConfluentEmulator,
  topic: string,
  fingerprint: DeclaredFingerprint,
) {
  const item = await new DeclaredFingerprints({ client }).item({
    environmentId: emu.ids.environmentId,
    kafkaClusterId: emu.ids.kafkaClusterId,
    topic,
    fingerprint,
  });
  await client.catalog(emu.ids.environmentId).setBusinessMetadata([item]);
}

describe('GET /entities/:kind/:namespace/:name/drift', () => {
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

  const declareLive = async () => {
    const live = await client
      .flink(emu.ids.environmentId)
      .getStatement(STATEMENT);
    await recordFingerprint(
      client,
      emu,
      'enriched_customers',
      declareStatement({
        name: STATEMENT,
        environmentId: emu.ids.environmentId,
        sql: live.spec.statement,
        properties: live.spec.properties ?? {},
        computePoolId: live.spec.compute_pool_id,
        principal: live.spec.principal,
        created: live,
        declaredBy: 'user:default/alice',
      }),
    );
    return live;
  };

  it('lists a resource the portal did not declare as undeclared, without drift', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get(ROUTE)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.resources).toEqual([
      expect.objectContaining({
        kind: 'statement',
        name: STATEMENT,
        declared: false,
        drifted: false,
      }),
    ]);
  });

  it('reports no drift on an untouched declared statement', async () => {
    await declareLive();
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get(ROUTE)
      .set('Authorization', mockCredentials.user.header(OTHER_USER));
    expect(res.status).toBe(200);
    expect(res.body.resources).toEqual([
      expect.objectContaining({
        declared: true,
        drifted: false,
        differences: [],
        declaredBy: 'user:default/alice',
      }),
    ]);
  });

  it('reports a property changed by replacing the statement outside the portal, with when', async () => {
    const before = await declareLive();
    const flink = client.flink(emu.ids.environmentId);
    await flink.deleteStatement(STATEMENT);
    for (let i = 0; i < 400; i++) {
      if (
        await flink.getStatement(STATEMENT).then(
          () => false,
          () => true,
        )
      )
        break;
      await new Promise(r => setTimeout(r, 25));
    }
    await flink.createStatement({
      name: STATEMENT,
      statement: before.spec.statement,
      properties: { ...before.spec.properties, 'sql.state-ttl': '7 DAYS' },
      computePoolId: before.spec.compute_pool_id,
      principal: before.spec.principal,
    });
    const after = await flink.getStatement(STATEMENT);
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get(ROUTE)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    const [drift] = res.body.resources;
    expect(drift).toMatchObject({
      drifted: true,
      changedAt: after.metadata.created_at,
    });
    expect(drift.differences).toEqual([
      expect.objectContaining({ change: 'replaced' }),
      expect.objectContaining({
        change: 'added',
        key: 'sql.state-ttl',
        live: '7 DAYS',
      }),
    ]);
  });

  it('refuses a user without the status read permission', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      policy: denyConfluent,
    });
    const res = await request(server)
      .get(ROUTE)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(403);
  });
});

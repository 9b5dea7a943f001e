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
import {
  BUSINESS_METADATA_DECLARED,
  DECLARED_ATTRIBUTE,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  DeclaredFingerprints,
} from '@shiftleft/plugin-confluent-node';
import request from 'supertest';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OWNER, workshopEntities } from './__testUtils__/fixtures';

const CONNECTOR = 'shiftleft-postgres-cdc-source';
const HAND_WRITTEN = 'hand-written-secret-4410';

/*
 * The drift route shows config values: it must never show a secret, even
 * when the declared record in Stream Catalog was written by hand with one,
 * and never Connect's masks as if they were values.
 */
describe('drift responses hold no secrets', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu?.stop());
  afterEach(() => stopCardsBackends());

  it('leaves out secret keys from both sides, whatever the declared record says', async () => {
    const client = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
    const { environmentId, kafkaClusterId } = emu.ids;
    const live = await client
      .connect(environmentId, kafkaClusterId)
      .getConnectorConfig(CONNECTOR);
    const key = `connector:${environmentId}/${kafkaClusterId}/${CONNECTOR}`;
    // Someone with Stream Catalog access wrote a record holding secrets.
    const store = new DeclaredFingerprints({ client });
    const item = await store.item({
      environmentId,
      kafkaClusterId,
      topic: 'shiftleft.public.customers',
      fingerprint: {
        kind: 'connector',
        name: CONNECTOR,
        environmentId,
        kafkaClusterId,
        config: {
          ...live,
          'database.password': HAND_WRITTEN,
          'my.api.token': HAND_WRITTEN,
          'database.user': 'someone-else',
        },
        secretKeys: [],
        declaredAt: new Date().toISOString(),
      },
    });
    expect(String(item.attributes[DECLARED_ATTRIBUTE])).toContain(key);
    expect(item.typeName).toBe(BUSINESS_METADATA_DECLARED);
    await client.catalog(environmentId).setBusinessMetadata([item]);

    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get(`/api/confluent/entities/component/default/${CONNECTOR}/drift`)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    const [drift] = res.body.resources;
    // The one real difference is shown ...
    expect(drift.differences).toEqual([
      expect.objectContaining({ change: 'changed', key: 'database.user' }),
    ]);
    // ... and no secret, mask or secret key.
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(HAND_WRITTEN);
    expect(text).not.toContain('Admin123456');
    expect(text).not.toContain('****');
    expect(text).not.toMatch(/password|token|kafka\.api/);
  });
});

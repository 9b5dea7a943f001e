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
import request from 'supertest';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OTHER_USER, OWNER, workshopEntities } from './__testUtils__/fixtures';

/*
 * GET /entities/:kind/:namespace/:name/sql: where the "Change a data
 * product" form starts from. The team's own SQL, to its owners only, and
 * never the statement's properties.
 */
describe('the SQL of a data product', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu?.stop());
  afterEach(() => stopCardsBackends());

  const path = '/api/confluent/entities/api/default/enriched_customers/sql';

  it('returns the running statement and its SQL to the owners', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'api:default/enriched_customers',
      statement: 'enriched-customer-materializer',
      sql: expect.stringMatching(/^CREATE TABLE enriched_customers \(/),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/sql\.current|properties/);
  });

  it('refuses everyone else', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(OTHER_USER));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT/);
  });
});

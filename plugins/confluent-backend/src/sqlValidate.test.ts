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
import { OWNER, workshopEntities } from './__testUtils__/fixtures';

const PATH = '/api/confluent/sql/validate';

describe('POST /sql/validate', () => {
  let emu: ConfluentEmulator;
  let server: any;

  beforeAll(async () => {
    emu = await startTestEmulator();
    ({ server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    }));
  });

  afterAll(async () => {
    await stopCardsBackends();
    await emu.stop();
  });

  const validate = (body: object) =>
    request(server)
      .post(PATH)
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send(body);

  it('answers what valid SQL reads and writes, without asking Confluent', async () => {
    emu.resetRequestCounts();
    const res = await validate({
      sql: 'INSERT INTO `${product}.audit` SELECT * FROM `${product}.public.orders`',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      problems: [],
      kind: 'INSERT_INTO',
      sources: ['`${product}.public.orders`'],
      sinks: ['`${product}.audit`'],
    });
    expect(emu.requestCount()).toBe(0);
  });

  it('answers the line and column of a syntax error', async () => {
    const res = await validate({ sql: 'SELECT 1\nFROM FROM t' });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([
      { line: 2, column: 6, message: expect.stringContaining("'FROM'") },
    ]);
  });

  it('rejects a body without SQL, and invalid credentials', async () => {
    expect((await validate({ sql: 42 })).status).toBe(400);
    const invalid = await request(server)
      .post(PATH)
      .set('Authorization', mockCredentials.user.invalidHeader())
      .send({ sql: 'SELECT 1' });
    expect(invalid.status).toBe(401);
  });
});

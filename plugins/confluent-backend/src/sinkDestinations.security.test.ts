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

/*
 * Issue 18.5: the template offers only the sink destinations the platform
 * configured. Its picker reads them here: names and types, never a host, a
 * user or a credential, for signed-in users only.
 */

const PATH = '/api/confluent/scaffolder/sink-destinations';
const SECRETS = {
  privateKey: 'sf-private-key-0c4b1e',
  passphrase: 'sf-passphrase-91aa',
  password: 'pg-password-5d2f7e',
};
const SINKS = {
  'analytics-snowflake': {
    type: 'snowflake',
    url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
    user: 'loader',
    privateKey: SECRETS.privateKey,
    privateKeyPassphrase: SECRETS.passphrase,
    role: 'INGEST',
    database: 'ANALYTICS',
    schema: 'PUBLIC',
  },
  'crm-postgres': {
    type: 'postgres',
    host: 'crm-db.internal.example.com',
    database: 'reporting_db',
    user: 'ingest',
    password: SECRETS.password,
  },
  'analytics-redshift': {
    type: 'redshift',
    host: 'analytics.c3vbx7tqp2ka.us-east-1.redshift.amazonaws.com',
    database: 'mydb',
    user: 'ingest',
    password: SECRETS.password,
  },
};

describe('GET /scaffolder/sink-destinations', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => stopCardsBackends());
  afterAll(() => emu.stop());

  async function start(scaffolder?: object) {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      confluent: scaffolder ? { scaffolder } : {},
    });
    return server;
  }

  it('lists the configured destinations by name and type only', async () => {
    const server = await start({ sinks: SINKS });
    const res = await request(server)
      .get(PATH)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      destinations: [
        { name: 'analytics-redshift', type: 'redshift' },
        { name: 'analytics-snowflake', type: 'snowflake' },
        { name: 'crm-postgres', type: 'postgres' },
      ],
    });
    // No host, user, URL or credential of any destination.
    const values = Object.values(SINKS).flatMap(sink =>
      Object.entries(sink)
        .filter(([key]) => key !== 'type')
        .map(([, value]) => String(value)),
    );
    for (const value of values) expect(res.text).not.toContain(value);
  });

  it('answers an empty list when none is configured (production by default)', async () => {
    const server = await start();
    const res = await request(server)
      .get(PATH)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ destinations: [] });
  });

  it('answers signed-in users only', async () => {
    const server = await start({ sinks: SINKS });
    const service = await request(server)
      .get(PATH)
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
    const invalid = await request(server)
      .get(PATH)
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(invalid.status).toBe(401);
    expect(invalid.text).not.toContain('analytics-snowflake');
  });
});

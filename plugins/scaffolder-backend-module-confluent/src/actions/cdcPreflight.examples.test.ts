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
import { actionContext } from '../__testUtils__/actionContext';
import { exampleInput } from '../__testUtils__/examples';
import {
  createWorkshopDatabase,
  startThrowawayPostgres,
  ThrowawayPostgres,
} from '../__testUtils__/throwawayPostgres';
import { createDatabaseNetwork } from '../lib/network';
import { createConfluentCdcPreflightAction } from './cdcPreflight';
import { examples } from './cdcPreflight.examples';

describe('confluent:cdc:preflight examples', () => {
  const action = createConfluentCdcPreflightAction({
    connectTimeoutMs: 3000,
    // The test servers listen on loopback.
    network: createDatabaseNetwork({ allowedHosts: ['127.0.0.1/32'] }),
  });
  let pg: ThrowawayPostgres;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    dropDatabase = await createWorkshopDatabase(pg, 'onlinestoredb');
  }, 60_000);

  afterAll(async () => {
    await dropDatabase?.();
    await pg?.stop();
  }, 60_000);

  it.each(examples)('should handle example: $description', async example => {
    const input = exampleInput(action, example);
    // The example's database, reached on this test's throwaway server.
    const { ctx, outputs } = actionContext({
      input: {
        ...input,
        hostname: pg.host,
        port: pg.port,
        database: 'onlinestoredb',
        user: pg.user,
        sslMode: 'disable',
      },
      secrets: { dbPassword: 'not-needed-with-trust-auth' },
    });
    await action.handler(ctx);
    expect(outputs.passed).toBe(true);
  });
});

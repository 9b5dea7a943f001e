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
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  actionContext,
  actionOptions,
  startTestEmulator,
} from '../__testUtils__/actionContext';
import { exampleInput } from '../__testUtils__/examples';
import {
  createWorkshopDatabase,
  startThrowawayPostgres,
  ThrowawayPostgres,
} from '../__testUtils__/throwawayPostgres';
import { createDataProductPlanAction } from './dataProductPlan';
import { examples } from './dataProductPlan.examples';

describe('confluent:dataproduct:plan examples', () => {
  let emu: ConfluentEmulator;
  let pg: ThrowawayPostgres;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    [emu, pg] = await Promise.all([
      startTestEmulator(),
      startThrowawayPostgres(),
    ]);
    dropDatabase = await createWorkshopDatabase(pg, 'onlinestoredb');
  }, 60_000);

  afterAll(async () => {
    await dropDatabase?.();
    await Promise.all([emu?.stop(), pg?.stop()]);
  }, 60_000);

  it.each(examples)('should handle example: $description', async example => {
    const action = createDataProductPlanAction(
      actionOptions(emu, {
        sinks: {
          'analytics-snowflake': {
            type: 'snowflake',
            url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
            user: 'confluent',
            privateKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCexample',
            role: 'INGEST',
            database: 'ANALYTICS',
            schema: 'PUBLIC',
          },
        },
      }),
    );
    const input = exampleInput(action, example) as any;
    // The example's database, on this test's server.
    input.source.database = {
      ...input.source.database,
      hostname: pg.host,
      port: pg.port,
      sslMode: 'disable',
    };
    const { ctx, outputs } = actionContext({
      input,
      secrets: { dbPassword: 'example-password' },
    });
    await action.handler(ctx);
    expect(outputs.ready).toBe(true);
  });
});

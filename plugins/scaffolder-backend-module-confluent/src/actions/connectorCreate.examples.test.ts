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
import { createConnectorCreateAction } from './connectorCreate';
import { examples } from './connectorCreate.examples';

describe('confluent:connector:create examples', () => {
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
    const input = exampleInput(
      createConnectorCreateAction(actionOptions(emu)),
      example,
    );
    const action = createConnectorCreateAction(
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
    // A CDC source reads its database: point it at this test's server.
    const source = input.source as any;
    if (source) {
      source.database = {
        ...source.database,
        hostname: pg.host,
        port: pg.port,
        sslMode: 'disable',
      };
    }
    const { ctx, outputs } = actionContext({
      input,
      secrets: { dbPassword: 'example-password' },
    });
    await action.handler(ctx);
    expect(outputs).toMatchObject({ action: 'create', state: 'RUNNING' });
  });
});

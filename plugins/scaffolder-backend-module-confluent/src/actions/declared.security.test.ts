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
import { BUSINESS_METADATA_DECLARED } from '@shiftleft/plugin-confluent-common';
import {
  declareConnector,
  declareStatement,
} from '@shiftleft/plugin-confluent-node';
import {
  actionContext,
  actionOptions,
  EmulatorAndDatabase,
  startEmulatorAndDatabase,
} from '../__testUtils__/actionContext';
import { createConfluentConnectorCreateAction } from './connectorCreate';

/*
 * The declared fingerprint is readable by anyone who can read Stream
 * Catalog: it must never hold a secret, whatever key the secret sits under.
 */

const DB_PASSWORD = 'db-pass-secure-9d2f7a';

describe('declared fingerprints hold no secrets', () => {
  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('declsec');
    emu = env.emu;
  }, 60_000);

  afterAll(() => env?.stop(), 60_000);

  it("records a CDC source's config in Stream Catalog without its password", async () => {
    const options = actionOptions(emu);
    await createConfluentConnectorCreateAction(options).handler(
      actionContext({
        input: {
          name: 'secsrc',
          type: 'postgres-cdc-source',
          owner: 'group:default/customer-data-team',
          source: {
            database: {
              hostname: env.pg.host,
              port: env.pg.port,
              name: 'declsec',
              user: env.pg.user,
              passwordSecret: 'dbPassword',
              sslMode: 'disable',
            },
            tables: ['customers'],
            topicPrefix: 'secsrc',
          },
        },
        secrets: { dbPassword: DB_PASSWORD },
      }).ctx,
    );
    const catalog = options.client.catalog(emu.ids.environmentId);
    const stored = await catalog.getBusinessMetadata(
      'kafka_topic',
      catalog.topicQualifiedName(
        emu.ids.kafkaClusterId,
        'secsrc.public.customers',
      ),
    );
    const text = JSON.stringify(
      stored.find(bm => bm.typeName === BUSINESS_METADATA_DECLARED),
    );
    expect(text).toContain('secsrc');
    expect(text).not.toContain(DB_PASSWORD);
    expect(text).not.toContain('database.password"');
  });

  it('leaves out secret keys, secret-looking keys, masks and placeholders', () => {
    const connector = declareConnector({
      name: 'c',
      environmentId: 'env-1',
      kafkaClusterId: 'lkc-1',
      config: {
        'connection.user': 'ingest',
        'connection.password': 'pw-1234',
        'snowflake.private.key': 'MIIEvQIBADANBgkq',
        'snowflake.private.key.passphrase': 'phrase-99',
        'custom.secret.field': 'named-secret-1',
        'oauth.token': 'tok-abcdef',
        'kafka.api.secret': '****************',
        'some.field': '<secret secrets.other>',
        'handled.elsewhere': 'listed-secret-7',
        'kafka.endpoint': 'SASL_SSL://x',
      },
      secretKeys: ['handled.elsewhere'],
    });
    expect(connector.config).toEqual({ 'connection.user': 'ingest' });
    const statement = declareStatement({
      name: 's',
      environmentId: 'env-1',
      sql: 'INSERT INTO a SELECT * FROM b',
      properties: {
        'sql.state-ttl': '1 DAYS',
        'sql.secrets.openaikey': 'sk-secret-0001',
      },
    });
    expect(statement.properties).toEqual({ 'sql.state-ttl': '1 DAYS' });
    const text = JSON.stringify([connector, statement]);
    for (const secret of [
      'pw-1234',
      'MIIEvQIBADANBgkq',
      'phrase-99',
      'named-secret-1',
      'tok-abcdef',
      'listed-secret-7',
      'sk-secret-0001',
      'INSERT INTO',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

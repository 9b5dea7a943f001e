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
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_DRIFT,
  ANNOTATION_CONFLUENT_DRIFT_SUMMARY,
  ANNOTATION_CONFLUENT_STATEMENT,
  DeclaredFingerprint,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  declareConnector,
  DeclaredFingerprints,
  declareStatement,
} from '@shiftleft/plugin-confluent-node';
import { makeProvider } from '../__testUtils__/harness';

jest.setTimeout(60_000);

const STATEMENT = 'enriched-customer-materializer';
const CONNECTOR = 'shiftleft-postgres-cdc-source';

describe('ConfluentEntityProvider and drift', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());

  async function record(
    client: ConfluentClient,
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

  it('marks declared resources in sync or drifted, and leaves undeclared ones unmarked', async () => {
    const { provider, client } = makeProvider(emu);
    const { environmentId, kafkaClusterId } = emu.ids;
    const before = await provider.read();
    const statementOf = (entities: typeof before.entities) =>
      entities.find(
        e =>
          e.kind === 'Component' &&
          e.metadata.annotations?.[ANNOTATION_CONFLUENT_STATEMENT] ===
            STATEMENT,
      )!;
    const connectorOf = (entities: typeof before.entities) =>
      entities.find(
        e =>
          e.kind === 'Component' &&
          e.metadata.annotations?.[ANNOTATION_CONFLUENT_CONNECTOR] ===
            CONNECTOR,
      )!;
    expect(
      statementOf(before.entities).metadata.annotations?.[
        ANNOTATION_CONFLUENT_DRIFT
      ],
    ).toBeUndefined();

    const live = await client.flink(environmentId).getStatement(STATEMENT);
    await record(
      client,
      'enriched_customers',
      declareStatement({
        name: STATEMENT,
        environmentId,
        sql: live.spec.statement,
        properties: live.spec.properties ?? {},
        created: live,
      }),
    );
    const config = await client
      .connect(environmentId, kafkaClusterId)
      .getConnectorConfig(CONNECTOR);
    // Declared with a masking SMT the running connector no longer has.
    await record(
      client,
      'shiftleft.public.customers',
      declareConnector({
        name: CONNECTOR,
        environmentId,
        kafkaClusterId,
        config: {
          ...config,
          transforms: [config.transforms, 'maskEmail']
            .filter(Boolean)
            .join(','),
          'transforms.maskEmail.type':
            'org.apache.kafka.connect.transforms.MaskField$Value',
          'transforms.maskEmail.fields': 'email',
        },
        secretKeys: [],
      }),
    );

    const after = await provider.read();
    expect(
      statementOf(after.entities).metadata.annotations?.[
        ANNOTATION_CONFLUENT_DRIFT
      ],
    ).toBe('in-sync');
    // The data product the statement produces is in sync too; the CDC
    // topic the connector produces carries the connector's drift.
    const api = (name: string) =>
      after.entities.find(e => e.kind === 'API' && e.metadata.name === name)!
        .metadata.annotations!;
    expect(api('enriched_customers')[ANNOTATION_CONFLUENT_DRIFT]).toBe(
      'in-sync',
    );
    expect(api('shiftleft.public.customers')).toMatchObject({
      [ANNOTATION_CONFLUENT_DRIFT]: 'drifted',
      [ANNOTATION_CONFLUENT_DRIFT_SUMMARY]: `${CONNECTOR}: SMT maskEmail (org.apache.kafka.connect.transforms.MaskField$Value) was removed from the connector`,
    });
    const connector = connectorOf(after.entities).metadata.annotations!;
    expect(connector[ANNOTATION_CONFLUENT_DRIFT]).toBe('drifted');
    expect(connector[ANNOTATION_CONFLUENT_DRIFT_SUMMARY]).toBe(
      'SMT maskEmail (org.apache.kafka.connect.transforms.MaskField$Value) was removed from the connector',
    );
  });
});

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
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { readDataProductLineage } from '@shiftleft/plugin-confluent-common';
import { makeProvider } from '../__testUtils__/harness';

jest.setTimeout(60_000);

/*
 * Issue 15: the catalog reads value schemas with the schema card's
 * flatteners, so a field tagged PII in a Protobuf schema (Confluent's
 * `confluent.field_meta` option) is personal data in the catalog too, as it
 * is for Avro and JSON Schema.
 */
describe('ConfluentEntityProvider with a Protobuf value schema', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  it('marks the PII-tagged fields of a Protobuf-schema topic in its entity', async () => {
    const { provider, client } = makeProvider(emu, {
      provider: { piiTags: ['pii'] },
    });
    const env = emu.ids.environmentId;
    await client
      .kafka(env, emu.ids.kafkaClusterId)
      .createTopic({ name: 'loyalty.members' });
    // `shiftleft/tiers.proto` is another subject: the catalog does not fetch
    // references, so its type is read as a leaf rather than rejected.
    await client.schemaRegistry(env).registerSchema('loyalty.members-value', {
      schemaType: 'PROTOBUF',
      schema: `syntax = "proto3";
package shiftleft.loyalty;

import "shiftleft/tiers.proto";

message Member {
  int64 id = 1;
  string email = 2 [(confluent.field_meta) = { tags: ["PII"] }];
  Address home = 3;
  repeated string phones = 4 [(confluent.field_meta).tags = "PII"];
  shiftleft.tiers.Tier tier = 5;

  message Address {
    string street = 1 [(confluent.field_meta) = { tags: ["PII"] }];
    string country = 2;
  }
}
`,
    });

    const { entities } = await provider.read();
    const entity = entities.find(
      (e: Entity) => stringifyEntityRef(e) === 'api:default/loyalty.members',
    );
    expect(entity).toBeDefined();
    const lineage = readDataProductLineage(entity!)!;
    expect(
      lineage.pii.map(p => [p.column, p.field, p.status, p.chain[0].how]),
    ).toEqual([
      ['email', undefined, 'pii', 'schema-tag'],
      ['home', 'street', 'pii', 'schema-tag'],
      ['phones', undefined, 'pii', 'schema-tag'],
    ]);
    expect(lineage.pii[0].chain[0].detail).toMatch(
      /^Tagged PII in the value schema loyalty\.members-value \(version 1\)/,
    );
    expect(entity!.metadata.tags).toEqual(['pii']);
    // The definition is shown as written.
    expect(entity!.spec!.definition).toContain('message Member {');
  });
});

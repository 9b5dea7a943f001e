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
import { mockServices } from '@backstage/backend-test-utils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  ConfluentClient,
  FLATTEN_LIMITS,
} from '@shiftleft/plugin-confluent-node';
import { topicEntity } from '../__testUtils__/fixtures';
import { SchemaService } from './SchemaService';

/*
 * Issue 18.4: a 1.6 KB Avro schema whose named types each use the next
 * one twice expanded to 786,430 fields and one Stream Catalog request per
 * field. The schema card now lists at most FLATTEN_LIMITS.maxFields and
 * asks Stream Catalog once per field the schema declares.
 */
describe('SchemaService on a hostile schema', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu?.stop());

  it('bounds the fields and asks Stream Catalog once per declared field', async () => {
    const levels = 20;
    const type = (i: number): unknown =>
      i === levels
        ? 'string'
        : {
            type: 'record',
            name: `T${i}`,
            fields: [
              { name: 'a', type: type(i + 1) },
              { name: 'b', type: i + 1 === levels ? 'string' : `T${i + 1}` },
            ],
          };
    const client = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
    const env = emu.ids.environmentId;
    await client.schemaRegistry(env).registerSchema('doubling-value', {
      schemaType: 'AVRO',
      schema: JSON.stringify(type(0)),
    });
    const getTags = jest.spyOn(client.catalog(env), 'getTags');
    const service = new SchemaService({
      client,
      cacheMs: 0,
      logger: mockServices.logger.mock(),
    });

    const schema = await service.entitySchema(
      topicEntity(emu, 'doubling', 'doubling-value'),
    );

    expect(schema.fields).toHaveLength(FLATTEN_LIMITS.maxFields);
    expect(schema.truncated).toBe(true);
    // Two fields (a, b) declared by each of the 20 record types.
    expect(getTags).toHaveBeenCalled();
    expect(getTags.mock.calls.length).toBeLessThanOrEqual(2 * levels);
    expect(new Set(getTags.mock.calls.map(c => c[1])).size).toBe(
      getTags.mock.calls.length,
    );
  });
});

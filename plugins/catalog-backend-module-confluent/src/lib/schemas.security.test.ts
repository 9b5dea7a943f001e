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
import { FLATTEN_LIMITS, Schema } from '@shiftleft/plugin-confluent-node';
import { readSchema } from './schemas';

/*
 * Issue 18.4: the catalog provider reads every registered schema; one
 * nested deeper or wider than any real one is read up to the flattening
 * limits, like the schema card's.
 */
const registered = (schemaType: 'AVRO' | 'JSON', schema: unknown): Schema =>
  ({
    subject: 'hostile-value',
    version: 1,
    id: 1,
    schemaType,
    schema: JSON.stringify(schema),
    references: [],
    metadata: {},
  } as unknown as Schema);

describe('readSchema bounds', () => {
  it('stops descending nested Avro records at the depth limit', () => {
    let type: unknown = 'string';
    for (let i = 200; i > 0; i--) {
      type = { type: 'record', name: `R${i}`, fields: [{ name: 'f', type }] };
    }
    const read = readSchema(registered('AVRO', type));
    expect(read.fields).toHaveLength(FLATTEN_LIMITS.maxDepth);
  });

  it('lists at most the field limit of a wide JSON Schema', () => {
    const properties = Object.fromEntries(
      Array.from({ length: FLATTEN_LIMITS.maxFields + 100 }, (_, i) => [
        `c${i}`,
        { type: 'string' },
      ]),
    );
    const read = readSchema(registered('JSON', { type: 'object', properties }));
    expect(read.fields).toHaveLength(FLATTEN_LIMITS.maxFields);
    expect(read.columns[0]).toBe('c0');
  });
});

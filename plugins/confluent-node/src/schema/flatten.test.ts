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
import { flattenAvro } from './flattenAvro';
import { flattenJsonSchema } from './flattenJsonSchema';
import { flattenProtobuf } from './flattenProtobuf';

// The registry-backed cases are in ../schema.test.ts; these are the edges a
// registry would not normally hold.
describe('schema flattening edges', () => {
  it('lists a self-referencing Avro record once instead of expanding it forever', () => {
    const flat = flattenAvro(
      JSON.stringify({
        type: 'record',
        name: 'Node',
        fields: [
          { name: 'value', type: 'long' },
          { name: 'next', type: ['null', 'Node'], default: null },
          { name: 'children', type: { type: 'array', items: 'Node' } },
        ],
      }),
    );
    expect(flat.fields.map(f => [f.path, f.type, f.hasChildren])).toEqual([
      ['value', 'long', false],
      ['next', 'record Node', false],
      ['children', 'array<record Node>', false],
    ]);
  });

  it('expands records inside arrays and maps with [] and {} in the path', () => {
    const item = {
      type: 'record',
      name: 'Item',
      fields: [{ name: 'sku', type: 'string', 'confluent:tags': 'PII' }],
    };
    const flat = flattenAvro(
      JSON.stringify({
        type: 'record',
        name: 'Order',
        fields: [
          { name: 'items', type: { type: 'array', items: item } },
          { name: 'byId', type: { type: 'map', values: 'Item' } },
        ],
      }),
    );
    expect(flat.fields.map(f => f.path)).toEqual([
      'items',
      'items[].sku',
      'byId',
      'byId{}.sku',
    ]);
    expect(flat.fields[1].tags).toEqual(['PII']);
    expect(flat.fields[1].recordFullName).toBe('Item');
  });

  it('shows a bare value type as one field', () => {
    expect(flattenAvro('"string"').fields).toEqual([
      expect.objectContaining({ path: 'value', type: 'string' }),
    ]);
    expect(flattenJsonSchema('{"type":"string"}').fields).toEqual([
      expect.objectContaining({ path: 'value', type: 'string' }),
    ]);
  });

  it('rejects schemas the parsers reject, with a clear error', () => {
    expect(() => flattenAvro('{"type":"record","name":"X"}')).toThrow(
      /^Invalid Avro schema: /,
    );
    expect(() => flattenAvro('{not json')).toThrow(/^Invalid Avro schema: /);
    expect(() =>
      flattenAvro(
        '{"type":"record","name":"X","fields":[{"name":"a","type":"Missing"}]}',
      ),
    ).toThrow(/Missing/);
    expect(() => flattenJsonSchema('[]')).toThrow(
      'Invalid JSON Schema: the schema is not an object',
    );
    expect(() =>
      flattenJsonSchema(
        '{"type":"object","properties":{"a":{"$ref":"#/definitions/Nope"}}}',
      ),
    ).toThrow(
      'Invalid JSON Schema: $ref #/definitions/Nope resolves to nothing',
    );
    expect(() =>
      flattenJsonSchema(
        '{"type":"object","properties":{"a":{"$ref":"other.json"}}}',
      ),
    ).toThrow(
      'Invalid JSON Schema: $ref other.json names no registered reference',
    );
    expect(() => flattenProtobuf('syntax = "proto3"; message {')).toThrow(
      /^Invalid Protobuf schema: /,
    );
    expect(() =>
      flattenProtobuf('syntax = "proto3"; enum E { A = 0; }'),
    ).toThrow('Invalid Protobuf schema: the schema declares no message');
    expect(() =>
      flattenProtobuf('syntax = "proto3"; message M { Missing m = 1; }'),
    ).toThrow(/^Invalid Protobuf schema: .*Missing/);
  });

  it('reads proto2 presence: optional fields nullable, required ones not', () => {
    const flat = flattenProtobuf(`syntax = "proto2";
message M { required int32 id = 1; optional string note = 2; repeated int32 xs = 3; }`);
    expect(flat.fields.map(f => [f.path, f.nullable])).toEqual([
      ['id', false],
      ['note', true],
      ['xs', false],
    ]);
  });
});

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

/*
 * The options the catalog provider reads with (issue 15): it does not fetch
 * a subject's references, and its columns stop at arrays and maps.
 */
const CATALOG = { tolerateUnresolved: true, expandCollections: false };

describe('schema flattening options', () => {
  const order = {
    type: 'record',
    name: 'Order',
    namespace: 'shop',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'customer', type: 'shop.common.Customer' },
      {
        name: 'items',
        type: {
          type: 'array',
          items: {
            type: 'record',
            name: 'Item',
            fields: [{ name: 'sku', type: 'string' }],
          },
        },
      },
      {
        name: 'shipping',
        type: [
          'null',
          {
            type: 'record',
            name: 'Address',
            fields: [
              { name: 'street', type: 'string', 'confluent:tags': ['PII'] },
            ],
          },
        ],
      },
    ],
  };

  it('rejects an Avro type no reference defines unless told to tolerate it', () => {
    expect(() => flattenAvro(JSON.stringify(order))).toThrow(
      /Invalid Avro schema: .*shop\.common\.Customer/,
    );
    const flat = flattenAvro(JSON.stringify(order), [], CATALOG);
    expect(flat.fields.map(f => [f.path, f.type, f.tags])).toEqual([
      ['id', 'long', []],
      ['customer', 'shop.common.Customer (unresolved)', []],
      ['items', 'array<record Item>', []],
      ['shipping', 'record Address', []],
      ['shipping.street', 'string', ['PII']],
    ]);
  });

  it('still expands arrays and maps by default', () => {
    const flat = flattenAvro(JSON.stringify(order), [], {
      tolerateUnresolved: true,
    });
    expect(flat.fields.map(f => f.path)).toContain('items[].sku');
  });

  it('reads a JSON Schema $ref to a document not passed as a leaf when tolerated', () => {
    const schema = JSON.stringify({
      type: 'object',
      properties: {
        customer: { $ref: 'customer.json' },
        tags: {
          type: 'array',
          items: { type: 'object', properties: { a: {} } },
        },
      },
    });
    expect(() => flattenJsonSchema(schema)).toThrow(
      /names no registered reference/,
    );
    expect(
      flattenJsonSchema(schema, [], CATALOG).fields.map(f => [f.path, f.type]),
    ).toEqual([
      ['customer', 'customer.json (unresolved)'],
      ['tags', 'array<object>'],
    ]);
  });

  it('reads a Protobuf field of an unimported type as a leaf when tolerated', () => {
    const schema = `syntax = "proto3";
import "shared/money.proto";
message Payment {
  shared.Money amount = 1;
  repeated Line lines = 2;
  message Line { string sku = 1 [(confluent.field_meta).tags = "PII"]; }
}
`;
    expect(() => flattenProtobuf(schema)).toThrow(/Invalid Protobuf schema/);
    expect(
      flattenProtobuf(schema, [], CATALOG).fields.map(f => [f.path, f.type]),
    ).toEqual([
      ['amount', 'shared.Money'],
      ['lines', 'repeated message Line'],
    ]);
    expect(
      flattenProtobuf(schema, [], { tolerateUnresolved: true }).fields.map(
        f => [f.path, f.tags],
      ),
    ).toContainEqual(['lines[].sku', ['PII']]);
  });

  it('says when the value is not a record', () => {
    expect(flattenAvro('"string"').bareValue).toBe(true);
    expect(flattenAvro(JSON.stringify(order), [], CATALOG).bareValue).toBe(
      undefined,
    );
  });
});

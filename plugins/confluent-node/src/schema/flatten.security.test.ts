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
import { FLATTEN_LIMITS } from './types';

/*
 * Issue 18.4: whoever may register a subject decides what the backend
 * flattens. A small schema whose named types each use the next one twice
 * doubles its paths per level (a 1.6 KB one expanded to 786,430 fields);
 * the walk stops at the limits and says so.
 */

const LEVELS = 20;

/** Avro: T0 { a: T1, b: T1 }, T1 { a: T2, b: T2 }, … (T1 defined in a). */
function doublingAvro(): string {
  const type = (i: number): unknown =>
    i === LEVELS
      ? 'string'
      : {
          type: 'record',
          name: `T${i}`,
          fields: [
            { name: 'a', type: type(i + 1) },
            { name: 'b', type: i + 1 === LEVELS ? 'string' : `T${i + 1}` },
          ],
        };
  return JSON.stringify(type(0));
}

function doublingJsonSchema(): string {
  const definitions = Object.fromEntries(
    Array.from({ length: LEVELS }, (_, i) => [
      `T${i}`,
      {
        type: 'object',
        properties:
          i + 1 === LEVELS
            ? { a: { type: 'string' }, b: { type: 'string' } }
            : {
                a: { $ref: `#/definitions/T${i + 1}` },
                b: { $ref: `#/definitions/T${i + 1}` },
              },
      },
    ]),
  );
  return JSON.stringify({ $ref: '#/definitions/T0', definitions });
}

function doublingProtobuf(): string {
  const messages = Array.from({ length: LEVELS }, (_, i) =>
    i + 1 === LEVELS
      ? `message T${i} { string a = 1; string b = 2; }`
      : `message T${i} { T${i + 1} a = 1; T${i + 1} b = 2; }`,
  );
  return `syntax = "proto3";\npackage x;\n${messages.join('\n')}\n`;
}

describe('schema flattening is bounded', () => {
  it.each([
    ['Avro', () => flattenAvro(doublingAvro())],
    ['JSON Schema', () => flattenJsonSchema(doublingJsonSchema())],
    ['Protobuf', () => flattenProtobuf(doublingProtobuf())],
  ])(
    'stops a %s schema that doubles per level at the field limit',
    (_, flatten) => {
      const flat = flatten();
      // Unbounded, this schema has 2^21 - 2 field paths.
      expect(flat.fields).toHaveLength(FLATTEN_LIMITS.maxFields);
      expect(flat.truncated).toBe(true);
    },
  );

  it('lists a self-referencing record once per path and stops there', () => {
    const flat = flattenAvro(
      JSON.stringify({
        type: 'record',
        name: 'Node',
        fields: [
          { name: 'value', type: 'string' },
          { name: 'next', type: ['null', 'Node'] },
          { name: 'children', type: { type: 'array', items: 'Node' } },
        ],
      }),
    );
    expect(flat.fields.map(f => [f.path, f.hasChildren])).toEqual([
      ['value', false],
      ['next', false],
      ['children', false],
    ]);
    expect(flat.truncated).toBeUndefined();
  });

  it('stops at the depth limit', () => {
    let type: unknown = 'string';
    for (let i = 100; i > 0; i--) {
      type = { type: 'record', name: `R${i}`, fields: [{ name: 'f', type }] };
    }
    const flat = flattenAvro(JSON.stringify(type));
    expect(Math.max(...flat.fields.map(f => f.depth))).toBe(
      FLATTEN_LIMITS.maxDepth - 1,
    );
    expect(flat.fields.at(-1)!.hasChildren).toBe(false);
    expect(flat.truncated).toBe(true);
  });

  it('leaves an ordinary schema whole', () => {
    const flat = flattenAvro(
      JSON.stringify({
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'id', type: 'int' },
          {
            name: 'address',
            type: {
              type: 'record',
              name: 'Address',
              fields: [{ name: 'city', type: 'string' }],
            },
          },
          { name: 'billing', type: 'Address' },
        ],
      }),
    );
    expect(flat.fields.map(f => f.path)).toEqual([
      'id',
      'address',
      'address.city',
      'billing',
      'billing.city',
    ]);
    expect(flat.truncated).toBeUndefined();
  });
});

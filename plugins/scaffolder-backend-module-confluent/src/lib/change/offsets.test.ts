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
import { offsetsBehind, parseOffsets } from './offsets';

describe('caught-up offsets', () => {
  it("reads Confluent's latest_offsets format", () => {
    expect([
      ...parseOffsets('partition:0,offset:100;partition:1,offset:200'),
    ]).toEqual([
      [0, 100],
      [1, 200],
    ]);
    expect(parseOffsets('')).toEqual(new Map());
  });

  it('lists the partitions where the new statement is behind the old one', () => {
    const old = { orders: 'partition:0,offset:100;partition:1,offset:200' };
    expect(
      offsetsBehind(
        { orders: 'partition:0,offset:100;partition:1,offset:150' },
        old,
      ),
    ).toEqual(['orders[1]: 150 < 200']);
    expect(offsetsBehind({}, old)).toEqual([
      'orders[0]: none < 100',
      'orders[1]: none < 200',
    ]);
    expect(
      offsetsBehind(
        { orders: 'partition:0,offset:120;partition:1,offset:200' },
        old,
      ),
    ).toEqual([]);
    // Nothing reported by the old statement: nothing to wait for.
    expect(offsetsBehind(undefined, undefined)).toEqual([]);
  });
});

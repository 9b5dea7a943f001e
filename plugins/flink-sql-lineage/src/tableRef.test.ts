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
import {
  formatTableRef,
  quoteFlinkIdentifier,
  tableRefEquals,
  tableRefKey,
} from './tableRef';

describe('formatTableRef', () => {
  it('backticks only the parts that need it', () => {
    expect(formatTableRef({ table: 'orders' })).toBe('orders');
    expect(formatTableRef({ table: 'shiftleft.public.customers' })).toBe(
      '`shiftleft.public.customers`',
    );
    expect(
      formatTableRef({ catalog: 'my env', database: 'lkc-1', table: 'orders' }),
    ).toBe('`my env`.`lkc-1`.orders');
    expect(formatTableRef({ database: 'db', table: 'order' })).toBe(
      'db.`order`',
    );
    expect(formatTableRef({ table: 'we`ird' })).toBe('`we``ird`');
  });

  it('quotes identifiers that start with a digit or a dollar sign', () => {
    expect(quoteFlinkIdentifier('1st')).toBe('`1st`');
    expect(quoteFlinkIdentifier('$rowtime')).toBe('`$rowtime`');
    expect(quoteFlinkIdentifier('Customer_Id')).toBe('Customer_Id');
  });
});

describe('tableRefKey', () => {
  it('distinguishes one dotted table from a qualified name', () => {
    const dotted = { table: 'a.b.c' };
    const qualified = { catalog: 'a', database: 'b', table: 'c' };
    expect(tableRefKey(dotted)).not.toBe(tableRefKey(qualified));
    expect(tableRefEquals(dotted, { table: 'a.b.c' })).toBe(true);
    expect(
      tableRefEquals(qualified, { catalog: 'a', database: 'b', table: 'c' }),
    ).toBe(true);
  });

  it('is case-sensitive, as Flink identifiers are', () => {
    expect(tableRefEquals({ table: 'Orders' }, { table: 'orders' })).toBe(
      false,
    );
  });
});

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
import { validateFlinkSql } from './validate';

describe('validateFlinkSql', () => {
  it('tells what valid SQL reads and writes, with the placeholder kept in its backticks', () => {
    expect(
      validateFlinkSql(
        'CREATE TABLE `${product}.products_with_pk` (PRIMARY KEY (productid) NOT ENFORCED)\nAS SELECT productid, brand FROM `${product}.public.products`;',
      ),
    ).toEqual({
      problems: [],
      kind: 'CREATE_TABLE_AS',
      sources: ['`${product}.public.products`'],
      sinks: ['`${product}.products_with_pk`'],
    });
  });

  it('locates a syntax error at its line and column', () => {
    const result = validateFlinkSql(
      'SELECT customerid,\n  customername\nFROM `shop.customers` WHERE WHERE 1 = 1',
    );
    expect(result.problems).toEqual([
      { line: 3, column: 29, message: expect.stringContaining("'WHERE'") },
    ]);
    expect(result.kind).toBeUndefined();
  });

  it('reports a problem the parser cannot locate at the start', () => {
    expect(validateFlinkSql('  ').problems).toEqual([
      {
        line: 1,
        column: 1,
        message: 'Invalid Flink SQL: the statement is empty',
      },
    ]);
  });
});

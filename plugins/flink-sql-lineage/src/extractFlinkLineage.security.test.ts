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
import { extractFlinkLineage } from './extractFlinkLineage';
import { errorOf } from './__testUtils__/lineageAssertions';

describe('extractFlinkLineage on hostile input', () => {
  it('rejects SQL over the size limit before parsing it, and takes a configured limit', () => {
    const columns = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    const oneMegabyte = `SELECT ${columns.join(', ')}, ${'x'.repeat(
      1_048_576,
    )} FROM t`;
    expect(errorOf(oneMegabyte)).toMatch(
      /^Flink SQL is too long: \d+ characters, at most 262144 are accepted$/,
    );
    const sql = 'SELECT customer_id, email FROM customers';
    expect(errorOf(sql, { maxLength: 20 })).toBe(
      `Flink SQL is too long: ${sql.length} characters, at most 20 are accepted`,
    );
    expect(extractFlinkLineage(sql, { maxLength: sql.length }).kind).toBe(
      'SELECT',
    );
  });

  it('rejects 10,000 nested parentheses, CASE expressions or subqueries at the first level too deep', () => {
    const parentheses = `SELECT ${'('.repeat(10_000)}a${')'.repeat(
      10_000,
    )} AS x FROM t`;
    expect(errorOf(parentheses)).toBe(
      'Invalid Flink SQL at line 1, column 72: nested more than 64 levels deep (parentheses, brackets and CASE)',
    );
    const cases = `SELECT\n${'CASE WHEN a > 0 THEN '.repeat(
      10_000,
    )}1${' END'.repeat(10_000)} AS x FROM t`;
    expect(errorOf(cases)).toMatch(
      /^Invalid Flink SQL at line 2, column 1345: nested more than 64 levels deep/,
    );
    const subqueries = `SELECT a FROM ${'(SELECT a FROM '.repeat(
      10_000,
    )}t${') s'.repeat(10_000)}`;
    expect(errorOf(subqueries)).toMatch(/nested more than 64 levels deep/);
    expect(
      errorOf(`SELECT ((((a)))) AS x FROM t`, { maxNestingDepth: 3 }),
    ).toMatch(/line 1, column 11: nested more than 3 levels deep/);
  });

  it('stops a statement that exceeds its work budget with a clear error', () => {
    // A sum of 20,000 terms: the parser's prediction is quadratic on it.
    const sql = `SELECT ${Array.from({ length: 20_000 }, () => 'amount').join(
      ' + ',
    )} AS total FROM t`;
    expect(errorOf(sql)).toBe(
      'Flink SQL is too complex to analyse: it needs more than 5000000 parser steps',
    );
    expect(
      errorOf('SELECT a + b + c AS total FROM t', { maxWorkSteps: 20 }),
    ).toBe(
      'Flink SQL is too complex to analyse: it needs more than 20 parser steps',
    );
    // The budget is per statement: the next one runs normally.
    expect(
      extractFlinkLineage('SELECT amount FROM t').resultColumns,
    ).toHaveLength(1);
  });

  it('rejects input that is not a string', () => {
    expect(errorOf(42 as unknown as string)).toBe('Flink SQL must be a string');
  });
});

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

describe('invalid SQL that error recovery used to let through', () => {
  it('rejects a missing comma between two qualified columns, at the second', () => {
    expect(
      errorOf(
        'SELECT p.name c.email FROM people p JOIN contacts c ON p.id = c.person_id',
      ),
    ).toBe(
      "Invalid Flink SQL at line 1, column 15: unexpected 'c', expected ',' or AS before it",
    );
    // Signed terms after a column are arithmetic, not a missing comma.
    const lineage = extractFlinkLineage(
      'SELECT price -1 AS a, price +tax AS b FROM items',
    );
    expect(lineage.resultColumns!.map(c => c.expression)).toEqual([
      'price -1',
      'price +tax',
    ]);
    // Nor is a call of a function whose name the grammar lexes as a keyword.
    const call = extractFlinkLineage(
      'SELECT id, TO_CHANGELOG(payload) AS changes FROM t',
    );
    expect(
      call.resultColumns!.map(c => [c.column, c.sources.map(s => s.column)]),
    ).toEqual([
      ['id', ['id']],
      ['changes', ['payload']],
    ]);
  });

  it('rejects a stray AND and FOR SYSTEM TIME AS OF with line and column', () => {
    expect(errorOf('SELECT a FROM t\nWHERE AND a > 1')).toBe(
      "Invalid Flink SQL at line 2, column 7: unexpected 'AND'",
    );
    expect(errorOf('SELECT a FROM t WHERE a > 1 AND AND b < 2')).toMatch(
      /^Invalid Flink SQL at line 1, column 33: unexpected 'AND'/,
    );
    expect(errorOf('SELECT a FROM t JOIN u ON t.id = u.id AND')).toMatch(
      /^Invalid Flink SQL at line 1, column 42: unexpected end of statement/,
    );
    expect(
      errorOf(
        'SELECT o.id FROM orders o JOIN rates FOR SYSTEM TIME AS OF o.ts AS r ON o.cur = r.cur',
      ),
    ).toMatch(/^Invalid Flink SQL at line 1, column 42: unexpected 'SYSTEM'/);
  });

  it('names the line of the second statement when a submission holds several', () => {
    expect(
      errorOf(
        "SET 'client.statement-name' = 'x';\nINSERT INTO a SELECT v FROM s;\n\n  INSERT INTO b SELECT v FROM s;",
      ),
    ).toMatch(
      /^Invalid Flink SQL at line 4, column 3: only one statement is allowed/,
    );
    expect(
      errorOf('CREATE MATERIALIZED TABLE m AS SELECT v FROM s;\nSELECT 1'),
    ).toMatch(/^Invalid Flink SQL at line 2, column 1: only one statement/);
  });
});

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
import { diffCounts, sqlLineDiff } from './sqlDiff';

describe('sqlLineDiff', () => {
  const lines = (n: number) =>
    Array.from({ length: n }, (_, i) => `  col_${i},`).join('\n');

  it('folds long unchanged runs, keeping two lines around each change', () => {
    const before = `SELECT\n${lines(20)}\n  last\nFROM t`;
    const after = before.replace('  col_10,', '  col_10_renamed,');
    const diff = sqlLineDiff(before, after);
    expect(diff).toEqual([
      { kind: 'skipped', count: 9 },
      { kind: 'same', text: '  col_8,' },
      { kind: 'same', text: '  col_9,' },
      { kind: 'removed', text: '  col_10,' },
      { kind: 'added', text: '  col_10_renamed,' },
      { kind: 'same', text: '  col_11,' },
      { kind: 'same', text: '  col_12,' },
      { kind: 'skipped', count: 9 },
    ]);
    expect(diffCounts(diff)).toEqual({ added: 1, removed: 1 });
  });

  it('ignores line endings, trailing blanks, a final semicolon and surrounding blank lines', () => {
    const diff = sqlLineDiff('SELECT a\r\nFROM t;  \n', '\nSELECT a\nFROM t');
    expect(diffCounts(diff)).toEqual({ added: 0, removed: 0 });
  });
});

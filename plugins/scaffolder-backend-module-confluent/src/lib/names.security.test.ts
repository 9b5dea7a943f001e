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
import { isSafe } from 'redos-detector';
import * as names from './names';
import { ALLOWED_HOST_PATTERN, HOST_NAME_PATTERN } from './network';

/*
 * Issue 13: the regexes that validate what a user types match in linear
 * time. redos-detector proves each free of backtracking blow-ups, so a
 * pattern edited into an ambiguous one fails here, not in production.
 */
describe('name validation patterns', () => {
  const patterns = Object.entries({
    ...names,
    HOST_NAME_PATTERN,
    ALLOWED_HOST_PATTERN,
  }).filter((e): e is [string, RegExp] => e[1] instanceof RegExp);

  it('covers every exported pattern', () => {
    expect(patterns.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'STATEMENT_NAME_PATTERN',
        'TOPIC_NAME_PATTERN',
        'CONNECTOR_NAME_PATTERN',
        'PRODUCT_NAME_PATTERN',
        'PG_IDENTIFIER_PATTERN',
        'LABEL_VALUE_PATTERN',
        'HOST_NAME_PATTERN',
      ]),
    );
  });

  it.each(patterns)('%s cannot backtrack catastrophically', (_, pattern) => {
    expect(isSafe(pattern)).toEqual(expect.objectContaining({ safe: true }));
  });

  it('quotes at most 80 characters of a name in an error', () => {
    const [problem] = names.topicNameProblems(`${'x'.repeat(100_000)}!`);
    expect(problem).toBe(
      `'${'x'.repeat(
        80,
      )}…' is not a valid topic name: use letters, digits, '.', '_' and '-' (at most 249)`,
    );
  });
});

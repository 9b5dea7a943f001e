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
import { ConfigReader } from '@backstage/config';
import { readSuspectedPiiMatcher } from './piiDiscovery';

describe('readSuspectedPiiMatcher', () => {
  it('uses the built-in patterns when confluent.pii is absent', () => {
    const matcher = readSuspectedPiiMatcher(new ConfigReader({}));
    expect(matcher('customer_name')).toEqual({ pattern: 'customer_name' });
    expect(matcher('emailed_at_count')).toBeUndefined();
  });

  it('reads confluent.pii.suspectedPatterns and ignoredSuffixes', () => {
    const matcher = readSuspectedPiiMatcher(
      new ConfigReader({
        confluent: {
          pii: { suspectedPatterns: ['nickname'], ignoredSuffixes: ['len'] },
        },
      }),
    );
    expect(matcher('NickName')).toEqual({ pattern: 'nickname' });
    expect(matcher('nickname_len')).toBeUndefined();
    expect(matcher('email')).toBeUndefined();
  });

  it('turns discovery off with an empty list', () => {
    const matcher = readSuspectedPiiMatcher(
      new ConfigReader({ confluent: { pii: { suspectedPatterns: [] } } }),
    );
    expect(matcher('email')).toBeUndefined();
  });

  it.each([
    [{ suspectedPatterns: 'email' }, 'confluent.pii.suspectedPatterns'],
    [{ suspectedPatterns: ['--'] }, 'confluent.pii.suspectedPatterns'],
    [{ ignoredSuffixes: [1] }, 'confluent.pii.ignoredSuffixes'],
  ])('names the key of a bad value %j', (pii, key) => {
    expect(() =>
      readSuspectedPiiMatcher(new ConfigReader({ confluent: { pii } })),
    ).toThrow(key);
  });
});

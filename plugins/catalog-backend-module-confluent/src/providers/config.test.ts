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
import { durationToMilliseconds } from '@backstage/types';
import { readProviderConfigs } from './config';

const read = (confluent: Record<string, unknown>) =>
  readProviderConfigs(
    new ConfigReader({ catalog: { providers: { confluent } } } as any),
  );

describe('readProviderConfigs: eventSettleDelay', () => {
  it('defaults to 10 seconds', () => {
    const [entry] = read({ lifecycle: 'production' });
    expect(durationToMilliseconds(entry.eventSettleDelay)).toBe(10_000);
  });

  it('reads a duration object, an ISO 8601 duration or a string', () => {
    const settle = (eventSettleDelay: unknown) =>
      durationToMilliseconds(read({ eventSettleDelay })[0].eventSettleDelay);
    expect(settle({ seconds: 3 })).toBe(3000);
    expect(settle('PT0.5S')).toBe(500);
    expect(settle('20s')).toBe(20_000);
  });

  it('names the key of an invalid value, per entry', () => {
    expect(() =>
      read({ prod: { eventSettleDelay: 'later' }, staging: {} }),
    ).toThrow(
      'catalog.providers.confluent.prod.eventSettleDelay must be a duration',
    );
  });
});

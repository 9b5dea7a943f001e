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
import { ConfluentConsoleLinks } from './links';

describe('ConfluentConsoleLinks', () => {
  const links = new ConfluentConsoleLinks('https://confluent.cloud/');

  it('builds console URLs for each resource', () => {
    expect(links.environment('env-1')).toBe(
      'https://confluent.cloud/environments/env-1/clusters',
    );
    expect(links.kafkaCluster('env-1', 'lkc-1')).toBe(
      'https://confluent.cloud/environments/env-1/clusters/lkc-1',
    );
    expect(links.topic('env-1', 'lkc-1', 'shiftleft.public.customers')).toBe(
      'https://confluent.cloud/environments/env-1/clusters/lkc-1/topics/shiftleft.public.customers/overview',
    );
    expect(links.statement('env-1', 'enriched-customers')).toBe(
      'https://confluent.cloud/environments/env-1/flink/statements/enriched-customers/activity',
    );
    expect(links.computePool('env-1', 'lfcp-1')).toBe(
      'https://confluent.cloud/environments/env-1/flink/pools/lfcp-1/overview',
    );
    expect(links.connector('env-1', 'lkc-1', 'PostgresCdcSource')).toBe(
      'https://confluent.cloud/environments/env-1/clusters/lkc-1/connectors/details/PostgresCdcSource/overview',
    );
    expect(links.schemaSubject('env-1', 'orders-value')).toBe(
      'https://confluent.cloud/environments/env-1/stream-governance/schema-registry/data-contracts/orders-value',
    );
  });

  it('encodes names so they cannot escape their path segment', () => {
    expect(links.topic('env-1', 'lkc-1', 'a/b c?d')).toBe(
      'https://confluent.cloud/environments/env-1/clusters/lkc-1/topics/a%2Fb%20c%3Fd/overview',
    );
  });

  it('defaults to the public console', () => {
    expect(new ConfluentConsoleLinks().environment('env-1')).toBe(
      'https://confluent.cloud/environments/env-1/clusters',
    );
  });
});

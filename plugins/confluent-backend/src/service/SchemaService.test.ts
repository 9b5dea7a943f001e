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
import type { FlatField } from '@shiftleft/plugin-confluent-node';
import { metadataKeyMatches } from './SchemaService';

const field = (path: string, recordFullName?: string): FlatField => ({
  path,
  name: path.split('.').pop()!,
  depth: path.split('.').length - 1,
  type: 'string',
  nullable: false,
  hasChildren: false,
  tags: [],
  ...(recordFullName ? { recordFullName } : {}),
});

// Every form of `metadata.tags` key (Confluent data contracts); the schema
// route reading them over HTTP is covered in schema.test.ts.
describe('metadataKeyMatches', () => {
  it('matches a field by path, by record name or full name, and by **. suffix', () => {
    const city = field('shipping.city', 'com.acme.Address');
    expect(metadataKeyMatches('shipping.city', city)).toBe(true);
    expect(metadataKeyMatches('Address.city', city)).toBe(true);
    expect(metadataKeyMatches('com.acme.Address.city', city)).toBe(true);
    expect(metadataKeyMatches('**.city', city)).toBe(true);
    expect(metadataKeyMatches('**.shipping.city', city)).toBe(true);
  });

  it('does not match other fields', () => {
    const city = field('shipping.city', 'com.acme.Address');
    expect(metadataKeyMatches('city', city)).toBe(false);
    expect(metadataKeyMatches('Customer.city', city)).toBe(false);
    expect(metadataKeyMatches('**.ity', city)).toBe(false);
    expect(metadataKeyMatches('billing.city', city)).toBe(false);
  });
});

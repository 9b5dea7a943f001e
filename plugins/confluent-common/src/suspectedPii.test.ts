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
import { InputError } from '@backstage/errors';
import {
  columnNameTokens,
  createSuspectedPiiMatcher,
  DEFAULT_SUSPECTED_PII_PATTERNS,
} from './suspectedPii';

describe('columnNameTokens', () => {
  it.each([
    ['customer_name', ['customer', 'name']],
    ['customerName', ['customer', 'name']],
    ['CustomerName', ['customer', 'name']],
    ['SSNNumber', ['ssn', 'number']],
    ['address2', ['address', '2']],
    ['date-of.birth', ['date', 'of', 'birth']],
    ['EMAIL', ['email']],
    ['__', []],
  ])('%s → %j', (name, tokens) => {
    expect(columnNameTokens(name)).toEqual(tokens);
  });
});

describe('createSuspectedPiiMatcher', () => {
  const suspected = createSuspectedPiiMatcher();

  it.each([
    ['email', 'email'],
    ['EMAIL', 'email'],
    ['e_mail', 'email'],
    ['contact_email', 'email'],
    ['emailAddress', 'email'],
    ['phone', 'phone'],
    ['phone_number', 'phone'],
    ['mobileNumber', 'mobile_number'],
    ['ssn', 'ssn'],
    ['SSN', 'ssn'],
    ['iban', 'iban'],
    ['cc_number', 'cc_number'],
    ['ccNumber', 'cc_number'],
    ['credit_card_number', 'credit_card'],
    ['customername', 'customer_name'],
    ['customer_name', 'customer_name'],
    ['CustomerName', 'customer_name'],
    ['person_name', 'person_name'],
    ['first_name', 'first_name'],
    ['lastName', 'last_name'],
    ['street', 'street'],
    ['shipping_address', 'address'],
    ['postalcode', 'postal_code'],
    ['zip', 'zip'],
    ['date_of_birth', 'date_of_birth'],
    ['dateOfBirth', 'date_of_birth'],
    ['dob', 'dob'],
    ['birthdate', 'birth_date'],
  ])('suspects %s (%s)', (name, pattern) => {
    expect(suspected(name)).toEqual({ pattern });
  });

  it.each([
    // Whole tokens only: a longer word is another word.
    'emailed',
    'emailed_at_count',
    'zipped',
    'phoneme',
    'addressee_count',
    // A suffix that makes the column about the data, not the data.
    'shipping_address_id',
    'billing_address_id',
    'email_verified',
    'email_sent_at',
    'phone_count',
    'ssn_hash',
    'phone_kind',
    // Names of things, not people.
    'customerid',
    'customer_id',
    'product_name',
    'brand',
    'name',
    'city',
    'state',
    'country',
    'segment',
    'order_date',
    '',
  ])('does not suspect %s', name => {
    expect(suspected(name)).toBeUndefined();
  });

  it('keeps a match that covers the suffix itself', () => {
    // `card_number` ends the name: no ignored suffix is left over.
    expect(suspected('id_card_number')).toEqual({ pattern: 'card_number' });
    expect(suspected('tax_id')).toEqual({ pattern: 'tax_id' });
  });

  it('takes configured patterns and suffixes', () => {
    const custom = createSuspectedPiiMatcher({
      patterns: ['loyaltyCard', 'nickname'],
      ignoredSuffixes: ['points'],
    });
    expect(custom('loyalty_card')).toEqual({ pattern: 'loyaltyCard' });
    expect(custom('NickName')).toEqual({ pattern: 'nickname' });
    expect(custom('loyalty_card_points')).toBeUndefined();
    // Only the configured list: the defaults are replaced.
    expect(custom('email')).toBeUndefined();
  });

  it('refuses patterns that are not names', () => {
    expect(() => createSuspectedPiiMatcher({ patterns: ['___'] })).toThrow(
      InputError,
    );
    expect(() =>
      createSuspectedPiiMatcher({ patterns: ['a'.repeat(65)] }),
    ).toThrow(/pattern 1/);
    expect(() =>
      createSuspectedPiiMatcher({ patterns: [42 as unknown as string] }),
    ).toThrow(InputError);
  });

  it('has a default list without duplicates', () => {
    const joined = DEFAULT_SUSPECTED_PII_PATTERNS.map(p =>
      columnNameTokens(p).join(''),
    );
    expect(new Set(joined).size).toBe(joined.length);
  });

  it('stays linear on hostile names', () => {
    // Work is bounded per start token by the longest pattern, and names are
    // cut at 256 characters: these are answered at once, whatever the load.
    const names = [
      'a_'.repeat(500_000),
      'aB'.repeat(500_000),
      'e'.repeat(1_000_000),
      `${'x_'.repeat(200_000)}email`,
    ];
    for (const name of names) {
      expect(suspected(name)).toBeUndefined();
    }
  });
});

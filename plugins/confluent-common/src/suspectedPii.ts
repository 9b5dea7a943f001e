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

/*
 * PII discovery: column names that look personal. Only names are looked at,
 * never values, and names are user input (a schema anyone can register), so
 * matching is plain token comparison in a single forward scan: no regex
 * built from configuration, no backtracking, work linear in the name.
 *
 * The rule, in full:
 * 1. A name is split into lowercase tokens at `_`, `-`, `.`, spaces and
 *    other non-alphanumerics, at camelCase humps (`dateOfBirth`,
 *    `SSNNumber` → `ssn`, `number`) and between letters and digits
 *    (`address2` → `address`, `2`).
 * 2. A pattern is tokenized the same way. It matches when its tokens,
 *    joined, equal a run of consecutive tokens of the name, joined:
 *    `customer_name` matches `customer_name`, `CustomerName` and
 *    `customername`; `email` matches `email`, `EMAIL`, `e_mail`,
 *    `contact_email`, `email_address`. Whole tokens only: `emailed` is not
 *    `email`, so `emailed_at_count` is not suspected, and `zip` does not
 *    match `zipped`.
 * 3. A match is ignored when the name ends in a token of `ignoredSuffixes`
 *    that the match does not cover: `shipping_address_id` is a key,
 *    `email_verified` a flag, `phone_count` a number, `email_sent_at` a
 *    time; none holds the personal value itself.
 */

/**
 * The default patterns of {@link createSuspectedPiiMatcher}: contact details,
 * government and financial identifiers, person names, address parts and
 * dates of birth. `city`, `state` and `country` are left out on purpose:
 * alone they identify nobody and would flag half of every schema.
 * @public
 */
export const DEFAULT_SUSPECTED_PII_PATTERNS: readonly string[] = [
  // Contact
  'email',
  'phone',
  'telephone',
  'mobile_number',
  'msisdn',
  'fax_number',
  'ip_address',
  // Government and financial identifiers
  'ssn',
  'social_security_number',
  'national_id',
  'tax_id',
  'passport_number',
  'driver_license',
  'drivers_license',
  'iban',
  'cc_number',
  'credit_card',
  'card_number',
  'cvv',
  // Names of people
  'first_name',
  'last_name',
  'full_name',
  'middle_name',
  'maiden_name',
  'surname',
  'given_name',
  'family_name',
  'customer_name',
  'person_name',
  'contact_name',
  // Address parts
  'address',
  'street',
  'address_line',
  'postal_code',
  'postcode',
  'zip',
  'zip_code',
  // Dates of birth
  'date_of_birth',
  'dob',
  'birth_date',
  'birthday',
];

/**
 * The default {@link SuspectedPiiOptions.ignoredSuffixes}: last tokens that
 * make a column about personal data rather than holding it.
 * @public
 */
export const DEFAULT_SUSPECTED_PII_IGNORED_SUFFIXES: readonly string[] = [
  'id',
  'ids',
  'key',
  'count',
  'cnt',
  'at',
  'ts',
  'verified',
  'valid',
  'flag',
  'enabled',
  'hash',
  'hashed',
  'type',
  'kind',
  'status',
  'length',
  'len',
];

/**
 * Longest pattern, in characters; patterns come from configuration.
 *
 * @public
 */
export const MAX_SUSPECTED_PII_PATTERN_LENGTH = 64;
/**
 * Most patterns one matcher takes.
 *
 * @public
 */
export const MAX_SUSPECTED_PII_PATTERNS = 500;
/**
 * Names longer than this are only looked at up to here: no real column is
 * this long, and a hostile schema cannot make a scan longer.
 *
 * @public
 */
export const MAX_SUSPECTED_PII_NAME_LENGTH = 256;

/**
 * Options of {@link createSuspectedPiiMatcher}.
 * @public
 */
export interface SuspectedPiiOptions {
  /** Default: {@link DEFAULT_SUSPECTED_PII_PATTERNS}. */
  patterns?: readonly string[];
  /** Default: {@link DEFAULT_SUSPECTED_PII_IGNORED_SUFFIXES}. */
  ignoredSuffixes?: readonly string[];
}

/**
 * Why a column name looks personal.
 * @public
 */
export interface SuspectedPiiMatch {
  /** The pattern that matched, as configured. */
  pattern: string;
}

/**
 * Tells whether a column name looks personal; `undefined` when it does not.
 * @public
 */
export type SuspectedPiiMatcher = (
  columnName: string,
) => SuspectedPiiMatch | undefined;

function isLower(c: number) {
  return c >= 97 && c <= 122;
}
function isUpper(c: number) {
  return c >= 65 && c <= 90;
}
function isDigit(c: number) {
  return c >= 48 && c <= 57;
}

/**
 * Splits a name into lowercase tokens (rule 1 of the module comment), in
 * one pass. Non-ASCII letters separate tokens, like punctuation.
 * @public
 */
export function columnNameTokens(name: string): string[] {
  const text = name.slice(0, MAX_SUSPECTED_PII_NAME_LENGTH);
  const tokens: string[] = [];
  let current = '';
  const flush = () => {
    if (current) tokens.push(current.toLowerCase());
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isLower(c) && !isUpper(c) && !isDigit(c)) {
      flush();
      continue;
    }
    if (current) {
      const p = text.charCodeAt(i - 1);
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      const hump =
        // aB
        (isUpper(c) && isLower(p)) ||
        // ABc: the last capital starts a word (`SSNNumber`)
        (isUpper(c) && isUpper(p) && isLower(next)) ||
        // a1, 1a
        (isDigit(c) && !isDigit(p)) ||
        (!isDigit(c) && isDigit(p));
      if (hump) flush();
    }
    current += text[i];
  }
  flush();
  return tokens;
}

interface CompiledPattern {
  pattern: string;
  joined: string;
}

/**
 * Checks configured patterns: each must have at least one letter or digit
 * and be at most {@link MAX_SUSPECTED_PII_PATTERN_LENGTH} characters.
 * @throws InputError naming the first bad pattern
 * @public
 */
export function validateSuspectedPiiPatterns(patterns: readonly unknown[]) {
  if (!Array.isArray(patterns)) {
    throw new InputError('Suspected PII patterns must be a list of names');
  }
  if (patterns.length > MAX_SUSPECTED_PII_PATTERNS) {
    throw new InputError(
      `At most ${MAX_SUSPECTED_PII_PATTERNS} suspected PII patterns are allowed, got ${patterns.length}`,
    );
  }
  patterns.forEach((p, i) => {
    if (
      typeof p !== 'string' ||
      p.length > MAX_SUSPECTED_PII_PATTERN_LENGTH ||
      columnNameTokens(p).length === 0
    ) {
      throw new InputError(
        `Suspected PII pattern ${
          i + 1
        } must be a column name of letters and digits (at most ${MAX_SUSPECTED_PII_PATTERN_LENGTH} characters)`,
      );
    }
  });
}

/**
 * Builds a matcher of column names that look personal, by the rule of this
 * module: whole tokens, camelCase and snake_case alike, ignoring names that
 * end in a suffix such as `_id`, `_count` or `_at`.
 *
 * @example
 * ```ts
 * const suspected = createSuspectedPiiMatcher();
 * suspected('customerName'); // { pattern: 'customer_name' }
 * suspected('emailed_at_count'); // undefined
 * suspected('shipping_address_id'); // undefined
 * ```
 * @throws InputError for an invalid pattern
 * @public
 */
export function createSuspectedPiiMatcher(
  options: SuspectedPiiOptions = {},
): SuspectedPiiMatcher {
  const patterns = options.patterns ?? DEFAULT_SUSPECTED_PII_PATTERNS;
  validateSuspectedPiiPatterns(patterns);
  const compiled: CompiledPattern[] = patterns.map(pattern => ({
    pattern,
    joined: columnNameTokens(pattern).join(''),
  }));
  // Patterns by joined text, first configured wins.
  const byJoined = new Map<string, CompiledPattern>();
  for (const p of compiled) {
    if (!byJoined.has(p.joined)) byJoined.set(p.joined, p);
  }
  const longest = Math.max(0, ...compiled.map(p => p.joined.length));
  const ignored = new Set(
    (options.ignoredSuffixes ?? DEFAULT_SUSPECTED_PII_IGNORED_SUFFIXES).map(s =>
      s.toLowerCase(),
    ),
  );

  return columnName => {
    if (typeof columnName !== 'string' || !columnName) return undefined;
    const tokens = columnNameTokens(columnName);
    const last = tokens.length - 1;
    const suffixIgnored = last > 0 && ignored.has(tokens[last]);
    // Every run of consecutive tokens no longer than the longest pattern:
    // at most `longest` characters from each start, so linear in the name.
    for (let start = 0; start < tokens.length; start++) {
      let joined = '';
      for (let end = start; end < tokens.length; end++) {
        joined += tokens[end];
        if (joined.length > longest) break;
        const hit = byJoined.get(joined);
        if (hit && !(suffixIgnored && end < last)) {
          return { pattern: hit.pattern };
        }
      }
    }
    return undefined;
  };
}

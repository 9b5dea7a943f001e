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
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  createSuspectedPiiMatcher,
  SuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-common';

/**
 * Reads `confluent.pii.suspectedPatterns` and `confluent.pii.ignoredSuffixes`
 * (both optional: the defaults of `createSuspectedPiiMatcher`) into the
 * matcher the schema card and the scaffolder plan share, so both suspect
 * the same columns.
 *
 * @throws InputError naming the key, when a value is not a list of names
 * @public
 */
export function readSuspectedPiiMatcher(config: Config): SuspectedPiiMatcher {
  const list = (key: string) => {
    try {
      return config.getOptionalStringArray(`confluent.pii.${key}`);
    } catch {
      throw new InputError(
        `Invalid Confluent configuration: confluent.pii.${key} must be a list of column names`,
      );
    }
  };
  const patterns = list('suspectedPatterns');
  const ignoredSuffixes = list('ignoredSuffixes');
  try {
    return createSuspectedPiiMatcher({
      ...(patterns ? { patterns } : {}),
      ...(ignoredSuffixes ? { ignoredSuffixes } : {}),
    });
  } catch (error) {
    throw new InputError(
      `Invalid Confluent configuration: confluent.pii.suspectedPatterns: ${
        (error as Error).message
      }`,
    );
  }
}

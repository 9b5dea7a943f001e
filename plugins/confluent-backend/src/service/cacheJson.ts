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
import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/*
 * The cache takes JSON values; these typed views keep the casts in one
 * place. Values are always written whole and never changed afterwards, as
 * the memory store may keep the object itself.
 */

/** Reads a value this plugin wrote. */
export async function readCached<T>(
  cache: CacheService,
  key: string,
): Promise<T | undefined> {
  return (await cache.get(key)) as unknown as T | undefined;
}

/** Writes a JSON-serializable value. */
export async function writeCached<T>(
  cache: CacheService,
  key: string,
  value: T,
  ttlMs?: number,
): Promise<void> {
  await cache.set(
    key,
    value as unknown as JsonValue,
    ttlMs === undefined ? undefined : { ttl: ttlMs },
  );
}

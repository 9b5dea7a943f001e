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
import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/*
 * Who may act on a Confluent resource, as the scaffolder actions and the
 * cards' backend decide it. The rules live here so both read them the same.
 */

/**
 * Annotation: the groups a data product is shared with (comma-separated
 * entity refs, `group:default/sales-analytics-team` or `sales-analytics-team`).
 * Their products may read it; it is only honoured on an entity owned by the
 * topic's owner.
 * @public
 */
export const ANNOTATION_CONFLUENT_SHARED_WITH = 'confluent.io/shared-with';

/**
 * A group (or user) ref in the lowercase full form ownership is compared in,
 * or undefined when the value is not an entity ref.
 * @public
 */
export function normalizeOwnerRef(
  value: string,
  defaultKind = 'group',
): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind,
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Whether the suite's entity provider emitted an entity. The catalog
 * overwrites the origin location of every entity read from a registered
 * location with that location, so only the provider's entities carry an
 * origin in the Confluent console (`url:<consoleUrl>/…`): annotations a user
 * writes into a catalog-info.yaml cannot claim it.
 * @public
 */
export function isConfluentProviderEntity(
  entity: Entity,
  consoleBaseUrl: string,
): boolean {
  const origin = entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
  const base = `url:${consoleBaseUrl.replace(/\/+$/, '')}/`;
  return typeof origin === 'string' && origin.startsWith(base);
}

/**
 * The groups an entity is shared with ({@link ANNOTATION_CONFLUENT_SHARED_WITH}),
 * normalized.
 * @public
 */
export function sharedWith(entity: Entity): string[] {
  return (entity.metadata.annotations?.[ANNOTATION_CONFLUENT_SHARED_WITH] ?? '')
    .split(',')
    .map(v => (v.trim() ? normalizeOwnerRef(v) : undefined))
    .filter((v): v is string => Boolean(v));
}

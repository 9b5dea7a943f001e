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
/*
 * Entity names: readable where the resource's own name is a valid entity
 * name, stable across refreshes, and never colliding.
 *
 * - A name that is valid as is stays as is (`enriched_customers`,
 *   `shiftleft.public.customers`, `enriched-customer-materializer`).
 * - Otherwise invalid characters become `-` and a 6-character hash of the
 *   resource's identity is appended; names longer than 63 characters are cut
 *   to 56 and get the same hash, so two long names sharing a prefix differ.
 * - Two resources of one kind that would get the same name (the same topic
 *   in two clusters, a statement and a connector of the same name): the one
 *   met first keeps the name, the others get the hash. Resources are met in
 *   a stable order (configured environments and clusters, then names), so a
 *   name does not move between refreshes.
 */
import { createHash } from 'node:crypto';

const VALID_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const MAX_LENGTH = 63;

/** A short, stable hash of a resource identity. */
export function shortHash(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 6);
}

function withHash(base: string, identity: string): string {
  const hash = shortHash(identity);
  const room = MAX_LENGTH - hash.length - 1;
  const trimmed = base.slice(0, room).replace(/[^A-Za-z0-9]+$/, '');
  return trimmed ? `${trimmed}-${hash}` : hash;
}

/** A valid entity name for `base`, hashed with `identity` when it must change. */
export function toEntityName(base: string, identity: string): string {
  if (base.length <= MAX_LENGTH && VALID_NAME.test(base)) {
    return base;
  }
  const cleaned = base
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
  return withHash(cleaned, identity);
}

/**
 * Allocates names per entity kind: the first identity to ask for a name gets
 * it, later identities get a hashed variant.
 */
export class NameAllocator {
  readonly #byKind = new Map<string, Map<string, string>>();
  readonly #assigned = new Map<string, string>();

  /** The name of `identity` (stable for repeated calls). */
  allocate(kind: string, base: string, identity: string): string {
    const key = `${kind}\u0000${identity}`;
    const existing = this.#assigned.get(key);
    if (existing) {
      return existing;
    }
    let taken = this.#byKind.get(kind);
    if (!taken) {
      taken = new Map();
      this.#byKind.set(kind, taken);
    }
    let name = toEntityName(base, identity);
    // Entity names compare case-insensitively in the catalog.
    if (taken.has(name.toLocaleLowerCase('en-US'))) {
      name = withHash(name, identity);
    }
    taken.set(name.toLocaleLowerCase('en-US'), identity);
    this.#assigned.set(key, name);
    return name;
  }
}

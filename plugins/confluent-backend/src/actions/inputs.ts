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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** The `entityRef` input every action takes. */
export const entityRefInput = (z: any) =>
  z
    .string()
    .min(3)
    .max(600)
    .describe(
      'A catalog entity ref, kind:namespace/name, e.g. api:default/enriched_customers (the namespace defaults to "default")',
    );

/** `kind:namespace/name` in canonical form, or a 400 for anything else. */
export function normalizeEntityRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), { defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new InputError(
      `'${ref.slice(0, 100)}' is not an entity ref (kind:namespace/name)`,
    );
  }
}

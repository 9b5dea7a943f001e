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
import { z } from 'zod';
import { MAX_TAG_FIELDS } from './service/SchemaService';

/**
 * An entity ref part as the catalog allows it; anything else is a 400, not
 * a catalog lookup.
 */
export const refPart = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._:~-]+$/);
/** `:kind/:namespace/:name` route parameters. */
export const entityParams = z.object({
  kind: refPart,
  namespace: refPart,
  name: refPart,
});
/** A statement route's parameters. */
export const statementParams = entityParams.extend({
  statement: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/),
});

/**
 * The PII tagging route's body: schema field paths (dotted names, as the
 * schema response lists them), at most {@link MAX_TAG_FIELDS}.
 */
export const tagPiiBody = z.object({
  fields: z.array(z.string().min(1).max(1000)).min(1).max(MAX_TAG_FIELDS),
});

/** One SQL statement as an editor sends it; the parser's time grows with it. */
export const sqlBody = z.object({ sql: z.string().max(100_000) });

/** Parses input with a zod schema; a mismatch is a 400 naming the fields. */
export function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `Invalid request: ${parsed.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

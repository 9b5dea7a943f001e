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
import type { Request } from 'express';
import { errors } from '../http/errors';
import { selfUrl } from '../http/pagination';

/** The body of a write request, which must be a JSON object. */
export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.badRequest('The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * A v2-style list: `{api_version, kind, metadata: {first, next}, data}`.
 * `next` is only present when there is a next page (the specs' ListMeta);
 * `first` is left out where the spec says only `next` is filled (FCPM).
 */
export function v2List(
  req: Request,
  apiVersion: string,
  kind: string,
  data: unknown[],
  next: string | undefined,
  options: { first?: boolean } = {},
) {
  const first = new URL(selfUrl(req));
  first.searchParams.delete('page_token');
  return {
    api_version: apiVersion,
    kind,
    metadata: {
      ...(options.first === false ? {} : { first: first.toString() }),
      ...(next ? { next } : {}),
    },
    data,
  };
}

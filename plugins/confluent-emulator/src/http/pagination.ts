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
import { ApiError } from './errors';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** The base URL a client reached the emulator at (for `self` and `next`). */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : undefined;
}

/** A query parameter given once (the first, when repeated). */
export function queryParam(req: Request, name: string): string | undefined {
  return single(req.query[name]);
}

/** Every value of a query parameter, repeated or comma-separated. */
export function queryList(req: Request, name: string): string[] {
  const raw = req.query[name];
  const values: unknown[] = [];
  if (Array.isArray(raw)) values.push(...raw);
  else if (raw !== undefined) values.push(raw);
  return values
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

/**
 * One page of a v2-style list (`page_size`, `page_token`, `metadata.next`).
 * Items carry the state's sequence number; a token is the last one served,
 * so deletions between pages neither skip nor repeat items.
 */
export function paginate<T extends { seq: number }>(
  req: Request,
  items: T[],
): { page: T[]; next?: string } {
  const rawSize = queryParam(req, 'page_size');
  let pageSize = DEFAULT_PAGE_SIZE;
  if (rawSize !== undefined) {
    pageSize = Number(rawSize);
    if (!/^\d+$/.test(rawSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ApiError(
        400,
        `Invalid page_size '${rawSize}': must be an integer between 1 and ${MAX_PAGE_SIZE}`,
        { code: 'invalid_parameter', parameter: 'page_size' },
      );
    }
  }
  const token = queryParam(req, 'page_token');
  let after = -1;
  if (token !== undefined) {
    const decoded = decodeToken(token);
    if (decoded === undefined) {
      throw new ApiError(400, `Invalid page_token '${token}'`, {
        code: 'invalid_parameter',
        parameter: 'page_token',
      });
    }
    after = decoded;
  }
  const remaining = items.filter(item => item.seq > after);
  const page = remaining.slice(0, pageSize);
  if (remaining.length <= pageSize) return { page };
  const url = new URL(req.originalUrl, baseUrlOf(req));
  url.searchParams.set('page_size', String(pageSize));
  url.searchParams.set('page_token', encodeToken(page[page.length - 1].seq));
  return { page, next: url.toString() };
}

function encodeToken(seq: number): string {
  return Buffer.from(`after:${seq}`).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  if (token.length > 255) return undefined;
  const match = /^after:(\d+)$/.exec(
    Buffer.from(token, 'base64url').toString('utf8'),
  );
  return match ? Number(match[1]) : undefined;
}

/** The URL of the current request, for `metadata.self`. */
export function selfUrl(req: Request): string {
  return new URL(req.originalUrl, baseUrlOf(req)).toString();
}

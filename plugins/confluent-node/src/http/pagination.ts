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
  ConfluentCallOptions,
  HttpTransport,
  TransportRequest,
} from './transport';

/**
 * One page of a paginated list.
 * @public
 */
export interface ConfluentPage<T> {
  items: T[];
  /** Pass as `pageToken` to get the next page; absent on the last page. */
  nextPageToken?: string;
}

/**
 * Options of the v2-style list calls (org, IAM, compute pools, Flink).
 * @public
 */
export interface ConfluentListOptions extends ConfluentCallOptions {
  /** Items per request, 1–100. Default: `100` (the API's default is 10). */
  pageSize?: number;
}

/**
 * Options of a call fetching one page of a v2-style list.
 * @public
 */
export interface ConfluentPageOptions extends ConfluentListOptions {
  /** A token from a previous page's `nextPageToken`. */
  pageToken?: string;
}

/** The largest page the v2 APIs accept; fewer round trips for big orgs. */
export const MAX_PAGE_SIZE = 100;

/**
 * The most pages one listing follows: 1,000 pages of 100 is more than any
 * organization has of one resource.
 */
const MAX_PAGES = 1000;

/**
 * v2 lists carry the next page as a full URL in `metadata.next`. Only its
 * `page_token` is used: following the URL itself would send the credentials
 * to whatever host the server names.
 */
export function pageTokenFromNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.trim() === '') return undefined;
  try {
    const token = new URL(next, 'http://relative.invalid').searchParams.get(
      'page_token',
    );
    return token || undefined;
  } catch {
    return undefined;
  }
}

interface V2List {
  data?: unknown;
  metadata?: { next?: unknown };
}

/** Fetches one page of a v2-style list. */
export async function fetchV2Page<T>(
  transport: HttpTransport,
  req: Omit<TransportRequest, 'method'>,
  options: ConfluentPageOptions,
): Promise<ConfluentPage<T>> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InputError(
      `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  const request: TransportRequest = {
    ...req,
    method: 'GET',
    signal: options.signal,
    query: {
      ...req.query,
      page_size: pageSize,
      page_token: options.pageToken,
    },
  };
  const res = await transport.request<V2List>(request);
  const body = res.data;
  if (!body || typeof body !== 'object' || !Array.isArray(body.data)) {
    throw transport.invalidResponse(
      request,
      res,
      'expected a list with a data array',
    );
  }
  return {
    items: body.data as T[],
    nextPageToken: pageTokenFromNext(body.metadata?.next),
  };
}

/** Iterates every item of a v2-style list, one page at a time. */
export async function* iterateV2<T>(
  transport: HttpTransport,
  req: Omit<TransportRequest, 'method'>,
  options: ConfluentPageOptions,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let pageToken = options.pageToken;
  for (let pages = 1; ; pages++) {
    const page = await fetchV2Page<T>(transport, req, {
      ...options,
      pageToken,
    });
    yield* page.items;
    if (!page.nextPageToken) return;
    if (seen.has(page.nextPageToken)) {
      // A server handing out the same token again would loop forever.
      throw transport.invalidResponse(
        { ...req, method: 'GET' },
        { status: 200 },
        'the same page token came back twice',
      );
    }
    if (pages >= MAX_PAGES) {
      // Nor can one handing out new tokens for ever.
      throw transport.invalidResponse(
        { ...req, method: 'GET' },
        { status: 200 },
        `more than ${MAX_PAGES} pages`,
      );
    }
    seen.add(page.nextPageToken);
    pageToken = page.nextPageToken;
  }
}

/** Collects every item of a v2-style list. */
export async function listAllV2<T>(
  transport: HttpTransport,
  req: Omit<TransportRequest, 'method'>,
  options: ConfluentPageOptions,
): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterateV2<T>(transport, req, options)) {
    items.push(item);
  }
  return items;
}

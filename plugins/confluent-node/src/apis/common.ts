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
  HttpTransport,
  TransportRequest,
  TransportResponse,
} from '../http/transport';

/**
 * Object metadata of the v2-style APIs (org, IAM, compute pools).
 * @public
 */
export interface ConfluentObjectMeta {
  self: string;
  /** The CRN, e.g. `crn://confluent.cloud/organization=…/environment=env-…`. */
  resource_name?: string;
  created_at?: string;
  updated_at?: string;
  deleted_at?: string;
}

/**
 * A reference to another object in the v2-style APIs.
 * @public
 */
export interface ConfluentObjectReference {
  id: string;
  environment?: string;
  related?: string;
  resource_name?: string;
}

/** Encodes one path segment (names can hold dots, spaces, slashes…). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

/** Throws unless a value is a non-empty string (caller input). */
export function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${what} must be a non-empty string`);
  }
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Sends a request and checks the body is a JSON object. */
export async function getObject<T>(
  transport: HttpTransport,
  req: TransportRequest,
): Promise<T> {
  const res = await transport.request<unknown>(req);
  return expectObject<T>(transport, req, res);
}

/** Checks a response body is a JSON object. */
export function expectObject<T>(
  transport: HttpTransport,
  req: TransportRequest,
  res: TransportResponse<unknown>,
): T {
  if (!isObject(res.data)) {
    throw transport.invalidResponse(req, res, 'expected a JSON object');
  }
  return res.data as T;
}

/** Sends a request and checks the body is a JSON array. */
export async function getArray<T>(
  transport: HttpTransport,
  req: TransportRequest,
): Promise<T[]> {
  const res = await transport.request<unknown>(req);
  if (!Array.isArray(res.data)) {
    throw transport.invalidResponse(req, res, 'expected a JSON array');
  }
  return res.data as T[];
}

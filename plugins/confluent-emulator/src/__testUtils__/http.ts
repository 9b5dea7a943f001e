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
import { startTestEmulator as startWorkshopTestEmulator } from '../testUtils';
import type {
  ConfluentEmulator,
  EmulatorApiKey,
  StartEmulatorOptions,
} from '../types';

/**
 * The emulator as this package's tests start it: empty unless a test names
 * a seed, and with offsets advancing every 5 ms.
 */
export function startTestEmulator(options: StartEmulatorOptions = {}) {
  return startWorkshopTestEmulator({
    seed: 'empty',
    ...options,
    timings: { offsetTickMs: 5, ...options.timings },
  });
}

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A tiny HTTP client for one API key: JSON in, JSON (or text) out. */
export function client(emu: ConfluentEmulator, key?: EmulatorApiKey) {
  const request = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> => {
    const response = await fetch(`${emu.url}${path}`, {
      method,
      headers: {
        ...(key
          ? {
              authorization: `Basic ${Buffer.from(
                `${key.key}:${key.secret}`,
              ).toString('base64')}`,
            }
          : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body:
        typeof body === 'string' || body === undefined
          ? body
          : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text) {
      parsed = JSON.parse(text);
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed as T,
      text,
    };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) =>
      request<T>('GET', path, undefined, headers),
    post: <T = any>(
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => request<T>('POST', path, body ?? {}, headers),
    put: <T = any>(path: string, body?: unknown) =>
      request<T>('PUT', path, body),
    patch: <T = any>(path: string, body?: unknown) =>
      request<T>('PATCH', path, body),
    delete: <T = any>(path: string) => request<T>('DELETE', path),
    request,
  };
}

export type TestClient = ReturnType<typeof client>;

/** Paths of the seeded organization. */
export function paths(emu: ConfluentEmulator) {
  const { organizationId, environmentId, kafkaClusterId } = emu.ids;
  return {
    statements: `/sql/v1/organizations/${organizationId}/environments/${environmentId}/statements`,
    connectors: `/connect/v1/environments/${environmentId}/clusters/${kafkaClusterId}/connectors`,
    topics: `/kafka/v3/clusters/${kafkaClusterId}/topics`,
  };
}

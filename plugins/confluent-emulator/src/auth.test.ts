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
import { client, paths, startTestEmulator } from './__testUtils__/http';
import type { ConfluentEmulator, EmulatorApiKey, EmulatorKeys } from './types';

// The 401 bodies of the APIs that do not use the v2 `Failure` shape.
const UNAUTHORIZED: Record<string, unknown> = {
  kafka: { error_code: 40101, message: 'Authentication failed' },
  connect: { error: { code: 401, message: 'Unauthorized' } },
  schemaRegistry: { error_code: 401, message: 'Unauthorized' },
  catalog: { error_code: 401, message: 'Unauthorized' },
};

const V2_UNAUTHORIZED = {
  errors: [
    {
      id: expect.any(String),
      status: '401',
      code: 'user_unauthenticated',
      title: 'Authentication Required',
      detail: 'Valid authentication credentials must be provided',
    },
  ],
};

describe('authentication per API', () => {
  let emu: ConfluentEmulator;
  let p: ReturnType<typeof paths>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    p = paths(emu);
  });

  afterAll(() => emu.stop());

  // Each API, the key it takes, and a GET that needs nothing else.
  const cases: Array<{
    api: string;
    key: keyof EmulatorKeys;
    path: () => string;
  }> = [
    { api: 'org', key: 'cloud', path: () => '/org/v2/environments' },
    { api: 'iam', key: 'cloud', path: () => '/iam/v2/service-accounts' },
    {
      api: 'fcpm',
      key: 'cloud',
      path: () => `/fcpm/v2/compute-pools?environment=${emu.ids.environmentId}`,
    },
    { api: 'connect', key: 'cloud', path: () => p.connectors },
    { api: 'flink', key: 'flink', path: () => p.statements },
    { api: 'schemaRegistry', key: 'schemaRegistry', path: () => '/subjects' },
    {
      api: 'catalog',
      key: 'schemaRegistry',
      path: () => '/catalog/v1/types/tagdefs',
    },
    { api: 'kafka', key: 'kafka', path: () => p.topics },
  ];

  it.each(cases)('$api accepts its own key', async ({ key, path }) => {
    const res = await client(emu, emu.keys[key]).get(path());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each(cases)(
    '$api refuses a missing key, a wrong secret and another kind of key',
    async ({ api, key, path }) => {
      const other = (Object.keys(emu.keys) as Array<keyof EmulatorKeys>).find(
        k => emu.keys[k].key !== emu.keys[key].key,
      )!;
      const wrongSecret: EmulatorApiKey = {
        key: emu.keys[key].key,
        secret: 'not-the-secret',
      };
      const v2 = !['kafka', 'connect', 'schemaRegistry', 'catalog'].includes(
        api,
      );
      for (const credentials of [undefined, wrongSecret, emu.keys[other]]) {
        const res = await client(emu, credentials).get(path());
        expect(res.status).toBe(401);
        expect(res.headers.get('x-request-id')).toBeTruthy();
        expect(res.body).toEqual(UNAUTHORIZED[api] ?? V2_UNAUTHORIZED);
        expect(
          Boolean(
            res.headers
              .get('www-authenticate')
              ?.startsWith('Basic error="invalid_key"'),
          ),
        ).toBe(v2);
      }
    },
  );

  it('scopes a Kafka key to its cluster and a Flink key to its environment', async () => {
    // The keys are valid, but not for another (existing) cluster or environment.
    const env = await client(emu, emu.keys.cloud).post('/org/v2/environments', {
      display_name: 'other-env',
    });
    expect(env.status).toBe(201);
    const flink = await client(emu, emu.keys.flink).get(
      `/sql/v1/organizations/${emu.ids.organizationId}/environments/${env.body.id}/statements`,
    );
    expect(flink.status).toBe(401);
  });

  it('answers unknown paths without credentials checks leaking anything', async () => {
    const res = await client(emu).get('/nothing/here');
    expect(res.status).toBe(404);
  });
});

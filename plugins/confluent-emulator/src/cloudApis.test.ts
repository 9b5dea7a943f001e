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
  client,
  startTestEmulator,
  type TestClient,
} from './__testUtils__/http';
import { eventually } from './testUtils';
import type { ConfluentEmulator } from './types';

describe('Org, IAM and FCPM v2', () => {
  let emu: ConfluentEmulator;
  let cloud: TestClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    cloud = client(emu, emu.keys.cloud);
  });

  afterAll(() => emu.stop());

  it('serves the organization and the seeded environment', async () => {
    const orgs = await cloud.get('/org/v2/organizations');
    expect(orgs.body.kind).toBe('OrganizationList');
    expect(orgs.body.data.map((o: any) => o.id)).toEqual([
      emu.ids.organizationId,
    ]);
    const env = await cloud.get(
      `/org/v2/environments/${emu.ids.environmentId}`,
    );
    expect(env.status).toBe(200);
    expect(env.body).toMatchObject({
      api_version: 'org/v2',
      kind: 'Environment',
      id: emu.ids.environmentId,
      display_name: 'shiftleft',
      metadata: {
        self: `${emu.url}/org/v2/environments/${emu.ids.environmentId}`,
        resource_name: `crn://confluent.cloud/organization=${emu.ids.organizationId}/environment=${emu.ids.environmentId}`,
      },
    });
    expect(env.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    expect(env.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(Number(env.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(
      60,
    );
  });

  it('creates environments (201 + Location), refuses duplicates (409) and bad input (422)', async () => {
    const created = await cloud.post('/org/v2/environments', {
      display_name: 'staging',
      stream_governance_config: { package: 'ADVANCED' },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^env-[a-z0-9]{6}$/);
    expect(created.headers.get('location')).toBe(created.body.metadata.self);
    expect(created.body.stream_governance_config).toEqual({
      package: 'ADVANCED',
    });

    const duplicate = await cloud.post('/org/v2/environments', {
      display_name: 'staging',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0]).toMatchObject({
      status: '409',
      code: 'resource_already_exists',
    });

    const invalid = await cloud.post('/org/v2/environments', {
      display_name: 42,
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors[0]).toMatchObject({
      status: '422',
      code: 'invalid_configuration',
      source: { pointer: '/display_name' },
    });

    const malformed = await cloud.request(
      'POST',
      '/org/v2/environments',
      '{"display_name":',
      {
        'content-type': 'application/json',
      },
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].status).toBe('400');

    expect(
      (await cloud.delete(`/org/v2/environments/${created.body.id}`)).status,
    ).toBe(204);
    const gone = await cloud.get(`/org/v2/environments/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0]).toMatchObject({
      status: '404',
      code: 'resource_not_found',
    });
  });

  it('pages v2 lists with page_size, page_token and a full metadata.next URL', async () => {
    for (let i = 0; i < 12; i++) {
      expect(
        (
          await cloud.post('/iam/v2/service-accounts', {
            display_name: `paged-${i}`,
          })
        ).status,
      ).toBe(201);
    }
    const seen: string[] = [];
    const nexts: string[] = [];
    let next: string | undefined = '/iam/v2/service-accounts?page_size=5';
    while (next) {
      const page: any = await cloud.get(next.replace(emu.url, ''));
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.data.map((sa: any) => sa.display_name));
      next = page.body.metadata.next;
      if (next) nexts.push(next);
    }
    expect(nexts).toHaveLength(2);
    for (const url of nexts) {
      expect(url).toMatch(
        new RegExp(`^${emu.url}/iam/v2/service-accounts\\?.*page_token=`),
      );
    }
    expect(seen).toHaveLength(13);
    expect(new Set(seen).size).toBe(13);

    const defaultPage = await cloud.get('/iam/v2/service-accounts');
    expect(defaultPage.body.data).toHaveLength(10);

    for (const bad of ['0', '101', 'ten']) {
      const res = await cloud.get(`/iam/v2/service-accounts?page_size=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].source).toEqual({ parameter: 'page_size' });
    }
    const badToken = await cloud.get(
      '/iam/v2/service-accounts?page_token=garbage',
    );
    expect(badToken.status).toBe(400);
  });

  it('filters service accounts by display_name and refuses duplicate names', async () => {
    const res = await cloud.get(
      '/iam/v2/service-accounts?display_name=shiftleft-app-manager&display_name=paged-3',
    );
    expect(res.body.data.map((sa: any) => sa.display_name).sort()).toEqual([
      'paged-3',
      'shiftleft-app-manager',
    ]);
    const duplicate = await cloud.post('/iam/v2/service-accounts', {
      display_name: 'shiftleft-app-manager',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].code).toBe('resource_already_exists');
  });

  it('serves compute pools per environment and provisions new ones asynchronously', async () => {
    const missingEnv = await cloud.get('/fcpm/v2/compute-pools');
    expect(missingEnv.status).toBe(400);
    expect(missingEnv.body.errors[0]).toMatchObject({
      code: 'invalid_filter',
      source: { parameter: 'environment' },
    });

    const pool = await cloud.get(
      `/fcpm/v2/compute-pools/${emu.ids.computePoolId}?environment=${emu.ids.environmentId}`,
    );
    expect(pool.body).toMatchObject({
      kind: 'ComputePool',
      spec: {
        display_name: 'shiftleft-pool',
        cloud: 'AWS',
        region: 'us-east-1',
      },
      status: { phase: 'PROVISIONED' },
    });

    const created = await cloud.post('/fcpm/v2/compute-pools', {
      spec: {
        display_name: 'analytics-pool',
        cloud: 'AWS',
        region: 'us-east-1',
        max_cfu: 20,
        environment: { id: emu.ids.environmentId },
      },
    });
    expect(created.status).toBe(202);
    expect(created.body.status).toEqual({
      phase: 'PROVISIONING',
      current_cfu: 0,
    });
    const provisioned = await eventually(
      () =>
        cloud.get(
          `/fcpm/v2/compute-pools/${created.body.id}?environment=${emu.ids.environmentId}`,
        ),
      res => res.body.status.phase === 'PROVISIONED',
    );
    expect(provisioned.body.spec.max_cfu).toBe(20);

    const badCfu = await cloud.post('/fcpm/v2/compute-pools', {
      spec: {
        display_name: 'x',
        cloud: 'AWS',
        region: 'us-east-1',
        max_cfu: 7,
        environment: { id: emu.ids.environmentId },
      },
    });
    expect(badCfu.status).toBe(422);
    expect(badCfu.body.errors[0].source.pointer).toBe('/spec/max_cfu');

    const wrongEnv = await cloud.get(
      `/fcpm/v2/compute-pools/${emu.ids.computePoolId}?environment=env-nope00`,
    );
    expect(wrongEnv.status).toBe(404);
  });

  it('lists Flink regions with the emulator as their endpoint', async () => {
    const res = await cloud.get(
      '/fcpm/v2/regions?cloud=aws&region_name=us-east-1',
    );
    expect(res.body.data).toEqual([
      expect.objectContaining({
        id: 'aws.us-east-1',
        cloud: 'AWS',
        region_name: 'us-east-1',
        http_endpoint: emu.url,
      }),
    ]);
  });
});

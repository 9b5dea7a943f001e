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
 * Issue 18.3: a catalog-info.yaml a user registers can annotate its
 * entities with other teams' statements and connectors. The shipped
 * production config lets no registered location bring entities in (only
 * the configured ones, each with its own rules); development still does.
 * The catalog itself decides, here through its dry-run location import,
 * reading the file from a loopback server.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';

const REPO = resolve(__dirname, '../../..');
const appConfig = (file: string) =>
  yaml.parse(readFileSync(resolve(REPO, file), 'utf8'));

/** A user's catalog-info.yaml naming another team's statement. */
const SPOOF = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: spoof
  annotations:
    confluent.io/statement-name: product-sales-materializer
spec:
  type: service
  lifecycle: production
  owner: group:default/customer-data-team
`;

describe('18.3 catalog locations registered by users', () => {
  let server: http.Server;
  let target: string;
  let host: string;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end(SPOOF);
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    target = `http://${host}/catalog-info.yaml`;
  });
  afterAll(() => new Promise(done => server.close(done)));

  async function importAs(catalog: object) {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host }] } },
            catalog: { ...catalog, providers: {} },
          },
        }),
      ],
    });
    try {
      return await request(backend.server)
        .post('/api/catalog/locations?dryRun=true')
        .set('Authorization', mockCredentials.user.header())
        .send({ type: 'url', target });
    } finally {
      await backend.stop();
    }
  }

  it('brings in nothing from a registered location with the production config', async () => {
    const dev = appConfig('app-config.yaml').catalog;
    const production = appConfig('app-config.production.yaml').catalog;
    // Later config files replace arrays and merge objects, key by key.
    const res = await importAs({ ...dev, ...production });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'NotAllowedError: Entity component:default/spoof',
    );
  });

  it('still imports it in development (the test reaches the catalog)', async () => {
    const res = await importAs(appConfig('app-config.yaml').catalog);
    expect(res.status).toBe(201);
    expect(res.body.entities.map((e: any) => e.metadata.name)).toContain(
      'spoof',
    );
  });
});

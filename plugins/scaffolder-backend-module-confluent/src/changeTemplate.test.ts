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
 * The repository's change-data-product template in the real scaffolder
 * backend, against the emulator and the entities the suite's provider
 * reads from it: the dry run the review field makes, and a task.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentEntityProvider } from '@shiftleft/plugin-catalog-backend-module-confluent';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleConfluent } from './module';
import { waitForTask } from './__testUtils__/tasks';
import { scaffolderConfluentConfig } from './__testUtils__/actionContext';

const AUTH = mockCredentials.user.header();
const STATEMENT = 'enriched-customer-materializer';

const template = yaml.parse(
  readFileSync(
    resolve(
      resolvePackagePath(
        '@shiftleft/plugin-scaffolder-backend-module-confluent',
      ),
      '../../templates/change-data-product/template.yaml',
    ),
    'utf8',
  ),
) as Entity;

/** enriched_customers' SQL with a column added or customername dropped. */
const sqlOf = (edit: 'add' | 'drop') => `CREATE TABLE enriched_customers (
  PRIMARY KEY (customerid) NOT ENFORCED
) AS
SELECT c.customerid,${
  edit === 'drop' ? '' : ' c.customername,'
} c.email, c.segment,
  ROW(sa.street, sa.city, sa.state, sa.postalcode, sa.country) AS shipping_address,
  ROW(ba.street, ba.city, ba.state, ba.postalcode, ba.country) AS billing_address,
  c.\`$rowtime\` AS event_time${
    edit === 'add' ? ', UPPER(c.segment) AS segment_code' : ''
  }
FROM \`shiftleft.public.customers\` c
LEFT JOIN \`shiftleft.public.addresses\` sa ON c.shipping_address_id = sa.addressid
LEFT JOIN \`shiftleft.public.addresses\` ba ON c.billing_address_id = ba.addressid;`;

type Server = Parameters<typeof request>[0];

describe('the change-data-product template in the scaffolder backend', () => {
  let emu: ConfluentEmulator;
  let server: Server;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    const confluent = scaffolderConfluentConfig(emu, { waitTimeout: 3000 });
    const config = new ConfigReader({
      confluent,
      catalog: {
        providers: {
          confluent: {
            ownership: [
              {
                pattern:
                  '^(customer-snapshot-materializer|thirty_day_customer_snapshot)$',
                owner: 'group:default/customer-service-team',
              },
            ],
          },
        },
      },
    });
    const [provider] = ConfluentEntityProvider.fromConfig(config, {
      client: ConfluentClient.fromConfig(config),
      logger: mockServices.logger.mock(),
      schedule: { run: async () => {} },
    });
    const { entities } = await provider.read();
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleConfluent,
        eventsServiceFactory,
        catalogServiceMock.factory({
          entities: [
            template,
            ...entities,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'mock', namespace: 'default' },
              spec: { memberOf: ['customer-data-team'] },
              relations: [
                {
                  type: 'memberOf',
                  targetRef: 'group:default/customer-data-team',
                },
              ],
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            confluent,
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([stopBackend?.()]);
    await emu?.stop();
  }, 60_000);

  const values = (edit: 'add' | 'drop', confirm = false) => ({
    product: 'api:default/enriched_customers',
    sql: sqlOf(edit),
    startMode: 'RESUME_OR_FROM_BEGINNING',
    confirmBreakingChange: confirm,
  });

  const dryRun = (v: object) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', AUTH)
      .send({ template, values: v, secrets: {}, directoryContents: [] });

  const flink = () =>
    ConfluentClient.create({ config: scaffolderConfluentConfig(emu) }).flink(
      emu.ids.environmentId,
    );

  it('reviews a dropped column with the products and owners it breaks, and skips the change', async () => {
    const res = await dryRun(values('drop'));
    expect(res.status).toBe(200);
    expect(res.body.output.ready).toBe(false);
    const plan = res.body.output.changePlan;
    expect(plan.teamsToTell).toEqual([
      'group:default/customer-service-team',
      'group:default/sales-analytics-team',
    ]);
    expect(plan.impact.map((i: any) => i.entityRef)).toEqual(
      expect.arrayContaining([
        'api:default/product_sales',
        'api:default/thirty_day_customer_snapshot',
      ]),
    );
    const skipped = res.body.log
      .filter((l: any) => l.body.status === 'skipped')
      .map((l: any) => l.body.stepId);
    expect(skipped).toEqual(expect.arrayContaining(['change', 'catalog']));
    expect((await flink().getStatement(STATEMENT)).spec.stopped).toBe(false);
  }, 60_000);

  it('reviews an added column as compatible, then runs the change as a task', async () => {
    const review = await dryRun(values('add'));
    expect(review.status).toBe(200);
    expect(review.body.output.ready).toBe(true);
    expect(review.body.output.changePlan).toMatchObject({
      compatibility: { verdict: 'compatible' },
      impact: [],
    });
    expect((await flink().getStatement(STATEMENT)).spec.stopped).toBe(false);

    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', AUTH)
      .send({
        templateRef: 'template:default/change-data-product',
        values: values('add'),
      });
    expect(created.body).toEqual({ id: expect.any(String) });
    const task = await waitForTask(server, created.body.id);
    const events = (
      await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        .set('Authorization', AUTH)
    ).body as Array<{ type: string; body: any }>;
    const completion = events.find(e => e.type === 'completion');
    expect(completion?.body.error).toBeUndefined();
    expect(task.status).toBe('completed');
    const name = review.body.output.changePlan.method.statementName;
    expect((await flink().getStatement(name)).status.phase).toBe('RUNNING');
    expect((await flink().getStatement(STATEMENT)).status.phase).toBe(
      'STOPPED',
    );
  }, 90_000);
});

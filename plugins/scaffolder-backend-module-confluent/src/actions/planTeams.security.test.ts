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
 * The plan's team and PII rules (issues 16 and 18), tried as a member of
 * customer-data-team planning a product against the workshop emulator: it
 * must not report ready for writes to another team's tables, reads of an
 * unshared product, a sink copying another team's topic, statements
 * pointed at another environment or cluster, or unmasked PII reaching a
 * sink by any path.
 */
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_SHARED_WITH,
  ANNOTATION_CONFLUENT_TOPIC,
} from '@shiftleft/plugin-confluent-common';
import {
  actionContext,
  actionOptions,
  EmulatorAndDatabase,
  startEmulatorAndDatabase,
  taskUser,
} from '../__testUtils__/actionContext';
import { createConfluentDataProductPlanAction } from './dataProductPlan';

const CUSTOMER_DATA = 'group:default/customer-data-team';
const SALES = 'group:default/sales-analytics-team';
const PLATFORM = 'group:default/platform-team';
const DB_PASSWORD = 'plan-teams-pass-81f2';
/** A member of customer-data-team only. */
const MEMBER = taskUser('ann', ['customer-data-team']);

describe('team and PII rules of confluent:dataproduct:plan', () => {
  // Emulator and PostgreSQL round trips on a shared, busy machine.
  jest.setTimeout(60_000);

  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('planteamsdb');
    emu = env.emu;
  }, 60_000);
  afterAll(() => env?.stop(), 60_000);

  /** A topic entity; `provider` ones carry the provider's origin location. */
  const topicEntity = (
    topic: string,
    owner: string,
    extra: { provider?: boolean; name?: string; spec?: object } = {},
  ): Entity => {
    const url = `https://confluent.cloud/environments/${emu.ids.environmentId}/clusters/${emu.ids.kafkaClusterId}/topics/${topic}/overview`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: extra.name ?? topic,
        annotations: {
          ...(extra.provider === false
            ? {}
            : {
                [ANNOTATION_LOCATION]: `url:${url}`,
                [ANNOTATION_ORIGIN_LOCATION]: `url:${url}`,
              }),
          [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
          [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: emu.ids.kafkaClusterId,
          [ANNOTATION_CONFLUENT_TOPIC]: topic,
        },
      },
      spec: {
        type: 'data-product',
        lifecycle: 'production',
        owner,
        ...extra.spec,
      },
    };
  };

  /** The workshop's owners as the provider computes them. */
  const WORKSHOP = () => [
    topicEntity('product_sales', SALES),
    topicEntity('shiftleft.public.customers', PLATFORM),
  ];

  async function plan(
    name: string,
    parts: { statements?: object[]; sinks?: object[]; source?: object },
    extra: { entities?: Entity[]; owner?: string } = {},
  ) {
    const action = createConfluentDataProductPlanAction({
      ...actionOptions(emu),
      catalog: catalogServiceMock({ entities: extra.entities ?? WORKSHOP() }),
    });
    const c = actionContext({
      input: {
        name,
        owner: extra.owner ?? CUSTOMER_DATA,
        source: {
          database: {
            hostname: env.pg.host,
            port: env.pg.port,
            name: 'planteamsdb',
            user: env.pg.user,
            passwordSecret: 'dbPassword',
            sslMode: 'disable',
          },
          tables: ['customers'],
          ...parts.source,
        },
        statements: parts.statements ?? [],
        sinks: parts.sinks ?? [],
      } as any,
      secrets: { dbPassword: DB_PASSWORD },
      isDryRun: true,
      user: MEMBER,
    });
    await action.handler(c.ctx);
    return {
      ready: c.outputs.ready,
      problems: (c.outputs.plan as any).problems as string[],
    };
  }

  describe("18.2 writes to other teams' tables", () => {
    it.each([
      [
        'CREATE OR REPLACE',
        'CREATE OR REPLACE TABLE `product_sales` AS SELECT * FROM `${product}.public.customers`;',
      ],
      [
        'INSERT INTO',
        'INSERT INTO `product_sales` SELECT * FROM `${product}.public.customers`;',
      ],
      ['DROP TABLE', 'DROP TABLE `product_sales`;'],
      [
        'ALTER TABLE',
        "ALTER TABLE `product_sales` SET ('changelog.mode' = 'append');",
      ],
    ])("is not ready for %s on another team's table", async (_form, sql) => {
      const { ready, problems } = await plan('wr', {
        statements: [{ name: 'write', sql }],
      });
      expect(ready).toBe(false);
      expect(problems).toContainEqual(
        expect.stringContaining(
          `writes product_sales, an existing table owned by ${SALES}`,
        ),
      );
    });

    it("is not ready for a sink copying another team's topic", async () => {
      const { ready, problems } = await plan('cp', {
        sinks: [{ type: 'postgres', table: 'product_sales' }],
      });
      expect(ready).toBe(false);
      expect(problems).toContainEqual(
        expect.stringContaining(
          `reads product_sales, owned by ${SALES}: ${SALES} must share it with ${CUSTOMER_DATA} first`,
        ),
      );
    });

    it.each([
      ['sql.current-database', 'lkc-elsewhere'],
      ['sql.current-catalog', 'env-elsewhere'],
    ])(
      'is not ready for a SET %s outside the configured environment and cluster',
      async (key, value) => {
        const { ready, problems } = await plan('st', {
          statements: [
            {
              name: 'elsewhere',
              sql: `SET '${key}' = '${value}';\nCREATE TABLE \`\${product}.copy\` AS SELECT * FROM \`\${product}.public.customers\`;`,
            },
          ],
        });
        expect(ready).toBe(false);
        expect(problems).toContainEqual(
          expect.stringContaining(`sets ${key} to '${value}'`),
        );
      },
    );
  });

  describe("16.4 reading another team's data", () => {
    const reading = {
      statements: [
        {
          name: 'sales-copy',
          sql: 'CREATE TABLE `${product}.sales_copy` AS SELECT * FROM `product_sales`;',
        },
      ],
    };

    it('is not ready until the owner shares it, and says who owns it', async () => {
      const { ready, problems } = await plan('rd', reading);
      expect(ready).toBe(false);
      expect(problems).toContainEqual(
        expect.stringContaining(
          `reads product_sales, owned by ${SALES}: ${SALES} must share it with ${CUSTOMER_DATA} first (annotation ${ANNOTATION_CONFLUENT_SHARED_WITH}`,
        ),
      );
    });

    it('is ready once the owning team shares it with the reader’s team', async () => {
      const share = topicEntity('product_sales', SALES, {
        provider: false,
        name: 'product-sales-sharing',
      });
      share.metadata.annotations![ANNOTATION_CONFLUENT_SHARED_WITH] =
        'customer-data-team';
      const { problems } = await plan('rs', reading, {
        entities: [...WORKSHOP(), share],
      });
      expect(problems.filter(p => p.includes('product_sales'))).toEqual([]);
    });

    it('ignores a share written by anyone but the owner', async () => {
      const share = topicEntity('product_sales', CUSTOMER_DATA, {
        provider: false,
        name: 'product-sales-self-share',
      });
      share.metadata.annotations![ANNOTATION_CONFLUENT_SHARED_WITH] =
        'customer-data-team';
      const { ready } = await plan('rx', reading, {
        entities: [...WORKSHOP(), share],
      });
      expect(ready).toBe(false);
    });
  });

  describe('16.5 unmasked PII straight to a sink', () => {
    it("is not ready for a sink reading the product's own CDC topic with declared unmasked PII", async () => {
      const { ready, problems } = await plan('pd', {
        source: { piiFields: ['email'] },
        sinks: [{ type: 'postgres', table: '${product}.public.customers' }],
      });
      expect(ready).toBe(false);
      expect(problems).toContainEqual(
        expect.stringContaining(
          'Unmasked personal data reaches postgres table',
        ),
      );
    });

    it('is not ready for a sink reading an existing CDC topic whose PII the catalog records unmasked', async () => {
      // The reader's team owns the topic: only the PII rule is in play.
      const cdcTopic = topicEntity(
        'shiftleft.public.customers',
        CUSTOMER_DATA,
        {
          spec: {
            lineage: {
              producedBy: [],
              columns: [],
              pii: [
                {
                  column: 'email',
                  status: 'pii',
                  origins: [],
                  chain: [
                    {
                      entityRef: 'api:default/shiftleft.public.customers',
                      column: 'email',
                      how: 'catalog-tag',
                      detail: 'tagged PII',
                    },
                  ],
                },
              ],
            },
          },
        },
      );
      const { ready, problems } = await plan(
        'pe',
        { sinks: [{ type: 'postgres', table: 'shiftleft.public.customers' }] },
        { entities: [cdcTopic] },
      );
      expect(ready).toBe(false);
      expect(problems).toContainEqual(
        expect.stringContaining(
          'Unmasked personal data reaches postgres table',
        ),
      );
    });
  });

  describe('13 the owner is a group the initiator belongs to', () => {
    it('is not ready for an owner the initiator is not a member of', async () => {
      const { ready, problems } = await plan('ow', {}, { owner: SALES });
      expect(ready).toBe(false);
      expect(problems).toContainEqual(
        expect.stringContaining(`user:default/ann is not a member of ${SALES}`),
      );
    });
  });
});

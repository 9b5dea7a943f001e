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
 * The team rules of the create actions (issues 13 and 18), tried as a
 * curious member of customer-data-team would against the workshop
 * emulator: take over another team's table with a no-op statement, write or
 * drop it, adopt its statement or connector, or create under a team she is
 * not in. Each attempt is refused before anything changes.
 */
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_TOPIC,
  BUSINESS_METADATA_OWNERSHIP,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  actionContext,
  actionOptions,
  EmulatorAndDatabase,
  startEmulatorAndDatabase,
  taskUser,
} from '../__testUtils__/actionContext';
import { pollUntil } from '../lib/wait';
import { createConfluentConnectorCreateAction } from './connectorCreate';
import { createConfluentFlinkStatementCreateAction } from './flinkStatementCreate';

const CUSTOMER_DATA = 'group:default/customer-data-team';
const CUSTOMER_SERVICE = 'group:default/customer-service-team';
const DB_PASSWORD = 'teams-db-pass-4c1d';
/** A member of customer-data-team only. */
const MEMBER = taskUser('ann', ['customer-data-team']);
/** A member of customer-service-team only. */
const OTHER = taskUser('bob', ['customer-service-team']);

describe('team rules of the create actions', () => {
  // Emulator and PostgreSQL round trips on a shared, busy machine.
  jest.setTimeout(60_000);

  let env: EmulatorAndDatabase;
  let emu: ConfluentEmulator;
  let options: ReturnType<typeof actionOptions>;

  /** A topic entity as the suite's provider emits it, with its owner. */
  const providerTopic = (topic: string, owner: string): Entity => {
    const url = options.client.links.topic(
      emu.ids.environmentId,
      emu.ids.kafkaClusterId,
      topic,
    );
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: topic,
        annotations: {
          [ANNOTATION_LOCATION]: `url:${url}`,
          [ANNOTATION_ORIGIN_LOCATION]: `url:${url}`,
          [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
          [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: emu.ids.kafkaClusterId,
          [ANNOTATION_CONFLUENT_TOPIC]: topic,
        },
      },
      spec: { type: 'data-product', lifecycle: 'production', owner },
    };
  };

  beforeAll(async () => {
    env = await startEmulatorAndDatabase('teamsdb');
    emu = env.emu;
    const base = actionOptions(emu);
    options = base;
    options = {
      ...base,
      // The workshop's owners as the provider computes them (label,
      // mapping): thirty_day_customer_snapshot is customer-service-team's.
      catalog: catalogServiceMock({
        entities: [
          providerTopic('thirty_day_customer_snapshot', CUSTOMER_SERVICE),
          providerTopic('enriched_customers', CUSTOMER_DATA),
        ],
      }),
    };
  }, 60_000);
  afterAll(() => env?.stop(), 60_000);

  const flink = () => options.client.flink(emu.ids.environmentId);
  const connect = () =>
    options.client.connect(emu.ids.environmentId, emu.ids.kafkaClusterId);
  const streamCatalog = () => options.client.catalog(emu.ids.environmentId);

  async function recordedOwner(topic: string) {
    const metadata = await streamCatalog().getBusinessMetadata(
      'kafka_topic',
      streamCatalog().topicQualifiedName(emu.ids.kafkaClusterId, topic),
    );
    return metadata.find(m => m.typeName === BUSINESS_METADATA_OWNERSHIP)
      ?.attributes.owner;
  }

  async function statementExists(name: string) {
    return flink()
      .getStatement(name)
      .then(
        () => true,
        () => false,
      );
  }

  async function runStatement(
    input: JsonObject,
    user: ReturnType<typeof taskUser> | null = MEMBER,
  ) {
    const action = createConfluentFlinkStatementCreateAction(options);
    const c = actionContext({ input, user });
    const error = await action.handler(c.ctx).then(
      () => undefined,
      e => e as Error,
    );
    return { ...c, error };
  }

  describe('18.1 takeover with a no-op statement', () => {
    it.each([
      [
        'CREATE TABLE IF NOT EXISTS',
        'CREATE TABLE IF NOT EXISTS `thirty_day_customer_snapshot` (customerid INT);',
      ],
      [
        'CREATE OR REPLACE TABLE … AS',
        'CREATE OR REPLACE TABLE `thirty_day_customer_snapshot` AS SELECT customerid FROM `shiftleft.public.customers`;',
      ],
    ])(
      "refuses %s on another team's table before anything runs, and its owner stays",
      async (_form, sql) => {
        const name = `takeover-${_form.length}`;
        const { error } = await runStatement({
          name,
          owner: CUSTOMER_DATA,
          sql,
        });
        expect(error?.name).toBe('NotAllowedError');
        expect(error?.message).toContain(
          `writes thirty_day_customer_snapshot, an existing table owned by ${CUSTOMER_SERVICE}`,
        );
        expect(await statementExists(name)).toBe(false);
        expect(await recordedOwner('thirty_day_customer_snapshot')).toBe(
          undefined,
        );
      },
    );

    it("records ownership only on tables the run created: IF NOT EXISTS on the team's own table leaves the record alone", async () => {
      const { error, outputs } = await runStatement({
        name: 'enriched-if-not-exists',
        owner: CUSTOMER_DATA,
        sql: 'CREATE TABLE IF NOT EXISTS `enriched_customers` (customerid INT);',
      });
      expect(error).toBeUndefined();
      expect(outputs.createsTables).toEqual(['enriched_customers']);
      // The table existed: no ownership record is written for it.
      expect(await recordedOwner('enriched_customers')).toBeUndefined();
    });
  });

  describe('18.2 writes to any table (the action enforces it too)', () => {
    it.each([
      [
        'INSERT INTO',
        'INSERT INTO `thirty_day_customer_snapshot` SELECT * FROM `thirty_day_customer_snapshot`;',
      ],
      ['DROP TABLE', 'DROP TABLE `thirty_day_customer_snapshot`;'],
      [
        'ALTER TABLE',
        "ALTER TABLE `thirty_day_customer_snapshot` SET ('changelog.mode' = 'append');",
      ],
    ])(
      "refuses %s on another team's table, submitting nothing",
      async (form, sql) => {
        const name = `write-${form.replace(/ /g, '-').toLowerCase()}`;
        const { error } = await runStatement({
          name,
          owner: CUSTOMER_DATA,
          sql,
        });
        expect(error?.name).toBe('NotAllowedError');
        expect(error?.message).toContain(`owned by ${CUSTOMER_SERVICE}`);
        expect(await statementExists(name)).toBe(false);
      },
    );

    it("refuses another team's existing table even when the step input lists it as created by the run", async () => {
      const name = 'write-claimed-created';
      const { error } = await runStatement({
        name,
        owner: CUSTOMER_DATA,
        sql: 'INSERT INTO `thirty_day_customer_snapshot` SELECT * FROM `thirty_day_customer_snapshot`;',
        createdTables: ['thirty_day_customer_snapshot'],
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toContain(`owned by ${CUSTOMER_SERVICE}`);
      expect(await statementExists(name)).toBe(false);
    });

    it.each([
      ['sql.current-database', "'lkc-elsewhere'"],
      ['sql.current-catalog', "'env-elsewhere'"],
    ])(
      'refuses a SET %s pointing outside the configured environment and cluster',
      async (key, value) => {
        const name = `set-${key.replace(/\./g, '-')}`;
        const { error } = await runStatement({
          name,
          owner: CUSTOMER_DATA,
          sql: `SET '${key}' = ${value};\nCREATE TABLE \`elsewhere_copy\` AS SELECT customerid FROM \`shiftleft.public.customers\`;`,
        });
        expect(error?.message).toContain(`sets ${key} to ${value}`);
        expect(await statementExists(name)).toBe(false);
      },
    );
  });

  describe('13 ownership and adoption never cross teams', () => {
    it('refuses an owner the initiator is not a member of (the OwnerPicker value is checked server-side)', async () => {
      const { error } = await runStatement({
        name: 'not-my-team',
        owner: CUSTOMER_SERVICE,
        sql: 'CREATE TABLE `not_my_team` AS SELECT customerid FROM `shiftleft.public.customers`;',
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toContain(
        `user:default/ann is not a member of ${CUSTOMER_SERVICE}`,
      );
      expect(await statementExists('not-my-team')).toBe(false);
    });

    it('refuses a task without an initiating user', async () => {
      const { error } = await runStatement(
        {
          name: 'nobody',
          owner: CUSTOMER_DATA,
          sql: 'CREATE TABLE `nobody_table` AS SELECT customerid FROM `shiftleft.public.customers`;',
        },
        null,
      );
      expect(error?.name).toBe('NotAllowedError');
      expect(await statementExists('nobody')).toBe(false);
    });

    it("does not adopt another team's unlabelled statement, and its table keeps its owner", async () => {
      // Made outside the portal, without an owner label; the team recorded
      // its table's owner in Stream Catalog.
      const sql =
        'CREATE TABLE `service_cases` AS SELECT customerid FROM `shiftleft.public.customers`';
      await flink().createStatement({
        name: 'service-cases',
        statement: sql,
        properties: {
          'sql.current-catalog': emu.ids.environmentId,
          'sql.current-database': emu.ids.kafkaClusterId,
        },
      });
      // Once the statement runs, its table is a topic Stream Catalog knows.
      await pollUntil({
        what: 'service_cases in Stream Catalog',
        timeoutMs: 30_000,
        intervalMs: 50,
        read: () =>
          streamCatalog()
            .getBusinessMetadata(
              'kafka_topic',
              streamCatalog().topicQualifiedName(
                emu.ids.kafkaClusterId,
                'service_cases',
              ),
            )
            .then(
              () => true,
              () => false,
            ),
        decide: ok =>
          ok
            ? { done: true, value: ok }
            : { done: false, state: 'not indexed' },
      });
      await streamCatalog().setBusinessMetadata([
        {
          typeName: BUSINESS_METADATA_OWNERSHIP,
          entityType: 'kafka_topic',
          entityName: streamCatalog().topicQualifiedName(
            emu.ids.kafkaClusterId,
            'service_cases',
          ),
          attributes: { owner: CUSTOMER_SERVICE },
        },
      ]);
      const { error, outputs } = await runStatement({
        name: 'service-cases',
        owner: CUSTOMER_DATA,
        sql,
      });
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toContain(
        `without an owner label, and what it writes is owned by ${CUSTOMER_SERVICE}`,
      );
      expect(outputs.action).toBeUndefined();
      expect(await recordedOwner('service_cases')).toBe(CUSTOMER_SERVICE);
    });

    it("does not adopt another team's connector, changing nothing", async () => {
      const action = createConfluentConnectorCreateAction(options);
      const input = (owner: string) => ({
        name: 'svc-cdc',
        type: 'postgres-cdc-source',
        owner,
        source: {
          database: {
            hostname: env.pg.host,
            port: env.pg.port,
            name: 'teamsdb',
            user: env.pg.user,
            passwordSecret: 'dbPassword',
            sslMode: 'disable',
          },
          tables: ['customers'],
          topicPrefix: 'svc',
        },
      });
      await action.handler(
        actionContext({
          input: input(CUSTOMER_SERVICE),
          secrets: { dbPassword: DB_PASSWORD },
          user: OTHER,
        }).ctx,
      );
      expect(await recordedOwner('svc.public.customers')).toBe(
        CUSTOMER_SERVICE,
      );
      const configBefore = await connect().getConnectorConfig('svc-cdc');

      // The same connector, the same config: adopting it would record her
      // team as the owner of its topics.
      const attempt = actionContext({
        input: input(CUSTOMER_DATA),
        secrets: { dbPassword: DB_PASSWORD },
        user: MEMBER,
      });
      await expect(action.handler(attempt.ctx)).rejects.toThrow(
        `Connector 'svc-cdc' already exists, owned by ${CUSTOMER_SERVICE}: only its own team can adopt it`,
      );
      expect(attempt.outputs.action).toBeUndefined();
      expect(await recordedOwner('svc.public.customers')).toBe(
        CUSTOMER_SERVICE,
      );
      expect(await connect().getConnectorConfig('svc-cdc')).toEqual(
        configBefore,
      );
    });
  });
});

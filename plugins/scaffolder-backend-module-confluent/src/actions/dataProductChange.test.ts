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
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentEntityProvider } from '@shiftleft/plugin-catalog-backend-module-confluent';
import {
  ConfluentClient,
  DeclaredFingerprints,
} from '@shiftleft/plugin-confluent-node';
import {
  actionContext,
  actionOptions,
  CheckpointStore,
  emulatorConfluentConfig,
  taskUser,
} from '../__testUtils__/actionContext';
import {
  createDataProductChangeAction,
  createDataProductPlanChangeAction,
} from './dataProductChange';

/*
 * Changing the workshop's enriched_customers against the emulator, with
 * the catalog entities the suite's own provider reads from it (owners,
 * column lineage), as a member of customer-data-team.
 */

const PRODUCT = 'api:default/enriched_customers';
const STATEMENT = 'enriched-customer-materializer';
const MEMBER = taskUser('carla', ['customer-data-team']);

/** The workshop's SQL of enriched_customers, with edits. */
function enrichedCustomers(edit: {
  addSegmentCode?: boolean;
  dropCustomerName?: boolean;
}) {
  const declared = [
    'customerid INT,',
    ...(edit.dropCustomerName ? [] : ['customername STRING,']),
    'email STRING,',
    'segment STRING,',
    ...(edit.addSegmentCode ? ['segment_code STRING,'] : []),
    'shipping_address ROW<street STRING, city STRING, state STRING, postalcode STRING, country STRING>,',
    'billing_address ROW<street STRING, city STRING, state STRING, postalcode STRING, country STRING>,',
    'event_time TIMESTAMP_LTZ(3),',
  ];
  const selected = [
    'c.customerid,',
    ...(edit.dropCustomerName ? [] : ['c.customername,']),
    'c.email,',
    'c.segment,',
    ...(edit.addSegmentCode ? ['UPPER(c.segment) AS segment_code,'] : []),
    'ROW(sa.street, sa.city, sa.state, sa.postalcode, sa.country) AS shipping_address,',
    'ROW(ba.street, ba.city, ba.state, ba.postalcode, ba.country) AS billing_address,',
    'c.`$rowtime` AS event_time',
  ];
  return `CREATE TABLE enriched_customers (
  ${declared.join('\n  ')}
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND,
  PRIMARY KEY (customerid) NOT ENFORCED
)
AS
SELECT
  ${selected.join('\n  ')}
FROM \`shiftleft.public.customers\` c
LEFT JOIN \`shiftleft.public.addresses\` sa
  ON c.shipping_address_id = sa.addressid
LEFT JOIN \`shiftleft.public.addresses\` ba
  ON c.billing_address_id = ba.addressid
WHERE c.__deleted IS NULL OR c.__deleted <> 'true';`;
}

describe('confluent:dataproduct:plan-change and confluent:dataproduct:change', () => {
  // Emulator round trips and a provider read on a shared, busy machine.
  jest.setTimeout(60_000);

  let emu: ConfluentEmulator;
  let entities: Entity[];

  /** The catalog as the suite's provider describes the emulator now. */
  async function readCatalog() {
    const config = new ConfigReader({
      confluent: emulatorConfluentConfig(emu),
      catalog: {
        providers: {
          confluent: {
            defaultOwner: 'group:default/platform-team',
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
    return (await provider.read()).entities;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    entities = await readCatalog();
  }, 60_000);
  afterAll(() => emu?.stop());
  afterEach(async () => {
    emu.clearFaults();
    await emu.reset();
  });

  const options = () => ({
    ...actionOptions(emu),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
  });
  const flink = () => actionOptions(emu).client.flink(emu.ids.environmentId);
  const registry = () =>
    actionOptions(emu).client.schemaRegistry(emu.ids.environmentId);

  async function plan(sql: string, extra: object = {}, user = MEMBER) {
    const c = actionContext({
      input: { product: PRODUCT, sql, ...extra },
      user,
    });
    await createDataProductPlanChangeAction(options()).handler(c.ctx);
    return c.outputs as { ready: boolean; changePlan: any };
  }

  async function change(
    sql: string,
    extra: object = {},
    user = MEMBER,
    checkpoints = new CheckpointStore(),
  ) {
    const c = actionContext({
      input: { product: PRODUCT, sql, ...extra },
      user,
      checkpoints,
    });
    await createDataProductChangeAction(options()).handler(c.ctx);
    return c;
  }

  /** Names of the statements writing enriched_customers that run. */
  async function runningWriters() {
    return (await flink().listStatements())
      .filter(
        s =>
          /enriched_customers/.test(s.spec.statement ?? '') &&
          /^(CREATE TABLE enriched_customers|INSERT INTO)/.test(
            s.spec.statement ?? '',
          ) &&
          !s.spec.stopped &&
          s.status.phase === 'RUNNING',
      )
      .map(s => s.name);
  }

  it('plans an added column as compatible with no downstream impact, and the run switches blue/green to a new version', async () => {
    const sql = enrichedCustomers({ addSegmentCode: true });
    const planned = await plan(sql);
    expect(planned.changePlan.problems).toEqual([]);
    expect(planned.ready).toBe(true);
    expect(planned.changePlan).toMatchObject({
      product: PRODUCT,
      topic: 'enriched_customers',
      owner: 'group:default/customer-data-team',
      currentStatement: STATEMENT,
      schemaChanges: [
        { column: 'segment_code', change: 'added', after: 'string' },
      ],
      compatibility: {
        subject: 'enriched_customers-value',
        verdict: 'compatible',
      },
      impact: [],
      teamsToTell: [],
      needsConfirmation: false,
      problems: [],
      method: { kind: 'blue-green', previousStatement: STATEMENT },
    });
    expect(planned.changePlan.sql).toMatch(
      /^INSERT INTO `?enriched_customers`?\nSELECT/,
    );
    expect(planned.changePlan.properties).toMatchObject({
      'sql.tables.initial-offset-from': STATEMENT,
    });
    const versionsBefore = await registry().listVersions(
      'enriched_customers-value',
    );

    const { outputs, logger } = await change(sql);
    const name = planned.changePlan.method.statementName;
    // It resumed from the old statement's offsets before the switch.
    expect(logger.text()).toMatch(
      new RegExp(`${name} has caught up with ${STATEMENT}`),
    );
    expect(outputs).toMatchObject({
      statementName: name,
      phase: 'RUNNING',
      previousStatement: STATEMENT,
    });
    const next = await flink().getStatement(name);
    expect(next.spec.properties).toMatchObject({
      'sql.tables.initial-offset-from': STATEMENT,
    });
    expect(next.metadata.labels).toEqual({
      'backstage.io/owner': 'customer-data-team',
    });
    expect((await flink().getStatement(STATEMENT)).status.phase).toBe(
      'STOPPED',
    );
    expect(await runningWriters()).toEqual([name]);
    // The new value schema is the subject's next version.
    const versionsAfter = await registry().listVersions(
      'enriched_customers-value',
    );
    expect(versionsAfter.length).toBe(versionsBefore.length + 1);
    // Drift is read against the new statement from now on.
    const declared = await new DeclaredFingerprints({
      client: actionOptions(emu).client,
    }).readAll(emu.ids.environmentId);
    expect(
      [...declared.values()].find(
        f => f.kind === 'statement' && f.name === name,
      ),
    ).toMatchObject({
      declaredBy: 'user:default/carla',
      uid: next.metadata.uid,
    });
    const latest = await registry().getLatestSchema('enriched_customers-value');
    expect(JSON.parse(latest.schema).fields.map((f: any) => f.name)).toContain(
      'segment_code',
    );
  });

  it('lists every downstream product and sink reading a dropped column, with owners, and refuses to run without confirmation', async () => {
    const sql = enrichedCustomers({ dropCustomerName: true });
    const planned = await plan(sql);
    expect(planned.ready).toBe(false);
    const p = planned.changePlan;
    expect(p.schemaChanges).toEqual([
      { column: 'customername', change: 'removed', before: 'string' },
    ]);
    // Avro readers ignore a removed field: the registry accepts it...
    expect(p.compatibility.verdict).toBe('compatible');
    // ...but products downstream read it.
    const impacted = p.impact.map((i: any) => [i.entityRef, i.owner]);
    expect(impacted).toEqual(
      expect.arrayContaining([
        ['api:default/product_sales', 'group:default/sales-analytics-team'],
        [
          'api:default/thirty_day_customer_snapshot',
          'group:default/customer-service-team',
        ],
      ]),
    );
    const sink = p.impact.find(
      (i: any) => i.sinkTable && /postgres-sink/.test(i.via),
    );
    expect(sink).toMatchObject({
      column: 'customername',
      changedColumn: 'customername',
      via: 'component:default/shiftleft-postgres-sink',
      owner: 'group:default/customer-service-team',
    });
    expect(p.teamsToTell).toEqual([
      'group:default/customer-service-team',
      'group:default/sales-analytics-team',
    ]);
    expect(p.needsConfirmation).toBe(true);
    expect(p.problems.join('\n')).toMatch(
      /Changing customername breaks .*product_sales.*Tell group:default\/customer-service-team, group:default\/sales-analytics-team first/s,
    );

    const versions = await registry().listVersions('enriched_customers-value');
    const statements = (await flink().listStatements()).length;
    await expect(change(sql)).rejects.toThrow(
      /cannot go ahead:[\s\S]*confirm the breaking change/,
    );
    expect(await runningWriters()).toEqual([STATEMENT]);
    expect((await flink().listStatements()).length).toBe(statements);
    expect(await registry().listVersions('enriched_customers-value')).toEqual(
      versions,
    );

    // Confirmed, the plan is ready and still names who to tell.
    const confirmed = await plan(sql, { confirmBreakingChange: true });
    expect(confirmed.ready).toBe(true);
    expect(confirmed.changePlan.teamsToTell).toHaveLength(2);
  });

  it('leaves the old statement running and nothing duplicated when the switch fails after the new statement started', async () => {
    // Stopping the old statement fails (its PUT), after the new one runs.
    emu.injectFaults({
      api: 'flink',
      status: 503,
      times: 20,
      methods: ['PUT'],
    });
    const sql = enrichedCustomers({ addSegmentCode: true });
    const before = (await flink().listStatements()).map(s => s.name).sort();
    const subject = 'enriched_customers-value';
    const versionsBefore = await registry().listVersions(subject);
    const c = actionContext({
      input: { product: PRODUCT, sql },
      user: MEMBER,
      checkpoints: new CheckpointStore(),
    });
    await expect(
      createDataProductChangeAction(options()).handler(c.ctx),
    ).rejects.toThrow();
    expect(c.logger.text()).toMatch(/is RUNNING; stopping/);
    expect(c.logger.text()).toMatch(/rolling back/);
    const old = await flink().getStatement(STATEMENT);
    expect(old.status.phase).toBe('RUNNING');
    expect(old.spec.stopped).toBe(false);
    expect((await flink().listStatements()).map(s => s.name).sort()).toEqual(
      before,
    );
    expect(await runningWriters()).toEqual([STATEMENT]);
    // The value schema version the switch registered is removed again.
    expect(c.logger.text()).toMatch(
      /Registered the new value schema of enriched_customers-value \(id \d+, version \d+\)/,
    );
    expect(await registry().listVersions(subject)).toEqual(versionsBefore);
    expect((await registry().getLatestSchema(subject)).schema).not.toContain(
      'segment_code',
    );

    // Once Confluent answers again, a retry completes the switch.
    emu.clearFaults();
    const retried = await change(sql);
    expect(retried.outputs.previousStatement).toBe(STATEMENT);
    expect(await runningWriters()).toEqual([retried.outputs.statementName]);
    const versionsAfter = await registry().listVersions(subject);
    expect(versionsAfter).toHaveLength(versionsBefore.length + 1);
    expect((await registry().getLatestSchema(subject)).schema).toContain(
      'segment_code',
    );
  });

  it('refuses a member of another team and changes nothing', async () => {
    const stranger = taskUser('sam', ['sales-analytics-team']);
    const sql = enrichedCustomers({ addSegmentCode: true });
    const statements = (await flink().listStatements()).length;
    const versions = await registry().listVersions('enriched_customers-value');
    await expect(plan(sql, {}, stranger)).rejects.toThrow(
      /Only members of group:default\/customer-data-team can change api:default\/enriched_customers/,
    );
    await expect(change(sql, {}, stranger)).rejects.toThrow(
      /Only members of group:default\/customer-data-team/,
    );
    expect((await flink().listStatements()).length).toBe(statements);
    expect(await registry().listVersions('enriched_customers-value')).toEqual(
      versions,
    );
    expect(await runningWriters()).toEqual([STATEMENT]);
  });

  it('evolves a materialized table in place with CREATE OR ALTER and the chosen START_MODE', async () => {
    const v1 =
      'CREATE MATERIALIZED TABLE customer_segments AS SELECT customerid, segment FROM `shiftleft.public.customers`;';
    await flink().createStatement({
      name: 'customer-segments',
      statement: v1,
      labels: { 'backstage.io/owner': 'customer-data-team' },
      properties: {
        'sql.current-catalog': emu.ids.environmentId,
        'sql.current-database': emu.ids.kafkaClusterId,
        'sql.secrets.openai': 'sk-change-test-4f1e9a',
      },
    });
    for (let i = 0; i < 100; i++) {
      const s = await flink().getStatement('customer-segments');
      if (s.status.phase === 'RUNNING') break;
      await new Promise(r => setTimeout(r, 50));
    }
    const saved = entities;
    entities = await readCatalog();
    try {
      const sql =
        'CREATE MATERIALIZED TABLE customer_segments AS SELECT customerid, segment, customername FROM `shiftleft.public.customers`;';
      const c = actionContext({
        input: {
          product: 'api:default/customer_segments',
          sql,
          startMode: 'RESUME_OR_FROM_NOW',
        },
        user: MEMBER,
        checkpoints: new CheckpointStore(),
      });
      await createDataProductChangeAction(options()).handler(c.ctx);
      const p = c.outputs.changePlan as any;
      expect(p.method).toMatchObject({
        kind: 'materialized-table',
        startMode: 'RESUME_OR_FROM_NOW',
        currentVersion: 1,
      });
      expect(p.schemaChanges).toEqual([
        { column: 'customername', change: 'added', after: 'string' },
      ]);
      expect(p.sql).toMatch(
        /^CREATE OR ALTER MATERIALIZED TABLE customer_segments\nSTART_MODE = RESUME_OR_FROM_NOW\nAS SELECT/,
      );
      expect(c.outputs).toMatchObject({
        phase: 'RUNNING',
        materializedTableVersion: 2,
      });
      // The secret property is carried to the new statement, never shown.
      expect(p.properties['sql.secrets.openai']).toBe('[REDACTED]');
      expect(JSON.stringify(c.outputs)).not.toContain('sk-change-test-4f1e9a');
      expect(c.logger.text()).not.toContain('sk-change-test-4f1e9a');
      const submitted = await flink().getStatement(p.method.statementName);
      expect(submitted.spec.properties?.['sql.secrets.openai']).toBe(
        'sk-change-test-4f1e9a',
      );
      const versions = await actionOptions(emu)
        .client.materializedTables(emu.ids.environmentId)
        .listMaterializedTableVersions(
          emu.ids.kafkaClusterId,
          'customer_segments',
        );
      expect(versions.map(v => v.spec.version)).toEqual([1, 2]);
    } finally {
      entities = saved;
    }
  });

  it("refuses new SQL that starts reading another team's unshared product", async () => {
    const sql = enrichedCustomers({ addSegmentCode: true })
      .replace(
        'UPPER(c.segment) AS segment_code,',
        'CAST(ps.total_amount AS STRING) AS segment_code,',
      )
      .replace(
        'LEFT JOIN `shiftleft.public.addresses` sa',
        'LEFT JOIN `product_sales` ps ON ps.customerid = c.customerid\nLEFT JOIN `shiftleft.public.addresses` sa',
      );
    const planned = await plan(sql);
    expect(planned.ready).toBe(false);
    expect(planned.changePlan.problems.join('\n')).toMatch(
      /The new SQL reads product_sales, owned by group:default\/sales-analytics-team: .* must share it/,
    );
    await expect(change(sql)).rejects.toThrow(/cannot go ahead/);
    expect(await runningWriters()).toEqual([STATEMENT]);
  });

  it('refuses SQL that writes another table', async () => {
    await expect(
      plan(
        'CREATE TABLE other_table AS SELECT c.customerid FROM `shiftleft.public.customers` c;',
      ),
    ).rejects.toThrow(/must write enriched_customers/);
  });
});

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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  CapturingLogger,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import { BUSINESS_METADATA_OWNERSHIP } from '@shiftleft/plugin-confluent-common';
import { topicQualifiedName } from '@shiftleft/plugin-confluent-node';
import { makeProvider } from '../__testUtils__/harness';

/*
 * Issues 18.1 and 18.3, 13 ("owner labels written by someone else cannot
 * take over another team's entity"). A member of customer-data-team submits,
 * outside the portal (Confluent's console or CLI), a statement that writes
 * the customer service team's `thirty_day_customer_snapshot` and labels it
 * `backstage.io/owner: customer-data-team`. The topic's Stream Catalog
 * ownership record, which the portal wrote when a run created it, must keep
 * the topic (and the sink reading it) with its owner.
 */

jest.setTimeout(60_000);

const OWNER = 'group:default/customer-service-team';
const INTRUDER = 'customer-data-team';

function ownerOf(entities: Entity[], ref: string) {
  const entity = entities.find(e => stringifyEntityRef(e) === ref);
  if (!entity) throw new Error(`${ref} not emitted`);
  return [
    entity.spec?.owner,
    entity.metadata.annotations?.['confluent.io/owner-source'],
  ];
}

describe('a statement owner label written outside the portal', () => {
  let emu: ConfluentEmulator;

  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.stop());

  async function recordOwner(topic: string, owner: string) {
    const { client } = makeProvider(emu);
    await client.catalog(emu.ids.environmentId).setBusinessMetadata([
      {
        typeName: BUSINESS_METADATA_OWNERSHIP,
        entityType: 'kafka_topic',
        entityName: topicQualifiedName(
          emu.ids.schemaRegistryId,
          emu.ids.kafkaClusterId,
          topic,
        ),
        attributes: { owner },
      },
    ]);
    return client;
  }

  it.each([
    [
      'INSERT INTO',
      'INSERT INTO `thirty_day_customer_snapshot` SELECT customerid, customername, 0, CAST(0 AS BIGINT), CAST(NULL AS TIMESTAMP) FROM enriched_customers;',
    ],
    [
      'CREATE TABLE IF NOT EXISTS',
      'CREATE TABLE IF NOT EXISTS `thirty_day_customer_snapshot` AS SELECT customerid, customername FROM enriched_customers;',
    ],
  ])(
    'does not move a topic with an ownership record to the team a %s statement is labelled for',
    async (_, sql) => {
      const client = await recordOwner('thirty_day_customer_snapshot', OWNER);
      await client.flink(emu.ids.environmentId).createStatement({
        name: 'snapshot-takeover',
        statement: sql,
        labels: { 'backstage.io/owner': INTRUDER },
      });
      const logger = new CapturingLogger();
      const { provider } = makeProvider(emu, { logger });
      const { entities } = await provider.read();

      // The topic and the sink that reads it stay with the recorded owner.
      expect(
        ownerOf(entities, 'api:default/thirty_day_customer_snapshot'),
      ).toEqual([OWNER, 'metadata']);
      expect(
        ownerOf(entities, 'component:default/shiftleft-postgres-sink'),
      ).toEqual([OWNER, 'inherited']);
      // The statement is shown, as its label's team's.
      expect(ownerOf(entities, 'component:default/snapshot-takeover')).toEqual([
        `group:default/${INTRUDER}`,
        'label',
      ]);
      // The portal's own statement on that topic keeps its owner too.
      expect(
        ownerOf(entities, 'component:default/customer-snapshot-materializer'),
      ).toEqual([OWNER, 'metadata']);
      expect(
        logger.lines.some(
          l =>
            l.level === 'warn' &&
            l.message.includes(
              `Topic thirty_day_customer_snapshot stays with ${OWNER}`,
            ),
        ),
      ).toBe(true);
    },
  );

  it('gives a labelled statement’s output to its recorded owner when the two differ', async () => {
    // product_sales is written by a statement labelled sales-analytics-team;
    // its record names another team (for instance after a hand-over).
    await recordOwner('product_sales', 'group:default/finance-team');
    const { provider } = makeProvider(emu);
    const { entities } = await provider.read();
    expect(ownerOf(entities, 'api:default/product_sales')).toEqual([
      'group:default/finance-team',
      'metadata',
    ]);
    expect(
      ownerOf(entities, 'component:default/product-sales-materializer'),
    ).toEqual(['group:default/sales-analytics-team', 'label']);
  });

  it('still lets a label decide a topic that has no ownership record', async () => {
    const { provider } = makeProvider(emu);
    const { entities } = await provider.read();
    expect(ownerOf(entities, 'api:default/product_sales')).toEqual([
      'group:default/sales-analytics-team',
      'label',
    ]);
  });
});

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
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  EventParams,
} from '@backstage/plugin-events-node';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { CONFLUENT_EVENTS_TOPIC } from '@shiftleft/plugin-confluent-common';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { actionContext, actionOptions } from '../__testUtils__/actionContext';
import { createConfluentCatalogRefreshAction } from './catalogRefresh';

const entity = (
  kind: string,
  name: string,
  annotations: Record<string, string>,
  type: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, annotations },
  spec: { type, owner: 'group:default/customer-data-team' },
});

describe('confluent:catalog:refresh', () => {
  let emu: ConfluentEmulator;
  let published: EventParams[];
  let action: ReturnType<typeof createConfluentCatalogRefreshAction>;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: 'empty' });
  });
  afterAll(() => emu?.stop());

  beforeEach(async () => {
    published = [];
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    await events.subscribe({
      id: 'test',
      topics: [CONFLUENT_EVENTS_TOPIC],
      onEvent: async event => {
        published.push(event);
      },
    });
    const env = emu.ids.environmentId;
    const lkc = emu.ids.kafkaClusterId;
    action = createConfluentCatalogRefreshAction({
      ...actionOptions(emu),
      events,
      catalog: catalogServiceMock({
        entities: [
          entity(
            'Component',
            'crm-postgres-cdc-source',
            {
              'confluent.io/connector-name': 'crm-postgres-cdc-source',
              'confluent.io/environment-id': env,
              'confluent.io/kafka-cluster-id': lkc,
            },
            'kafka-connector',
          ),
          entity(
            'Component',
            'crm-enriched-customers',
            {
              'confluent.io/statement-name': 'crm-enriched-customers',
              'confluent.io/environment-id': env,
            },
            'flink-statement',
          ),
          entity(
            'API',
            'crm.enriched_customers',
            {
              'confluent.io/topic': 'crm.enriched_customers',
              'confluent.io/statement-name': 'crm-enriched-customers',
              'confluent.io/environment-id': env,
              'confluent.io/kafka-cluster-id': lkc,
            },
            'data-product',
          ),
        ],
      }),
    });
  });

  it('announces every resource and links to its entity', async () => {
    const { ctx, outputs } = actionContext({
      input: {
        connectors: ['crm-postgres-cdc-source'],
        statements: ['crm-enriched-customers'],
        topics: ['crm.enriched_customers'],
      },
    });
    await action.handler(ctx);
    expect(published.map(e => e.eventPayload)).toEqual([
      {
        action: 'created',
        kind: 'connector',
        environmentId: emu.ids.environmentId,
        kafkaClusterId: emu.ids.kafkaClusterId,
        name: 'crm-postgres-cdc-source',
      },
      {
        action: 'created',
        kind: 'statement',
        environmentId: emu.ids.environmentId,
        name: 'crm-enriched-customers',
      },
      {
        action: 'created',
        kind: 'topic',
        environmentId: emu.ids.environmentId,
        kafkaClusterId: emu.ids.kafkaClusterId,
        name: 'crm.enriched_customers',
      },
    ]);
    expect(outputs).toEqual({
      entityRefs: [
        'component:default/crm-postgres-cdc-source',
        'component:default/crm-enriched-customers',
        'api:default/crm.enriched_customers',
      ],
      source: 'component:default/crm-postgres-cdc-source',
      missing: [],
      markdown: [
        '**Data products and topics**',
        '',
        '- [crm.enriched_customers](/catalog/default/api/crm.enriched_customers)',
        '',
        '**Flink statements**',
        '',
        '- [crm-enriched-customers](/catalog/default/component/crm-enriched-customers)',
        '',
        '**Connectors**',
        '',
        '- [crm-postgres-cdc-source](/catalog/default/component/crm-postgres-cdc-source)',
      ].join('\n'),
    });
  });

  it('reports entities the catalog does not have yet without failing', async () => {
    const { ctx, outputs, logger } = actionContext({
      input: { topics: ['crm.not_yet'], waitSeconds: 0 },
    });
    await action.handler(ctx);
    expect(published).toHaveLength(1);
    expect(outputs.missing).toEqual(['topic:crm.not_yet']);
    expect(outputs.markdown).toContain(
      '- crm.not_yet (not in the catalog yet)',
    );
    expect(logger.text()).toContain(
      'Not in the catalog yet: topic:crm.not_yet',
    );
  });

  it('stops waiting for the catalog when the task is cancelled', async () => {
    const controller = new AbortController();
    const { ctx } = actionContext({
      input: { topics: ['crm.never'], waitSeconds: 60 },
      signal: controller.signal,
    });
    const run = action.handler(ctx);
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toThrow(/abort/i);
  });

  it('publishes nothing in a dry run', async () => {
    const { ctx, outputs } = actionContext({
      input: { topics: ['crm.enriched_customers'] },
      isDryRun: true,
    });
    await action.handler(ctx);
    expect(published).toEqual([]);
    expect(outputs.entityRefs).toEqual([]);
  });

  it('rejects invalid names, publishing nothing', async () => {
    const { ctx } = actionContext({
      input: { statements: ['Not A Statement'], topics: ['ok'] },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      "'Not A Statement' is not a valid Flink statement name",
    );
    expect(published).toEqual([]);
  });
});

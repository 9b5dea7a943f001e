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
 * Issue 18.3: an entity a user registered (and so owns) names another
 * team's statement, connector or schema subject in its confluent.io/*
 * annotations. The routes must not act on them: only on entities the
 * suite's provider emitted, or on resources whose Confluent-side owner is
 * the entity's owner.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  BUSINESS_METADATA_OWNERSHIP,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import request from 'supertest';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OWNER, OWNER_GROUP } from './__testUtils__/fixtures';

const as = (user: string) => mockCredentials.user.header(user);

describe('18.3 entity annotations naming other teams’ resources', () => {
  let emu: ConfluentEmulator;
  let upstream: ConfluentClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    upstream = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
  });
  afterAll(() => emu.stop());
  afterEach(async () => {
    await stopCardsBackends();
    await emu.reset();
  });

  /**
   * An entity registered from a catalog-info.yaml (its origin is that
   * file), owned by the user's team, naming whatever it likes.
   */
  const registered = (
    name: string,
    annotations: Record<string, string>,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://git.example.com/team/repo/catalog-info.yaml',
        'backstage.io/managed-by-origin-location':
          'url:https://git.example.com/team/repo/catalog-info.yaml',
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
        [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: emu.ids.kafkaClusterId,
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: OWNER_GROUP },
    relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
  });

  const path = (name: string) =>
    `/api/confluent/entities/component/default/${name}`;

  it("refuses to stop, or show, another team's statement named by the user's own entity", async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: [
        registered('spoof', {
          [ANNOTATION_CONFLUENT_STATEMENT]: 'product-sales-materializer',
        }),
      ],
    });
    const stop = await request(server)
      .post(`${path('spoof')}/statements/product-sales-materializer/stop`)
      .set('Authorization', as(OWNER));
    expect(stop.status).toBe(403);
    expect(stop.body.error.message).toContain(
      "names statement 'product-sales-materializer', which belongs to group:default/sales-analytics-team",
    );
    const statement = await upstream
      .flink(emu.ids.environmentId)
      .getStatement('product-sales-materializer');
    expect(statement.spec.stopped).toBe(false);

    for (const route of ['statements', 'drift', 'history']) {
      const res = await request(server)
        .get(`${path('spoof')}/${route}`)
        .set('Authorization', as(OWNER));
      expect(res.status).toBe(403);
    }
  });

  it("serves a registered entity naming the team's own statement (its owner label matches)", async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: [
        registered('mine', {
          [ANNOTATION_CONFLUENT_STATEMENT]: 'enriched-customer-materializer',
        }),
      ],
    });
    const res = await request(server)
      .get(`${path('mine')}/statements`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.statements[0].name).toBe('enriched-customer-materializer');
  });

  it('checks the owner once for many viewers of a registered entity, and every time before a change', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: [
        registered('mine', {
          [ANNOTATION_CONFLUENT_STATEMENT]: 'enriched-customer-materializer',
        }),
      ],
      // No poll during the test: every Flink request is a route's own.
      confluent: {
        status: { pollIntervalSeconds: 600, livePollIntervalSeconds: 600 },
      },
    });
    const view = () =>
      request(server)
        .get(`${path('mine')}/statements`)
        .set('Authorization', as(OWNER));
    expect((await view()).status).toBe(200);
    emu.resetRequestCounts();
    for (let i = 0; i < 20; i++) expect((await view()).status).toBe(200);
    // The owner read for the first view is used by the next ones.
    expect(emu.requestCount('flink')).toBe(0);

    // A change reads the owner as it is now.
    const stop = await request(server)
      .post(`${path('mine')}/statements/enriched-customer-materializer/stop`)
      .set('Authorization', as(OWNER));
    expect(stop.status).toBe(200);
    expect(emu.requestCount('flink')).toBeGreaterThan(1);
  });

  it("refuses another team's connector status and topic schema", async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: [
        registered('spoof-sink', {
          [ANNOTATION_CONFLUENT_CONNECTOR]: 'shiftleft-postgres-cdc-source',
          [ANNOTATION_CONFLUENT_TOPIC]: 'product_sales',
        }),
      ],
    });
    for (const route of ['connectors', 'schema', 'drift']) {
      const res = await request(server)
        .get(`${path('spoof-sink')}/${route}`)
        .set('Authorization', as(OWNER));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('has no recorded owner');
    }
  });

  it('serves a topic schema once Stream Catalog records the entity owner as its owner', async () => {
    const catalog = upstream.catalog(emu.ids.environmentId);
    await catalog.setBusinessMetadata([
      {
        typeName: BUSINESS_METADATA_OWNERSHIP,
        entityType: 'kafka_topic',
        entityName: catalog.topicQualifiedName(
          emu.ids.kafkaClusterId,
          'enriched_customers',
        ),
        attributes: { owner: OWNER_GROUP },
      },
    ]);
    const { server } = await startCardsBackend({
      emu,
      entities: [
        registered('own-topic', {
          [ANNOTATION_CONFLUENT_TOPIC]: 'enriched_customers',
        }),
      ],
    });
    const res = await request(server)
      .get(`${path('own-topic')}/schema`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('enriched_customers-value');
  });
});

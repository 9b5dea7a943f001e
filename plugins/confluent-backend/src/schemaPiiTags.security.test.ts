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
 * Issue 13 (PII discovery): tagging a schema field PII changes what every
 * team sees about a topic, so only the entity's owners may do it, and only
 * on a topic that is theirs in Confluent too. Each refusal happens before
 * any write: the field stays untagged in Stream Catalog.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_TOPIC,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import request from 'supertest';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import {
  OTHER_USER,
  OWNER,
  OWNER_GROUP,
  workshopEntities,
} from './__testUtils__/fixtures';

const TOPIC = 'shiftleft.public.customers';

describe('only owners tag schema fields PII', () => {
  let emu: ConfluentEmulator;
  let upstream: ConfluentClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    upstream = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
  });
  afterAll(() => emu?.stop());
  afterEach(() => stopCardsBackends());

  /** Every field of any schema tagged PII in Stream Catalog. */
  const taggedFields = async () =>
    (
      await upstream
        .catalog(emu.ids.environmentId)
        .searchAll({ types: ['sr_field'], tag: 'PII' })
    )
      .map(e => String(e.attributes.qualifiedName))
      .sort();

  const tag = (server: any, path: string, user: string, fields: string[]) =>
    request(server)
      .post(`${path}/schema/pii-tags`)
      .set('Authorization', mockCredentials.user.header(user))
      .send({ fields });

  it('refuses a signed-in user outside the owning team, before any Stream Catalog call', async () => {
    const before = await taggedFields();
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    emu.resetRequestCounts();
    const res = await tag(
      server,
      `/api/confluent/entities/api/default/${TOPIC}`,
      OTHER_USER,
      ['customername'],
    );
    expect(res.status).toBe(403);
    expect(emu.requestCount('catalog')).toBe(0);
    expect(await taggedFields()).toEqual(before);
  });

  it('refuses a service caller: tagging is a user’s decision', async () => {
    const before = await taggedFields();
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .post(`/api/confluent/entities/api/default/${TOPIC}/schema/pii-tags`)
      .set('Authorization', mockCredentials.service.header())
      .send({ fields: ['customername'] });
    expect(res.status).toBe(403);
    expect(await taggedFields()).toEqual(before);
  });

  it("refuses an owner whose own entity names another team's topic", async () => {
    const before = await taggedFields();
    // Registered from a catalog-info.yaml: its owner wrote the annotation.
    const spoof: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'spoof',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://git.example.com/team/repo/catalog-info.yaml',
          'backstage.io/managed-by-origin-location':
            'url:https://git.example.com/team/repo/catalog-info.yaml',
          [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
          [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: emu.ids.kafkaClusterId,
          [ANNOTATION_CONFLUENT_TOPIC]: 'product_sales',
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: OWNER_GROUP },
      relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
    };
    const { server } = await startCardsBackend({ emu, entities: [spoof] });
    const res = await tag(
      server,
      '/api/confluent/entities/component/default/spoof',
      OWNER,
      ['product_name'],
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "names schema subject 'product_sales-value'",
    );
    expect(await taggedFields()).toEqual(before);
  });

  it('never tags a field outside the schema, however the path is written', async () => {
    const before = await taggedFields();
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    for (const field of [
      '../email',
      'customername:evil',
      'x'.repeat(1001),
      'customername\u0000',
    ]) {
      const res = await tag(
        server,
        `/api/confluent/entities/api/default/${TOPIC}`,
        OWNER,
        ['segment', field],
      );
      expect(res.status).toBe(400);
    }
    // One bad path refuses the whole request: `segment` is not tagged.
    expect(await taggedFields()).toEqual(before);
  });
});

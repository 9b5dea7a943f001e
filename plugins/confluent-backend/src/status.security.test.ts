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
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_STATEMENT,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import request from 'supertest';
import {
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OWNER, workshopEntities } from './__testUtils__/fixtures';
import { MAX_ANNOTATED_NAMES } from './service/entityTargets';

/*
 * Review finding (issue 13, bounded input): the status routes watch every
 * statement and connector an entity's annotation lists, each polled
 * upstream while anyone looks. An entity listing thousands of names made
 * one page view thousands of Confluent requests; now it is a 400 before
 * any request.
 */
describe('status routes bound what one entity makes them watch', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu?.stop());
  afterEach(() => stopCardsBackends());

  it.each([
    ['statements', ANNOTATION_CONFLUENT_STATEMENT, 'flink'],
    ['connectors', ANNOTATION_CONFLUENT_CONNECTOR, 'connect'],
  ] as const)(
    'answers 400 for an entity listing too many %s, before any request',
    async (route, key, api) => {
      const [product] = workshopEntities(emu);
      const names = Array.from(
        { length: MAX_ANNOTATED_NAMES + 1 },
        (_, i) => `fan-out-${i}`,
      );
      const fanOut: Entity = {
        ...product,
        metadata: {
          ...product.metadata,
          annotations: {
            ...product.metadata.annotations,
            [key]: names.join(','),
          },
        },
      };
      const { server } = await startCardsBackend({ emu, entities: [fanOut] });
      emu.resetRequestCounts();
      const res = await request(server)
        .get(`/api/confluent/entities/api/default/enriched_customers/${route}`)
        .set('Authorization', mockCredentials.user.header(OWNER));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        `lists ${
          MAX_ANNOTATED_NAMES + 1
        } names in ${key}; at most ${MAX_ANNOTATED_NAMES} are read`,
      );
      expect(emu.requestCount(api)).toBe(0);
    },
  );
});

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
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import request from 'supertest';
import {
  eventually,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import {
  denyConfluent,
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OTHER_USER, OWNER, workshopEntities } from './__testUtils__/fixtures';

const STATEMENT = 'enriched-customer-materializer';
const PRODUCT = '/api/confluent/entities/api/default/enriched_customers';

describe('permissions and statement management', () => {
  let emu: ConfluentEmulator;
  let upstream: ConfluentClient;

  beforeAll(async () => {
    emu = await startTestEmulator();
    upstream = ConfluentClient.create({
      config: emu.backstageConfig().confluent,
    });
  });

  afterAll(async () => {
    await emu.stop();
  });

  afterEach(async () => {
    await stopCardsBackends();
    await emu.reset();
  });

  const as = (user: string) => mockCredentials.user.header(user);

  it('answers 403 on status, schema and changes when the policy denies them', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      policy: denyConfluent,
    });
    emu.resetRequestCounts();
    for (const path of [
      `${PRODUCT}/statements`,
      `${PRODUCT}/schema`,
      '/api/confluent/entities/component/default/shiftleft-postgres-cdc-source/connectors',
    ]) {
      const res = await request(server)
        .get(path)
        .set('Authorization', as(OWNER));
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    const stop = await request(server)
      .post(`${PRODUCT}/statements/${STATEMENT}/stop`)
      .set('Authorization', as(OWNER));
    expect(stop.status).toBe(403);
    // Nothing was read from, let alone changed in, Confluent.
    expect(emu.requestCount()).toBe(0);
    const statement = await upstream
      .flink(emu.ids.environmentId)
      .getStatement(STATEMENT);
    expect(statement.spec.stopped).toBe(false);
  });

  it('denies per permission: status allowed, schema denied', async () => {
    const schemaDenied: PermissionPolicy = {
      async handle(req): Promise<PolicyDecision> {
        return {
          result:
            req.permission.name === 'confluent.schema.read'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        };
      },
    };
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      policy: schemaDenied,
    });
    const status = await request(server)
      .get(`${PRODUCT}/statements`)
      .set('Authorization', as(OWNER));
    expect(status.status).toBe(200);
    const schema = await request(server)
      .get(`${PRODUCT}/schema`)
      .set('Authorization', as(OWNER));
    expect(schema.status).toBe(403);
  });

  it('rejects invalid credentials', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .get(`${PRODUCT}/statements`)
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(res.status).toBe(401);
  });

  it('lets an owner stop and resume the statement, and every viewer sees it', async () => {
    const { server, signals } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const channel = `confluent:statement:${emu.ids.environmentId}:${STATEMENT}`;
    const stop = await request(server)
      .post(`${PRODUCT}/statements/${STATEMENT}/stop`)
      .set('Authorization', as(OWNER));
    expect(stop.status).toBe(200);
    expect(stop.body.name).toBe(STATEMENT);
    expect(stop.body.statement.stopped).toBe(true);
    expect(['STOPPING', 'STOPPED']).toContain(stop.body.statement.phase);
    // The change is read back and pushed at once, not at the next poll.
    expect(
      signals.some(
        s => s.channel === channel && s.message.status.statement.stopped,
      ),
    ).toBe(true);
    await eventually(async () => {
      const s = await upstream
        .flink(emu.ids.environmentId)
        .getStatement(STATEMENT);
      return s.status.phase === 'STOPPED';
    });

    const resume = await request(server)
      .post(`${PRODUCT}/statements/${STATEMENT}/resume`)
      .set('Authorization', as(OWNER));
    expect(resume.status).toBe(200);
    expect(resume.body.statement.stopped).toBe(false);
  });

  it('refuses changes from non-owners, even when the policy allows them', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .post(`${PRODUCT}/statements/${STATEMENT}/stop`)
      .set('Authorization', as(OTHER_USER));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Only the owners');
    const statement = await upstream
      .flink(emu.ids.environmentId)
      .getStatement(STATEMENT);
    expect(statement.spec.stopped).toBe(false);
  });

  it("refuses to change a statement that is not the entity's", async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await request(server)
      .post(`${PRODUCT}/statements/product-sales-materializer/stop`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(404);
    const statement = await upstream
      .flink(emu.ids.environmentId)
      .getStatement('product-sales-materializer');
    expect(statement.spec.stopped).toBe(false);

    const invalid = await request(server)
      .post(`${PRODUCT}/statements/Not_Valid/stop`)
      .set('Authorization', as(OWNER));
    expect(invalid.status).toBe(400);
  });
});

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
  ConfluentConnectorsResponse,
  ConfluentStatementsResponse,
  ConfluentStatementStatus,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import request from 'supertest';
import {
  eventually,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import {
  CapturedSignal,
  startCardsBackend,
  stopCardsBackends,
} from './__testUtils__/cardsBackend';
import { OTHER_USER, OWNER, workshopEntities } from './__testUtils__/fixtures';

const STATEMENT = 'enriched-customer-materializer';
const PRODUCT = '/api/confluent/entities/api/default/enriched_customers';

describe('statement and connector status', () => {
  let emu: ConfluentEmulator;
  /** Changes the statements directly, as another Confluent user would. */
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
    emu.clearFaults();
    await emu.reset();
  });

  const get = (server: any, path: string, user = OWNER) =>
    request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(user));

  it("reads the data product's statement, with what a viewer needs and nothing more", async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await get(server, `${PRODUCT}/statements`);
    expect(res.status).toBe(200);
    const body: ConfluentStatementsResponse = res.body;
    expect(body.entityRef).toBe('api:default/enriched_customers');
    expect(body.refresh).toEqual({
      pollIntervalSeconds: 5,
      watchLeaseSeconds: 60,
    });
    expect(body.statements).toHaveLength(1);
    const [status] = body.statements;
    expect(status).toMatchObject({
      environmentId: emu.ids.environmentId,
      name: STATEMENT,
      channel: `confluent:statement:${emu.ids.environmentId}:${STATEMENT}`,
      consoleUrl: `https://confluent.cloud/environments/${emu.ids.environmentId}/flink/statements/${STATEMENT}/activity`,
      stale: false,
      statement: {
        phase: 'RUNNING',
        stopped: false,
        sqlKind: 'CREATE_TABLE_AS',
        principal: emu.ids.serviceAccountId,
        computePoolId: emu.ids.computePoolId,
        scalingState: 'OK',
        warnings: [],
        exceptions: [],
      },
    });
    expect(status.error).toBeUndefined();
    expect(Date.parse(status.fetchedAt!)).toBeGreaterThan(Date.now() - 10_000);
    expect(status.statement!.createdAt).toEqual(expect.any(String));
    expect(status.statement!.latestOffsets.map(o => o.topic)).toEqual([
      'shiftleft.public.addresses',
      'shiftleft.public.customers',
    ]);
    expect(status.statement!.latestOffsets[0].partitions[0]).toEqual({
      partition: 0,
      offset: expect.any(Number),
    });
    // No SQL text and no statement properties reach the browser.
    const raw = JSON.stringify(res.body);
    expect(raw).not.toMatch(/SELECT|sql\.current|properties/);
  });

  it('answers the statement entity, an unknown statement and an entity without one', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const own = await get(
      server,
      `/api/confluent/entities/component/default/${STATEMENT}/statements`,
    );
    expect(own.body.statements[0].statement.phase).toBe('RUNNING');

    const ghost = await get(
      server,
      '/api/confluent/entities/component/default/ghost-statement/statements',
    );
    expect(ghost.status).toBe(200);
    const [missing]: ConfluentStatementStatus[] = ghost.body.statements;
    expect(missing.statement).toBeUndefined();
    expect(missing.stale).toBe(false);
    expect(missing.error).toMatchObject({ status: 404, retrying: false });
    expect(missing.error!.message).toContain('Confluent Flink SQL API');

    const plain = await get(
      server,
      '/api/confluent/entities/component/default/plain-service/statements',
    );
    expect(plain.status).toBe(200);
    expect(plain.body.statements).toEqual([]);

    const unknown = await get(
      server,
      '/api/confluent/entities/component/default/nope/statements',
    );
    expect(unknown.status).toBe(404);

    const bad = await get(
      server,
      '/api/confluent/entities/component/default/a%20b/statements',
    );
    expect(bad.status).toBe(400);
  });

  it('reads the connector behind a connector entity, with its tasks', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
    });
    const res = await get(
      server,
      '/api/confluent/entities/component/default/shiftleft-postgres-cdc-source/connectors',
    );
    expect(res.status).toBe(200);
    const body: ConfluentConnectorsResponse = res.body;
    expect(body.connectors).toHaveLength(1);
    expect(body.connectors[0]).toMatchObject({
      name: 'shiftleft-postgres-cdc-source',
      kafkaClusterId: emu.ids.kafkaClusterId,
      channel: `confluent:connector:${emu.ids.environmentId}:${emu.ids.kafkaClusterId}:shiftleft-postgres-cdc-source`,
      stale: false,
      connector: { state: 'RUNNING', type: 'source' },
    });
    expect(body.connectors[0].connector!.tasks[0]).toMatchObject({
      id: 0,
      state: 'RUNNING',
    });
    // The config (database password included) never comes along.
    expect(JSON.stringify(body)).not.toMatch(/password|database\.|config/i);
  });

  it('reads a statement once per interval however many people watch it', async () => {
    // An interval longer than the test: exactly one poll can happen.
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      confluent: {
        status: { pollIntervalSeconds: 600, livePollIntervalSeconds: 600 },
      },
    });
    emu.resetRequestCounts();
    const viewers = Array.from({ length: 100 }, (_, i) =>
      get(server, `${PRODUCT}/statements`, `user:default/viewer-${i}`),
    );
    const answers = await Promise.all(viewers);
    expect(answers.every(a => a.status === 200)).toBe(true);
    expect(
      answers.every(a => a.body.statements[0].statement.phase === 'RUNNING'),
    ).toBe(true);
    // One GET of the statement and one of its exceptions (first read).
    expect(emu.requestCount('flink')).toBe(2);

    // Later viewers are answered from memory.
    await Promise.all(
      Array.from({ length: 20 }, () => get(server, `${PRODUCT}/statements`)),
    );
    expect(emu.requestCount('flink')).toBe(2);
  });

  it('pushes each change once to the users watching, and shows a stop within a poll', async () => {
    const { server, signals } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      confluent: { status: { pollIntervalSeconds: 0.05 } },
    });
    await get(server, `${PRODUCT}/statements`, OWNER);
    await get(server, `${PRODUCT}/statements`, OTHER_USER);
    const channel = `confluent:statement:${emu.ids.environmentId}:${STATEMENT}`;
    await upstream.flink(emu.ids.environmentId).stopStatement(STATEMENT);
    const stopped = await eventually(() =>
      signals.find(
        (s: CapturedSignal) =>
          s.channel === channel &&
          s.message.status.statement?.phase === 'STOPPED',
      ),
    );
    expect(stopped.recipients).toEqual({
      type: 'user',
      entityRef: expect.arrayContaining([OWNER, OTHER_USER]),
    });
    expect(stopped.message).toMatchObject({
      kind: 'statement',
      status: { name: STATEMENT, statement: { stopped: true } },
    });
    await upstream.flink(emu.ids.environmentId).resumeStatement(STATEMENT);
    await eventually(() =>
      signals
        .slice(-1)
        .find(s => s.message.status.statement?.phase === 'RUNNING'),
    );
    // Each state was pushed once, though the statement was read every 50
    // ms: no signal repeats the one before (read times aside).
    const shown = signals
      .filter(s => s.channel === channel)
      .map(s => JSON.stringify({ ...s.message.status, fetchedAt: undefined }));
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.filter((v, i) => i > 0 && v === shown[i - 1])).toEqual([]);
  });

  it('backs off on 429s and 5xx, serving the last state it read with its age', async () => {
    const { server, signals } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      confluent: {
        status: { pollIntervalSeconds: 0.05, maxBackoffSeconds: 0.8 },
      },
    });
    const first = await get(server, `${PRODUCT}/statements`);
    const firstStatus: ConfluentStatementStatus = first.body.statements[0];
    expect(firstStatus.stale).toBe(false);

    emu.injectFaults({ api: 'flink', status: 429, times: 2, methods: ['GET'] });
    emu.injectFaults({
      api: 'flink',
      status: 503,
      times: 1000,
      methods: ['GET'],
    });
    emu.resetRequestCounts();
    const stale = await eventually(async () => {
      const res = await get(server, `${PRODUCT}/statements`);
      const s: ConfluentStatementStatus = res.body.statements[0];
      return s.stale && s.error?.status === 503 ? s : undefined;
    });
    // The last state read is still shown, with when it was read.
    expect(stale.statement!.phase).toBe('RUNNING');
    expect(Date.parse(stale.fetchedAt!)).toBeLessThan(Date.now());
    expect(stale.error).toMatchObject({ retrying: true });
    expect(stale.error!.message).toMatch(
      /^Confluent Flink SQL API answered 503/,
    );
    // Viewers on signals learn it too.
    expect(
      signals.some(
        s =>
          s.message.status?.stale === true &&
          s.message.status.error?.status === 429,
      ),
    ).toBe(true);

    // With the wait doubling from 50 ms up to 800 ms, 1.5 s of failures is
    // a handful of reads, where a steady poll would make 30.
    await new Promise(r => setTimeout(r, 1500));
    expect(emu.requestCount('flink')).toBeLessThanOrEqual(8);

    // Once Confluent answers again, the next read clears the stale state.
    emu.clearFaults();
    const recovered = await eventually(async () => {
      const res = await get(server, `${PRODUCT}/statements`);
      const s: ConfluentStatementStatus = res.body.statements[0];
      return !s.stale && !s.error ? s : undefined;
    });
    expect(recovered.statement!.phase).toBe('RUNNING');
    expect(Date.parse(recovered.fetchedAt!)).toBeGreaterThan(
      Date.parse(stale.fetchedAt!),
    );
  });

  it('stops polling once nobody has watched for the idle timeout', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      confluent: {
        status: { pollIntervalSeconds: 0.05, idleTimeoutSeconds: 0.2 },
      },
    });
    await get(server, `${PRODUCT}/statements`);
    await new Promise(r => setTimeout(r, 500));
    emu.resetRequestCounts();
    await new Promise(r => setTimeout(r, 300));
    expect(emu.requestCount('flink')).toBe(0);

    // A new viewer starts it again.
    const again = await get(server, `${PRODUCT}/statements`);
    expect(again.body.statements[0].statement.phase).toBe('RUNNING');
    expect(emu.requestCount('flink')).toBeGreaterThan(0);
  });

  it('never shows credentials or config keys when Confluent rejects the backend', async () => {
    const { server } = await startCardsBackend({
      emu,
      entities: workshopEntities(emu),
      confluent: {
        environments: [
          {
            ...emu.backstageConfig().confluent.environments[0],
            flink: {
              ...emu.backstageConfig().confluent.environments[0].flink,
              apiSecret: 'wrong-secret-s3cr3t',
            },
          },
        ],
      },
    });
    const res = await get(server, `${PRODUCT}/statements`);
    expect(res.status).toBe(200);
    const [status] = res.body.statements;
    expect(status.error).toMatchObject({ status: 401, retrying: false });
    const stop = await request(server)
      .post(`${PRODUCT}/statements/${STATEMENT}/stop`)
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(stop.status).toBe(503);
    for (const body of [res.text, stop.text]) {
      expect(body).not.toMatch(
        /wrong-secret|s3cr3t|EMULATORFLINKKEY|apiSecret|apiKey|confluent\.environments/,
      );
    }
  });
});

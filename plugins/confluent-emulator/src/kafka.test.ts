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
import {
  client,
  paths,
  startTestEmulator,
  type TestClient,
} from './__testUtils__/http';
import type { ConfluentEmulator } from './types';

describe('Kafka REST v3 topics', () => {
  let emu: ConfluentEmulator;
  let kafka: TestClient;
  let topics: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    kafka = client(emu, emu.keys.kafka);
    topics = paths(emu).topics;
  });

  afterAll(() => emu.stop());

  it('creates, reads, lists (unpaged) and deletes topics', async () => {
    const created = await kafka.post(topics, {
      topic_name: 'clicks',
      partitions_count: 3,
      configs: [{ name: 'cleanup.policy', value: 'compact' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      kind: 'KafkaTopic',
      metadata: {
        self: `${emu.url}${topics}/clicks`,
        resource_name: `crn:///kafka=${emu.ids.kafkaClusterId}/topic=clicks`,
      },
      cluster_id: emu.ids.kafkaClusterId,
      topic_name: 'clicks',
      is_internal: false,
      replication_factor: 3,
      partitions_count: 3,
      partitions: { related: `${emu.url}${topics}/clicks/partitions` },
      configs: { related: `${emu.url}${topics}/clicks/configs` },
      partition_reassignments: {
        related: `${emu.url}${topics}/clicks/partitions/-/reassignments`,
      },
    });
    for (let i = 0; i < 30; i++)
      await kafka.post(topics, { topic_name: `bulk-${i}` });
    const list = await kafka.get(topics);
    expect(list.body.kind).toBe('KafkaTopicList');
    expect(list.body.metadata).toEqual({
      self: `${emu.url}${topics}`,
      next: null,
    });
    expect(list.body.data).toHaveLength(31);

    const got = await kafka.get(
      `${topics}/clicks?include_authorized_operations=true`,
    );
    expect(got.body.authorized_operations).toContain('READ');
    expect((await kafka.delete(`${topics}/clicks`)).status).toBe(204);
    const gone = await kafka.get(`${topics}/clicks`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      error_code: 40403,
      message: 'This server does not host this topic-partition.',
    });
  });

  it('answers 40002 for an existing topic and bad input, 404 for an unknown cluster', async () => {
    await kafka.post(topics, { topic_name: 'orders' });
    const again = await kafka.post(topics, { topic_name: 'orders' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      error_code: 40002,
      message: "Topic 'orders' already exists.",
    });

    const illegal = await kafka.post(topics, { topic_name: 'bad topic!' });
    expect(illegal.status).toBe(400);
    expect(illegal.body.error_code).toBe(40002);

    const wrongType = await kafka.post(topics, {
      topic_name: 'x',
      partitions_count: 'A',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error_code).toBe(400);

    const cluster = await kafka.get('/kafka/v3/clusters/lkc-nope00/topics');
    expect(cluster.status).toBe(404);
    expect(cluster.body).toEqual({
      error_code: 404,
      message: 'Cluster lkc-nope00 cannot be found.',
    });
  });

  it('validates without creating when validate_only is set', async () => {
    const res = await kafka.post(topics, {
      topic_name: 'dry-run',
      validate_only: true,
    });
    expect(res.status).toBe(200);
    expect((await kafka.get(`${topics}/dry-run`)).status).toBe(404);
  });
});

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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { client, paths, startTestEmulator } from './__testUtils__/http';
import { eventually } from './testUtils';

describe('persistence with stateFile', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-state-'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps what was created across a restart, including pending lifecycles', async () => {
    const stateFile = path.join(dir, 'nested', 'state.json');
    const first = await startTestEmulator({
      stateFile,
      timings: { statementPendingMs: 400 },
    });
    const p = paths(first);
    await client(first, first.keys.kafka).post(p.topics, {
      topic_name: 'scaffolded',
    });
    await client(first, first.keys.schemaRegistry).post(
      '/subjects/scaffolded-value/versions',
      {
        schema: JSON.stringify({
          type: 'record',
          name: 'Scaffolded',
          fields: [{ name: 'id', type: 'long' }],
        }),
      },
    );
    const created = await client(first, first.keys.flink).post(p.statements, {
      name: 'scaffolded-materializer',
      metadata: { labels: { 'backstage.io/owner': 'team-a' } },
      spec: {
        statement: 'CREATE TABLE scaffolded_copy AS SELECT id FROM scaffolded;',
        properties: {
          'sql.current-catalog': 'shiftleft',
          'sql.current-database': 'shiftleft-cluster',
        },
      },
    });
    expect(created.body.status.phase).toBe('PENDING');
    await first.stop();
    expect(fs.existsSync(stateFile)).toBe(true);

    // The seed is not applied again: the state file wins.
    const second = await startTestEmulator({ seed: 'workshop', stateFile });
    try {
      const kafka = client(second, second.keys.kafka);
      expect((await kafka.get(`${p.topics}/scaffolded`)).status).toBe(200);
      expect(
        (await kafka.get(`${p.topics}/shiftleft.public.customers`)).status,
      ).toBe(404);
      const flink = client(second, second.keys.flink);
      const running = await eventually(
        () => flink.get(`${p.statements}/scaffolded-materializer`),
        res => res.body.status.phase === 'RUNNING',
      );
      expect(running.body.metadata.labels).toEqual({
        'backstage.io/owner': 'team-a',
      });
      expect((await kafka.get(`${p.topics}/scaffolded_copy`)).status).toBe(200);
      const schema = await client(second, second.keys.schemaRegistry).get(
        '/subjects/scaffolded_copy-value/versions/latest',
      );
      expect(JSON.parse(schema.body.schema).fields).toEqual([
        { name: 'id', type: 'long' },
      ]);
    } finally {
      await second.stop();
    }
  });

  it('ignores an unreadable state file and seeds instead', async () => {
    const stateFile = path.join(dir, 'corrupt.json');
    fs.writeFileSync(stateFile, '{"formatVersion": 1, "nextSeq": ');
    const warnings: string[] = [];
    const emu = await startTestEmulator({
      stateFile,
      logger: { info: () => {}, warn: m => warnings.push(m), error: () => {} },
    });
    try {
      expect(warnings.join('\n')).toMatch(/unreadable state file/);
      expect(
        (await client(emu, emu.keys.cloud).get('/org/v2/environments')).status,
      ).toBe(200);
      expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).formatVersion).toBe(
        1,
      );
    } finally {
      await emu.stop();
    }
  });
});

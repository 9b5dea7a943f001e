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
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from './ConfluentClient';
import { confluentClientServiceRef } from './service';

/** A plugin that uses the shared client at startup, as the suite's do. */
function probePlugin(
  pluginId: string,
  seen: { client?: ConfluentClient; envIds?: string[] },
) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { confluent: confluentClientServiceRef },
        async init({ confluent }) {
          seen.client = confluent;
          seen.envIds = (await confluent.org.listEnvironments()).map(e => e.id);
        },
      });
    },
  });
}

describe('confluentClientServiceRef', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({ seed: 'empty' });
  });

  afterAll(async () => {
    await emu?.stop();
  });

  it('gives backend plugins a client built from the app config', async () => {
    const a: { client?: ConfluentClient; envIds?: string[] } = {};
    const b: { client?: ConfluentClient; envIds?: string[] } = {};
    const backend = await startTestBackend({
      features: [
        probePlugin('probe-a', a),
        probePlugin('probe-b', b),
        mockServices.rootConfig.factory({ data: emu.backstageConfig() }),
      ],
    });
    try {
      expect(a.envIds).toEqual([emu.ids.environmentId]);
      expect(b.envIds).toEqual([emu.ids.environmentId]);
      expect(a.client).toBeInstanceOf(ConfluentClient);
      expect(a.client?.organizationId).toBe(emu.ids.organizationId);
    } finally {
      await backend.stop();
    }
  });

  it('fails startup with a clear message when the config is missing', async () => {
    await expect(
      startTestBackend({
        features: [
          probePlugin('probe', {}),
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }),
    ).rejects.toThrow(/Missing required config value at 'confluent'/);
  });

  it('names the invalid keys when the config is wrong', async () => {
    const { confluent } = emu.backstageConfig();
    await expect(
      startTestBackend({
        features: [
          probePlugin('probe', {}),
          mockServices.rootConfig.factory({
            data: {
              confluent: {
                ...confluent,
                cloud: { ...confluent.cloud, apiSecret: undefined },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/confluent\.cloud\.apiSecret is required/);
  });
});

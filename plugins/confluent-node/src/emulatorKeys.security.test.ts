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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';
import { ConfluentClient } from './ConfluentClient';

/*
 * Issue 13 "Secrets": the emulator's local keys are documented in the
 * repository, so a production backend must not start with them.
 */

/** The repository's app-config.yaml: the local portal, on the emulator's keys. */
function localConfig() {
  const file = resolve(
    resolvePackagePath('@shiftleft/plugin-confluent-node'),
    '../../app-config.yaml',
  );
  return new ConfigReader(yaml.parse(readFileSync(file, 'utf8')));
}

describe("the emulator's documented keys in production", () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('are refused at startup when NODE_ENV=production, naming where they are', () => {
    process.env.NODE_ENV = 'production';
    expect(() => ConfluentClient.fromConfig(localConfig())).toThrow(
      "Invalid Confluent configuration: confluent.cloud, confluent.environments[0].flink, confluent.environments[0].schemaRegistry, confluent.environments[0].kafkaClusters[0] hold the local emulator's documented keys, which are public and refused when NODE_ENV=production",
    );
  });

  it('are refused wherever one remains, even a key id with a real secret', () => {
    const config = localConfig().get('confluent') as any;
    config.cloud = { ...config.cloud, apiKey: 'REALKEY', apiSecret: 'real' };
    config.environments[0].flink.apiSecret = 'a-real-flink-secret';
    expect(() =>
      ConfluentClient.create({ config: { ...config } }),
    ).not.toThrow();
    process.env.NODE_ENV = 'production';
    expect(() => ConfluentClient.create({ config })).toThrow(
      /confluent\.environments\[0\]\.flink, .* hold the local emulator's documented keys/,
    );
  });

  it('still start the local portal outside production', () => {
    process.env.NODE_ENV = 'development';
    expect(() => ConfluentClient.fromConfig(localConfig())).not.toThrow();
  });
});

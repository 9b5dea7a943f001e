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
import { readConfluentScaffolderSettings } from './lib/config';
import { templateDefaults } from './__testUtils__/template';

/*
 * Issue 18.5: app-config.production.yaml inherited app-config.yaml's
 * placeholder Snowflake and Redshift destinations (config maps merge), and
 * the template defaulted to `workshop-snowflake`.
 */

const ROOT = resolve(
  resolvePackagePath('@shiftleft/plugin-scaffolder-backend-module-confluent'),
  '../..',
);

/** The sink destinations of config files loaded in order, as the backend does. */
function sinksOf(...files: string[]) {
  const config = ConfigReader.fromConfigs(
    files.map(file => ({
      context: file,
      data: yaml.parse(readFileSync(resolve(ROOT, file), 'utf8')),
    })),
  );
  return readConfluentScaffolderSettings(config).sinks;
}

describe('demo destinations stay out of production (18.5)', () => {
  it('production starts with no sink destination', () => {
    const sinks = sinksOf('app-config.yaml', 'app-config.production.yaml');
    expect([...sinks.keys()]).toEqual([]);
  });

  it('the local portal (yarn start: BACKSTAGE_ENV=emulator) keeps its placeholders', () => {
    const sinks = sinksOf('app-config.yaml', 'app-config.emulator.yaml');
    expect([...sinks.keys()].sort()).toEqual([
      'workshop-redshift',
      'workshop-snowflake',
    ]);
  });

  it('the template assumes no destination: a portal has only those it configures', () => {
    const named = (templateDefaults().sinks as Array<{ connection?: string }>)
      .map(s => s.connection)
      .filter(Boolean);
    expect(named).toEqual([]);
  });
});

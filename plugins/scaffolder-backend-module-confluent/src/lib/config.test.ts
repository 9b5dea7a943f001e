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
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readConfluentScaffolderSettings } from './config';

describe('readConfluentScaffolderSettings', () => {
  it('applies the defaults', () => {
    const settings = readConfluentScaffolderSettings(new ConfigReader({}));
    expect(settings).toEqual({
      environmentId: undefined,
      kafkaClusterId: undefined,
      serviceAccountId: undefined,
      principals: [],
      waitTimeoutMs: 600_000,
      pollIntervalMs: 2000,
      sinks: new Map(),
      allowedDatabaseHosts: [],
    });
  });

  it('reads durations as strings, and a plain number as deprecated milliseconds', () => {
    const logger = mockServices.logger.mock();
    const settings = readConfluentScaffolderSettings(
      new ConfigReader({
        confluent: { scaffolder: { waitTimeout: '5m', pollInterval: 250 } },
      }),
      { logger },
    );
    expect(settings.waitTimeoutMs).toBe(300_000);
    expect(settings.pollIntervalMs).toBe(250);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'confluent.scaffolder.pollInterval: a plain number (milliseconds) is deprecated',
      ),
    );
  });

  it('names an invalid duration among the other problems', () => {
    expect(() =>
      readConfluentScaffolderSettings(
        new ConfigReader({
          confluent: {
            scaffolder: {
              waitTimeout: 'forever',
              serviceAccountId: 'u-123',
            },
          },
        }),
      ),
    ).toThrow(
      /Invalid Confluent scaffolder configuration: .*serviceAccountId.*; confluent\.scaffolder\.waitTimeout must be a duration/,
    );
  });

  it('reads the allowed database hosts and names a bad entry', () => {
    const read = (allowedDatabaseHosts: string[]) =>
      readConfluentScaffolderSettings(
        new ConfigReader({
          confluent: { scaffolder: { allowedDatabaseHosts } },
        }),
      ).allowedDatabaseHosts;
    expect(read(['*.rds.amazonaws.com', '10.20.0.0/16', '::1'])).toEqual([
      '*.rds.amazonaws.com',
      '10.20.0.0/16',
      '::1',
    ]);
    expect(() => read(['db.example.com:5432'])).toThrow(
      "confluent.scaffolder.allowedDatabaseHosts: 'db.example.com:5432' is neither a host pattern",
    );
  });

  it('reads durations and sink destinations', () => {
    const settings = readConfluentScaffolderSettings(
      new ConfigReader({
        confluent: {
          scaffolder: {
            waitTimeout: { minutes: 2 },
            pollInterval: 500,
            sinks: {
              pg: {
                type: 'postgres',
                host: 'db',
                database: 'crm',
                user: 'u',
                password: 'p4ss',
              },
            },
          },
        },
      }),
    );
    expect(settings.waitTimeoutMs).toBe(120_000);
    expect(settings.pollIntervalMs).toBe(500);
    expect(settings.sinks.get('pg')).toEqual({
      type: 'postgres',
      host: 'db',
      port: 5432,
      database: 'crm',
      user: 'u',
      password: 'p4ss',
      sslMode: undefined,
    });
  });

  it('names every missing key of a destination, never a value', () => {
    const read = () =>
      readConfluentScaffolderSettings(
        new ConfigReader({
          confluent: {
            scaffolder: {
              sinks: {
                wh: { type: 'redshift', host: 'h', password: 'hunter2-secret' },
                sf: { type: 'snowflake', privateKey: 'key-secret-value' },
                odd: { type: 'mysql' },
              },
            },
          },
        }),
      );
    expect(read).toThrow(
      'Invalid Confluent scaffolder configuration: confluent.scaffolder.sinks.wh.database is required; confluent.scaffolder.sinks.wh.user is required; confluent.scaffolder.sinks.sf.url is required; confluent.scaffolder.sinks.sf.user is required; confluent.scaffolder.sinks.sf.role is required; confluent.scaffolder.sinks.sf.database is required; confluent.scaffolder.sinks.sf.schema is required; confluent.scaffolder.sinks.odd.type must be one of postgres, redshift, snowflake',
    );
  });
});

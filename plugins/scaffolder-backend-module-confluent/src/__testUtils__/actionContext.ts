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

/* Test helpers of the action tests (not part of the package's API). */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonObject, JsonValue } from '@backstage/types';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { readConfluentScaffolderSettings } from '../lib/config';
import { ConfluentActionOptions } from '../lib/target';
import { TEST_ALLOWED_HOSTS, testDatabaseNetwork } from './network';
import {
  createWorkshopDatabase,
  startThrowawayPostgres,
  ThrowawayPostgres,
} from './throwawayPostgres';

/** A LoggerService that keeps every line, to check what reaches task logs. */
export class CapturingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string; meta?: unknown }>;

  constructor(lines: CapturingLogger['lines'] = []) {
    this.lines = lines;
  }
  error(message: string, meta?: Error | object) {
    this.lines.push({ level: 'error', message, meta });
  }
  warn(message: string, meta?: Error | object) {
    this.lines.push({ level: 'warn', message, meta });
  }
  info(message: string, meta?: Error | object) {
    this.lines.push({ level: 'info', message, meta });
  }
  debug(message: string, meta?: Error | object) {
    this.lines.push({ level: 'debug', message, meta });
  }
  child(): LoggerService {
    return new CapturingLogger(this.lines);
  }
  text(): string {
    return this.lines
      .map(l => `${l.level} ${l.message} ${JSON.stringify(l.meta ?? {})}`)
      .join('\n');
  }
}

/**
 * A checkpoint store shared by several runs of a step, as the task engine
 * keeps it between a failed run and its retry.
 */
export class CheckpointStore {
  readonly values = new Map<string, JsonValue>();
  readonly calls: string[] = [];

  async checkpoint<T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> {
    this.calls.push(opts.key);
    if (this.values.has(opts.key)) return this.values.get(opts.key) as T;
    const value = await opts.fn();
    this.values.set(opts.key, (value ?? {}) as JsonValue);
    return value;
  }
}

/**
 * A task's initiating user (`ctx.user`) as the scaffolder passes it: the
 * user's ref and its catalog entity with memberOf relations.
 */
export function taskUser(name: string, groups: string[]) {
  const ref = `user:default/${name}`;
  return {
    ref,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, namespace: 'default' },
      spec: { memberOf: groups },
      relations: groups.map(g => ({
        type: 'memberOf',
        targetRef: `group:default/${g}`,
      })),
    },
  };
}

/**
 * The default initiator: a member of the teams the tests' products name.
 * Tests of the team rules pass their own users.
 */
export const TEST_USER = taskUser('tester', [
  'customer-data-team',
  'sales-analytics-team',
  'platform-team',
]);

/** An action context with outputs collected in a plain object. */
export function actionContext<TInput extends JsonObject>(options: {
  input: TInput;
  secrets?: Record<string, string>;
  isDryRun?: boolean;
  signal?: AbortSignal;
  checkpoints?: CheckpointStore;
  logger?: CapturingLogger;
  /** The initiating user. Default {@link TEST_USER}. */
  user?: ReturnType<typeof taskUser> | null;
}) {
  const outputs: Record<string, JsonValue> = {};
  const logger = options.logger ?? new CapturingLogger();
  const base = createMockActionContext({
    input: options.input,
    secrets: options.secrets,
    logger,
  });
  const ctx = {
    ...base,
    user: options.user === null ? undefined : options.user ?? TEST_USER,
    isDryRun: options.isDryRun ?? false,
    signal: options.signal,
    output: (name: string, value: JsonValue) => {
      outputs[name] = value;
    },
    ...(options.checkpoints
      ? {
          checkpoint: options.checkpoints.checkpoint.bind(options.checkpoints),
        }
      : {}),
  };
  // Typed loosely: tests also pass inputs the schema rejects.
  return { ctx: ctx as unknown as ActionContext<any, any>, outputs, logger };
}

/** The emulator and a PostgreSQL server holding a workshop database. */
export interface EmulatorAndDatabase {
  emu: ConfluentEmulator;
  pg: ThrowawayPostgres;
  /** Drops the database and stops both servers, each even if one fails. */
  stop(): Promise<void>;
}

/**
 * Starts the workshop emulator and a throwaway PostgreSQL server with the
 * workshop's tables in `database`, for the tests that run a CDC source.
 */
export async function startEmulatorAndDatabase(
  database: string,
): Promise<EmulatorAndDatabase> {
  const [emu, pg] = await Promise.all([
    startTestEmulator(),
    startThrowawayPostgres(),
  ]);
  const stopServers = async () => {
    const results = await Promise.allSettled([emu.stop(), pg.stop()]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  };
  let dropDatabase: () => Promise<void>;
  try {
    dropDatabase = await createWorkshopDatabase(pg, database);
  } catch (error) {
    await stopServers().catch(() => undefined);
    throw error;
  }
  return {
    emu,
    pg,
    async stop() {
      try {
        await dropDatabase();
      } finally {
        await stopServers();
      }
    },
  };
}

/** The `confluent` config of an emulator, with quick retries. */
export function emulatorConfluentConfig(
  emu: ConfluentEmulator,
  scaffolder: JsonObject = {},
): JsonObject {
  return {
    ...emu.backstageConfig().confluent,
    retryBaseDelay: { milliseconds: 5 },
    retryMaxDelay: { milliseconds: 200 },
    maxRetries: 2,
    requestTimeout: { seconds: 5 },
    scaffolder: {
      // The throwaway PostgreSQL servers listen on loopback.
      allowedDatabaseHosts: ['127.0.0.1/32'],
      pollInterval: { milliseconds: 20 },
      waitTimeout: { seconds: 5 },
      ...scaffolder,
    },
  };
}

/** Action options (client and settings) for an emulator. */
export function actionOptions(
  emu: ConfluentEmulator,
  scaffolder: JsonObject = {},
): ConfluentActionOptions {
  const config = new ConfigReader({
    confluent: emulatorConfluentConfig(emu, scaffolder),
  });
  const settings = readConfluentScaffolderSettings(config);
  return {
    client: ConfluentClient.fromConfig(config),
    settings,
    // Typed hosts are checked without DNS; only loopback sockets open.
    network: testDatabaseNetwork(
      'allowedDatabaseHosts' in scaffolder
        ? settings.allowedDatabaseHosts
        : TEST_ALLOWED_HOSTS,
    ),
  };
}

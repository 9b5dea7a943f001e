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
/*
 * `yarn emulator`: runs the emulator for the local portal. Settings come from
 * environment variables (see the README):
 *
 *   CONFLUENT_EMULATOR_PORT              default 8090
 *   CONFLUENT_EMULATOR_HOST              default 127.0.0.1
 *   CONFLUENT_EMULATOR_STATE             default <repo>/.emulator-state/state.json; `none` disables
 *   CONFLUENT_EMULATOR_SEED              workshop (default) | empty | large[:topics=N,statements=N,connectors=N]
 *   CONFLUENT_EMULATOR_SOURCE_DATABASES  connect (default) | never
 *   CONFLUENT_EMULATOR_TIMINGS           JSON, e.g. {"statementPendingMs":500}
 *   CONFLUENT_EMULATOR_FAULT_RATES       JSON, e.g. {"flink":{"latencyMs":100,"rate429":0.05}}
 *   CONFLUENT_EMULATOR_RATE_LIMITS       documented (default) | off | JSON, e.g. {"flink":{"readPerSecond":10,"writePerSecond":5}}
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from './startEmulator';
import type {
  EmulatorApi,
  EmulatorFaultRates,
  EmulatorLogger,
  EmulatorSeed,
  StartEmulatorOptions,
} from './types';

const logger: EmulatorLogger = {
  info: message => console.log(`[emulator] ${message}`),
  warn: message => console.warn(`[emulator] ${message}`),
  error: message => console.error(`[emulator] ${message}`),
};

/**
 * The monorepo root: the nearest ancestor of the working directory (yarn runs
 * the script in the package's directory) whose package.json has workspaces.
 */
function repoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

function parseSeed(value: string | undefined): EmulatorSeed {
  if (!value || value === 'workshop') return 'workshop';
  if (value === 'empty') return 'empty';
  const match = /^large(?::(.*))?$/.exec(value);
  if (!match)
    throw new Error(
      `CONFLUENT_EMULATOR_SEED must be workshop, empty or large[:…], got '${value}'`,
    );
  const sizes: Record<string, number> = {};
  for (const part of (match[1] ?? '').split(',').filter(Boolean)) {
    const [key, count] = part.split('=');
    if (
      !['topics', 'statements', 'connectors'].includes(key) ||
      !/^\d+$/.test(count ?? '')
    ) {
      throw new Error(
        `Invalid large seed size '${part}' (expected topics=N, statements=N or connectors=N)`,
      );
    }
    sizes[key] = Number(count);
  }
  return { large: sizes };
}

/** `documented` (default): Confluent's documented limits; `off`; or JSON. */
function parseRateLimits(): StartEmulatorOptions['rateLimits'] {
  const value = process.env.CONFLUENT_EMULATOR_RATE_LIMITS;
  if (!value || value === 'documented') return true;
  if (value === 'off') return false;
  return parseJson('CONFLUENT_EMULATOR_RATE_LIMITS');
}

function parseJson<T>(name: string): T | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  try {
    return JSON.parse(value) as T;
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

async function main() {
  const port = Number(process.env.CONFLUENT_EMULATOR_PORT ?? 8090);
  const stateSetting = process.env.CONFLUENT_EMULATOR_STATE;
  const stateFile =
    stateSetting === 'none'
      ? undefined
      : path.resolve(
          stateSetting ||
            path.join(repoRoot(), '.emulator-state', 'state.json'),
        );
  const options: StartEmulatorOptions = {
    port,
    host: process.env.CONFLUENT_EMULATOR_HOST ?? '127.0.0.1',
    seed: parseSeed(process.env.CONFLUENT_EMULATOR_SEED),
    stateFile,
    sourceDatabases:
      (process.env.CONFLUENT_EMULATOR_SOURCE_DATABASES as
        | 'connect'
        | 'never'
        | undefined) ?? 'connect',
    timings: parseJson('CONFLUENT_EMULATOR_TIMINGS'),
    rateLimits: parseRateLimits(),
    logger,
  };
  const emulator = await startEmulator(options);
  const rates = parseJson<Partial<Record<EmulatorApi, EmulatorFaultRates>>>(
    'CONFLUENT_EMULATOR_FAULT_RATES',
  );
  if (rates) emulator.setFaultRates(rates);

  const { keys, ids } = emulator;
  console.log(
    [
      '',
      `Confluent Cloud emulator listening on ${emulator.url}`,
      `  organization ${ids.organizationId}, environment ${ids.environmentId} (${ids.environmentName})`,
      `  Kafka cluster ${ids.kafkaClusterId}, Schema Registry ${ids.schemaRegistryId}, compute pool ${ids.computePoolId}`,
      `  state file: ${stateFile ?? 'none (in memory)'}`,
      '  Local API keys (key:secret, HTTP Basic):',
      `    Cloud (org, iam, fcpm, connect): ${keys.cloud.key}:${keys.cloud.secret}`,
      `    Flink (sql/v1):                  ${keys.flink.key}:${keys.flink.secret}`,
      `    Schema Registry and Catalog:     ${keys.schemaRegistry.key}:${keys.schemaRegistry.secret}`,
      `    Kafka REST (kafka/v3):           ${keys.kafka.key}:${keys.kafka.secret}`,
      `  Controls: ${emulator.url}/_emulator/info, /_emulator/stats, /_emulator/faults`,
      '',
    ].join('\n'),
  );

  const shutdown = async () => {
    await emulator.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(error => {
  logger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

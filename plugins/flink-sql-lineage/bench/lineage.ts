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
 * Benchmark of the Flink SQL lineage library over a varied set of
 * statements (bench/statements.ts). Prints p50 and p95 milliseconds per
 * statement; asserts nothing.
 *
 *   yarn bench:lineage            (ROUNDS=200 by default)
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import { loadavg } from 'node:os';
import { extractFlinkLineage } from '../src';
import { BENCH_STATEMENTS } from './statements';

const statements = Object.entries(BENCH_STATEMENTS);
const rounds = Number(process.env.ROUNDS ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const coldStart = performance.now();
for (const [name, sql] of statements) {
  try {
    extractFlinkLineage(sql);
  } catch (error) {
    console.error(`${name} does not parse: ${(error as Error).message}`);
    process.exit(1);
  }
}
const cold = performance.now() - coldStart;

// Let ANTLR's prediction caches settle before measuring.
for (let i = 0; i < 20; i++) {
  for (const [, sql] of statements) {
    extractFlinkLineage(sql);
  }
}

console.log(
  `${statements.length} statements; first pass (cold caches) ${cold.toFixed(
    0,
  )} ms; ${rounds} rounds each; load average ${loadavg()[0].toFixed(1)}`,
);
// Wall-clock percentiles include the machine's scheduling and GC pauses;
// the CPU column (mean CPU time of this process per statement) does not.
console.log(`${'statement'.padEnd(30)}   p50 ms   p95 ms  CPU ms`);
const all: number[] = [];
const allCpu: number[] = [];
const p95s: number[] = [];
for (const [name, sql] of statements) {
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    extractFlinkLineage(sql);
    const used = process.cpuUsage(startCpu);
    times.push(performance.now() - start);
    allCpu.push((used.user + used.system) / 1000);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 / rounds;
  times.sort((a, b) => a - b);
  all.push(...times);
  p95s.push(percentile(times, 0.95));
  console.log(
    `${name.padEnd(30)} ${percentile(times, 0.5)
      .toFixed(3)
      .padStart(8)} ${percentile(times, 0.95).toFixed(3).padStart(8)} ${cpuMs
      .toFixed(3)
      .padStart(7)}`,
  );
}
all.sort((a, b) => a - b);
allCpu.sort((a, b) => a - b);
console.log(
  `all statements: p50 ${percentile(all, 0.5).toFixed(3)} ms, p95 ${percentile(
    all,
    0.95,
  ).toFixed(3)} ms; slowest statement p95 ${Math.max(...p95s).toFixed(3)} ms`,
);
// CPU time per call does not grow while the process waits for a core, so it
// stays comparable on a busy machine (where wall-clock p95 measures the load).
console.log(
  `all statements, CPU time per call: p50 ${percentile(allCpu, 0.5).toFixed(
    3,
  )} ms, p95 ${percentile(allCpu, 0.95).toFixed(
    3,
  )} ms; load average now ${loadavg()[0].toFixed(1)}`,
);

/*
 * Parse-time benchmark of the Flink SQL lineage library on the workshop
 * statements. Prints figures; asserts nothing.
 *
 *   yarn workspace @shiftleft/plugin-confluent-common bench
 */
/* eslint-disable no-console -- a command-line benchmark prints its figures */
import { extractFlinkLineage } from '../src';
import * as workshop from '../src/lineage/__fixtures__/workshop';

const statements = Object.entries(workshop);
const rounds = Number(process.env.ROUNDS ?? 200);

const coldStart = performance.now();
for (const [, sql] of statements) {
  extractFlinkLineage(sql);
}
const cold = performance.now() - coldStart;

// Let ANTLR's prediction caches settle before measuring.
for (let i = 0; i < 20; i++) {
  for (const [, sql] of statements) {
    extractFlinkLineage(sql);
  }
}

console.log(
  `first pass over ${
    statements.length
  } statements (cold caches): ${cold.toFixed(1)} ms`,
);
let total = 0;
for (const [name, sql] of statements) {
  const start = performance.now();
  for (let i = 0; i < rounds; i++) {
    extractFlinkLineage(sql);
  }
  const each = (performance.now() - start) / rounds;
  total += each;
  console.log(`${name.padEnd(30)} ${each.toFixed(3)} ms per statement`);
}
console.log(
  `mean ${(total / statements.length).toFixed(3)} ms; ~${Math.round(
    1000 / (total / statements.length),
  )} statements/s on one core`,
);

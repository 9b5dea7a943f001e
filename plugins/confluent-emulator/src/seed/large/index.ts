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
 * The `large` seed: a synthetic organization for the catalog and status
 * benchmarks. Deterministic (a seeded PRNG) and fast: records are built
 * directly, since planning thousands of statements through the SQL analysis
 * would take longer than the benchmarks themselves. The SQL is real Flink SQL
 * that matches the records, so consumers that analyse it find the same
 * lineage: CDC sources feed topics, CTAS and INSERT statements read earlier
 * outputs (joins, filters, aggregations), sinks read statement outputs.
 *
 * The parts (topics, connectors, statements) draw from one PRNG in a fixed
 * order: this file is that order.
 */
import { BUSINESS_METADATA_OWNERSHIP } from '@shiftleft/plugin-confluent-common';
import { toFlinkAvroRecord } from '../../schemas/flinkTypes';
import type { EmulatorServices } from '../../services';
import { seedCdcSources, seedSinks } from './connectors';
import {
  COLUMNS,
  createLargeSeedContext,
  DOMAINS,
  HOUR,
  TABLES_PER_SOURCE,
  type LargeSeedContext,
} from './shared';
import {
  createSourcePicker,
  seedStatements,
  type StatementOutput,
} from './statements';

/** How many of each: topics, statements and connectors. */
type LargeSeedSizes = {
  topics: number;
  statements: number;
  connectors: number;
};

/** Adds the synthetic organization to a base state. */
export function seedLarge(
  services: EmulatorServices,
  sizes: LargeSeedSizes,
  now: number,
) {
  const ctx = createLargeSeedContext(services, now);
  defineTagsAndMetadata(ctx);

  const sourceCount = Math.round(sizes.connectors * 0.4);
  const sinkCount = sizes.connectors - sourceCount;
  const ctasCount = Math.round(sizes.statements * 0.8);
  const insertCount = Math.min(
    Math.round(sizes.statements * 0.12),
    sizes.statements - ctasCount,
  );
  const alterCount = sizes.statements - ctasCount - insertCount;
  const tablesPerSource = Math.max(
    1,
    Math.min(
      TABLES_PER_SOURCE,
      Math.floor((sizes.topics - ctasCount) / Math.max(1, sourceCount)),
    ),
  );
  // At least one input topic, so the first statement has something to read.
  const rawCount = Math.max(
    sourceCount === 0 ? 1 : 0,
    sizes.topics - ctasCount - sourceCount * tablesPerSource,
  );

  const inputs = seedApplicationTopics(ctx, rawCount);
  seedCdcSources(ctx, sourceCount, tablesPerSource, inputs);
  const outputs: StatementOutput[] = [];
  const source = createSourcePicker(ctx, inputs, outputs);
  seedStatements(
    ctx,
    { ctas: ctasCount, insert: insertCount, alter: alterCount },
    outputs,
    source,
  );
  seedSinks(ctx, sinkCount, outputs, source);
  services.store.changed();
}

/** The PII tag and the ownership business metadata the suite reads. */
function defineTagsAndMetadata(ctx: LargeSeedContext) {
  ctx.services.catalog.putTagDefs(
    ctx.registryId,
    [{ name: 'PII', entityTypes: ['cf_entity'] }],
    false,
  );
  ctx.services.catalog.putBusinessMetadataDefs(
    ctx.registryId,
    [
      {
        name: BUSINESS_METADATA_OWNERSHIP,
        attributeDefs: [
          { name: 'owner', typeName: 'string', isOptional: false },
        ],
      },
    ],
    false,
  );
}

/**
 * Topics written by applications outside Confluent, with Flink-style
 * schemas; returns their names.
 */
function seedApplicationTopics(ctx: LargeSeedContext, count: number): string[] {
  const inputs: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${DOMAINS[i % DOMAINS.length]}.events.v${
      1 + Math.floor(i / DOMAINS.length)
    }`;
    ctx.addTopic(name, ctx.pick([1, 3, 6, 12]), ctx.now - 30 * 24 * HOUR);
    ctx.register(
      `${name}-value`,
      toFlinkAvroRecord(`${name.replace(/\W/g, '_')}_value`, COLUMNS),
    );
    inputs.push(name);
  }
  return inputs;
}

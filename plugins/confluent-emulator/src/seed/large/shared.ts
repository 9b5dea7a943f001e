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
 * What the parts of the `large` seed share: the synthetic domains and
 * columns, a seeded PRNG, and a context that adds topics and schemas.
 */
import { toDataTypeJson, type FlinkColumn } from '../../schemas/flinkTypes';
import type { PgTable } from '../../schemas/debezium';
import type { EmulatorServices } from '../../services';
import { seededRandom } from '../../prng';
import { SEED_IDS } from '../base';

export const HOUR = 3_600_000;
export const TEAMS = 24;
export const DOMAINS = [
  'orders',
  'payments',
  'customers',
  'inventory',
  'shipments',
  'clicks',
  'sessions',
  'devices',
  'claims',
  'accounts',
  'invoices',
  'returns',
  'reviews',
  'carts',
  'refunds',
  'loyalty',
  'pricing',
  'fraud',
  'ledger',
  'telemetry',
];
export const TABLES_PER_SOURCE = 3;

/** Every synthetic table has these columns, so any output can feed any statement. */
export const COLUMNS: FlinkColumn[] = [
  { name: 'id', type: { kind: 'BIGINT', nullable: false } },
  { name: 'ref_id', type: { kind: 'BIGINT', nullable: true } },
  {
    name: 'name',
    type: { kind: 'VARCHAR', length: 2147483647, nullable: true },
  },
  { name: 'amount', type: { kind: 'DOUBLE', nullable: true } },
  {
    name: 'updated_at',
    type: {
      kind: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE',
      precision: 3,
      nullable: true,
    },
  },
];
export const COLUMN_JSON = COLUMNS.map(c => ({
  name: c.name,
  type: toDataTypeJson(c.type),
}));

/** A PostgreSQL table with the synthetic columns, as a CDC source captures it. */
export function pgTable(name: string): PgTable {
  return {
    schema: 'public',
    name,
    primaryKey: ['id'],
    columns: [
      { name: 'id', dataType: 'bigint', udtName: 'int8', nullable: false },
      { name: 'ref_id', dataType: 'bigint', udtName: 'int8', nullable: true },
      {
        name: 'name',
        dataType: 'character varying',
        udtName: 'varchar',
        nullable: true,
      },
      {
        name: 'amount',
        dataType: 'double precision',
        udtName: 'float8',
        nullable: true,
      },
      {
        name: 'updated_at',
        dataType: 'timestamp without time zone',
        udtName: 'timestamp',
        nullable: true,
      },
    ],
  };
}

export const quote = (name: string) => `\`${name}\``;

/** Shares of non-default states, as cumulative thresholds of a roll in [0, 1). */
export function pickState<T>(
  roll: number,
  thresholds: Array<[number, T]>,
  otherwise: T,
): T {
  return thresholds.find(([limit]) => roll < limit)?.[1] ?? otherwise;
}

/**
 * What every part of the seed works with. One PRNG for all of them: the
 * parts run in a fixed order, so the same sizes give the same organization.
 */
export interface LargeSeedContext {
  services: EmulatorServices;
  now: number;
  random: () => number;
  pick: <T>(items: T[]) => T;
  ids: typeof SEED_IDS;
  clusterId: string;
  registryId: string;
  addTopic(name: string, partitions: number, createdAt: number): void;
  register(subject: string, schema: object): void;
}

export function createLargeSeedContext(
  services: EmulatorServices,
  now: number,
): LargeSeedContext {
  const random = seededRandom(0x1a76e);
  const ids = SEED_IDS;
  const { store } = services;
  const clusterId = ids.kafkaClusterId;
  const registryId = ids.schemaRegistryId;
  const topics = store.topicsOf(clusterId);
  return {
    services,
    now,
    random,
    pick: <T>(items: T[]): T => items[Math.floor(random() * items.length)],
    ids,
    clusterId,
    registryId,
    addTopic(name, partitions, createdAt) {
      topics[name] = {
        name,
        seq: store.nextSeq(),
        partitionsCount: partitions,
        replicationFactor: 3,
        configs: {},
        createdAt: new Date(createdAt).toISOString(),
      };
    },
    register(subject, schema) {
      services.schemaRegistry.register(
        registryId,
        subject,
        { schema: JSON.stringify(schema) },
        { trusted: true },
      );
    },
  };
}

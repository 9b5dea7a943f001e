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
 * The organization every seed starts from: the shiftleft workshop's
 * environment, cluster, Schema Registry, compute pool, service account and
 * the emulator's local API keys. These ids and keys are also in the repo's
 * app-config.yaml; keep them identical.
 */
import { CONFLUENT_EMULATOR_KEYS } from '@shiftleft/plugin-confluent-common';
import { STATE_FORMAT_VERSION, type EmulatorState } from '../state/model';
import { FIRST_SCHEMA_ID } from '../services/schemaRegistry';
import type { EmulatorIds, EmulatorKeys } from '../types';

/** The seeded ids and names. */
export const SEED_IDS: EmulatorIds = {
  organizationId: '5c9e2a4f-7d1b-4e8a-b3f6-0a2c4e6f8b1d',
  organizationName: 'shiftleft-org',
  environmentId: 'env-q7m2xz',
  environmentName: 'shiftleft',
  kafkaClusterId: 'lkc-8w3pvd',
  kafkaClusterName: 'shiftleft-cluster',
  schemaRegistryId: 'lsrc-2xq9ld',
  computePoolId: 'lfcp-6r8k1v',
  computePoolName: 'shiftleft-pool',
  serviceAccountId: 'sa-3nz8wq',
  serviceAccountName: 'shiftleft-app-manager',
  cloud: 'AWS',
  region: 'us-east-1',
};

/** The emulator's local keys: documented, not secrets. */
export const SEED_KEYS: EmulatorKeys = CONFLUENT_EMULATOR_KEYS;

/** The Kafka bootstrap endpoint connectors report (`kafka.endpoint`). */
export const SEED_BOOTSTRAP = 'pkc-921jm.us-east-1.aws.confluent.cloud:9092';

/** An organization with its infrastructure and nothing in it, created at `createdAt`. */
export function baseState(createdAt: string): EmulatorState {
  const ids = SEED_IDS;
  let seq = 1;
  return {
    formatVersion: STATE_FORMAT_VERSION,
    nextSeq: 100,
    organization: {
      id: ids.organizationId,
      seq: seq++,
      displayName: ids.organizationName,
      createdAt,
      updatedAt: createdAt,
    },
    environments: {
      [ids.environmentId]: {
        id: ids.environmentId,
        seq: seq++,
        displayName: ids.environmentName,
        streamGovernancePackage: 'ESSENTIALS',
        createdAt,
        updatedAt: createdAt,
      },
    },
    serviceAccounts: {
      [ids.serviceAccountId]: {
        id: ids.serviceAccountId,
        seq: seq++,
        displayName: ids.serviceAccountName,
        description:
          'Runs the shiftleft pipeline: connectors and Flink statements',
        createdAt,
        updatedAt: createdAt,
      },
    },
    computePools: {
      [ids.computePoolId]: {
        id: ids.computePoolId,
        seq: seq++,
        environmentId: ids.environmentId,
        displayName: ids.computePoolName,
        cloud: ids.cloud,
        region: ids.region,
        maxCfu: 10,
        defaultPool: true,
        provisionedAt: createdAt,
        createdAt,
        updatedAt: createdAt,
      },
    },
    kafkaClusters: {
      [ids.kafkaClusterId]: {
        id: ids.kafkaClusterId,
        environmentId: ids.environmentId,
        displayName: ids.kafkaClusterName,
        cloud: ids.cloud,
        region: ids.region,
        bootstrapEndpoint: SEED_BOOTSTRAP,
      },
    },
    schemaRegistries: {
      [ids.schemaRegistryId]: {
        id: ids.schemaRegistryId,
        environmentId: ids.environmentId,
        nextSchemaId: FIRST_SCHEMA_ID,
        compatibility: 'BACKWARD',
        schemas: {},
        subjects: {},
        tagDefs: {},
        businessMetadataDefs: {},
        entityTags: {},
        entityBusinessMetadata: {},
      },
    },
    apiKeys: [
      { ...keyOf('cloud'), kind: 'cloud', ownerId: ids.serviceAccountId },
      {
        ...keyOf('flink'),
        kind: 'flink',
        ownerId: ids.serviceAccountId,
        resourceId: ids.environmentId,
      },
      {
        ...keyOf('schemaRegistry'),
        kind: 'schemaRegistry',
        ownerId: ids.serviceAccountId,
        resourceId: ids.schemaRegistryId,
      },
      {
        ...keyOf('kafka'),
        kind: 'kafka',
        ownerId: ids.serviceAccountId,
        resourceId: ids.kafkaClusterId,
      },
    ],
    topics: { [ids.kafkaClusterId]: {} },
    statements: { [ids.environmentId]: {} },
    connectors: { [ids.kafkaClusterId]: {} },
  };
}

function keyOf(kind: keyof EmulatorKeys) {
  return { key: SEED_KEYS[kind].key, secret: SEED_KEYS[kind].secret };
}

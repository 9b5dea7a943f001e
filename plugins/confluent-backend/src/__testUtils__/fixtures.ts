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
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_SCHEMA_REGISTRY_ID,
  ANNOTATION_CONFLUENT_SCHEMA_SUBJECT,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_FLINK_STATEMENT,
  ENTITY_TYPE_KAFKA_TOPIC,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';

export const OWNER_GROUP = 'group:default/customer-data-team';
/** A member of the owning team. */
export const OWNER = 'user:default/alice';
/** Someone else. */
export const OTHER_USER = 'user:default/bob';

const owned = (owner: string) => ({
  owner,
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

/**
 * The workshop's entities as the catalog provider describes them: the data
 * product `enriched_customers` with its PII provenance, its statement, the
 * CDC source and its customers topic, and a topic with a custom subject.
 */
export function workshopEntities(emu: ConfluentEmulator): Entity[] {
  const { environmentId, kafkaClusterId, schemaRegistryId } = emu.ids;
  const confluent = (extra: Record<string, string>) => ({
    ...providerLocation(emu),
    [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: environmentId,
    [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: kafkaClusterId,
    ...extra,
  });
  const topic = (t: string) => ({
    [ANNOTATION_CONFLUENT_TOPIC]: t,
    [ANNOTATION_CONFLUENT_SCHEMA_REGISTRY_ID]: schemaRegistryId,
    [ANNOTATION_CONFLUENT_SCHEMA_SUBJECT]: `${t}-value`,
  });
  const { owner, relations } = owned(OWNER_GROUP);
  const cdc = 'component:default/shiftleft-postgres-cdc-source';
  const materializer = 'component:default/enriched-customer-materializer';
  const customers = 'api:default/shiftleft.public.customers';
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'enriched_customers',
        annotations: confluent({
          ...topic('enriched_customers'),
          [ANNOTATION_CONFLUENT_STATEMENT]: 'enriched-customer-materializer',
        }),
      },
      spec: {
        type: ENTITY_TYPE_DATA_PRODUCT,
        lifecycle: 'production',
        owner,
        definition: '{}',
        lineage: {
          producedBy: [materializer],
          columns: [],
          pii: [
            {
              column: 'email',
              status: 'masked',
              replacement: '****',
              origins: [{ entityRef: customers, column: 'email' }],
              chain: [
                {
                  entityRef: customers,
                  column: 'email',
                  how: 'schema-tag',
                  detail:
                    'Tagged PII in the schema of shiftleft.public.customers',
                },
                {
                  entityRef: customers,
                  column: 'email',
                  how: 'smt',
                  via: cdc,
                  replacement: '****',
                  detail:
                    'Masked by shiftleft-postgres-cdc-source (maskPii, MaskField$Value): the value is replaced with ****',
                },
                {
                  entityRef: 'api:default/enriched_customers',
                  column: 'email',
                  how: 'statement',
                  via: materializer,
                  direct: true,
                  expression: 'c.email',
                  detail:
                    'Copied unchanged by enriched-customer-materializer: c.email',
                },
              ],
            },
          ],
        },
      },
      relations,
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'enriched-customer-materializer',
        annotations: confluent({
          [ANNOTATION_CONFLUENT_STATEMENT]: 'enriched-customer-materializer',
        }),
      },
      spec: {
        type: ENTITY_TYPE_FLINK_STATEMENT,
        lifecycle: 'production',
        owner,
      },
      relations,
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'shiftleft-postgres-cdc-source',
        annotations: confluent({
          [ANNOTATION_CONFLUENT_CONNECTOR]: 'shiftleft-postgres-cdc-source',
        }),
      },
      spec: { type: ENTITY_TYPE_CONNECTOR, lifecycle: 'production', owner },
      relations,
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'shiftleft.public.customers',
        annotations: confluent({
          ...topic('shiftleft.public.customers'),
          [ANNOTATION_CONFLUENT_CONNECTOR]: 'shiftleft-postgres-cdc-source',
        }),
      },
      spec: {
        type: ENTITY_TYPE_DATA_PRODUCT,
        lifecycle: 'production',
        owner,
        definition: '{}',
      },
      relations,
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'ghost-statement',
        annotations: confluent({
          [ANNOTATION_CONFLUENT_STATEMENT]: 'no-such-statement',
        }),
      },
      spec: {
        type: ENTITY_TYPE_FLINK_STATEMENT,
        lifecycle: 'production',
        owner,
      },
      relations,
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'plain-service' },
      spec: { type: 'service', lifecycle: 'production', owner },
      relations,
    },
  ];
}

/**
 * The location annotations the suite's provider sets: its entities
 * originate in the Confluent console (the routes trust their annotations).
 */
export function providerLocation(emu: ConfluentEmulator) {
  const url = `url:https://confluent.cloud/environments/${emu.ids.environmentId}/clusters`;
  return { [ANNOTATION_LOCATION]: url, [ANNOTATION_ORIGIN_LOCATION]: url };
}

/** An entity for a topic whose value subject a test registers. */
export function topicEntity(
  emu: ConfluentEmulator,
  name: string,
  subject: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      annotations: {
        ...providerLocation(emu),
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: emu.ids.environmentId,
        [ANNOTATION_CONFLUENT_TOPIC]: name,
        [ANNOTATION_CONFLUENT_SCHEMA_SUBJECT]: subject,
      },
    },
    spec: {
      type: ENTITY_TYPE_KAFKA_TOPIC,
      lifecycle: 'production',
      owner: OWNER_GROUP,
      definition: '{}',
    },
  };
}

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
 * What every entity transformer is given, and the parts all entities share
 * (name, location and provenance annotations).
 */
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_OWNER_SOURCE,
} from '@shiftleft/plugin-confluent-common';
import type { JsonObject } from '@backstage/types';
import type { ConfluentConsoleLinks } from '@shiftleft/plugin-confluent-node';
import type { EnvironmentSnapshot } from '../snapshot';
import type { FlowGraph, Owner } from './graph';
import type { OwnerRules } from './ownership';
import type { GraphPii } from './pii';
import type { EntityRefs } from './refs';

/** The named, owned and traced graph the transformers turn into entities. */
export interface TransformContext {
  graph: FlowGraph;
  refs: EntityRefs;
  pii: GraphPii;
  owners: OwnerRules;
  lifecycle: string;
  links: ConfluentConsoleLinks;
}

/** Options of {@link baseEntity}. */
export interface BaseEntityOptions {
  kind: 'API' | 'Component' | 'Resource' | 'System';
  entityRef: string;
  env: EnvironmentSnapshot;
  owner: Owner;
  /** The Confluent Cloud console page of the entity, its location. */
  location: string;
  /** Confluent annotations; empty values are left out. */
  annotations: Record<string, string | undefined>;
}

/**
 * The envelope of an entity: kind, name and the annotations every entity of
 * this provider carries, for a transformer to add its metadata and spec to.
 */
export function baseEntity(
  context: TransformContext,
  options: BaseEntityOptions,
) {
  const { kind, entityRef, env, owner, location, annotations } = options;
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) {
    if (v) clean[k] = v;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: context.refs.names.get(entityRef)!,
      annotations: {
        [ANNOTATION_LOCATION]: `url:${location}`,
        [ANNOTATION_ORIGIN_LOCATION]: `url:${location}`,
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: env.environmentId,
        [ANNOTATION_CONFLUENT_OWNER_SOURCE]: owner.source,
        ...clean,
      },
    },
  };
}

/** The entity ref of a topic node key (the key itself if no topic has it). */
export function topicRefOf(context: TransformContext, key: string): string {
  return context.graph.topics.get(key)?.ref ?? key;
}

/** The System ref of a cluster. */
export function systemRefOf(
  context: TransformContext,
  environmentId: string,
  clusterId: string,
): string | undefined {
  return context.refs.systems.get(`${environmentId}/${clusterId}`);
}

/** The spec blocks are plain data; the catalog stores them as JSON. */
export function toJson(value: object): JsonObject {
  return value as unknown as JsonObject;
}

/** The distinct defined values, in first-seen order. */
export function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

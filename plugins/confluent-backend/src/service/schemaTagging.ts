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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_CONFLUENT_SCHEMA_SUBJECT,
  ANNOTATION_CONFLUENT_TOPIC,
  CONFLUENT_PII_TAG,
  confluentSchemaTagPermission,
  ConfluentTagPiiResponse,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { EntityAccess } from './entityAccess';
import { schemaTarget } from './entityTargets';
import { EntityResourceGuard } from './resourceGuard';
import { SchemaService } from './SchemaService';

/** What {@link tagOwnedSchemaPii} works with. */
export interface SchemaTaggingDeps {
  access: EntityAccess;
  client: ConfluentClient;
  schema: SchemaService;
}

/**
 * Tags fields of an entity's topic schema PII in Stream Catalog, for its
 * owners only, with the rules of stop/resume: the permission
 * (`confluent.schema.tag`), membership of the entity's owning group, and a
 * subject that the entity's owner owns in Confluent too (an annotation
 * alone never lets a team tag another team's topic). Every check runs
 * before anything is written.
 */
export async function tagOwnedSchemaPii(
  deps: SchemaTaggingDeps,
  request: {
    entityRef: string;
    fields: string[];
    credentials: BackstageCredentials;
  },
): Promise<ConfluentTagPiiResponse> {
  const { access, client, schema } = deps;
  const { entityRef, fields, credentials } = request;
  const entity = await access.authorizedEntity(
    entityRef,
    confluentSchemaTagPermission,
    credentials,
  );
  await access.assertOwner(entity, credentials, 'tag its schema fields PII');
  const target = schemaTarget(entity, client.environments);
  if (!target) {
    throw new NotFoundError(
      `${entityRef} has neither a ${ANNOTATION_CONFLUENT_TOPIC} nor a ${ANNOTATION_CONFLUENT_SCHEMA_SUBJECT} annotation`,
    );
  }
  await new EntityResourceGuard({ client }).checkSchema(entity, target);
  const tagged = await schema.tagPii(entity, fields);
  return {
    entityRef: stringifyEntityRef(entity),
    tag: CONFLUENT_PII_TAG,
    tagged,
  };
}

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
 * Permissions of the Confluent entity cards. All are resource permissions on
 * catalog entities, so a policy can decide per entity with the catalog's own
 * rules (for example `catalogConditions.isEntityOwner`): the permission
 * backend evaluates such conditional decisions against the catalog.
 */
import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of catalog entities (`@backstage/plugin-catalog-common`). */
const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/**
 * Read the live status of the Flink statements and connectors behind an
 * entity (phase, detail, warnings, offsets, exceptions, connector tasks).
 * @public
 */
export const confluentStatusReadPermission = createPermission({
  name: 'confluent.status.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/**
 * Read the schema of an entity's topic, with its masked and PII fields and
 * their provenance.
 * @public
 */
export const confluentSchemaReadPermission = createPermission({
  name: 'confluent.schema.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/**
 * Stop and resume the Flink statements behind an entity. The backend also
 * requires the caller to own the entity, whatever the policy says.
 * @public
 */
export const confluentStatementManagePermission = createPermission({
  name: 'confluent.statement.manage',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/**
 * Tag fields of an entity's topic schema PII in Stream Catalog (the schema
 * card's "suspected PII" action). The backend also requires the caller to
 * own the entity, whatever the policy says.
 * @public
 */
export const confluentSchemaTagPermission = createPermission({
  name: 'confluent.schema.tag',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/**
 * Every permission of the Confluent cards, for registration and policies.
 * @public
 */
export const confluentPermissions = [
  confluentStatusReadPermission,
  confluentSchemaReadPermission,
  confluentStatementManagePermission,
  confluentSchemaTagPermission,
];

/**
 * See the suite's read-only actions (status, PII flow) in the actions
 * registry, and so as MCP tools. Each action still checks the entity
 * permissions above.
 * @public
 */
export const confluentActionsReadPermission = createPermission({
  name: 'confluent.actions.read',
  attributes: { action: 'read' },
});

/**
 * See the suite's changing actions (stop, resume) in the actions registry.
 * Each action still requires {@link confluentStatementManagePermission} and
 * ownership of the entity.
 * @public
 */
export const confluentActionsManagePermission = createPermission({
  name: 'confluent.actions.manage',
  attributes: { action: 'update' },
});

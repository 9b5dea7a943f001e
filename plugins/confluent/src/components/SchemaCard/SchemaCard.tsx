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
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity, useEntityOwnership } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ANNOTATION_CONFLUENT_TOPIC,
  confluentSchemaTagPermission,
} from '@shiftleft/plugin-confluent-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { confluentApiRef } from '../../api/ConfluentApi';
import { isConfluentSchemaAvailable } from '../../conditions';
import {
  ConfluentCard,
  LoadingCard,
  MissingAnnotationCard,
  useConfluentT,
} from '../cards';
import { errorMessage, isNotFound } from '../live';
import { SchemaCardSection } from '../sections';
import { SchemaFields } from './SchemaFields';

export { ProtectionBadge, SuspectedPiiBadge } from './badges';
export { SchemaFields, visibleFields } from './SchemaFields';
export type { TagOutcome } from './SchemaFields';

/** Props of `SchemaCard` (the legacy export `EntityConfluentSchemaCard`). @public */
export interface SchemaCardProps {
  /**
   * What to show: `summary` (subject, version, PII counts, "Tag all" and
   * the "PII only" switch), `fields` (the table), `link` (to Confluent
   * Cloud). Default: all of them.
   */
  sections?: readonly SchemaCardSection[];
  /** Start with the "PII only" filter on. Default: off. */
  piiOnly?: boolean;
}

/**
 * The schema of an entity's topic: every field with its type and
 * nullability, masked and PII fields marked with their provenance, and
 * fields whose names look personal marked "Suspected PII", with a "Tag PII"
 * action for the entity's owners.
 * @public
 */
export function SchemaCard(props: SchemaCardProps = {}) {
  const { sections, piiOnly } = props;
  const t = useConfluentT();
  const { entity } = useEntity();
  const api = useApi(confluentApiRef);
  const available = isConfluentSchemaAvailable(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    async () =>
      available ? api.getSchema(getCompoundEntityRef(entity)) : undefined,
    [api, entity, available],
  );
  const { allowed } = usePermission({
    permission: confluentSchemaTagPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const { isOwnedEntity } = useEntityOwnership();
  // The backend checks both again: this only hides what would be refused.
  const canTag = allowed && isOwnedEntity(entity);
  const title = t('schemaCard.title');
  if (!available) {
    return (
      <MissingAnnotationCard
        title={title}
        annotation={ANNOTATION_CONFLUENT_TOPIC}
      />
    );
  }
  // A refresh after tagging keeps the fields (and the outcome) on screen.
  if (loading && !value) return <LoadingCard title={title} />;
  if (error) {
    if (isNotFound(error)) {
      return (
        <ConfluentCard title={title}>
          <EmptyState
            missing="data"
            title={t('schemaCard.noSchema')}
            description={errorMessage(error)}
          />
        </ConfluentCard>
      );
    }
    return <ResponseErrorPanel error={error} title={title} />;
  }
  if (!value || value.fields.length === 0) {
    return (
      <ConfluentCard title={title}>
        <EmptyState missing="data" title={t('schemaCard.noFields')} />
      </ConfluentCard>
    );
  }
  return (
    <ConfluentCard title={title}>
      <SchemaFields
        schema={value}
        sections={sections}
        piiOnly={piiOnly}
        onTagPii={
          canTag
            ? async paths => {
                await api.tagSchemaPii(getCompoundEntityRef(entity), paths);
                retry();
              }
            : undefined
        }
      />
    </ConfluentCard>
  );
}

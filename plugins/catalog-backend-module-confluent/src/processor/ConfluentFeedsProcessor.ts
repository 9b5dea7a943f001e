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
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  RELATION_FED_BY,
  RELATION_FEEDS,
  SPEC_FEEDS,
} from '@shiftleft/plugin-confluent-common';

/**
 * Turns `spec.feeds` (entity refs this entity feeds) into `feeds` relations
 * from the entity and `fedBy` relations back to it, so the catalog graph can
 * draw data flow in both directions: source table → CDC connector → topic →
 * statement → data product → sink connector → warehouse table.
 *
 * It works on any entity with the field, whoever wrote it: the Confluent
 * provider, or a hand-written `catalog-info.yaml` of a pipeline outside
 * Confluent. Refs without a kind are rejected, since the same name can be an
 * API, a Component or a Resource.
 * @public
 */
export class ConfluentFeedsProcessor implements CatalogProcessor {
  /** {@inheritdoc @backstage/plugin-catalog-node#CatalogProcessor.getProcessorName} */
  getProcessorName(): string {
    return 'ConfluentFeedsProcessor';
  }

  /** {@inheritdoc @backstage/plugin-catalog-node#CatalogProcessor.postProcessEntity} */
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const feeds = entity.spec?.[SPEC_FEEDS];
    if (feeds === undefined) {
      return entity;
    }
    if (!Array.isArray(feeds)) {
      emit(
        processingResult.inputError(
          location,
          `spec.${SPEC_FEEDS} of ${entity.kind}:${entity.metadata.name} must be a list of entity refs`,
        ),
      );
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    for (const value of feeds) {
      let target;
      try {
        if (typeof value !== 'string') {
          throw new TypeError('not a string');
        }
        target = parseEntityRef(value, {
          defaultNamespace: self.namespace,
        });
      } catch (error) {
        emit(
          processingResult.inputError(
            location,
            `spec.${SPEC_FEEDS} of ${entity.kind}:${self.namespace}/${
              self.name
            } has an invalid entity ref ${JSON.stringify(
              value,
            )} (write kind:namespace/name): ${(error as Error).message}`,
          ),
        );
        continue;
      }
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_FEEDS,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: RELATION_FED_BY,
          target: self,
        }),
      );
    }
    return entity;
  }
}

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
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_TOPIC,
  isPiiMasked,
  PiiSourceField,
  readDataProductLineage,
} from '@shiftleft/plugin-confluent-common';
import { UpstreamPiiLookup } from './plan';
import { ConfluentTarget } from './target';

/**
 * The PII the catalog recorded on an existing topic a statement reads
 * (`spec.lineage.pii` of its API entity), read with the caller's
 * credentials: what the plan of a data product traces from upstream. Used
 * by the `confluent:dataproduct:plan` action and the `plan-data-product`
 * tool alike. Without a catalog there is nothing to look up.
 */
export function catalogUpstreamPii(options: {
  catalog?: CatalogService;
  target: ConfluentTarget;
  credentials: () => Promise<BackstageCredentials>;
}): UpstreamPiiLookup | undefined {
  const { catalog, target } = options;
  if (!catalog) return undefined;
  return async topic => {
    const credentials = await options.credentials();
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'API',
          [`metadata.annotations.${ANNOTATION_CONFLUENT_TOPIC}`]: topic,
          [`metadata.annotations.${ANNOTATION_CONFLUENT_ENVIRONMENT_ID}`]:
            target.environmentId,
          [`metadata.annotations.${ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID}`]:
            target.kafkaClusterId,
        },
      },
      { credentials },
    );
    const lineage = items[0] && readDataProductLineage(items[0]);
    return lineage?.pii.map(
      (f): PiiSourceField => ({
        column: f.column,
        ...(f.field ? { field: f.field } : {}),
        tags: [
          {
            name: 'PII',
            how: 'catalog-tag',
            detail: `Recorded as ${f.status} in the catalog entity of ${topic}`,
          },
        ],
        ...(isPiiMasked(f.status)
          ? {
              masked: {
                by:
                  f.chain.find(s => s.how === 'smt')?.via ??
                  'an upstream connector',
                ...(f.replacement !== undefined
                  ? { replacement: f.replacement }
                  : {}),
              },
            }
          : {}),
      }),
    );
  };
}

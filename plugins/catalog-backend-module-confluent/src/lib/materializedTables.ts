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
 * A Flink materialized table on its topic's data product: the current
 * version as an annotation, the version history as a spec field, and a
 * description that says what the table is.
 */
import type { JsonObject } from '@backstage/types';
import {
  ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION,
  type MaterializedTableInfo,
  SPEC_MATERIALIZED_TABLE,
} from '@shiftleft/plugin-confluent-common';
import type { MaterializedTableSnapshot } from './snapshot';

/** The annotation and spec field of a materialized table's data product. */
export function materializedTableFields(table: MaterializedTableSnapshot): {
  annotations: Record<string, string>;
  spec: JsonObject;
} {
  const info: MaterializedTableInfo = {
    version: table.version,
    latestVersion: table.latestVersion,
    ...(table.phase ? { phase: table.phase } : {}),
    ...(table.query ? { query: table.query } : {}),
    versions: table.versions,
  };
  return {
    annotations: {
      [ANNOTATION_CONFLUENT_MATERIALIZED_TABLE_VERSION]: String(table.version),
    },
    spec: { [SPEC_MATERIALIZED_TABLE]: info as unknown as JsonObject },
  };
}

/** How a materialized table describes itself in the catalog. */
export function materializedTableDescription(
  table: MaterializedTableSnapshot,
): string {
  const versions = table.versions.length;
  return `Flink materialized table ${table.name}, version ${table.version}${
    versions > 1 ? ` (${versions} versions)` : ''
  }: a data product that owns its continuous query.`;
}

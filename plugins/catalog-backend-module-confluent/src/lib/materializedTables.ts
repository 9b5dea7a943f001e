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

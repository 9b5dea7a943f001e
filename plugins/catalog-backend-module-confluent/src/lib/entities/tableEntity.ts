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
 * A database table a connector captures or writes, as a Resource: a sink
 * table has column lineage from the topics written into it, a CDC source
 * table is where the personal data of its topics originates.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_DATABASE_SYSTEM,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  DataProductColumnLineage,
  DataProductLineage,
  DataProductPiiFinding,
  ENTITY_TYPE_DATABASE_TABLE,
  SPEC_EXTERNAL_TABLE,
  SPEC_FEEDS,
  SPEC_LINEAGE,
} from '@shiftleft/plugin-confluent-common';
import { topicKey } from '../snapshot';
import { TableNode, tableDisplayName, tableNodeKey } from './graph';
import {
  baseEntity,
  systemRefOf,
  toJson,
  TransformContext,
  unique,
} from './context';
import { piiFindings, piiTagsOf } from './pii';

/** The Resource entity of an external table. */
export function tableToResource(
  context: TransformContext,
  node: TableNode,
): Entity {
  const { connectors } = context.graph;
  const first = connectors.get(node.readBy[0] ?? node.writtenBy[0]?.connector)!;
  const env = first.env;
  const connectorNames = unique([
    ...node.readBy.map(c => connectors.get(c)!.connector.name),
    ...node.writtenBy.map(w => connectors.get(w.connector)!.connector.name),
  ]);
  const url = context.links.connector(
    env.environmentId,
    first.connector.clusterId,
    first.connector.name,
  );
  const entity = baseEntity(context, {
    kind: 'Resource',
    entityRef: node.ref,
    env,
    owner: node.owner,
    location: url,
    annotations: {
      [ANNOTATION_CONFLUENT_DATABASE_SYSTEM]: node.table.system,
      [ANNOTATION_CONFLUENT_CONNECTOR]: connectorNames.join(','),
      [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: first.connector.clusterId,
    },
  });
  const lineage: DataProductLineage = node.writtenBy.length
    ? sinkTableLineage(context, node)
    : { producedBy: [], columns: [], pii: sourceTablePii(context, node) };
  const writers = unique(
    node.writtenBy.map(w => connectors.get(w.connector)!.connector.name),
  );
  const readers = unique(
    node.readBy.map(c => connectors.get(c)!.connector.name),
  );
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      title: `${tableDisplayName(node.table)} (${node.table.system})`,
      description: node.writtenBy.length
        ? `${node.table.system} table written by ${writers.join(', ')}.`
        : `${node.table.system} table captured by ${readers.join(', ')}.`,
      ...(piiTagsOf(lineage.pii).length
        ? { tags: piiTagsOf(lineage.pii) }
        : {}),
      links: [
        {
          url,
          title: `Connector ${first.connector.name} in Confluent Cloud`,
          icon: 'cloud',
        },
      ],
    },
    spec: {
      type: ENTITY_TYPE_DATABASE_TABLE,
      owner: node.owner.ref,
      system: systemRefOf(
        context,
        env.environmentId,
        first.connector.clusterId,
      ),
      [SPEC_FEEDS]: unique(node.readBy.map(c => connectors.get(c)!.ref)),
      [SPEC_EXTERNAL_TABLE]: toJson(node.table),
      [SPEC_LINEAGE]: toJson(lineage),
    },
  };
}

/** The columns sink connectors write into the table, and their PII. */
function sinkTableLineage(
  context: TransformContext,
  node: TableNode,
): DataProductLineage {
  const { connectors, topics, statements } = context.graph;
  const columns: DataProductColumnLineage[] = [];
  for (const { connector, topic } of node.writtenBy) {
    const c = connectors.get(connector)!;
    const t = topics.get(topic)!;
    // A statement's output columns include its key columns, which a
    // CTAS keeps out of the value schema and a sink writes all the same.
    const schemaColumns =
      t.producers
        .map(p => statements.get(p)?.statement.outputColumns)
        .find(Boolean) ??
      t.env.schemas.get(t.topic)?.columns ??
      [];
    for (const column of schemaColumns) {
      const mask = (c.connector.flow?.masks ?? []).find(m =>
        m.fields.includes(column),
      );
      columns.push({
        column,
        sources: [{ entityRef: t.ref, column }],
        direct: !mask,
        ...(mask
          ? {
              expression: `${mask.alias}: MaskField$Value(${column})`,
              transforms: ['MaskField$Value'],
            }
          : {}),
        via: c.ref,
      });
    }
  }
  return {
    producedBy: unique(
      node.writtenBy.map(w => connectors.get(w.connector)!.ref),
    ),
    columns,
    pii: piiFindings(context.pii.bySinkTable.get(node.ref)),
  };
}

/**
 * A CDC source table holds the raw values: every PII-tagged field of the
 * topics read from it is personal data here, masked or not later.
 */
function sourceTablePii(
  context: TransformContext,
  node: TableNode,
): DataProductPiiFinding[] {
  const { connectors, topics } = context.graph;
  const pii: DataProductPiiFinding[] = [];
  for (const connectorKey of node.readBy) {
    const c = connectors.get(connectorKey)!;
    for (const link of c.connector.flow?.links ?? []) {
      if (!link.table || tableNodeKey(link.table) !== node.key) continue;
      const t = topics.get(
        topicKey({
          environmentId: c.env.environmentId,
          clusterId: c.connector.clusterId,
          topic: link.topic,
        }),
      );
      const source = context.pii.sources.find(s => s.table === t?.ref);
      for (const field of source?.fields ?? []) {
        const tags = (field.tags ?? []).filter(
          (tag): tag is Exclude<typeof tag, string> => typeof tag !== 'string',
        );
        if (
          !tags.length ||
          pii.some(p => p.column === field.column && p.field === field.field)
        )
          continue;
        const at = {
          entityRef: node.ref,
          column: field.column,
          ...(field.field ? { field: field.field } : {}),
        };
        pii.push({
          column: field.column,
          ...(field.field ? { field: field.field } : {}),
          status: 'pii',
          origins: [at],
          chain: tags.map(tag => ({
            ...at,
            how: tag.how,
            detail: `${tag.detail ?? `Tagged ${tag.name}`}, which ${
              c.connector.name
            } captures from this table`,
          })),
        });
      }
    }
  }
  return pii;
}

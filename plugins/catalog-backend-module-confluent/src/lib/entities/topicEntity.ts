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
 * A topic as an API entity: a data product when a statement or connector
 * writes it (or it is a materialized table), a plain Kafka topic otherwise.
 * Its spec carries the value schema, the column lineage and the PII found.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_SCHEMA_REGISTRY_ID,
  ANNOTATION_CONFLUENT_SCHEMA_SUBJECT,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  DataProductColumnLineage,
  DataProductColumnSource,
  DataProductLineage,
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_KAFKA_TOPIC,
  SPEC_FEEDS,
  SPEC_LINEAGE,
} from '@shiftleft/plugin-confluent-common';
import { SourceColumn } from '@shiftleft/flink-sql-lineage';
import { productDriftAnnotations } from '../drift';
import {
  materializedTableDescription,
  materializedTableFields,
} from '../materializedTables';
import { ConnectorNode, StatementNode, tableNodeKey, TopicNode } from './graph';
import {
  baseEntity,
  systemRefOf,
  toJson,
  topicRefOf,
  TransformContext,
  unique,
} from './context';
import { piiFindings, piiTagsOf } from './pii';

/** The API entity of a topic. */
export function topicToApi(context: TransformContext, node: TopicNode): Entity {
  const { env, clusterId, topic } = node;
  const { graph, links } = context;
  const schema = env.schemas.get(topic);
  const producerStatements = node.producers
    .map(p => graph.statements.get(p))
    .filter((s): s is StatementNode => !!s);
  const producerConnectors = node.producers
    .map(p => graph.connectors.get(p))
    .filter((c): c is ConnectorNode => !!c);
  const materialized = env.materializedTables.get(`${clusterId}/${topic}`);
  const mtFields = materialized
    ? materializedTableFields(materialized)
    : undefined;
  const isProduct = node.producers.length > 0 || !!materialized;
  const url = links.topic(env.environmentId, clusterId, topic);
  const subject = schema?.subject ?? `${topic}-value`;
  const entity = baseEntity(context, {
    kind: 'API',
    entityRef: node.ref,
    env,
    owner: node.owner,
    location: url,
    annotations: {
      [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: clusterId,
      [ANNOTATION_CONFLUENT_TOPIC]: topic,
      [ANNOTATION_CONFLUENT_SCHEMA_REGISTRY_ID]: env.schemaRegistryId,
      [ANNOTATION_CONFLUENT_SCHEMA_SUBJECT]:
        schema || env.schemaRegistryId ? subject : undefined,
      [ANNOTATION_CONFLUENT_STATEMENT]:
        producerStatements.map(s => s.statement.name).join(',') || undefined,
      [ANNOTATION_CONFLUENT_CONNECTOR]:
        producerConnectors.map(c => c.connector.name).join(',') || undefined,
      ...mtFields?.annotations,
      ...productDriftAnnotations(
        env,
        producerStatements.map(s => s.statement),
        producerConnectors.map(c => c.connector),
      ),
    },
  });
  const pii = piiFindings(context.pii.byTopic.get(node.ref));
  const lineage: DataProductLineage = {
    producedBy: node.producers
      .map(p => graph.statements.get(p)?.ref ?? graph.connectors.get(p)?.ref)
      .filter((r): r is string => !!r),
    columns: [
      ...statementColumns(context, node, producerStatements),
      ...connectorColumns(context, node, producerConnectors),
    ],
    pii,
  };
  const error = env.schemaErrors.get(topic);
  const definition =
    schema?.definition ??
    (error
      ? `# The value schema of ${topic} (subject ${subject}) could not be read; the catalog backend logs say why.`
      : `# No value schema is registered for ${topic} (subject ${subject}).`);
  const statementLinks = producerStatements.map(s => ({
    url: links.statement(env.environmentId, s.statement.name),
    title: `Statement ${s.statement.name}`,
    icon: 'code',
  }));
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      ...(entity.metadata.name !== topic ? { title: topic } : {}),
      description: materialized
        ? materializedTableDescription(materialized)
        : topicDescription(
            topic,
            producerStatements.map(s => s.statement.name),
            producerConnectors.map(c => c.connector.name),
          ),
      ...(piiTagsOf(pii).length ? { tags: piiTagsOf(pii) } : {}),
      links: [
        { url, title: 'Topic in Confluent Cloud', icon: 'cloud' },
        ...(schema
          ? [
              {
                url: links.schemaSubject(env.environmentId, subject),
                title: `Schema ${subject}`,
                icon: 'docs',
              },
            ]
          : []),
        ...statementLinks,
      ],
    },
    spec: {
      type: isProduct ? ENTITY_TYPE_DATA_PRODUCT : ENTITY_TYPE_KAFKA_TOPIC,
      lifecycle: context.lifecycle,
      owner: node.owner.ref,
      system: systemRefOf(context, env.environmentId, clusterId),
      definition,
      [SPEC_FEEDS]: unique(
        node.readers.map(
          r => graph.statements.get(r)?.ref ?? graph.connectors.get(r)?.ref,
        ),
      ),
      [SPEC_LINEAGE]: toJson(lineage),
      ...mtFields?.spec,
    },
  };
}

/** The columns the producing statements write into the topic. */
function statementColumns(
  context: TransformContext,
  node: TopicNode,
  producers: StatementNode[],
): DataProductColumnLineage[] {
  const columnSource = (s: SourceColumn): DataProductColumnSource => ({
    entityRef: topicRefOf(context, s.table.table),
    column: s.column,
    ...(s.field ? { field: s.field } : {}),
  });
  const columns: DataProductColumnLineage[] = [];
  for (const s of producers) {
    for (const c of s.columns.filter(col => col.sink.table === node.key)) {
      columns.push({
        column: c.column,
        sources: c.sources.map(columnSource),
        direct: c.direct,
        expression: c.expression,
        transforms: c.transforms,
        ...(c.conditionalSources?.length
          ? { conditionalSources: c.conditionalSources.map(columnSource) }
          : {}),
        ...(c.fields?.length
          ? {
              fields: c.fields.map(f => ({
                name: f.name,
                sources: f.sources.map(columnSource),
                direct: f.direct,
                expression: f.expression,
              })),
            }
          : {}),
        via: s.ref,
      });
    }
  }
  return columns;
}

/**
 * The columns source connectors copy into the topic: each value-schema
 * column from the captured table, masked where a MaskField transform says.
 */
function connectorColumns(
  context: TransformContext,
  node: TopicNode,
  producers: ConnectorNode[],
): DataProductColumnLineage[] {
  const schema = node.env.schemas.get(node.topic);
  const columns: DataProductColumnLineage[] = [];
  for (const c of producers) {
    const table = c.tables
      .map(t => context.graph.tables.get(t)!)
      .find(t =>
        c.connector.flow?.links.some(
          l =>
            l.topic === node.topic &&
            l.table &&
            tableNodeKey(l.table) === t.key,
        ),
      );
    for (const column of schema?.columns ?? []) {
      const mask = (c.connector.flow?.masks ?? []).find(m =>
        m.fields.includes(column),
      );
      columns.push({
        column,
        sources: table ? [{ entityRef: table.ref, column }] : [],
        direct: !mask,
        ...(mask
          ? {
              expression: `${mask.alias}: MaskField$Value(${column})${
                mask.replacement !== undefined ? ` → '${mask.replacement}'` : ''
              }`,
              transforms: ['MaskField$Value'],
            }
          : {}),
        via: c.ref,
      });
    }
  }
  return columns;
}

function topicDescription(
  topic: string,
  statementNames: string[],
  connectorNames: string[],
): string {
  if (statementNames.length) {
    return `Data product written by Flink statement ${statementNames.join(
      ', ',
    )}.`;
  }
  if (connectorNames.length) {
    return `Data product written by connector ${connectorNames.join(', ')}.`;
  }
  return `Kafka topic ${topic}; nothing in Confluent writes it.`;
}

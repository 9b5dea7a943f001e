/*
 * Turns what was read from Confluent into catalog entities: the data-flow
 * graph (tables, connectors, topics, statements), owners, names, column
 * lineage and PII provenance. Pure: no I/O, so it is the same for a scheduled
 * full refresh and an event-driven delta.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_COMPUTE_POOL_ID,
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_DATABASE_SYSTEM,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_OWNER_SOURCE,
  ANNOTATION_CONFLUENT_SCHEMA_REGISTRY_ID,
  ANNOTATION_CONFLUENT_SCHEMA_SUBJECT,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  ConfluentOwnerSource,
  DataProductColumnLineage,
  DataProductColumnSource,
  DataProductLineage,
  DataProductPiiChainStep,
  DataProductPiiFinding,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_DATABASE_TABLE,
  ENTITY_TYPE_FLINK_STATEMENT,
  ENTITY_TYPE_KAFKA_TOPIC,
  ExternalTable,
  LABEL_OWNER,
  PiiChainStep,
  PiiColumnFinding,
  PiiSink,
  PiiSourceTable,
  PiiStatement,
  PiiStatus,
  SPEC_EXTERNAL_TABLE,
  SPEC_FEEDS,
  SPEC_LINEAGE,
  tracePii,
} from '@shiftleft/plugin-confluent-common';
import {
  ColumnLineage,
  formatTableRef,
  SourceColumn,
  TableRef,
} from '@shiftleft/flink-sql-lineage';
import type { JsonObject } from '@backstage/types';
import type { ConfluentConsoleLinks } from '@shiftleft/plugin-confluent-node';
import type { OwnershipRule } from '../providers/config';
import {
  materializedTableDescription,
  materializedTableFields,
} from './materializedTables';
import { NameAllocator } from './naming';
import {
  ConnectorSnapshot,
  EnvironmentSnapshot,
  StatementSnapshot,
  topicKey,
  TopicResolver,
} from './snapshot';
import {
  connectorDriftAnnotations,
  productDriftAnnotations,
  statementDriftAnnotations,
} from './drift';

/** Options of {@link buildEntities}. */
export interface BuildEntitiesOptions {
  defaultOwner: string;
  ownership: OwnershipRule[];
  lifecycle: string;
  piiTags: string[];
  links: ConfluentConsoleLinks;
  logger: LoggerService;
}

interface Owner {
  ref: string;
  source: ConfluentOwnerSource;
}

interface TopicNode {
  key: string;
  env: EnvironmentSnapshot;
  clusterId: string;
  topic: string;
  listed: boolean;
  /** Statement and connector node keys writing it. */
  producers: string[];
  /** Statement and connector node keys reading it. */
  readers: string[];
  ref: string;
  owner: Owner;
}

interface StatementNode {
  key: string;
  env: EnvironmentSnapshot;
  statement: StatementSnapshot;
  reads: string[];
  writes: string[];
  /** The column lineage with table refs rewritten to topic keys. */
  columns: ColumnLineage[];
  /** Topic keys of ALTER/CREATE TABLE targets (no data flow). */
  targets: string[];
  clusterId?: string;
  ref: string;
  owner: Owner;
}

interface TableNode {
  key: string;
  table: ExternalTable;
  /** Connector node keys reading the table (CDC sources). */
  readBy: string[];
  /** Connector node keys writing it (sinks), each with the topic it writes from. */
  writtenBy: Array<{ connector: string; topic: string }>;
  ref: string;
  owner: Owner;
}

interface ConnectorNode {
  key: string;
  env: EnvironmentSnapshot;
  connector: ConnectorSnapshot;
  type?: 'source' | 'sink';
  topics: string[];
  tables: string[];
  ref: string;
  owner: Owner;
}

const UNRESOLVED = '\u0000unresolved:';

function tableNodeKey(table: ExternalTable): string {
  return [
    table.system,
    table.host ?? '',
    table.database ?? '',
    table.schema ?? '',
    table.table,
  ].join('\u0000');
}

function tableDisplayName(table: ExternalTable): string {
  return [table.database, table.schema, table.table].filter(Boolean).join('.');
}

const SEVERITY: Record<PiiStatus, number> = {
  'derived-from-masked': 1,
  masked: 2,
  'derived-from-pii': 3,
  pii: 4,
};

/**
 * Builds the catalog entities of the given environments (in config order).
 */
export function buildEntities(
  environments: EnvironmentSnapshot[],
  options: BuildEntitiesOptions,
): Entity[] {
  const { links, logger } = options;
  const resolver = new TopicResolver(environments);
  const topics = new Map<string, TopicNode>();
  const statements = new Map<string, StatementNode>();
  const connectors = new Map<string, ConnectorNode>();
  const tables = new Map<string, TableNode>();
  const pendingOwner: Owner = { ref: '', source: 'default' };

  const topicNode = (
    env: EnvironmentSnapshot,
    clusterId: string,
    topic: string,
    listed: boolean,
  ): TopicNode => {
    const key = topicKey({
      environmentId: env.environmentId,
      clusterId,
      topic,
    });
    let node = topics.get(key);
    if (!node) {
      node = {
        key,
        env,
        clusterId,
        topic,
        listed,
        producers: [],
        readers: [],
        ref: '',
        owner: pendingOwner,
      };
      topics.set(key, node);
    }
    return node;
  };
  const envById = new Map(environments.map(e => [e.environmentId, e]));

  // 1. Nodes: listed topics, statements, connectors, external tables.
  for (const env of environments) {
    for (const cluster of env.clusters) {
      for (const topic of cluster.topics) {
        topicNode(env, cluster.id, topic, true);
      }
    }
  }
  for (const env of environments) {
    for (const statement of env.statements) {
      const key = `statement\u0000${env.environmentId}\u0000${statement.name}`;
      const context = {
        environmentId: env.environmentId,
        properties: statement.properties,
      };
      const toTopic = (ref: TableRef): string => {
        const address = resolver.resolve(ref, context);
        if (!address) {
          return `${UNRESOLVED}${formatTableRef(ref)}`;
        }
        return topicNode(
          envById.get(address.environmentId)!,
          address.clusterId,
          address.topic,
          false,
        ).key;
      };
      const lineage = statement.lineage;
      const writes = [...new Set((lineage?.sinks ?? []).map(toTopic))];
      const reads = [...new Set((lineage?.sources ?? []).map(toTopic))];
      const rewrite = (source: SourceColumn): SourceColumn => ({
        ...source,
        table: { table: toTopic(source.table) },
      });
      const columns = (lineage?.columns ?? []).map(column => ({
        ...column,
        sink: { table: toTopic(column.sink) },
        sources: column.sources.map(rewrite),
        ...(column.conditionalSources
          ? { conditionalSources: column.conditionalSources.map(rewrite) }
          : {}),
        ...(column.fields
          ? {
              fields: column.fields.map(f => ({
                ...f,
                sources: f.sources.map(rewrite),
              })),
            }
          : {}),
      }));
      const targets = [
        lineage?.alteration?.table,
        lineage?.kind === 'CREATE_TABLE' ? lineage.table?.name : undefined,
      ]
        .filter((t): t is TableRef => !!t)
        .map(toTopic)
        .filter(t => !t.startsWith(UNRESOLVED));
      const clusterId =
        [...writes, ...targets]
          .map(t => topics.get(t)?.clusterId)
          .find(Boolean) ?? resolver.resolve({ table: '' }, context)?.clusterId;
      statements.set(key, {
        key,
        env,
        statement,
        reads: reads.filter(t => !t.startsWith(UNRESOLVED)),
        writes: writes.filter(t => !t.startsWith(UNRESOLVED)),
        columns,
        targets,
        ...(clusterId ? { clusterId } : {}),
        ref: '',
        owner: pendingOwner,
      });
      for (const t of writes) topics.get(t)?.producers.push(key);
      for (const t of reads) topics.get(t)?.readers.push(key);
    }
  }
  for (const env of environments) {
    for (const cluster of env.clusters) {
      for (const connector of cluster.connectors) {
        const key = `connector\u0000${env.environmentId}\u0000${cluster.id}\u0000${connector.name}`;
        const node: ConnectorNode = {
          key,
          env,
          connector,
          ...(connector.flow ? { type: connector.flow.type } : {}),
          topics: [],
          tables: [],
          ref: '',
          owner: pendingOwner,
        };
        for (const link of connector.flow?.links ?? []) {
          const topic = topicNode(env, cluster.id, link.topic, false);
          if (!node.topics.includes(topic.key)) node.topics.push(topic.key);
          if (node.type === 'source') topic.producers.push(key);
          else topic.readers.push(key);
          if (link.table) {
            const tKey = tableNodeKey(link.table);
            let table = tables.get(tKey);
            if (!table) {
              table = {
                key: tKey,
                table: link.table,
                readBy: [],
                writtenBy: [],
                ref: '',
                owner: pendingOwner,
              };
              tables.set(tKey, table);
            }
            if (!node.tables.includes(tKey)) node.tables.push(tKey);
            if (node.type === 'source') table.readBy.push(key);
            else table.writtenBy.push({ connector: key, topic: topic.key });
          }
        }
        connectors.set(key, node);
      }
    }
  }

  // 2. Names, in a stable order: listed topics before pending ones.
  const names = new NameAllocator();
  // Refs are case-insensitive (and lowercased by stringifyEntityRef), names
  // keep their case: `snowflake.PRODUCTION.PUBLIC.PRODUCT_SALES`.
  const entityNames = new Map<string, string>();
  const ref = (kind: string, name: string) => {
    const entityRef = stringifyEntityRef({ kind, namespace: 'default', name });
    entityNames.set(entityRef, name);
    return entityRef;
  };
  const systemRefs = new Map<string, string>();
  for (const env of environments) {
    for (const cluster of env.clusters) {
      systemRefs.set(
        `${env.environmentId}/${cluster.id}`,
        ref(
          'system',
          names.allocate(
            'system',
            cluster.id,
            `${env.environmentId}/${cluster.id}`,
          ),
        ),
      );
    }
  }
  const orderedTopics = [...topics.values()].sort(
    (a, b) =>
      Number(b.listed) - Number(a.listed) ||
      environments.indexOf(a.env) - environments.indexOf(b.env) ||
      a.clusterId.localeCompare(b.clusterId) ||
      a.topic.localeCompare(b.topic),
  );
  for (const node of orderedTopics) {
    node.ref = ref('api', names.allocate('api', node.topic, node.key));
  }
  for (const node of statements.values()) {
    node.ref = ref(
      'component',
      names.allocate('component', node.statement.name, node.key),
    );
  }
  for (const node of connectors.values()) {
    node.ref = ref(
      'component',
      names.allocate('component', node.connector.name, node.key),
    );
  }
  for (const node of [...tables.values()].sort((a, b) =>
    a.key.localeCompare(b.key),
  )) {
    node.ref = ref(
      'resource',
      names.allocate(
        'resource',
        `${node.table.system}.${tableDisplayName(node.table)}`,
        node.key,
      ),
    );
  }
  const display = new Map<string, string>();
  for (const t of topics.values()) display.set(t.ref, t.topic);
  for (const s of statements.values()) display.set(s.ref, s.statement.name);
  for (const c of connectors.values()) display.set(c.ref, c.connector.name);
  for (const t of tables.values())
    display.set(t.ref, `${t.table.system} table ${tableDisplayName(t.table)}`);

  // 3. Owners.
  const mapped = (
    name: string,
    kind: 'API' | 'Component' | 'Resource' | 'System',
  ): Owner | undefined => {
    const rule = options.ownership.find(
      r => (!r.kinds || r.kinds.includes(kind)) && r.pattern.test(name),
    );
    return rule ? { ref: rule.owner, source: 'mapping' } : undefined;
  };
  const fallback: Owner = { ref: options.defaultOwner, source: 'default' };
  const ownerFrom = (value: string, what: string): string | undefined => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      logger.warn(
        `Ignoring the owner '${value}' of ${what}: not an entity ref`,
      );
      return undefined;
    }
  };
  const topicMetadataOwner = (node: TopicNode): string | undefined => {
    const value = node.env.ownership.get(`${node.clusterId}/${node.topic}`);
    return value ? ownerFrom(value, `topic ${node.topic}`) : undefined;
  };
  for (const node of statements.values()) {
    const label = node.statement.labels[LABEL_OWNER];
    const labelOwner = label
      ? ownerFrom(label, `statement ${node.statement.name}`)
      : undefined;
    const metadataOwner = node.writes
      .map(t => topicMetadataOwner(topics.get(t)!))
      .find(Boolean);
    node.owner =
      firstOwner(
        labelOwner && { ref: labelOwner, source: 'label' },
        metadataOwner && { ref: metadataOwner, source: 'metadata' },
        mapped(node.statement.name, 'Component'),
      ) ?? fallback;
  }
  for (const node of topics.values()) {
    const labelled = node.producers
      .map(p => statements.get(p))
      .find(s => s?.owner.source === 'label');
    const metadataOwner = topicMetadataOwner(node);
    // The ownership record wins over labels: the portal writes it only for
    // topics a run created, while anyone who can submit a statement can
    // label it. A statement labelled for another team (written outside the
    // portal, e.g. `INSERT INTO` or `CREATE TABLE IF NOT EXISTS` on this
    // topic) is shown as that team's, but the topic stays its owner's.
    if (labelled && metadataOwner && labelled.owner.ref !== metadataOwner) {
      logger.warn(
        `Topic ${node.topic} stays with ${metadataOwner} (its Stream Catalog ownership record): statement ${labelled.statement.name}'s owner label names ${labelled.owner.ref}`,
      );
    }
    node.owner =
      firstOwner(
        metadataOwner && { ref: metadataOwner, source: 'metadata' },
        labelled && { ref: labelled.owner.ref, source: 'label' },
        mapped(node.topic, 'API'),
        inheritFrom(node.producers.map(p => statements.get(p)?.owner)),
      ) ?? fallback;
  }
  for (const node of connectors.values()) {
    node.owner =
      inheritFrom(node.topics.map(t => topics.get(t)!.owner)) ??
      mapped(node.connector.name, 'Component') ??
      fallback;
  }
  for (const node of topics.values()) {
    if (node.owner.source === 'default') {
      node.owner =
        inheritFrom(node.producers.map(p => connectors.get(p)?.owner)) ??
        node.owner;
    }
  }
  for (const node of tables.values()) {
    node.owner =
      inheritFrom([
        ...node.readBy.map(c => connectors.get(c)!.owner),
        ...node.writtenBy.map(w => connectors.get(w.connector)!.owner),
      ]) ??
      mapped(display.get(node.ref)!.replace(/ table /, '.'), 'Resource') ??
      fallback;
  }

  // 4. PII: sources are every topic with tagged or masked fields.
  const masksByTopic = new Map<
    string,
    Array<{
      connector: ConnectorNode;
      alias: string;
      fields: string[];
      replacement?: string;
    }>
  >();
  for (const node of connectors.values()) {
    if (node.type !== 'source') continue;
    for (const mask of node.connector.flow?.masks ?? []) {
      for (const t of node.topics) {
        const list = masksByTopic.get(t) ?? [];
        list.push({ connector: node, ...mask });
        masksByTopic.set(t, list);
      }
    }
  }
  const piiTags = new Set(
    options.piiTags.map(t => t.toLocaleLowerCase('en-US')),
  );
  const isPiiTag = (tag: string) => piiTags.has(tag.toLocaleLowerCase('en-US'));
  const sources: PiiSourceTable[] = [];
  for (const node of topics.values()) {
    const schema = node.env.schemas.get(node.topic);
    const catalogTags = node.env.fieldTags.get(node.topic);
    const masks = masksByTopic.get(node.key) ?? [];
    const fields: PiiSourceTable['fields'] = [];
    const seen = new Set<string>();
    for (const field of schema?.fields ?? []) {
      const path = field.field
        ? `${field.column}.${field.field}`
        : field.column;
      seen.add(path);
      const mask = field.field
        ? undefined
        : masks.find(m => m.fields.includes(field.column));
      const tags = [
        ...field.tags.filter(isPiiTag).map(name => ({
          name,
          how: 'schema-tag' as const,
          detail: `Tagged ${name} in the value schema ${
            schema!.subject
          } (version ${schema!.version})`,
        })),
        ...(catalogTags?.get(path) ?? []).filter(isPiiTag).map(name => ({
          name,
          how: 'catalog-tag' as const,
          detail: `Tagged ${name} on the field in Stream Catalog (${
            schema!.subject
          })`,
        })),
      ];
      if (tags.length || mask) {
        fields.push({
          column: field.column,
          ...(field.field ? { field: field.field } : {}),
          tags,
          ...(mask
            ? {
                masked: {
                  by: mask.connector.ref,
                  transform: `${mask.alias}, MaskField$Value`,
                  ...(mask.replacement !== undefined
                    ? { replacement: mask.replacement }
                    : {}),
                },
              }
            : {}),
        });
      }
    }
    if (!schema) {
      // Without a schema the masked fields are still known to be masked.
      for (const mask of masks) {
        for (const column of mask.fields) {
          if (seen.has(column)) continue;
          fields.push({
            column,
            masked: {
              by: mask.connector.ref,
              transform: `${mask.alias}, MaskField$Value`,
              ...(mask.replacement !== undefined
                ? { replacement: mask.replacement }
                : {}),
            },
          });
        }
      }
    }
    if (fields.length) sources.push({ table: node.ref, fields });
  }
  const topicRef = (key: string) => topics.get(key)?.ref ?? key;
  const piiStatements: PiiStatement[] = [...statements.values()].map(node => ({
    name: node.ref,
    lineage: {
      columns: node.columns.map(c => ({
        ...c,
        sink: { table: topicRef(c.sink.table) },
        sources: c.sources.map(s => ({
          ...s,
          table: { table: topicRef(s.table.table) },
        })),
        ...(c.conditionalSources
          ? {
              conditionalSources: c.conditionalSources.map(s => ({
                ...s,
                table: { table: topicRef(s.table.table) },
              })),
            }
          : {}),
        ...(c.fields
          ? {
              fields: c.fields.map(f => ({
                ...f,
                sources: f.sources.map(s => ({
                  ...s,
                  table: { table: topicRef(s.table.table) },
                })),
              })),
            }
          : {}),
      })),
    },
  }));
  const piiSinks: PiiSink[] = [];
  for (const table of tables.values()) {
    for (const { connector, topic } of table.writtenBy) {
      const node = connectors.get(connector)!;
      piiSinks.push({
        name: node.ref,
        reads: topicRef(topic),
        target: table.ref,
        masks: (node.connector.flow?.masks ?? []).flatMap(m =>
          m.fields.map(column => ({
            column,
            transform: `${m.alias}, MaskField$Value`,
            ...(m.replacement !== undefined
              ? { replacement: m.replacement }
              : {}),
          })),
        ),
      });
    }
  }
  const trace = tracePii({
    sources,
    statements: piiStatements,
    sinks: piiSinks,
    piiTags: options.piiTags,
    displayName: id => display.get(id) ?? id,
  });
  const piiByTable = new Map(trace.tables.map(t => [t.table, t.columns]));
  const piiBySinkTable = new Map<string, PiiColumnFinding[]>();
  for (const sink of trace.sinks) {
    const list = piiBySinkTable.get(sink.target) ?? [];
    for (const field of sink.fields) {
      const { masked: _masked, ...finding } = field;
      const same = list.findIndex(
        f => f.column === finding.column && f.field === finding.field,
      );
      if (same < 0) list.push(finding);
      else if (SEVERITY[finding.status] > SEVERITY[list[same].status]) {
        list[same] = finding;
      }
    }
    piiBySinkTable.set(sink.target, list);
  }

  // 5. Entities.
  const entities: Entity[] = [];
  const base = (
    kind: string,
    entityRef: string,
    env: EnvironmentSnapshot,
    owner: Owner,
    location: string,
    annotations: Record<string, string | undefined>,
  ) => {
    const name = entityNames.get(entityRef)!;
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(annotations)) {
      if (v) clean[k] = v;
    }
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        annotations: {
          [ANNOTATION_LOCATION]: `url:${location}`,
          [ANNOTATION_ORIGIN_LOCATION]: `url:${location}`,
          [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: env.environmentId,
          [ANNOTATION_CONFLUENT_OWNER_SOURCE]: owner.source,
          ...clean,
        },
      },
    };
  };

  for (const env of environments) {
    for (const cluster of env.clusters) {
      const url = links.kafkaCluster(env.environmentId, cluster.id);
      const owner = mapped(cluster.id, 'System') ?? fallback;
      const entity = base(
        'System',
        systemRefs.get(`${env.environmentId}/${cluster.id}`)!,
        env,
        owner,
        url,
        { [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: cluster.id },
      );
      entities.push({
        ...entity,
        metadata: {
          ...entity.metadata,
          title: `${env.displayName ?? env.environmentId} / ${cluster.id}`,
          description: `Kafka cluster ${cluster.id} of Confluent environment ${
            env.displayName
              ? `${env.displayName} (${env.environmentId})`
              : env.environmentId
          }: its topics, Flink statements and connectors.`,
          links: [
            { url, title: 'Kafka cluster in Confluent Cloud', icon: 'cloud' },
          ],
        },
        spec: { owner: owner.ref },
      });
    }
  }

  const piiFindings = (
    findings: PiiColumnFinding[] | undefined,
  ): DataProductPiiFinding[] =>
    (findings ?? []).map(f => ({
      column: f.column,
      ...(f.field ? { field: f.field } : {}),
      status: f.status,
      ...(f.replacement !== undefined ? { replacement: f.replacement } : {}),
      origins: f.origins.map(o => ({
        entityRef: o.table,
        column: o.column,
        ...(o.field ? { field: o.field } : {}),
      })),
      chain: f.chain.map(chainStep),
    }));
  const piiTagsOf = (findings: DataProductPiiFinding[]): string[] => {
    if (
      findings.some(f => f.status === 'pii' || f.status === 'derived-from-pii')
    ) {
      return ['pii'];
    }
    return findings.length ? ['masked-pii'] : [];
  };
  const columnSource = (s: SourceColumn): DataProductColumnSource => ({
    entityRef: topicRef(s.table.table),
    column: s.column,
    ...(s.field ? { field: s.field } : {}),
  });

  for (const node of topics.values()) {
    const { env, clusterId, topic } = node;
    const schema = env.schemas.get(topic);
    const producerStatements = node.producers
      .map(p => statements.get(p))
      .filter((s): s is StatementNode => !!s);
    const producerConnectors = node.producers
      .map(p => connectors.get(p))
      .filter((c): c is ConnectorNode => !!c);
    const materialized = env.materializedTables.get(`${clusterId}/${topic}`);
    const mtFields = materialized
      ? materializedTableFields(materialized)
      : undefined;
    const isProduct = node.producers.length > 0 || !!materialized;
    const url = links.topic(env.environmentId, clusterId, topic);
    const subject = schema?.subject ?? `${topic}-value`;
    const entity = base('API', node.ref, env, node.owner, url, {
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
    });
    const columns: DataProductColumnLineage[] = [];
    for (const s of producerStatements) {
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
    for (const c of producerConnectors) {
      const table = c.tables
        .map(t => tables.get(t)!)
        .find(t =>
          c.connector.flow?.links.some(
            l =>
              l.topic === topic && l.table && tableNodeKey(l.table) === t.key,
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
                  mask.replacement !== undefined
                    ? ` → '${mask.replacement}'`
                    : ''
                }`,
                transforms: ['MaskField$Value'],
              }
            : {}),
          via: c.ref,
        });
      }
    }
    const pii = piiFindings(piiByTable.get(node.ref));
    const lineage: DataProductLineage = {
      producedBy: node.producers
        .map(p => statements.get(p)?.ref ?? connectors.get(p)?.ref)
        .filter((r): r is string => !!r),
      columns,
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
    entities.push({
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
        lifecycle: options.lifecycle,
        owner: node.owner.ref,
        system: systemRefs.get(`${env.environmentId}/${clusterId}`),
        definition,
        [SPEC_FEEDS]: unique(
          node.readers.map(
            r => statements.get(r)?.ref ?? connectors.get(r)?.ref,
          ),
        ),
        [SPEC_LINEAGE]: toJson(lineage),
        ...mtFields?.spec,
      },
    });
  }

  for (const node of statements.values()) {
    const { env, statement } = node;
    const url = links.statement(env.environmentId, statement.name);
    const entity = base('Component', node.ref, env, node.owner, url, {
      [ANNOTATION_CONFLUENT_STATEMENT]: statement.name,
      [ANNOTATION_CONFLUENT_COMPUTE_POOL_ID]: statement.computePoolId,
      [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: node.clusterId,
      ...statementDriftAnnotations(env, statement),
    });
    const kind = statement.lineage?.kind ?? statement.sqlKind ?? 'statement';
    const writes = node.writes.map(t => topics.get(t)!.topic);
    const target = node.targets.map(t => topics.get(t)!.topic);
    entities.push({
      ...entity,
      metadata: {
        ...entity.metadata,
        ...(entity.metadata.name !== statement.name
          ? { title: statement.name }
          : {}),
        description: statementDescription(
          kind,
          statement.error,
          writes,
          target,
        ),
        links: [
          { url, title: 'Statement in Confluent Cloud', icon: 'cloud' },
          ...(statement.computePoolId
            ? [
                {
                  url: links.computePool(
                    env.environmentId,
                    statement.computePoolId,
                  ),
                  title: `Compute pool ${statement.computePoolId}`,
                  icon: 'dashboard',
                },
              ]
            : []),
        ],
      },
      spec: {
        type: ENTITY_TYPE_FLINK_STATEMENT,
        lifecycle: options.lifecycle,
        owner: node.owner.ref,
        ...(node.clusterId
          ? { system: systemRefs.get(`${env.environmentId}/${node.clusterId}`) }
          : {}),
        providesApis: node.writes.map(topicRef),
        consumesApis: node.reads.map(topicRef),
        [SPEC_FEEDS]: node.writes.map(topicRef),
      },
    });
  }

  for (const node of connectors.values()) {
    const { env, connector } = node;
    const url = links.connector(
      env.environmentId,
      connector.clusterId,
      connector.name,
    );
    const entity = base('Component', node.ref, env, node.owner, url, {
      [ANNOTATION_CONFLUENT_CONNECTOR]: connector.name,
      [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: connector.clusterId,
      ...connectorDriftAnnotations(env, connector),
    });
    const topicNames = node.topics.map(t => topics.get(t)!.topic);
    const tableNames = node.tables.map(t =>
      tableDisplayName(tables.get(t)!.table),
    );
    const plugin =
      connector.flow?.plugin ??
      connector.config['connector.class'] ??
      'connector';
    entities.push({
      ...entity,
      metadata: {
        ...entity.metadata,
        ...(entity.metadata.name !== connector.name
          ? { title: connector.name }
          : {}),
        description: connectorDescription(
          plugin,
          node.type,
          topicNames,
          tableNames,
        ),
        links: [{ url, title: 'Connector in Confluent Cloud', icon: 'cloud' }],
      },
      spec: {
        type: ENTITY_TYPE_CONNECTOR,
        lifecycle: options.lifecycle,
        owner: node.owner.ref,
        system: systemRefs.get(`${env.environmentId}/${connector.clusterId}`),
        ...(node.type === 'source'
          ? { providesApis: node.topics.map(topicRef) }
          : { consumesApis: node.topics.map(topicRef) }),
        dependsOn: node.tables.map(t => tables.get(t)!.ref),
        [SPEC_FEEDS]:
          node.type === 'source'
            ? node.topics.map(topicRef)
            : node.tables.map(t => tables.get(t)!.ref),
      },
    });
  }

  for (const node of tables.values()) {
    const first = connectors.get(
      node.readBy[0] ?? node.writtenBy[0]?.connector,
    )!;
    const env = first.env;
    const connectorNames = unique([
      ...node.readBy.map(c => connectors.get(c)!.connector.name),
      ...node.writtenBy.map(w => connectors.get(w.connector)!.connector.name),
    ]);
    const url = links.connector(
      env.environmentId,
      first.connector.clusterId,
      first.connector.name,
    );
    const entity = base('Resource', node.ref, env, node.owner, url, {
      [ANNOTATION_CONFLUENT_DATABASE_SYSTEM]: node.table.system,
      [ANNOTATION_CONFLUENT_CONNECTOR]: connectorNames.join(','),
      [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: first.connector.clusterId,
    });
    let lineage: DataProductLineage;
    if (node.writtenBy.length) {
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
      lineage = {
        producedBy: unique(
          node.writtenBy.map(w => connectors.get(w.connector)!.ref),
        ),
        columns,
        pii: piiFindings(piiBySinkTable.get(node.ref)),
      };
    } else {
      // A CDC source table holds the raw values: every PII-tagged field of
      // the topics read from it is personal data here, masked or not later.
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
          const source = sources.find(s => s.table === t?.ref);
          for (const field of source?.fields ?? []) {
            const tags = (field.tags ?? []).filter(
              (tag): tag is Exclude<typeof tag, string> =>
                typeof tag !== 'string',
            );
            if (
              !tags.length ||
              pii.some(
                p => p.column === field.column && p.field === field.field,
              )
            )
              continue;
            pii.push({
              column: field.column,
              ...(field.field ? { field: field.field } : {}),
              status: 'pii',
              origins: [
                {
                  entityRef: node.ref,
                  column: field.column,
                  ...(field.field ? { field: field.field } : {}),
                },
              ],
              chain: tags.map(tag => ({
                entityRef: node.ref,
                column: field.column,
                ...(field.field ? { field: field.field } : {}),
                how: tag.how,
                detail: `${tag.detail ?? `Tagged ${tag.name}`}, which ${
                  c.connector.name
                } captures from this table`,
              })),
            });
          }
        }
      }
      lineage = { producedBy: [], columns: [], pii };
    }
    entities.push({
      ...entity,
      metadata: {
        ...entity.metadata,
        title: `${tableDisplayName(node.table)} (${node.table.system})`,
        description: node.writtenBy.length
          ? `${node.table.system} table written by ${unique(
              node.writtenBy.map(
                w => connectors.get(w.connector)!.connector.name,
              ),
            ).join(', ')}.`
          : `${node.table.system} table captured by ${unique(
              node.readBy.map(c => connectors.get(c)!.connector.name),
            ).join(', ')}.`,
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
        system: systemRefs.get(
          `${env.environmentId}/${first.connector.clusterId}`,
        ),
        [SPEC_FEEDS]: unique(node.readBy.map(c => connectors.get(c)!.ref)),
        [SPEC_EXTERNAL_TABLE]: toJson(node.table),
        [SPEC_LINEAGE]: toJson(lineage),
      },
    });
  }
  return entities;
}

/** The spec blocks are plain data; the catalog stores them as JSON. */
function toJson(value: object): JsonObject {
  return value as unknown as JsonObject;
}

function firstOwner(
  ...candidates: Array<Owner | undefined | '' | false>
): Owner | undefined {
  return candidates.find((c): c is Owner => !!c);
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

function statementDescription(
  kind: string,
  error: string | undefined,
  writes: string[],
  targets: string[],
): string {
  if (error) {
    return `Flink SQL statement; its SQL could not be analysed: ${error}`;
  }
  if (writes.length) {
    return `Flink SQL ${kind} writing ${writes.join(', ')}.`;
  }
  if (targets.length) {
    return `Flink SQL ${kind} on ${targets.join(', ')}.`;
  }
  return `Flink SQL ${kind}.`;
}

function connectorDescription(
  plugin: string,
  type: 'source' | 'sink' | undefined,
  topicNames: string[],
  tableNames: string[],
): string {
  const tables = tableNames.join(', ');
  const topics = topicNames.join(', ');
  if (type === 'source') {
    return `${plugin} source${tables ? ` reading ${tables}` : ''}${
      topics ? ` into ${topics}` : ''
    }.`;
  }
  if (type === 'sink') {
    return `${plugin} sink of ${topics || 'no topic'}${
      tables ? ` into ${tables}` : ''
    }.`;
  }
  return `${plugin} connector.`;
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

/** The most common owner of a set that is not itself a default. */
function inheritFrom(owners: Array<Owner | undefined>): Owner | undefined {
  const counts = new Map<string, number>();
  for (const owner of owners) {
    if (owner && owner.source !== 'default' && owner.ref) {
      counts.set(owner.ref, (counts.get(owner.ref) ?? 0) + 1);
    }
  }
  if (counts.size === 0) {
    return undefined;
  }
  const [ref] = [...counts].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0];
  return { ref, source: 'inherited' };
}

function chainStep(step: PiiChainStep): DataProductPiiChainStep {
  return {
    entityRef: step.table,
    column: step.column,
    ...(step.field ? { field: step.field } : {}),
    how: step.how,
    ...(step.via ? { via: step.via } : {}),
    ...(step.direct !== undefined ? { direct: step.direct } : {}),
    ...(step.expression ? { expression: step.expression } : {}),
    ...(step.replacement !== undefined
      ? { replacement: step.replacement }
      : {}),
    detail: step.detail,
  };
}

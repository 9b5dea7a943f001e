/*
 * Reads one environment from Confluent through the suite's client, with the
 * caches that keep warm refreshes cheap:
 *
 * - statements are immutable, so each is parsed once (by `metadata.uid`);
 * - a value schema is fetched only when its subject has a new version;
 * - Stream Catalog field tags are read once per schema id (a new schema
 *   version, an `updated` event naming the topic, or a restart reads them
 *   again).
 *
 * Listing topics, connectors, statements or subjects failing means the
 * environment cannot be read at all: the error propagates and the provider
 * leaves the catalog as it was. A failure for one resource (a schema, an
 * ownership record, a statement's SQL) is logged and that resource skipped.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import {
  BUSINESS_METADATA_OWNERSHIP,
  extractFlinkLineage,
  FlinkLineage,
  LABEL_OWNER,
  tableRefEquals,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  schemaFieldQualifiedName,
  Statement,
} from '@shiftleft/plugin-confluent-node';
import { connectorFlow } from '../lib/connectors';
import { readSchema, ReadSchema } from '../lib/schemas';
import {
  ClusterSnapshot,
  ConnectorSnapshot,
  EnvironmentSnapshot,
  StatementSnapshot,
  TopicResolver,
} from '../lib/snapshot';

/**
 * Statement kinds that belong in the catalog: those that move data into a
 * table or define one. Ad-hoc queries (`SELECT`, `SHOW`, `DESCRIBE`, …) are
 * workspace traffic, not pipeline parts.
 */
const CATALOGUED_KINDS = new Set([
  'CREATE_TABLE_AS',
  'CREATE_TABLE',
  'INSERT_INTO',
  'STATEMENT_SET',
  'ALTER_TABLE',
]);

/** Statement phases that mean the statement is on its way out. */
const GONE_PHASES = new Set(['DELETING']);

/** Counters of one read, for logs and the benchmark. */
export interface ReadStats {
  statementsParsed: number;
  statementsCached: number;
  statementsBroken: number;
  schemasFetched: number;
  schemasCached: number;
  schemasBroken: number;
  ownershipLookups: number;
  fieldTagLookups: number;
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

interface ParsedStatement {
  sql: string;
  lineage?: FlinkLineage;
  error?: string;
  /** Whether `*` has been expanded (or there was none). */
  expanded: boolean;
}

function hasStar(lineage: FlinkLineage): boolean {
  return lineage.columns.some(
    c => c.column === '*' || c.sources.some(source => source.column === '*'),
  );
}

/** Options of {@link ConfluentReader}. */
export interface ConfluentReaderOptions {
  client: ConfluentClient;
  logger: LoggerService;
  concurrency: number;
  includeInternalTopics: boolean;
  streamCatalogFieldTags: boolean;
}

/** Reads environments, keeping caches between reads. */
export class ConfluentReader {
  readonly #client: ConfluentClient;
  readonly #logger: LoggerService;
  readonly #concurrency: number;
  readonly #includeInternalTopics: boolean;
  readonly #fieldTagsEnabled: boolean;
  readonly #statements = new Map<string, ParsedStatement>();
  readonly #schemas = new Map<string, ReadSchema>();
  readonly #fieldTags = new Map<string, Map<string, string[]>>();

  constructor(options: ConfluentReaderOptions) {
    this.#client = options.client;
    this.#logger = options.logger;
    this.#concurrency = options.concurrency;
    this.#includeInternalTopics = options.includeInternalTopics;
    this.#fieldTagsEnabled = options.streamCatalogFieldTags;
  }

  /** Forgets the cached Stream Catalog field tags of a topic's schemas. */
  invalidateTopic(environmentId: string, topic: string) {
    const prefix = `${environmentId}|${topic}-value@`;
    for (const key of [...this.#fieldTags.keys()]) {
      if (key.startsWith(prefix)) {
        this.#fieldTags.delete(key);
      }
    }
  }

  /**
   * Reads one environment. `known` are the snapshots of the other
   * environments, so statements reading across environments resolve.
   */
  async read(
    environmentId: string,
    known: EnvironmentSnapshot[],
    stats: ReadStats,
  ): Promise<EnvironmentSnapshot> {
    const client = this.#client;
    const info = client.environment(environmentId);
    const schemaRegistry = info.schemaRegistry
      ? client.schemaRegistry(environmentId)
      : undefined;

    const [displayName, statements, clusters, subjects] = await Promise.all([
      client.org
        .getEnvironment(environmentId)
        .then(e => e.display_name as string | undefined)
        .catch(error => {
          // Only used to resolve `sql.current-catalog` by display name.
          this.#logger.debug(
            `Could not read the display name of ${environmentId}: ${stringifyError(
              error,
            )}`,
          );
          return undefined;
        }),
      info.flink
        ? client.flink(environmentId).listStatements()
        : Promise.resolve([] as Statement[]),
      Promise.all(
        info.kafkaClusters.map(async ({ id }): Promise<ClusterSnapshot> => {
          const [topics, connectors] = await Promise.all([
            client.kafka(environmentId, id).listTopics({
              includeInternal: this.#includeInternalTopics,
            }),
            client.connect(environmentId, id).listConnectors(),
          ]);
          const names = topics
            .filter(
              t =>
                this.#includeInternalTopics ||
                (!t.is_internal && !t.topic_name.startsWith('_')),
            )
            .map(t => t.topic_name)
            .sort();
          return {
            id,
            topics: names,
            connectors: connectors
              .map((c): ConnectorSnapshot => {
                const config = c.info?.config ?? {};
                const flow = connectorFlow(
                  config,
                  c.status?.type ?? c.info?.type,
                  names,
                );
                return {
                  name: c.name,
                  ...(c.id?.id ? { id: c.id.id } : {}),
                  clusterId: id,
                  config,
                  ...(flow ? { flow } : {}),
                };
              })
              .sort((a, b) => a.name.localeCompare(b.name)),
          };
        }),
      ),
      schemaRegistry
        ? schemaRegistry.listSubjects()
        : Promise.resolve([] as string[]),
    ]);

    const snapshot: EnvironmentSnapshot = {
      environmentId,
      ...(displayName ? { displayName } : {}),
      ...(info.schemaRegistry
        ? { schemaRegistryId: info.schemaRegistry.id }
        : {}),
      clusters,
      statements: [],
      schemas: new Map(),
      schemaErrors: new Map(),
      ownership: new Map(),
      fieldTags: new Map(),
    };

    // Value schemas of every topic that has one (TopicNameStrategy).
    const subjectSet = new Set(subjects);
    const topicNames = [...new Set(clusters.flatMap(c => c.topics))].filter(t =>
      subjectSet.has(`${t}-value`),
    );
    if (schemaRegistry) {
      const live = new Set(topicNames.map(t => `${environmentId}|${t}-value@`));
      for (const key of [...this.#schemas.keys()]) {
        const prefix = key.slice(0, key.lastIndexOf('@') + 1);
        if (key.startsWith(`${environmentId}|`) && !live.has(prefix)) {
          this.#schemas.delete(key);
          this.#fieldTags.delete(key);
        }
      }
      await mapLimit(topicNames, this.#concurrency, async topic => {
        const subject = `${topic}-value`;
        try {
          const versions = await schemaRegistry.listVersions(subject);
          const version = Math.max(...versions);
          const key = `${environmentId}|${subject}@${version}`;
          let schema = this.#schemas.get(key);
          if (schema) {
            stats.schemasCached++;
          } else {
            schema = readSchema(
              await schemaRegistry.getSchema(subject, version),
            );
            this.#schemas.set(key, schema);
            this.#forgetOlder(environmentId, subject, version);
            stats.schemasFetched++;
          }
          snapshot.schemas.set(topic, schema);
        } catch (error) {
          stats.schemasBroken++;
          const reason = stringifyError(error);
          snapshot.schemaErrors.set(topic, reason);
          this.#logger.warn(
            `Skipping the value schema of topic ${topic} in ${environmentId}: ${reason}`,
          );
        }
      });
    }

    const resolver = new TopicResolver([
      ...known.filter(e => e.environmentId !== environmentId),
      snapshot,
    ]);
    const seen = new Set<string>();
    const prepared = statements
      .filter(s => !GONE_PHASES.has(s.status?.phase))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(s => this.#statement(s, environmentId, stats, seen))
      .filter(<T>(s: T | undefined): s is T => !!s);
    this.#expandStars(prepared, snapshot, resolver);
    snapshot.statements = prepared.map(p => p.snapshot);
    // Deleted statements leave the cache with their environment's next read.
    for (const key of [...this.#statements.keys()]) {
      if (key.startsWith(`${environmentId}|`) && !seen.has(key)) {
        this.#statements.delete(key);
      }
    }

    // Ownership records, for topics no labelled statement produces.
    const labelled = new Set<string>();
    const produced = new Set<string>();
    for (const statement of snapshot.statements) {
      for (const sink of statement.lineage?.sinks ?? []) {
        const address = resolver.resolve(sink, {
          environmentId,
          properties: statement.properties,
        });
        if (address && address.environmentId === environmentId) {
          const key = `${address.clusterId}/${address.topic}`;
          produced.add(key);
          if (statement.labels[LABEL_OWNER]) {
            labelled.add(key);
          }
        }
      }
    }
    if (info.schemaRegistry) {
      const catalog = client.catalog(environmentId);
      const lookups = clusters.flatMap(c =>
        c.topics
          .filter(t => !labelled.has(`${c.id}/${t}`))
          .map(topic => ({ clusterId: c.id, topic })),
      );
      await mapLimit(
        lookups,
        this.#concurrency,
        async ({ clusterId, topic }) => {
          stats.ownershipLookups++;
          try {
            const records = await catalog.getBusinessMetadata(
              'kafka_topic',
              catalog.topicQualifiedName(clusterId, topic),
            );
            const owner = records.find(
              r => r.typeName === BUSINESS_METADATA_OWNERSHIP,
            )?.attributes?.owner;
            if (typeof owner === 'string' && owner.trim()) {
              snapshot.ownership.set(`${clusterId}/${topic}`, owner.trim());
            }
          } catch (error) {
            if (!(error instanceof NotFoundError)) {
              this.#logger.warn(
                `Could not read the ownership record of topic ${topic} in ${clusterId}: ${stringifyError(
                  error,
                )}`,
              );
            }
          }
        },
      );

      // Stream Catalog field tags, where PII originates: topics no statement
      // produces (CDC and application topics). Statement outputs inherit PII
      // through the column lineage instead.
      if (this.#fieldTagsEnabled) {
        const origins = clusters.flatMap(c =>
          c.topics.filter(t => !produced.has(`${c.id}/${t}`)),
        );
        await mapLimit(
          [...new Set(origins)],
          this.#concurrency,
          async topic => {
            const schema = snapshot.schemas.get(topic);
            if (!schema) {
              return;
            }
            const tags = await this.#readFieldTags(
              environmentId,
              info.schemaRegistry!.id,
              schema,
              stats,
            );
            if (tags.size > 0) {
              snapshot.fieldTags.set(topic, tags);
            }
          },
        );
      }
    }
    return snapshot;
  }

  #forgetOlder(environmentId: string, subject: string, version: number) {
    const prefix = `${environmentId}|${subject}@`;
    for (const key of [...this.#schemas.keys()]) {
      if (key.startsWith(prefix) && key !== `${prefix}${version}`) {
        this.#schemas.delete(key);
        this.#fieldTags.delete(key);
      }
    }
  }

  async #readFieldTags(
    environmentId: string,
    schemaRegistryId: string,
    schema: ReadSchema,
    stats: ReadStats,
  ): Promise<Map<string, string[]>> {
    const key = `${environmentId}|${schema.subject}@${schema.version}`;
    const cached = this.#fieldTags.get(key);
    if (cached) {
      return cached;
    }
    const catalog = this.#client.catalog(environmentId);
    const tags = new Map<string, string[]>();
    let complete = true;
    for (const field of schema.fields) {
      if (!field.record) {
        continue;
      }
      stats.fieldTagLookups++;
      try {
        const found = await catalog.getTags(
          'sr_field',
          schemaFieldQualifiedName(
            schemaRegistryId,
            schema.id,
            field.record.fullName,
            field.record.field,
          ),
        );
        const names = found.map(t => t.typeName).filter(Boolean);
        if (names.length) {
          tags.set(
            field.field ? `${field.column}.${field.field}` : field.column,
            names,
          );
        }
      } catch (error) {
        if (!(error instanceof NotFoundError)) {
          complete = false;
          this.#logger.warn(
            `Could not read the Stream Catalog tags of ${
              schema.subject
            } field ${field.column}: ${stringifyError(error)}`,
          );
        }
      }
    }
    // A partial answer is used now but asked again next time.
    if (complete) {
      this.#fieldTags.set(key, tags);
    }
    return tags;
  }

  #statement(
    statement: Statement,
    environmentId: string,
    stats: ReadStats,
    seen: Set<string>,
  ): { snapshot: StatementSnapshot; cacheKey: string } | undefined {
    const sqlKind = statement.status?.traits?.sql_kind;
    if (sqlKind && !CATALOGUED_KINDS.has(sqlKind)) {
      return undefined;
    }
    const sql = statement.spec.statement;
    const properties = statement.spec.properties ?? {};
    const uid = statement.metadata.uid ?? `${statement.name}:${sql}`;
    const cacheKey = `${environmentId}|${uid}`;
    seen.add(cacheKey);
    let parsed = this.#statements.get(cacheKey);
    if (parsed && parsed.sql === sql) {
      stats.statementsCached++;
    } else {
      stats.statementsParsed++;
      // Parsed without table columns first: column references are then
      // taken as written, never rejected for a column the library cannot
      // see (a key column a value schema leaves out).
      try {
        const lineage = extractFlinkLineage(sql);
        parsed = { sql, lineage, expanded: !hasStar(lineage) };
      } catch (error) {
        parsed = { sql, error: stringifyError(error), expanded: true };
      }
      this.#statements.set(cacheKey, parsed);
    }
    if (parsed.error) {
      stats.statementsBroken++;
      this.#logger.warn(
        `Skipping the lineage of statement ${statement.name} in ${environmentId}: ${parsed.error}`,
      );
    } else if (!sqlKind && !CATALOGUED_KINDS.has(parsed.lineage!.kind)) {
      return undefined;
    }
    const outputColumns = statement.status?.traits?.schema?.columns?.map(
      c => c.name,
    );
    return {
      cacheKey,
      snapshot: {
        name: statement.name,
        uid,
        labels: statement.metadata.labels ?? {},
        properties,
        ...(statement.spec.compute_pool_id
          ? { computePoolId: statement.spec.compute_pool_id }
          : {}),
        ...(sqlKind ? { sqlKind } : {}),
        ...(parsed.lineage ? { lineage: parsed.lineage } : {}),
        ...(parsed.error ? { error: parsed.error } : {}),
        ...(outputColumns?.length ? { outputColumns } : {}),
      },
    };
  }

  /**
   * Expands `SELECT *` of statements parsed with stars, once the columns of
   * every table are known: a statement's output columns (from Confluent's
   * traits or its lineage, key columns included), else the value schema.
   */
  #expandStars(
    prepared: Array<{ snapshot: StatementSnapshot; cacheKey: string }>,
    snapshot: EnvironmentSnapshot,
    resolver: TopicResolver,
  ) {
    const context = (s: StatementSnapshot) => ({
      environmentId: snapshot.environmentId,
      properties: s.properties,
    });
    const columnsOf = new Map<string, string[]>();
    for (const { snapshot: s } of prepared) {
      const sinks = s.lineage?.sinks ?? [];
      for (const sink of sinks) {
        const address = resolver.resolve(sink, context(s));
        if (!address) continue;
        const columns =
          sinks.length === 1 && s.outputColumns
            ? s.outputColumns
            : s
                .lineage!.columns.filter(
                  c => tableRefEquals(c.sink, sink) && c.column !== '*',
                )
                .map(c => c.column);
        if (columns.length) {
          columnsOf.set(
            `${address.environmentId}/${address.clusterId}/${address.topic}`,
            columns,
          );
        }
      }
    }
    for (const item of prepared) {
      const parsed = this.#statements.get(item.cacheKey);
      if (!parsed?.lineage || parsed.expanded) continue;
      const s = item.snapshot;
      try {
        parsed.lineage = extractFlinkLineage(parsed.sql, {
          resolveTableColumns: ref => {
            const address = resolver.resolve(ref, context(s));
            if (!address) return undefined;
            const known =
              columnsOf.get(
                `${address.environmentId}/${address.clusterId}/${address.topic}`,
              ) ??
              (address.environmentId === snapshot.environmentId
                ? snapshot.schemas.get(address.topic)?.columns
                : undefined);
            return known?.length ? known : undefined;
          },
        });
        s.lineage = parsed.lineage;
      } catch (error) {
        this.#logger.debug(
          `Keeping the unexpanded lineage of statement ${
            s.name
          }: ${stringifyError(error)}`,
        );
      }
      parsed.expanded = true;
    }
  }
}

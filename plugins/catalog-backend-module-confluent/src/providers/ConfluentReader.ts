/*
 * Reads one environment from Confluent through the suite's client, with the
 * caches that keep warm refreshes cheap:
 *
 * - statements are immutable, so each is parsed once (by `metadata.uid`);
 * - every subject's latest schema comes from one paged `GET /schemas`
 *   listing (a request per 1000 subjects); a value schema is parsed only
 *   when its subject has a new version;
 * - Stream Catalog field tags come from one search per PII tag (every
 *   `sr_field` carrying it, 500 per request), so they are current on every
 *   refresh without a request per field;
 * - `backstage_ownership` business metadata, which Stream Catalog only
 *   serves per entity, is read for a topic when it is first seen and when an
 *   event names it; each full refresh also re-checks a 1/N share of the
 *   known topics (N = `ownershipRecheckEvery`), so an owner changed outside
 *   the suite shows within N full refreshes.
 *
 * Listing topics, connectors, statements or schemas failing means the
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
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
  Schema,
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
  /** Topics whose ownership record came from the cache. */
  ownershipCached: number;
  /**
   * Stream Catalog calls for field tags: the tag definitions, then one
   * (paged) search per PII tag.
   */
  fieldTagLookups: number;
}

/** The last ownership record read for a topic. */
interface OwnershipEntry {
  owner?: string;
  /** Set by an event naming the topic: read it again on the next read. */
  stale?: boolean;
}

/** FNV-1a: spreads topics over the re-check buckets, stable across restarts. */
function bucketOf(key: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
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
  /** Tags that mark personal data (case-insensitive): the field tags searched. */
  piiTags: string[];
  /**
   * Full refreshes over which every known topic's ownership record is read
   * again (a tenth of them per refresh for 10); 0 reads a topic's record only
   * when the topic is new or an event names it.
   */
  ownershipRecheckEvery: number;
}

/** Options of one {@link ConfluentReader.read}. */
export interface ReadOptions {
  /**
   * The number of this full refresh (0 for the first): which share of the
   * known topics has its ownership record re-checked. Absent for the reads
   * that follow events, which read only new and invalidated topics.
   */
  fullRefresh?: number;
}

/** Reads environments, keeping caches between reads. */
export class ConfluentReader {
  readonly #client: ConfluentClient;
  readonly #logger: LoggerService;
  readonly #concurrency: number;
  readonly #includeInternalTopics: boolean;
  readonly #fieldTagsEnabled: boolean;
  readonly #piiTags: Set<string>;
  readonly #ownershipRecheckEvery: number;
  readonly #statements = new Map<string, ParsedStatement>();
  /** Parsed value schemas by `<env>|<subject>@<version>`. */
  readonly #schemas = new Map<string, ReadSchema>();
  /** Why a schema version could not be parsed (versions never change). */
  readonly #brokenSchemas = new Map<string, string>();
  /**
   * The last tagged fields found per environment (qualified name → tags),
   * used when a search fails so that PII does not come and go.
   */
  readonly #taggedFields = new Map<string, Map<string, string[]>>();
  /** Ownership records by `<env>|<clusterId>/<topic>`. */
  readonly #ownership = new Map<string, OwnershipEntry>();
  /**
   * Counts invalidations; `#invalidatedAt` holds the count at each topic's
   * last one (`<env>|<topic>`). A Stream Catalog read that started before a
   * topic's invalidation may hold what the event's writer replaced, so its
   * answer is used but not cached as fresh.
   */
  #invalidations = 0;
  readonly #invalidatedAt = new Map<string, number>();

  constructor(options: ConfluentReaderOptions) {
    this.#client = options.client;
    this.#logger = options.logger;
    this.#concurrency = options.concurrency;
    this.#includeInternalTopics = options.includeInternalTopics;
    this.#fieldTagsEnabled = options.streamCatalogFieldTags;
    this.#piiTags = new Set(
      options.piiTags.map(t => t.toLocaleLowerCase('en-US')),
    );
    this.#ownershipRecheckEvery = options.ownershipRecheckEvery;
  }

  /**
   * Forgets the cached ownership record of a topic, so the next read asks
   * Stream Catalog again.
   */
  invalidateTopic(environmentId: string, topic: string) {
    this.#invalidations++;
    this.#invalidatedAt.set(`${environmentId}|${topic}`, this.#invalidations);
    // Any cluster of the environment: an event need not name the cluster.
    for (const [key, entry] of this.#ownership) {
      if (
        key.startsWith(`${environmentId}|`) &&
        key.slice(key.indexOf('/') + 1) === topic
      ) {
        entry.stale = true;
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
    options: ReadOptions = {},
  ): Promise<EnvironmentSnapshot> {
    const client = this.#client;
    const info = client.environment(environmentId);
    const schemaRegistry = info.schemaRegistry
      ? client.schemaRegistry(environmentId)
      : undefined;

    const [displayName, statements, clusters, latestSchemas] =
      await Promise.all([
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
        // Every subject's latest version, id and text in a few requests.
        schemaRegistry
          ? schemaRegistry.listAllSchemas({ latestOnly: true })
          : Promise.resolve([] as Schema[]),
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
    const latestBySubject = new Map(latestSchemas.map(s => [s.subject, s]));
    const topicNames = [...new Set(clusters.flatMap(c => c.topics))].filter(t =>
      latestBySubject.has(`${t}-value`),
    );
    if (schemaRegistry) {
      const live = new Set(topicNames.map(t => `${environmentId}|${t}-value@`));
      for (const cache of [this.#schemas, this.#brokenSchemas]) {
        for (const key of [...cache.keys()]) {
          const prefix = key.slice(0, key.lastIndexOf('@') + 1);
          if (key.startsWith(`${environmentId}|`) && !live.has(prefix)) {
            cache.delete(key);
          }
        }
      }
      for (const topic of topicNames) {
        const listed = latestBySubject.get(`${topic}-value`)!;
        const key = `${environmentId}|${listed.subject}@${listed.version}`;
        let schema = this.#schemas.get(key);
        let reason = this.#brokenSchemas.get(key);
        if (schema || reason) {
          stats.schemasCached++;
        } else {
          this.#forgetOlder(environmentId, listed.subject, listed.version);
          try {
            schema = readSchema(listed);
            this.#schemas.set(key, schema);
          } catch (error) {
            reason = stringifyError(error);
            this.#brokenSchemas.set(key, reason);
          }
          stats.schemasFetched++;
        }
        if (schema) {
          snapshot.schemas.set(topic, schema);
        } else {
          // Logged on every read: the entity says the schema is unreadable
          // for as long as the version stays the latest.
          stats.schemasBroken++;
          snapshot.schemaErrors.set(topic, reason!);
          this.#logger.warn(
            `Skipping the value schema of topic ${topic} in ${environmentId}: ${reason}`,
          );
        }
      }
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
      await this.#readOwnership(
        environmentId,
        clusters,
        labelled,
        snapshot,
        stats,
        options.fullRefresh,
      );

      // Stream Catalog field tags, where PII originates: topics no statement
      // produces (CDC and application topics). Statement outputs inherit PII
      // through the column lineage instead.
      if (this.#fieldTagsEnabled) {
        const tagged = await this.#readTaggedFields(environmentId, stats);
        const origins = clusters.flatMap(c =>
          c.topics.filter(t => !produced.has(`${c.id}/${t}`)),
        );
        for (const topic of new Set(origins)) {
          const schema = snapshot.schemas.get(topic);
          if (!schema) continue;
          const tags = new Map<string, string[]>();
          for (const field of schema.fields) {
            if (!field.record) continue;
            const names = tagged.get(
              schemaFieldQualifiedName(
                info.schemaRegistry.id,
                schema.id,
                field.record.fullName,
                field.record.field,
              ),
            );
            if (names?.length) {
              tags.set(
                field.field ? `${field.column}.${field.field}` : field.column,
                names,
              );
            }
          }
          if (tags.size > 0) {
            snapshot.fieldTags.set(topic, tags);
          }
        }
      }
    }
    return snapshot;
  }

  #forgetOlder(environmentId: string, subject: string, version: number) {
    const prefix = `${environmentId}|${subject}@`;
    for (const cache of [this.#schemas, this.#brokenSchemas]) {
      for (const key of [...cache.keys()]) {
        if (key.startsWith(prefix) && key !== `${prefix}${version}`) {
          cache.delete(key);
        }
      }
    }
  }

  /**
   * The `backstage_ownership` records of the topics no labelled statement
   * writes. Stream Catalog serves business metadata per entity only (its
   * search API does not document returning or filtering by it), so records
   * are cached: read for new topics, for topics an event invalidated, and
   * for the re-check share of this full refresh. A failed read keeps the
   * last known owner and is retried on the next read.
   */
  async #readOwnership(
    environmentId: string,
    clusters: ClusterSnapshot[],
    labelled: Set<string>,
    snapshot: EnvironmentSnapshot,
    stats: ReadStats,
    fullRefresh: number | undefined,
  ) {
    const catalog = this.#client.catalog(environmentId);
    const every = this.#ownershipRecheckEvery;
    const live = new Set<string>();
    const lookups: Array<{ clusterId: string; topic: string; key: string }> =
      [];
    for (const c of clusters) {
      for (const topic of c.topics) {
        const key = `${environmentId}|${c.id}/${topic}`;
        live.add(key);
        if (labelled.has(`${c.id}/${topic}`)) continue;
        const entry = this.#ownership.get(key);
        const recheck =
          fullRefresh !== undefined &&
          every > 0 &&
          bucketOf(key, every) === fullRefresh % every;
        if (!entry || entry.stale || recheck) {
          lookups.push({ clusterId: c.id, topic, key });
        } else {
          stats.ownershipCached++;
          if (entry.owner)
            snapshot.ownership.set(`${c.id}/${topic}`, entry.owner);
        }
      }
    }
    // Deleted topics leave the caches with their environment's next read.
    for (const key of [...this.#ownership.keys()]) {
      if (key.startsWith(`${environmentId}|`) && !live.has(key)) {
        this.#ownership.delete(key);
      }
    }
    const topics = new Set(clusters.flatMap(c => c.topics));
    for (const key of [...this.#invalidatedAt.keys()]) {
      const bar = key.indexOf('|');
      if (
        key.slice(0, bar) === environmentId &&
        !topics.has(key.slice(bar + 1))
      ) {
        this.#invalidatedAt.delete(key);
      }
    }
    await mapLimit(
      lookups,
      this.#concurrency,
      async ({ clusterId, topic, key }) => {
        stats.ownershipLookups++;
        const started = this.#invalidations;
        let entry: OwnershipEntry;
        try {
          const records = await catalog.getBusinessMetadata(
            'kafka_topic',
            catalog.topicQualifiedName(clusterId, topic),
          );
          const owner = records.find(
            r => r.typeName === BUSINESS_METADATA_OWNERSHIP,
          )?.attributes?.owner;
          entry =
            typeof owner === 'string' && owner.trim()
              ? { owner: owner.trim() }
              : {};
        } catch (error) {
          if (error instanceof NotFoundError) {
            entry = {};
          } else {
            this.#logger.warn(
              `Could not read the ownership record of topic ${topic} in ${clusterId}: ${stringifyError(
                error,
              )}`,
            );
            const last = this.#ownership.get(key);
            if (last?.owner) {
              snapshot.ownership.set(`${clusterId}/${topic}`, last.owner);
            }
            return;
          }
        }
        if (this.#invalidatedSince(environmentId, topic, started)) {
          entry.stale = true;
        }
        this.#ownership.set(key, entry);
        if (entry.owner) {
          snapshot.ownership.set(`${clusterId}/${topic}`, entry.owner);
        }
      },
    );
  }

  /**
   * Every schema field carrying a PII tag, by qualified name: one search per
   * tag (as defined in Stream Catalog, matched case-insensitively), 500 per
   * request. Stream Catalog documents search for schema fields; reading each
   * field's tags instead costs a request per field (tens of thousands for a
   * large organization, minutes at Stream Governance's rate limits). If a
   * search fails, the last answer is used and the failure logged.
   */
  async #readTaggedFields(
    environmentId: string,
    stats: ReadStats,
  ): Promise<Map<string, string[]>> {
    const catalog = this.#client.catalog(environmentId);
    try {
      stats.fieldTagLookups++;
      const tagNames = (await catalog.listTagDefs())
        .map(def => def.name)
        .filter(name => this.#piiTags.has(name.toLocaleLowerCase('en-US')));
      const tagged = new Map<string, string[]>();
      for (const tag of tagNames) {
        stats.fieldTagLookups++;
        const found = await catalog.searchAll({
          types: [CATALOG_ENTITY_TYPES.field],
          tag,
        });
        for (const entity of found) {
          const name = entity.attributes.qualifiedName;
          if (typeof name !== 'string') continue;
          tagged.set(name, [...(tagged.get(name) ?? []), tag]);
        }
      }
      this.#taggedFields.set(environmentId, tagged);
      return tagged;
    } catch (error) {
      const last = this.#taggedFields.get(environmentId);
      this.#logger.warn(
        `Could not search Stream Catalog for PII-tagged schema fields in ${environmentId}${
          last ? '; using the previous answer' : ''
        }: ${stringifyError(error)}`,
      );
      return last ?? new Map();
    }
  }

  /** Whether an event invalidated a topic after `started` (a count). */
  #invalidatedSince(environmentId: string, topic: string, started: number) {
    return (
      (this.#invalidatedAt.get(`${environmentId}|${topic}`) ?? 0) > started
    );
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

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
 * Reads one environment from Confluent through the suite's client, with the
 * caches that keep warm refreshes cheap:
 *
 * - statements are immutable, so each is parsed once (by `metadata.uid`);
 * - every subject's latest schema comes from one paged `GET /schemas`
 *   listing (a request per 1000 subjects); a value schema is parsed only
 *   when its subject has a new version;
 * - Stream Catalog is read in bulk, a few requests per refresh whatever the
 *   number of topics: the `backstage_ownership` owners of every topic from
 *   one paged attribute search (500 per request), and the schema fields
 *   carrying a PII tag from one paged search per tag. Stream Governance
 *   allows 75 reads a second; a read per topic would take minutes for a
 *   large organization and be throttled. While a search fails (429s that
 *   outlast the client's retries, 5xx), the environment's previous answer is
 *   used, so owners and PII do not come and go; with no previous answer the
 *   read fails and the catalog keeps what it has.
 *
 * Listing topics, connectors, statements or schemas failing means the
 * environment cannot be read at all: the error propagates and the provider
 * leaves the catalog as it was. A failure for one resource (a schema, an
 * ownership record, a statement's SQL) is logged and that resource skipped.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError, stringifyError } from '@backstage/errors';
import {
  BUSINESS_METADATA_OWNERSHIP,
  DeclaredFingerprint,
} from '@shiftleft/plugin-confluent-common';
import {
  extractFlinkLineage,
  FlinkLineage,
  tableRefEquals,
} from '@shiftleft/flink-sql-lineage';
import {
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
  DeclaredFingerprints,
  liveStatement,
  Schema,
  sqlDigest,
  schemaFieldQualifiedName,
  Statement,
  topicQualifiedName,
} from '@shiftleft/plugin-confluent-node';
import { connectorFlow } from '../lib/connectors';
import { readSchema, ReadSchema } from '../lib/schemas';
import {
  ClusterSnapshot,
  ConnectorSnapshot,
  EnvironmentSnapshot,
  MaterializedTableSnapshot,
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
  'CREATE_MATERIALIZED_TABLE',
  // Only `ALTER MATERIALIZED TABLE … AS query`, which runs a new version of
  // the table's query; SUSPEND, RESUME and property changes move no data.
  'ALTER_MATERIALIZED_TABLE',
]);

/** Statement phases that mean the statement is on its way out. */
const GONE_PHASES = new Set(['DELETING']);

/**
 * Counters of one read, for logs and the benchmark.
 *
 * @public
 */
export interface ReadStats {
  statementsParsed: number;
  statementsCached: number;
  statementsBroken: number;
  schemasFetched: number;
  schemasCached: number;
  schemasBroken: number;
  /** Topics with a `backstage_ownership` owner, found by one paged search. */
  ownershipRecords: number;
  /**
   * Stream Catalog calls for field tags: the tag definitions, then one
   * (paged) search per PII tag.
   */
  fieldTagLookups: number;
  /** Materialized tables whose version history was read (new or evolved). */
  materializedTableVersionReads: number;
}

/**
 * The owner attribute of the `backstage_ownership` business metadata, as
 * Stream Catalog searches name business metadata attributes (Apache Atlas's
 * `<businessMetadata>.<attribute>`).
 */
const OWNER_ATTRIBUTE = `${BUSINESS_METADATA_OWNERSHIP}.owner`;

/**
 * Whether a failed Stream Catalog read means there is nothing to read (no
 * such business metadata or tag in this catalog) rather than a failure.
 */
function isAbsent(error: unknown): boolean {
  return error instanceof NotFoundError || error instanceof InputError;
}

interface ParsedStatement {
  sql: string;
  lineage?: FlinkLineage;
  error?: string;
  /** Whether `*` has been expanded (or there was none). */
  expanded: boolean;
  /** The SQL's digest for drift, hashed once per statement. */
  sqlDigest?: string;
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
  includeInternalTopics: boolean;
  streamCatalogFieldTags: boolean;
  /** Tags that mark personal data (case-insensitive): the field tags searched. */
  piiTags: string[];
}

/** Reads environments, keeping caches between reads. */
export class ConfluentReader {
  readonly #client: ConfluentClient;
  readonly #logger: LoggerService;
  readonly #includeInternalTopics: boolean;
  readonly #fieldTagsEnabled: boolean;
  readonly #piiTags: Set<string>;
  readonly #statements = new Map<string, ParsedStatement>();
  /** Parsed value schemas by `<env>|<subject>@<version>`. */
  readonly #schemas = new Map<string, ReadSchema>();
  /** Why a schema version could not be parsed (versions never change). */
  readonly #brokenSchemas = new Map<string, string>();
  /**
   * The last answers of Stream Catalog per environment, used while a search
   * fails: tagged fields (qualified name → tags) and topic owners (qualified
   * name → owner).
   */
  readonly #taggedFields = new Map<string, Map<string, string[]>>();
  readonly #owners = new Map<string, Map<string, string>>();
  /** The last declared fingerprints read per environment. */
  readonly #declared = new Map<string, Map<string, DeclaredFingerprint>>();
  /** The last materialized tables read per environment, by `<lkc>/<name>`. */
  readonly #materializedTables = new Map<
    string,
    Map<string, MaterializedTableSnapshot>
  >();

  constructor(options: ConfluentReaderOptions) {
    this.#client = options.client;
    this.#logger = options.logger;
    this.#includeInternalTopics = options.includeInternalTopics;
    this.#fieldTagsEnabled = options.streamCatalogFieldTags;
    this.#piiTags = new Set(
      options.piiTags.map(t => t.toLocaleLowerCase('en-US')),
    );
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

    const [displayName, statements, clusters, latestSchemas, mtables] =
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
          info.kafkaClusters.map(({ id }) =>
            this.#readCluster(environmentId, id),
          ),
        ),
        // Every subject's latest version, id and text in a few requests.
        schemaRegistry
          ? schemaRegistry.listAllSchemas({ latestOnly: true })
          : Promise.resolve([] as Schema[]),
        info.flink
          ? this.#readMaterializedTables(environmentId, stats)
          : Promise.resolve(new Map<string, MaterializedTableSnapshot>()),
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
      materializedTables: mtables,
    };

    if (schemaRegistry) {
      this.#readSchemas(environmentId, snapshot, latestSchemas, stats);
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

    // The topics statements produce: their PII comes through the lineage.
    const produced = new Set<string>();
    for (const statement of snapshot.statements) {
      for (const sink of statement.lineage?.sinks ?? []) {
        const address = resolver.resolve(sink, {
          environmentId,
          properties: statement.properties,
        });
        if (address && address.environmentId === environmentId) {
          produced.add(`${address.clusterId}/${address.topic}`);
        }
      }
    }
    if (info.schemaRegistry) {
      await this.#readStreamCatalog(
        environmentId,
        info.schemaRegistry.id,
        snapshot,
        produced,
        stats,
      );
    }
    return snapshot;
  }

  /** The topics and connectors of one Kafka cluster. */
  async #readCluster(
    environmentId: string,
    id: string,
  ): Promise<ClusterSnapshot> {
    const client = this.#client;
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
  }

  /**
   * The value schemas of every topic that has one (TopicNameStrategy), read
   * once per version; an unreadable one is logged on every read.
   */
  #readSchemas(
    environmentId: string,
    snapshot: EnvironmentSnapshot,
    latestSchemas: Schema[],
    stats: ReadStats,
  ) {
    const clusters = snapshot.clusters;
    const latestBySubject = new Map(latestSchemas.map(s => [s.subject, s]));
    const topicNames = [...new Set(clusters.flatMap(c => c.topics))].filter(t =>
      latestBySubject.has(`${t}-value`),
    );
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

  /**
   * What Stream Catalog says about the environment's topics: declared
   * fingerprints (for drift), ownership records, and PII field tags.
   */
  async #readStreamCatalog(
    environmentId: string,
    schemaRegistryId: string,
    snapshot: EnvironmentSnapshot,
    produced: Set<string>,
    stats: ReadStats,
  ) {
    const clusters = snapshot.clusters;
    // What the scaffolder declared: one more paged search, for drift.
    snapshot.declared = await this.#withLastAnswer(
      this.#declared,
      environmentId,
      'Stream Catalog declared fingerprints',
      () =>
        new DeclaredFingerprints({ client: this.#client }).readAll(
          environmentId,
        ),
    );
    const owners = await this.#readOwners(environmentId, stats);
    for (const c of clusters) {
      for (const topic of c.topics) {
        const owner = owners.get(
          topicQualifiedName(schemaRegistryId, c.id, topic),
        );
        // Every topic's record, labelled writers or not: a record
        // outranks labels (see lib/entities/ownership.ts).
        if (owner) snapshot.ownership.set(`${c.id}/${topic}`, owner);
      }
    }

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
              schemaRegistryId,
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
   * The environment's materialized tables with their versions: one paged
   * list, and a table's versions only when it is new or its version changed
   * since the last read (versions never change once made).
   */
  #readMaterializedTables(
    environmentId: string,
    stats: ReadStats,
  ): Promise<Map<string, MaterializedTableSnapshot>> {
    const api = this.#client.materializedTables(environmentId);
    return this.#withLastAnswer(
      this.#materializedTables,
      environmentId,
      'Flink materialized tables',
      async () => {
        const last = this.#materializedTables.get(environmentId);
        const tables = new Map<string, MaterializedTableSnapshot>();
        for (const table of await api.listMaterializedTables()) {
          const clusterId = table.spec.kafka_cluster_id;
          if (!clusterId) continue;
          const key = `${clusterId}/${table.name}`;
          const version = table.status?.version ?? 1;
          const latestVersion = table.status?.latest_version ?? version;
          const known = last?.get(key);
          const versions =
            known && known.latestVersion === latestVersion
              ? known.versions
              : (
                  await api.listMaterializedTableVersions(clusterId, table.name)
                ).map(v => ({
                  version: v.spec.version,
                  statement: v.spec.statement,
                  ...(v.metadata.created_at
                    ? { createdAt: v.metadata.created_at }
                    : {}),
                  changes: (v.spec.changes ?? []).flatMap(c => c.details),
                }));
          if (versions !== known?.versions)
            stats.materializedTableVersionReads++;
          tables.set(key, {
            name: table.name,
            clusterId,
            version,
            latestVersion,
            ...(table.status?.phase ? { phase: table.status.phase } : {}),
            ...(table.spec.query ? { query: table.spec.query } : {}),
            versions,
          });
        }
        return tables;
      },
    );
  }

  /**
   * Every topic's `backstage_ownership` owner, by qualified name: one
   * attribute search for topics carrying the record, 500 per request.
   */
  #readOwners(
    environmentId: string,
    stats: ReadStats,
  ): Promise<Map<string, string>> {
    const catalog = this.#client.catalog(environmentId);
    return this.#withLastAnswer(
      this.#owners,
      environmentId,
      'Stream Catalog topic owners',
      async () => {
        const found = await catalog.searchAll({
          types: [CATALOG_ENTITY_TYPES.topic],
          attributeName: OWNER_ATTRIBUTE,
          attributes: [OWNER_ATTRIBUTE],
        });
        const owners = new Map<string, string>();
        for (const entity of found) {
          const name = entity.attributes.qualifiedName;
          const owner = entity.attributes[OWNER_ATTRIBUTE];
          if (typeof name === 'string' && typeof owner === 'string') {
            if (owner.trim()) owners.set(name, owner.trim());
          }
        }
        stats.ownershipRecords += owners.size;
        return owners;
      },
    );
  }

  /**
   * Every schema field carrying a PII tag, by qualified name: one search per
   * tag (as defined in Stream Catalog, matched case-insensitively), 500 per
   * request. Stream Catalog documents search for schema fields; reading each
   * field's tags instead costs a request per field (tens of thousands for a
   * large organization, minutes at Stream Governance's rate limits).
   */
  #readTaggedFields(
    environmentId: string,
    stats: ReadStats,
  ): Promise<Map<string, string[]>> {
    const catalog = this.#client.catalog(environmentId);
    return this.#withLastAnswer(
      this.#taggedFields,
      environmentId,
      'Stream Catalog PII-tagged schema fields',
      async () => {
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
        return tagged;
      },
    );
  }

  /**
   * A read whose answer is kept per environment (Stream Catalog owners and
   * PII fields, materialized tables). An API without the resource (404,
   * 400: no such business metadata, tag or endpoint) answers "none". Any
   * other failure (429s that outlast the client's retries, 5xx) uses the
   * previous answer and is logged, so owners and PII do not flap; with no
   * previous answer it propagates and the refresh changes nothing.
   */
  async #withLastAnswer<T>(
    cache: Map<string, Map<string, T>>,
    environmentId: string,
    what: string,
    read: () => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    try {
      const answer = await read();
      cache.set(environmentId, answer);
      return answer;
    } catch (error) {
      if (isAbsent(error)) {
        this.#logger.debug(
          `${environmentId} has no ${what}: ${stringifyError(error)}`,
        );
        const none = new Map<string, T>();
        cache.set(environmentId, none);
        return none;
      }
      const last = cache.get(environmentId);
      if (!last) throw error;
      this.#logger.warn(
        `Could not read ${what} of ${environmentId}; using the previous answer: ${stringifyError(
          error,
        )}`,
      );
      return last;
    }
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
    } else if (
      (!sqlKind && !CATALOGUED_KINDS.has(parsed.lineage!.kind)) ||
      (parsed.lineage!.kind === 'ALTER_MATERIALIZED_TABLE' &&
        parsed.lineage!.sinks.length === 0)
    ) {
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
        live: liveStatement(statement, {
          sqlDigest: (parsed.sqlDigest ??= sqlDigest(sql)),
        }),
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

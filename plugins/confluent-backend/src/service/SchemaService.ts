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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_CONFLUENT_SCHEMA_SUBJECT,
  CONFLUENT_PII_TAG,
  ANNOTATION_CONFLUENT_TOPIC,
  ConfluentFieldProtection,
  ConfluentFieldTag,
  ConfluentSchemaField,
  ConfluentSchemaFormat,
  ConfluentSchemaResponse,
  DataProductPiiChainStep,
  DataProductPiiFinding,
  readDataProductLineage,
  SuspectedPiiMatcher,
} from '@shiftleft/plugin-confluent-common';
import {
  CATALOG_ENTITY_TYPES,
  ConfluentClient,
  flattenAvro,
  flattenJsonSchema,
  flattenProtobuf,
  FlatField,
  FlatSchema,
  ReferencedSchema,
  Schema,
  schemaFieldQualifiedName,
  Tag,
} from '@shiftleft/plugin-confluent-node';
import { schemaTarget } from './entityTargets';
import { summarizeUpstreamError, toPublicError } from './views';

/** Tags that mark personal data, compared case-insensitively. */
const PII_TAGS = new Set(['pii']);
/** Stream Catalog reads in flight at once for one schema's fields. */
const CATALOG_CONCURRENCY = 8;
/** Nested references deeper than this are a broken registry, not a schema. */
const MAX_REFERENCE_DEPTH = 16;
/** Most fields one tagging request names (a schema lists at most 1000). */
export const MAX_TAG_FIELDS = 100;

/**
 * Options of {@link SchemaService}.
 */
export interface SchemaServiceOptions {
  client: ConfluentClient;
  /** How long a subject's flattened schema and field tags are kept. */
  cacheMs: number;
  logger: LoggerService;
  /**
   * Column names that look personal (`confluent.pii`); without it no field
   * is suspected.
   */
  suspectedPii?: SuspectedPiiMatcher;
}

/** What does not depend on the entity: the schema and its field tags. */
interface LoadedSchema {
  schema: Schema;
  flat: FlatSchema;
  tags: Map<string, ConfluentFieldTag[]>;
}

const TAG_SOURCE_TEXT: Record<ConfluentFieldTag['source'], string> = {
  schema: 'in the schema (confluent:tags)',
  'schema-metadata': "in the schema's metadata",
  'stream-catalog': 'in Stream Catalog',
};

const isPii = (tag: string) => PII_TAGS.has(tag.toLocaleLowerCase('en-US'));

/**
 * Whether a `metadata.tags` key names a field: the field path, the path
 * behind a record name (`Customer.email`), or a `**.` wildcard suffix.
 */
export function metadataKeyMatches(key: string, field: FlatField): boolean {
  if (key.startsWith('**.')) {
    const suffix = key.slice(3);
    return field.path === suffix || field.path.endsWith(`.${suffix}`);
  }
  if (key === field.path) return true;
  const record = field.recordFullName;
  if (!record) return false;
  const short = record.split('.').pop();
  return key === `${record}.${field.name}` || key === `${short}.${field.name}`;
}

/** The chain in one line, for a tooltip. */
export function summarizeChain(chain: DataProductPiiChainStep[]): string {
  return chain
    .map(step => step.detail)
    .filter(Boolean)
    .join('; then ');
}

/**
 * The schema card's backend: an entity's topic's latest value schema from
 * Schema Registry, flattened, with tags from the schema, its metadata and
 * Stream Catalog, and each field's protection from the PII provenance the
 * catalog provider wrote on the entity.
 */
export class SchemaService {
  readonly #options: SchemaServiceOptions;
  readonly #cache = new Map<
    string,
    { at: number; loading: Promise<LoadedSchema> }
  >();

  constructor(options: SchemaServiceOptions) {
    this.#options = options;
  }

  /**
   * The schema of the entity's topic.
   * @throws NotFoundError when the entity names no topic or subject, or the subject has no schema
   */
  async entitySchema(entity: Entity): Promise<ConfluentSchemaResponse> {
    const { client } = this.#options;
    const entityRef = stringifyEntityRef(entity);
    const target = schemaTarget(entity, client.environments);
    if (!target) {
      throw new NotFoundError(
        `${entityRef} has neither a ${ANNOTATION_CONFLUENT_TOPIC} nor a ${ANNOTATION_CONFLUENT_SCHEMA_SUBJECT} annotation`,
      );
    }
    const loaded = await this.#load(target.environmentId, target.subject);
    const findings = readDataProductLineage(entity)?.pii ?? [];
    const hasCatalog = Boolean(
      client.environment(target.environmentId).schemaRegistry?.id,
    );
    const fields = loaded.flat.fields.map(field =>
      this.#field(
        field,
        loaded.tags.get(field.path) ?? [],
        findings,
        entityRef,
        hasCatalog,
      ),
    );
    return {
      entityRef,
      environmentId: target.environmentId,
      ...(target.topic ? { topic: target.topic } : {}),
      subject: loaded.schema.subject,
      version: loaded.schema.version,
      schemaId: loaded.schema.id,
      format: loaded.schema.schemaType as ConfluentSchemaFormat,
      ...(loaded.flat.recordName ? { recordName: loaded.flat.recordName } : {}),
      fields,
      ...(loaded.flat.truncated ? { truncated: true as const } : {}),
      consoleUrl: client.links.schemaSubject(
        target.environmentId,
        target.subject,
      ),
    };
  }

  #field(
    field: FlatField,
    tags: ConfluentFieldTag[],
    findings: DataProductPiiFinding[],
    entityRef: string,
    hasCatalog: boolean,
  ): ConfluentSchemaField {
    const [column, ...rest] = field.path.split('.');
    const fieldPath = rest.join('.');
    const finding = findings.find(
      f => f.column === column && (f.field ?? '') === fieldPath,
    );
    let protection: ConfluentFieldProtection | undefined;
    if (finding) {
      protection = {
        status: finding.status,
        ...(finding.replacement !== undefined
          ? { replacement: finding.replacement }
          : {}),
        origins: finding.origins,
        chain: finding.chain,
        summary: summarizeChain(finding.chain),
      };
    } else if (tags.some(t => isPii(t.name))) {
      // Tagged here but not traced by the catalog (a topic nothing
      // produces, or metadata not written yet): the tag is the evidence.
      const chain = tags
        .filter(t => isPii(t.name))
        .map(
          (t): DataProductPiiChainStep => ({
            entityRef,
            column,
            ...(fieldPath ? { field: fieldPath } : {}),
            how: t.source === 'stream-catalog' ? 'catalog-tag' : 'schema-tag',
            detail: `Tagged ${t.name} ${TAG_SOURCE_TEXT[t.source]}`,
          }),
        );
      protection = {
        status: 'pii',
        origins: [
          { entityRef, column, ...(fieldPath ? { field: fieldPath } : {}) },
        ],
        chain,
        summary: summarizeChain(chain),
      };
    }
    // A name that looks personal, with nothing saying it is (or is not
    // any more, once masked): the owner is asked to decide.
    const match = protection
      ? undefined
      : this.#options.suspectedPii?.(field.name);
    return {
      path: field.path,
      name: field.name,
      depth: field.depth,
      type: field.type,
      nullable: field.nullable,
      hasChildren: field.hasChildren,
      ...(field.doc ? { doc: field.doc } : {}),
      tags,
      ...(protection ? { protection } : {}),
      ...(match
        ? {
            suspectedPii: {
              pattern: match.pattern,
              taggable: hasCatalog && Boolean(field.recordFullName),
            },
          }
        : {}),
    };
  }

  /**
   * Tags fields of the entity's topic schema {@link CONFLUENT_PII_TAG} in
   * Stream Catalog (entity type `sr_field` of the latest schema), creating
   * the tag definition when the registry has none, and forgets the cached
   * schema so the next read shows the tags. Callers check who may do this.
   *
   * @param paths - dotted field paths, as the schema response lists them
   * @throws InputError for an unknown or untaggable field, NotFoundError when the entity names no schema
   */
  async tagPii(entity: Entity, paths: string[]): Promise<string[]> {
    const { client } = this.#options;
    const entityRef = stringifyEntityRef(entity);
    const target = schemaTarget(entity, client.environments);
    if (!target) {
      throw new NotFoundError(
        `${entityRef} has neither a ${ANNOTATION_CONFLUENT_TOPIC} nor a ${ANNOTATION_CONFLUENT_SCHEMA_SUBJECT} annotation`,
      );
    }
    const registryId = client.environment(target.environmentId).schemaRegistry
      ?.id;
    if (!registryId) {
      throw new InputError(
        `Environment ${target.environmentId} has no Schema Registry configured: its fields cannot be tagged in Stream Catalog`,
      );
    }
    // The latest schema, not a cached one: a tag on an older version's
    // fields would not show.
    this.forget(target.environmentId, target.subject);
    const { schema, flat } = await this.#load(
      target.environmentId,
      target.subject,
    );
    const wanted = [...new Set(paths)];
    const tags: Tag[] = [];
    for (const path of wanted) {
      const field = flat.fields.find(f => f.path === path);
      if (!field) {
        throw new InputError(
          `${schema.subject} version ${schema.version} has no field '${path}'`,
        );
      }
      if (!field.recordFullName) {
        throw new InputError(
          `Field '${path}' of ${schema.subject} is not in a named record, so Stream Catalog has no entity to tag`,
        );
      }
      tags.push({
        typeName: CONFLUENT_PII_TAG,
        entityType: CATALOG_ENTITY_TYPES.field,
        entityName: schemaFieldQualifiedName(
          registryId,
          schema.id,
          field.recordFullName,
          field.name,
        ),
      });
    }
    const catalog = client.catalog(target.environmentId);
    try {
      await catalog.ensureTagDefs([
        {
          name: CONFLUENT_PII_TAG,
          description: 'Personal data',
          entityTypes: ['cf_entity'],
        },
      ]);
      await catalog.addTags(tags);
    } catch (error) {
      throw toPublicError(error);
    } finally {
      this.forget(target.environmentId, target.subject);
    }
    return wanted;
  }

  /** Drops a subject's cached schema and tags: the next read goes upstream. */
  forget(environmentId: string, subject: string) {
    this.#cache.delete(JSON.stringify([environmentId, subject]));
  }

  async #load(environmentId: string, subject: string): Promise<LoadedSchema> {
    const key = JSON.stringify([environmentId, subject]);
    const now = Date.now();
    const cached = this.#cache.get(key);
    if (cached && now - cached.at < this.#options.cacheMs) {
      return cached.loading;
    }
    const loading = this.#read(environmentId, subject);
    this.#cache.set(key, { at: now, loading });
    // Failures are not kept: the next viewer tries again.
    loading.catch(() => {
      if (this.#cache.get(key)?.loading === loading) this.#cache.delete(key);
    });
    return loading;
  }

  async #read(environmentId: string, subject: string): Promise<LoadedSchema> {
    const registry = this.#options.client.schemaRegistry(environmentId);
    let schema: Schema;
    let references: ReferencedSchema[];
    try {
      schema = await registry.getLatestSchema(subject);
      references = await this.#references(environmentId, schema);
    } catch (error) {
      throw toPublicError(error);
    }
    let flat: FlatSchema;
    try {
      flat = flatten(schema, references);
    } catch (error) {
      // A registered schema the parsers reject is the registry's problem,
      // not a bad request: a 500 naming the subject.
      throw new Error(
        `${schema.subject} version ${schema.version}: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
    return {
      schema,
      flat,
      tags: await this.#tags(environmentId, schema, flat),
    };
  }

  /** The referenced schemas, dependencies before the schemas using them. */
  async #references(
    environmentId: string,
    schema: Schema,
  ): Promise<ReferencedSchema[]> {
    const registry = this.#options.client.schemaRegistry(environmentId);
    const out: ReferencedSchema[] = [];
    const done = new Set<string>();
    const visit = async (refs: Schema['references'], depth: number) => {
      if (depth > MAX_REFERENCE_DEPTH) {
        throw new NotFoundError(
          `Schema references of ${schema.subject} nest deeper than ${MAX_REFERENCE_DEPTH}`,
        );
      }
      for (const ref of refs) {
        const id = `${ref.subject}@${ref.version}`;
        if (done.has(id)) continue;
        done.add(id);
        const referenced = await registry.getSchema(ref.subject, ref.version);
        await visit(referenced.references, depth + 1);
        out.push({ name: ref.name, schema: referenced.schema });
      }
    };
    await visit(schema.references, 0);
    return out;
  }

  /** Field tags from the schema, its `metadata.tags` and Stream Catalog. */
  async #tags(
    environmentId: string,
    schema: Schema,
    flat: FlatSchema,
  ): Promise<Map<string, ConfluentFieldTag[]>> {
    const { client, logger } = this.#options;
    const byPath = new Map<string, ConfluentFieldTag[]>();
    const add = (path: string, tag: ConfluentFieldTag) => {
      const list = byPath.get(path) ?? [];
      if (!list.some(t => t.name === tag.name && t.source === tag.source)) {
        list.push(tag);
      }
      byPath.set(path, list);
    };
    for (const field of flat.fields) {
      for (const name of field.tags)
        add(field.path, { name, source: 'schema' });
      for (const [key, names] of Object.entries(schema.metadata?.tags ?? {})) {
        if (metadataKeyMatches(key, field)) {
          for (const name of names) {
            add(field.path, { name, source: 'schema-metadata' });
          }
        }
      }
    }

    const registryId = client.environment(environmentId).schemaRegistry?.id;
    if (!registryId) return byPath;
    const catalog = client.catalog(environmentId);
    // One request per field the schema declares, not per path: a record
    // type used in many places is one set of catalog entities.
    const pathsByName = new Map<string, string[]>();
    for (const field of flat.fields) {
      if (!field.recordFullName) continue;
      const name = schemaFieldQualifiedName(
        registryId,
        schema.id,
        field.recordFullName,
        field.name,
      );
      const paths = pathsByName.get(name);
      if (paths) paths.push(field.path);
      else pathsByName.set(name, [field.path]);
    }
    const names = [...pathsByName.keys()];
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++];
        try {
          const tags = await catalog.getTags(CATALOG_ENTITY_TYPES.field, name);
          for (const tag of tags) {
            for (const path of pathsByName.get(name)!) {
              add(path, { name: tag.typeName, source: 'stream-catalog' });
            }
          }
        } catch (error) {
          // A field without a catalog entity is simply untagged; any other
          // failure leaves the schema readable without catalog tags.
          if ((error as Error)?.name !== 'NotFoundError') {
            failed += 1;
            if (failed === 1) {
              logger.warn(
                `Stream Catalog field tags of ${
                  schema.subject
                } could not be read: ${summarizeUpstreamError(error).message}`,
              );
            }
          }
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(CATALOG_CONCURRENCY, names.length) },
        worker,
      ),
    );
    return byPath;
  }
}

function flatten(schema: Schema, references: ReferencedSchema[]): FlatSchema {
  switch (schema.schemaType) {
    case 'JSON':
      return flattenJsonSchema(schema.schema, references);
    case 'PROTOBUF':
      return flattenProtobuf(schema.schema, references);
    default:
      return flattenAvro(schema.schema, references);
  }
}

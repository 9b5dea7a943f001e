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
import { createHash, randomUUID } from 'node:crypto';
import { ApiError } from '../http/errors';
import type {
  BusinessMetadataAttributeDef,
  BusinessMetadataDefRecord,
  SchemaRegistryRecord,
  StoredSchema,
  TagDefRecord,
} from '../state/model';
import type { EmulatorStore } from '../state/store';
import type { SchemaRegistryService } from './schemaRegistry';

/** The result of one item of a batch request: the item, or its error. */
export type BatchResult<T> =
  | T
  | { error: { error_code: number; message: string } };

function entityKey(entityType: string, qualifiedName: string) {
  return `${entityType}|${qualifiedName}`;
}

function notFoundEntity(entityType: string, qualifiedName: string) {
  // Stream Catalog is Apache Atlas underneath; this is Atlas's wording.
  return new ApiError(
    404,
    `Instance ${entityType} with unique attribute {qualifiedName=${qualifiedName}} does not exist`,
  );
}

/** Entity types `search/basic` finds; other types have no entities here. */
export const SEARCHABLE_ENTITY_TYPES = [
  'kafka_topic',
  'sr_schema',
  'sr_record',
  'sr_field',
] as const;

/** Stream Catalog's largest search page (`limit`, maximum 500). */
export const SEARCH_MAX_LIMIT = 500;
/** Atlas's `atlas.search.defaultlimit`. */
export const SEARCH_DEFAULT_LIMIT = 100;

/** An entity as a search answers it (`EntityHeader`). */
export interface SearchEntity {
  typeName: string;
  qualifiedName: string;
  name: string;
  tags: string[];
  /** The requested attributes (`attr`) the entity has. */
  attributes: Record<string, unknown>;
}

/**
 * Options of {@link CatalogService.search}: `GET /catalog/v1/search/basic`,
 * or `search/attribute` when `attributeName` is given.
 */
export interface SearchOptions {
  types: string[];
  tag?: string;
  query?: string;
  /**
   * Attributes to return besides `qualifiedName` and `name` (`attr`); a
   * business metadata attribute is named `<businessMetadata>.<attribute>`,
   * as Atlas names them.
   */
  attributes?: string[];
  /** Only entities with this attribute set (`attrName`). */
  attributeName?: string;
  /** …whose value starts with this (`attrValuePrefix`). */
  attributeValuePrefix?: string;
  limit: number;
  offset: number;
}

/** A stable guid per entity, as Atlas keeps one per vertex. */
export function entityGuid(entityType: string, qualifiedName: string) {
  const hex = createHash('sha1')
    .update(entityKey(entityType, qualifiedName))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The records and fields of an Avro schema as Stream Catalog names them:
 * `<namespace.Record>` and `<namespace.Record>.<field>`.
 */
function avroEntities(schema: StoredSchema): {
  records: string[];
  fields: string[];
} {
  const records: string[] = [];
  const fields: string[] = [];
  const visit = (node: unknown, namespace: string | undefined) => {
    if (Array.isArray(node)) {
      node.forEach(n => visit(n, namespace));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'record' && Array.isArray(record.fields)) {
      const name = String(record.name);
      const ns = name.includes('.')
        ? name.slice(0, name.lastIndexOf('.'))
        : (record.namespace as string | undefined) ?? namespace;
      const full = name.includes('.') || !ns ? name : `${ns}.${name}`;
      records.push(full);
      for (const f of record.fields as Array<Record<string, unknown>>) {
        fields.push(`${full}.${f.name}`);
        visit(f.type, ns);
      }
    } else if (typeof record.type === 'object') {
      visit(record.type, namespace);
    } else if (record.items) {
      visit(record.items, namespace);
    } else if (record.values) {
      visit(record.values, namespace);
    }
  };
  if (schema.schemaType === 'AVRO') {
    try {
      visit(JSON.parse(schema.schema), undefined);
    } catch {
      // Stored schemas parse; a state file edited by hand may not.
    }
  }
  return { records, fields };
}

/**
 * Stream Catalog: tag and business metadata definitions, and their values on
 * entities (topics `<lsrc>:<lkc>:<topic>`, schemas `<lsrc>:.:<id>`, fields
 * `<lsrc>:.:<id>:<record>.<field>`).
 */
export class CatalogService {
  readonly #store: EmulatorStore;
  readonly #schemaRegistry: SchemaRegistryService;
  // Schemas never change, so their records and fields are derived once.
  readonly #schemaEntities = new WeakMap<
    StoredSchema,
    { records: string[]; fields: string[] }
  >();

  constructor(store: EmulatorStore, schemaRegistry: SchemaRegistryService) {
    this.#store = store;
    this.#schemaRegistry = schemaRegistry;
  }

  /** The schema's records and fields, then those of what it references. */
  #declaredWithReferences(
    registry: SchemaRegistryRecord,
    schema: StoredSchema,
  ): Array<{ records: string[]; fields: string[] }> {
    const out: Array<{ records: string[]; fields: string[] }> = [];
    const seen = new Set<number>();
    const visit = (current: StoredSchema) => {
      if (seen.has(current.id)) return;
      seen.add(current.id);
      out.push(this.#derived(current));
      for (const ref of current.references ?? []) {
        const versions = registry.subjects[ref.subject] ?? [];
        // Version -1 is the latest, as Schema Registry reads it.
        const id = (
          ref.version === -1
            ? versions.filter(v => !v.deleted).pop()
            : versions.find(v => v.version === ref.version)
        )?.id;
        const referenced = id === undefined ? undefined : registry.schemas[id];
        if (referenced) visit(referenced);
      }
    };
    visit(schema);
    return out;
  }

  #derived(schema: StoredSchema) {
    let derived = this.#schemaEntities.get(schema);
    if (!derived) {
      derived = avroEntities(schema);
      this.#schemaEntities.set(schema, derived);
    }
    return derived;
  }

  tagDefs(registryId: string, prefix?: string): TagDefRecord[] {
    return Object.values(this.#schemaRegistry.registry(registryId).tagDefs)
      .filter(d => !prefix || d.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  tagDef(registryId: string, name: string): TagDefRecord {
    const def = this.#schemaRegistry.registry(registryId).tagDefs[name];
    if (!def)
      throw new ApiError(404, `Tag definition with name ${name} not found`);
    return def;
  }

  /** Creates (or, with `update`, updates) tag definitions. */
  putTagDefs(
    registryId: string,
    defs: Array<{
      name?: string;
      description?: string;
      entityTypes?: string[];
      color?: string;
    }>,
    update: boolean,
  ): Array<BatchResult<TagDefRecord>> {
    const registry = this.#schemaRegistry.registry(registryId);
    const now = Date.now();
    const results = defs.map((def): BatchResult<TagDefRecord> => {
      if (!def.name || !/^[A-Za-z][\w]*$/.test(def.name)) {
        return {
          error: {
            error_code: 400,
            message: `Invalid tag name ${def.name ?? ''}`,
          },
        };
      }
      const existing = registry.tagDefs[def.name];
      if (existing && !update) {
        return {
          error: { error_code: 409, message: `Tag ${def.name} already exists` },
        };
      }
      if (!existing && update) {
        return {
          error: {
            error_code: 404,
            message: `Tag definition with name ${def.name} not found`,
          },
        };
      }
      const record: TagDefRecord = {
        name: def.name,
        description: def.description ?? existing?.description ?? '',
        entityTypes: def.entityTypes ?? existing?.entityTypes ?? ['cf_entity'],
        color: def.color ?? existing?.color,
        guid: existing?.guid ?? randomUUID(),
        createTime: existing?.createTime ?? now,
        updateTime: now,
        version: (existing?.version ?? 0) + 1,
      };
      registry.tagDefs[def.name] = record;
      return record;
    });
    this.#store.changed();
    return results;
  }

  deleteTagDef(registryId: string, name: string) {
    const registry = this.#schemaRegistry.registry(registryId);
    this.tagDef(registryId, name);
    delete registry.tagDefs[name];
    for (const tags of Object.values(registry.entityTags)) delete tags[name];
    this.#store.changed();
  }

  /** Throws 404 unless the entity exists in this registry's environment. */
  requireEntity(registryId: string, entityType: string, qualifiedName: string) {
    const registry = this.#schemaRegistry.registry(registryId);
    if (!this.#entityExists(registry, entityType, qualifiedName)) {
      throw notFoundEntity(entityType, qualifiedName);
    }
  }

  #entityExists(
    registry: SchemaRegistryRecord,
    entityType: string,
    qualifiedName: string,
  ) {
    const parts = qualifiedName.split(':');
    if (parts[0] !== registry.id) return false;
    switch (entityType) {
      case 'kafka_topic': {
        const [, clusterId, ...topic] = parts;
        const cluster = this.#store.cluster(clusterId);
        return (
          cluster?.environmentId === registry.environmentId &&
          Boolean(this.#store.topicsOf(clusterId)[topic.join(':')])
        );
      }
      case 'sr_schema':
        return parts[1] === '.' && Boolean(registry.schemas[parts[2]]);
      case 'sr_record':
      case 'sr_field': {
        const schema =
          parts[1] === '.' ? registry.schemas[parts[2]] : undefined;
        if (!schema) return false;
        // Stream Catalog has an entity per record and field the schema
        // declares (its references' types included, as the schema's
        // fields use them), and none for a name it does not. Only Avro
        // schemas are derived here; other formats answer for any name.
        if (schema.schemaType !== 'AVRO') return true;
        const name = parts.slice(3).join(':');
        return this.#declaredWithReferences(registry, schema).some(derived =>
          (entityType === 'sr_field'
            ? derived.fields
            : derived.records
          ).includes(name),
        );
      }
      case 'sr_subject_version':
        return (
          parts[1] === '.' &&
          Boolean(registry.subjects[parts.slice(2, -1).join(':')])
        );
      default:
        return false;
    }
  }

  /**
   * `search/basic` and `search/attribute`: entities of the given types (all
   * searchable types when none), with the tag when one is given, with the
   * attribute set (and starting with the prefix) when one is named, whose
   * name or qualified name contains the query (case-insensitive; `*` or none
   * matches all), ordered by qualified name, one `offset`/`limit` page.
   */
  search(registryId: string, options: SearchOptions): SearchEntity[] {
    const registry = this.#schemaRegistry.registry(registryId);
    if (options.tag && !registry.tagDefs[options.tag]) {
      throw new ApiError(400, `Given classification ${options.tag} is invalid`);
    }
    const types = new Set<string>(
      options.types.length ? options.types : SEARCHABLE_ENTITY_TYPES,
    );
    const tagsOf = (type: string, qualifiedName: string) =>
      Object.keys(registry.entityTags[entityKey(type, qualifiedName)] ?? {});
    const valueOf = (type: string, qualifiedName: string, attr: string) => {
      if (attr === 'qualifiedName') return qualifiedName;
      if (attr === 'name') return nameOf(type, qualifiedName);
      const dot = attr.indexOf('.');
      if (dot < 0) return undefined;
      return registry.entityBusinessMetadata[entityKey(type, qualifiedName)]?.[
        attr.slice(0, dot)
      ]?.[attr.slice(dot + 1)];
    };
    const { attributeName, attributeValuePrefix } = options;
    const found: SearchEntity[] = [];
    const consider = (type: string, qualifiedName: string, name: string) => {
      const tags = tagsOf(type, qualifiedName);
      if (options.tag && !tags.includes(options.tag)) return;
      if (attributeName) {
        const value = valueOf(type, qualifiedName, attributeName);
        if (value === undefined || value === null || value === '') return;
        if (
          attributeValuePrefix &&
          !String(value).startsWith(attributeValuePrefix)
        ) {
          return;
        }
      }
      const attributes: Record<string, unknown> = {};
      for (const attr of options.attributes ?? []) {
        const value = valueOf(type, qualifiedName, attr);
        if (value !== undefined) attributes[attr] = value;
      }
      found.push({ typeName: type, qualifiedName, name, tags, attributes });
    };
    // Only entities carrying the tag or business metadata can match: walk
    // those, not every entity.
    let walkOnly: string[] | undefined;
    if (options.tag) walkOnly = Object.keys(registry.entityTags);
    else if (attributeName?.includes('.')) {
      walkOnly = Object.keys(registry.entityBusinessMetadata);
    }
    if (walkOnly) {
      for (const key of walkOnly) {
        const bar = key.indexOf('|');
        const type = key.slice(0, bar);
        const qualifiedName = key.slice(bar + 1);
        if (
          types.has(type) &&
          this.#entityExists(registry, type, qualifiedName)
        ) {
          consider(type, qualifiedName, nameOf(type, qualifiedName));
        }
      }
    } else {
      if (types.has('kafka_topic')) {
        for (const cluster of this.#store.clustersOf(registry.environmentId)) {
          for (const topic of Object.keys(this.#store.topicsOf(cluster.id))) {
            consider(
              'kafka_topic',
              `${registry.id}:${cluster.id}:${topic}`,
              topic,
            );
          }
        }
      }
      for (const schema of Object.values(registry.schemas)) {
        const base = `${registry.id}:.:${schema.id}`;
        if (types.has('sr_schema'))
          consider('sr_schema', base, String(schema.id));
        if (!types.has('sr_record') && !types.has('sr_field')) continue;
        const derived = this.#derived(schema);
        if (types.has('sr_record')) {
          for (const r of derived.records) {
            consider('sr_record', `${base}:${r}`, r.split('.').pop()!);
          }
        }
        if (types.has('sr_field')) {
          for (const f of derived.fields) {
            consider('sr_field', `${base}:${f}`, f.split('.').pop()!);
          }
        }
      }
    }
    const query = options.query?.trim().toLowerCase();
    const matches =
      !query || query === '*'
        ? found
        : found.filter(
            e =>
              e.name.toLowerCase().includes(query) ||
              e.qualifiedName.toLowerCase().includes(query),
          );
    const order = (a: string, b: string) => (a < b ? -1 : Number(a > b));
    matches.sort(
      (a, b) =>
        order(a.qualifiedName, b.qualifiedName) ||
        order(a.typeName, b.typeName),
    );
    return matches.slice(options.offset, options.offset + options.limit);
  }

  tags(registryId: string, entityType: string, qualifiedName: string) {
    this.requireEntity(registryId, entityType, qualifiedName);
    const registry = this.#schemaRegistry.registry(registryId);
    const tags =
      registry.entityTags[entityKey(entityType, qualifiedName)] ?? {};
    return Object.entries(tags).map(([typeName, value]) => ({
      typeName,
      attributes: value.attributes,
      entityType,
      entityName: qualifiedName,
    }));
  }

  /** Tags entities; 404 for an unknown tag or entity, as the real API. */
  addTags(
    registryId: string,
    tags: Array<{
      typeName?: string;
      entityType?: string;
      entityName?: string;
      attributes?: Record<string, unknown>;
    }>,
  ) {
    const registry = this.#schemaRegistry.registry(registryId);
    for (const tag of tags) {
      if (!tag.typeName || !tag.entityType || !tag.entityName) {
        throw new ApiError(
          400,
          'typeName, entityType and entityName are required',
        );
      }
      this.tagDef(registryId, tag.typeName);
      this.requireEntity(registryId, tag.entityType, tag.entityName);
    }
    const results = tags.map(tag => {
      const key = entityKey(tag.entityType!, tag.entityName!);
      const entry = (registry.entityTags[key] ??= {});
      entry[tag.typeName!] = { attributes: tag.attributes ?? {} };
      return {
        typeName: tag.typeName!,
        attributes: tag.attributes ?? {},
        entityType: tag.entityType!,
        entityName: tag.entityName!,
      };
    });
    this.#store.changed();
    return results;
  }

  removeTag(
    registryId: string,
    entityType: string,
    qualifiedName: string,
    tagName: string,
  ) {
    const registry = this.#schemaRegistry.registry(registryId);
    this.requireEntity(registryId, entityType, qualifiedName);
    const tags = registry.entityTags[entityKey(entityType, qualifiedName)];
    if (!tags?.[tagName]) {
      throw new ApiError(
        404,
        `Tag ${tagName} is not associated with the entity`,
      );
    }
    delete tags[tagName];
    this.#store.changed();
  }

  businessMetadataDefs(
    registryId: string,
    prefix?: string,
  ): BusinessMetadataDefRecord[] {
    return Object.values(
      this.#schemaRegistry.registry(registryId).businessMetadataDefs,
    )
      .filter(d => !prefix || d.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  businessMetadataDef(
    registryId: string,
    name: string,
  ): BusinessMetadataDefRecord {
    const def =
      this.#schemaRegistry.registry(registryId).businessMetadataDefs[name];
    if (!def)
      throw new ApiError(
        404,
        `Business metadata definition with name ${name} not found`,
      );
    return def;
  }

  putBusinessMetadataDefs(
    registryId: string,
    defs: Array<{
      name?: string;
      description?: string;
      attributeDefs?: Array<Partial<BusinessMetadataAttributeDef>>;
    }>,
    update: boolean,
  ): Array<BatchResult<BusinessMetadataDefRecord>> {
    const registry = this.#schemaRegistry.registry(registryId);
    const now = Date.now();
    const results = defs.map((def): BatchResult<BusinessMetadataDefRecord> => {
      if (!def.name || !/^[A-Za-z][\w]*$/.test(def.name)) {
        return {
          error: {
            error_code: 400,
            message: `Invalid business metadata name ${def.name ?? ''}`,
          },
        };
      }
      const existing = registry.businessMetadataDefs[def.name];
      if (existing && !update) {
        return {
          error: {
            error_code: 409,
            message: `Business metadata ${def.name} already exists`,
          },
        };
      }
      if (!existing && update) {
        return {
          error: {
            error_code: 404,
            message: `Business metadata definition with name ${def.name} not found`,
          },
        };
      }
      const record: BusinessMetadataDefRecord = {
        name: def.name,
        description: def.description ?? existing?.description ?? '',
        attributeDefs: (def.attributeDefs ?? existing?.attributeDefs ?? []).map(
          a => ({
            name: String(a.name),
            typeName: a.typeName ?? 'string',
            isOptional: a.isOptional ?? true,
            cardinality: a.cardinality ?? 'SINGLE',
            options: a.options,
          }),
        ),
        guid: existing?.guid ?? randomUUID(),
        createTime: existing?.createTime ?? now,
        updateTime: now,
        version: (existing?.version ?? 0) + 1,
      };
      registry.businessMetadataDefs[def.name] = record;
      return record;
    });
    this.#store.changed();
    return results;
  }

  deleteBusinessMetadataDef(registryId: string, name: string) {
    const registry = this.#schemaRegistry.registry(registryId);
    this.businessMetadataDef(registryId, name);
    delete registry.businessMetadataDefs[name];
    for (const values of Object.values(registry.entityBusinessMetadata))
      delete values[name];
    this.#store.changed();
  }

  /** Sets business metadata on entities; each item answers for itself. */
  putBusinessMetadata(
    registryId: string,
    items: Array<{
      typeName?: string;
      entityType?: string;
      entityName?: string;
      attributes?: Record<string, unknown>;
    }>,
  ) {
    const registry = this.#schemaRegistry.registry(registryId);
    const results = items.map(item => {
      const echo = {
        typeName: item.typeName,
        attributes: item.attributes ?? {},
        entityType: item.entityType,
        entityName: item.entityName,
      };
      const fail = (error_code: number, message: string) => ({
        ...echo,
        error: { error_code, message },
      });
      if (!item.typeName || !item.entityType || !item.entityName) {
        return fail(400, 'typeName, entityType and entityName are required');
      }
      const def = registry.businessMetadataDefs[item.typeName];
      if (!def) {
        return fail(
          404,
          `Business metadata definition with name ${item.typeName} not found`,
        );
      }
      if (!this.#entityExists(registry, item.entityType, item.entityName)) {
        return fail(
          404,
          notFoundEntity(item.entityType, item.entityName).message,
        );
      }
      const attributes = item.attributes ?? {};
      const unknown = Object.keys(attributes).filter(
        name => !def.attributeDefs.some(a => a.name === name),
      );
      if (unknown.length > 0) {
        return fail(
          400,
          `Invalid attribute ${unknown[0]} for business metadata ${def.name}`,
        );
      }
      const missing = def.attributeDefs.filter(
        a => !a.isOptional && !(a.name in attributes),
      );
      if (missing.length > 0) {
        return fail(
          400,
          `Missing mandatory attribute ${missing[0].name} for business metadata ${def.name}`,
        );
      }
      const key = entityKey(item.entityType, item.entityName);
      (registry.entityBusinessMetadata[key] ??= {})[def.name] = attributes;
      return echo;
    });
    this.#store.changed();
    return results;
  }

  businessMetadata(
    registryId: string,
    entityType: string,
    qualifiedName: string,
  ) {
    this.requireEntity(registryId, entityType, qualifiedName);
    const registry = this.#schemaRegistry.registry(registryId);
    const values =
      registry.entityBusinessMetadata[entityKey(entityType, qualifiedName)] ??
      {};
    return Object.entries(values).map(([typeName, attributes]) => ({
      typeName,
      attributes,
      entityType,
      entityName: qualifiedName,
    }));
  }

  removeBusinessMetadata(
    registryId: string,
    entityType: string,
    qualifiedName: string,
    name: string,
  ) {
    const registry = this.#schemaRegistry.registry(registryId);
    this.requireEntity(registryId, entityType, qualifiedName);
    const values =
      registry.entityBusinessMetadata[entityKey(entityType, qualifiedName)];
    if (values) delete values[name];
    this.#store.changed();
  }
}

/** An entity's `name` attribute: the last part of its qualified name. */
function nameOf(entityType: string, qualifiedName: string): string {
  const parts = qualifiedName.split(':');
  switch (entityType) {
    case 'kafka_topic':
      return parts.slice(2).join(':');
    case 'sr_schema':
      return parts[2] ?? qualifiedName;
    case 'sr_record':
    case 'sr_field':
      return parts.slice(3).join(':').split('.').pop() ?? qualifiedName;
    default:
      return parts[parts.length - 1];
  }
}

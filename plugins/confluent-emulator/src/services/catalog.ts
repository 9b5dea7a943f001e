import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/errors';
import type {
  BusinessMetadataAttributeDef,
  BusinessMetadataDefRecord,
  SchemaRegistryRecord,
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

/**
 * Stream Catalog: tag and business metadata definitions, and their values on
 * entities (topics `<lsrc>:<lkc>:<topic>`, schemas `<lsrc>:.:<id>`, fields
 * `<lsrc>:.:<id>:<record>.<field>`).
 */
export class CatalogService {
  readonly #store: EmulatorStore;
  readonly #schemaRegistry: SchemaRegistryService;

  constructor(store: EmulatorStore, schemaRegistry: SchemaRegistryService) {
    this.#store = store;
    this.#schemaRegistry = schemaRegistry;
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
      case 'sr_record':
      case 'sr_field':
        return parts[1] === '.' && Boolean(registry.schemas[parts[2]]);
      case 'sr_subject_version':
        return (
          parts[1] === '.' &&
          Boolean(registry.subjects[parts.slice(2, -1).join(':')])
        );
      default:
        return false;
    }
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

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
import { InputError, NotFoundError } from '@backstage/errors';
import {
  HttpTransport,
  ConfluentCallOptions,
  TransportRequest,
} from '../http/transport';
import { getArray, isObject, requireName, seg } from './common';

/**
 * Stream Catalog entity types the suite uses.
 * @public
 */
export const CATALOG_ENTITY_TYPES = {
  topic: 'kafka_topic',
  schema: 'sr_schema',
  record: 'sr_record',
  field: 'sr_field',
} as const;

/**
 * Qualified name of a topic in the Stream Catalog: `<lsrc>:<lkc>:<topic>`.
 * @public
 */
export function topicQualifiedName(
  schemaRegistryId: string,
  kafkaClusterId: string,
  topic: string,
): string {
  return `${schemaRegistryId}:${kafkaClusterId}:${topic}`;
}

/**
 * Qualified name of a schema: `<lsrc>:.:<schemaId>` (the `.` is the default
 * schema context).
 * @public
 */
export function schemaQualifiedName(
  schemaRegistryId: string,
  schemaId: number,
): string {
  return `${schemaRegistryId}:.:${schemaId}`;
}

/**
 * Qualified name of a schema field (entity type `sr_field`):
 * `<lsrc>:.:<schemaId>:<namespace.Record>.<field>`. Confluent does not
 * document this format; it is the one reported in public examples, and the
 * suite's emulator uses the same.
 * @public
 */
export function schemaFieldQualifiedName(
  schemaRegistryId: string,
  schemaId: number,
  recordFullName: string,
  fieldName: string,
): string {
  return `${schemaQualifiedName(
    schemaRegistryId,
    schemaId,
  )}:${recordFullName}.${fieldName}`;
}

/**
 * A per-item failure of a batch catalog call.
 * @public
 */
export interface CatalogItemError {
  error_code?: number;
  message?: string;
}

/** @public */
export interface CatalogAttributeDef {
  name: string;
  /** E.g. `string`. */
  typeName: string;
  isOptional?: boolean;
  cardinality?: 'SINGLE' | 'LIST' | 'SET';
  isUnique?: boolean;
  isIndexable?: boolean;
  defaultValue?: string;
  options?: Record<string, string>;
  description?: string;
}

/**
 * A tag definition.
 * @public
 */
export interface TagDef {
  name: string;
  description?: string;
  /** Entity types the tag applies to; `cf_entity` for all of them. */
  entityTypes?: string[];
  attributeDefs?: CatalogAttributeDef[];
  color?: string;
  category?: string;
  guid?: string;
  createdBy?: string;
  createTime?: number;
  updateTime?: number;
  version?: number;
  error?: CatalogItemError;
}

/**
 * A tag on an entity.
 * @public
 */
export interface Tag {
  /** The tag name, e.g. `PII`. */
  typeName: string;
  /** E.g. `kafka_topic` or `sr_field`. */
  entityType: string;
  /** The entity's qualified name. */
  entityName: string;
  attributes?: Record<string, unknown>;
  propagate?: boolean;
}

/**
 * A tag as the catalog reports it.
 * @public
 */
export interface TagResponse extends Tag {
  entityGuid?: string;
  entityStatus?: 'ACTIVE' | 'DELETED' | 'PURGED' | (string & {});
  error?: CatalogItemError;
}

/**
 * A business metadata definition.
 * @public
 */
export interface BusinessMetadataDef {
  name: string;
  description?: string;
  attributeDefs: CatalogAttributeDef[];
  /** Where the definition applies, e.g. `{ applicableEntityTypes: '["kafka_topic"]' }`. */
  options?: Record<string, string>;
  category?: string;
  guid?: string;
  createTime?: number;
  updateTime?: number;
  version?: number;
  error?: CatalogItemError;
}

/**
 * Business metadata on an entity.
 * @public
 */
export interface BusinessMetadata {
  /** The business metadata name, e.g. `backstage_ownership`. */
  typeName: string;
  entityType: string;
  entityName: string;
  attributes: Record<string, unknown>;
}

/**
 * Business metadata as the catalog reports it.
 * @public
 */
export interface BusinessMetadataResponse extends BusinessMetadata {
  error?: CatalogItemError;
}

/**
 * A search of the catalog: `GET /catalog/v1/search/basic`, or
 * `GET /catalog/v1/search/attribute` when `attributeName` is given.
 * @public
 */
export interface CatalogSearchFilter {
  /** Entity types, e.g. `['sr_field']`. Default: every type. */
  types?: string[];
  /** Only entities carrying this tag, e.g. `PII`. */
  tag?: string;
  /** Full-text query on the entities' names (basic search only). */
  query?: string;
  /** Include deleted entities. Default: `false`. */
  deleted?: boolean;
  /**
   * Attributes to return in each entity's `attributes` (`attr`); a business
   * metadata attribute is `<businessMetadata>.<attribute>`, e.g.
   * `backstage_ownership.owner`.
   */
  attributes?: string[];
  /** Only entities with this attribute set (`attrName`): an attribute search. */
  attributeName?: string;
  /** With `attributeName`: only values starting with this (`attrValuePrefix`). */
  attributeValuePrefix?: string;
}

/**
 * One page of a catalog search.
 * @public
 */
export interface CatalogSearchOptions
  extends CatalogSearchFilter,
    ConfluentCallOptions {
  /** Entities to return, at most 500. Default: the catalog's (100). */
  limit?: number;
  /** Entities to skip. Default: `0`. */
  offset?: number;
}

/**
 * Options of {@link ConfluentStreamCatalogApi.searchAll}.
 * @public
 */
export interface CatalogSearchAllOptions
  extends CatalogSearchFilter,
    ConfluentCallOptions {
  /** Entities asked per request, at most 500. Default: `500`. */
  pageSize?: number;
}

/**
 * An entity found by a search (`EntityHeader`).
 * @public
 */
export interface CatalogEntityHeader {
  /** The entity type, e.g. `sr_field`. */
  typeName: string;
  /** Attributes; `qualifiedName` and `name` at least. */
  attributes: Record<string, unknown> & {
    qualifiedName?: string;
    name?: string;
  };
  guid?: string;
  status?: 'ACTIVE' | 'DELETED' | 'PURGED' | (string & {});
  displayText?: string;
  /** The entity's tags. Normalized: `[]` when the catalog sends none. */
  classificationNames: string[];
}

/** Stream Catalog's largest search page. */
const SEARCH_MAX_PAGE = 500;

/**
 * The Stream Catalog of one environment (on the Schema Registry host, SR API key).
 * @public
 */
export interface ConfluentStreamCatalogApi {
  readonly environmentId: string;
  readonly schemaRegistryId: string;
  /** `<lsrc>:<lkc>:<topic>` for this catalog's registry. */
  topicQualifiedName(kafkaClusterId: string, topic: string): string;

  listTagDefs(
    options?: ConfluentCallOptions & { prefix?: string },
  ): Promise<TagDef[]>;
  /** Creates tag definitions; throws if the catalog rejects any of them. */
  createTagDefs(
    defs: TagDef[],
    options?: ConfluentCallOptions,
  ): Promise<TagDef[]>;
  /** Creates the tag definitions that do not exist yet; returns all of them. */
  ensureTagDefs(
    defs: TagDef[],
    options?: ConfluentCallOptions,
  ): Promise<TagDef[]>;
  /** The tags on one entity. */
  getTags(
    entityType: string,
    qualifiedName: string,
    options?: ConfluentCallOptions,
  ): Promise<TagResponse[]>;
  /** Tags entities (topics, schema fields…); throws if any item is rejected. */
  addTags(tags: Tag[], options?: ConfluentCallOptions): Promise<TagResponse[]>;
  /**
   * One page of entities found by type, tag and name
   * (`GET /catalog/v1/search/basic`), or by attribute, business metadata
   * included (`GET /catalog/v1/search/attribute`). Confluent documents search for schema
   * entities (subjects, records, fields) and advises against polling it to
   * list topics or schemas.
   */
  search(options?: CatalogSearchOptions): Promise<CatalogEntityHeader[]>;
  /**
   * Every entity a search finds, page by page (500 per request): e.g. every
   * schema field tagged `PII` in a few requests, where reading each field's
   * tags costs a request per field. Offsets are positions, so entities
   * tagged or untagged during the search can shift later pages.
   */
  searchAll(options?: CatalogSearchAllOptions): Promise<CatalogEntityHeader[]>;
  removeTag(
    entityType: string,
    qualifiedName: string,
    tagName: string,
    options?: ConfluentCallOptions,
  ): Promise<void>;

  listBusinessMetadataDefs(
    options?: ConfluentCallOptions,
  ): Promise<BusinessMetadataDef[]>;
  createBusinessMetadataDefs(
    defs: BusinessMetadataDef[],
    options?: ConfluentCallOptions,
  ): Promise<BusinessMetadataDef[]>;
  /** Creates the definitions that do not exist yet; returns all of them. */
  ensureBusinessMetadataDefs(
    defs: BusinessMetadataDef[],
    options?: ConfluentCallOptions,
  ): Promise<BusinessMetadataDef[]>;
  /** The business metadata on one entity. */
  getBusinessMetadata(
    entityType: string,
    qualifiedName: string,
    options?: ConfluentCallOptions,
  ): Promise<BusinessMetadataResponse[]>;
  /** Adds business metadata (POST); throws if any item is rejected. */
  addBusinessMetadata(
    items: BusinessMetadata[],
    options?: ConfluentCallOptions,
  ): Promise<BusinessMetadataResponse[]>;
  /** Replaces business metadata attributes (PUT, idempotent). */
  updateBusinessMetadata(
    items: BusinessMetadata[],
    options?: ConfluentCallOptions,
  ): Promise<BusinessMetadataResponse[]>;
  /**
   * Writes business metadata whether or not the entity already has that
   * record: updates the records that exist, adds the others.
   */
  setBusinessMetadata(
    items: BusinessMetadata[],
    options?: ConfluentCallOptions,
  ): Promise<BusinessMetadataResponse[]>;
}

type Item = { error?: unknown };

export class StreamCatalogClient implements ConfluentStreamCatalogApi {
  readonly environmentId: string;
  readonly schemaRegistryId: string;
  readonly #http: HttpTransport;

  constructor(
    http: HttpTransport,
    environmentId: string,
    schemaRegistryId: string,
  ) {
    this.#http = http;
    this.environmentId = environmentId;
    this.schemaRegistryId = schemaRegistryId;
  }

  topicQualifiedName(kafkaClusterId: string, topic: string) {
    return topicQualifiedName(this.schemaRegistryId, kafkaClusterId, topic);
  }

  async search(
    options: CatalogSearchOptions = {},
  ): Promise<CatalogEntityHeader[]> {
    const { limit, offset } = options;
    if (
      limit !== undefined &&
      (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_PAGE)
    ) {
      throw new InputError(
        `Search limit must be an integer from 1 to ${SEARCH_MAX_PAGE}`,
      );
    }
    if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
      throw new InputError('Search offset must be a non-negative integer');
    }
    const byAttribute = options.attributeName !== undefined;
    if (byAttribute && options.query !== undefined) {
      throw new InputError(
        'A catalog search takes either a query or an attribute name, not both',
      );
    }
    const req = {
      operation: 'search',
      method: 'GET' as const,
      path: byAttribute
        ? '/catalog/v1/search/attribute'
        : '/catalog/v1/search/basic',
      query: {
        type: options.types,
        tag: options.tag,
        query: options.query,
        deleted: options.deleted,
        attr: options.attributes,
        attrName: options.attributeName,
        attrValuePrefix: options.attributeValuePrefix,
        limit,
        offset,
      },
      signal: options.signal,
    };
    const res = await this.#http.request<unknown>(req);
    const body = res.data as { entities?: unknown } | undefined;
    if (
      !body ||
      typeof body !== 'object' ||
      (body.entities !== undefined && !Array.isArray(body.entities))
    ) {
      throw this.#http.invalidResponse(
        req,
        res,
        'expected a search result with an entities array',
      );
    }
    // Atlas leaves `entities` out when nothing matched.
    return ((body.entities ?? []) as unknown[]).map(raw => {
      const e = (raw ?? {}) as Record<string, unknown>;
      if (typeof e.typeName !== 'string') {
        throw this.#http.invalidResponse(
          req,
          res,
          'expected entities with a typeName',
        );
      }
      return {
        ...(e as unknown as CatalogEntityHeader),
        attributes:
          e.attributes && typeof e.attributes === 'object'
            ? (e.attributes as CatalogEntityHeader['attributes'])
            : {},
        classificationNames: Array.isArray(e.classificationNames)
          ? e.classificationNames.filter(
              (n): n is string => typeof n === 'string',
            )
          : [],
      };
    });
  }

  async searchAll(
    options: CatalogSearchAllOptions = {},
  ): Promise<CatalogEntityHeader[]> {
    const { pageSize = SEARCH_MAX_PAGE, ...filter } = options;
    const out: CatalogEntityHeader[] = [];
    const seen = new Set<string>();
    let offset = 0;
    // As with Schema Registry's listing: only an empty page, or one shorter
    // than an earlier page, proves the end.
    let largest = 0;
    for (;;) {
      const page = await this.search({ ...filter, offset, limit: pageSize });
      const before = out.length;
      for (const entity of page) {
        const key = `${entity.typeName}|${
          entity.guid ??
          entity.attributes.qualifiedName ??
          JSON.stringify(entity)
        }`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(entity);
        }
      }
      // A page of nothing new means a catalog that ignores `offset`: stop
      // rather than ask for the same page forever.
      if (page.length === 0 || page.length < largest || out.length === before) {
        return out;
      }
      largest = Math.max(largest, page.length);
      offset += page.length;
    }
  }

  listTagDefs(options: ConfluentCallOptions & { prefix?: string } = {}) {
    return getArray<TagDef>(this.#http, {
      operation: 'listTagDefs',
      method: 'GET',
      path: '/catalog/v1/types/tagdefs',
      query: { prefix: options.prefix },
      signal: options.signal,
    });
  }

  createTagDefs(defs: TagDef[], options: ConfluentCallOptions = {}) {
    this.#checkNamed(defs, 'tag definitions');
    return this.#batch<TagDef>(
      {
        operation: 'createTagDefs',
        method: 'POST',
        path: '/catalog/v1/types/tagdefs',
        resource: `tag definitions ${defs.map(d => `'${d.name}'`).join(', ')}`,
        signal: options.signal,
      },
      defs,
    );
  }

  async ensureTagDefs(defs: TagDef[], options: ConfluentCallOptions = {}) {
    this.#checkNamed(defs, 'tag definitions');
    const existing = await this.listTagDefs(options);
    const names = new Set(existing.map(d => d.name));
    const missing = defs.filter(d => !names.has(d.name));
    const created = missing.length
      ? await this.createTagDefs(missing, options)
      : [];
    const wanted = new Set(defs.map(d => d.name));
    return [...existing.filter(d => wanted.has(d.name)), ...created];
  }

  getTags(
    entityType: string,
    qualifiedName: string,
    options: ConfluentCallOptions = {},
  ) {
    return getArray<TagResponse>(
      this.#http,
      this.#entityReq('getTags', entityType, qualifiedName, '/tags', options),
    );
  }

  addTags(tags: Tag[], options: ConfluentCallOptions = {}) {
    this.#checkEntities(tags, 'tags');
    return this.#batch<TagResponse>(
      {
        operation: 'addTags',
        method: 'POST',
        path: '/catalog/v1/entity/tags',
        resource: describeItems(tags),
        signal: options.signal,
      },
      tags,
    );
  }

  async removeTag(
    entityType: string,
    qualifiedName: string,
    tagName: string,
    options: ConfluentCallOptions = {},
  ) {
    requireName(tagName, 'tag name');
    await this.#http.request(
      this.#entityReq(
        'removeTag',
        entityType,
        qualifiedName,
        `/tags/${seg(tagName)}`,
        options,
        'DELETE',
      ),
    );
  }

  listBusinessMetadataDefs(options: ConfluentCallOptions = {}) {
    return getArray<BusinessMetadataDef>(this.#http, {
      operation: 'listBusinessMetadataDefs',
      method: 'GET',
      path: '/catalog/v1/types/businessmetadatadefs',
      signal: options.signal,
    });
  }

  createBusinessMetadataDefs(
    defs: BusinessMetadataDef[],
    options: ConfluentCallOptions = {},
  ) {
    this.#checkNamed(defs, 'business metadata definitions');
    return this.#batch<BusinessMetadataDef>(
      {
        operation: 'createBusinessMetadataDefs',
        method: 'POST',
        path: '/catalog/v1/types/businessmetadatadefs',
        resource: `business metadata definitions ${defs
          .map(d => `'${d.name}'`)
          .join(', ')}`,
        signal: options.signal,
      },
      defs,
    );
  }

  async ensureBusinessMetadataDefs(
    defs: BusinessMetadataDef[],
    options: ConfluentCallOptions = {},
  ) {
    this.#checkNamed(defs, 'business metadata definitions');
    const existing = await this.listBusinessMetadataDefs(options);
    const names = new Set(existing.map(d => d.name));
    const missing = defs.filter(d => !names.has(d.name));
    const created = missing.length
      ? await this.createBusinessMetadataDefs(missing, options)
      : [];
    const wanted = new Set(defs.map(d => d.name));
    return [...existing.filter(d => wanted.has(d.name)), ...created];
  }

  getBusinessMetadata(
    entityType: string,
    qualifiedName: string,
    options: ConfluentCallOptions = {},
  ) {
    return getArray<BusinessMetadataResponse>(
      this.#http,
      this.#entityReq(
        'getBusinessMetadata',
        entityType,
        qualifiedName,
        '/businessmetadata',
        options,
      ),
    );
  }

  addBusinessMetadata(
    items: BusinessMetadata[],
    options: ConfluentCallOptions = {},
  ) {
    return this.#writeBusinessMetadata(
      'addBusinessMetadata',
      'POST',
      items,
      options,
    );
  }

  updateBusinessMetadata(
    items: BusinessMetadata[],
    options: ConfluentCallOptions = {},
  ) {
    return this.#writeBusinessMetadata(
      'updateBusinessMetadata',
      'PUT',
      items,
      options,
    );
  }

  async setBusinessMetadata(
    items: BusinessMetadata[],
    options: ConfluentCallOptions = {},
  ) {
    this.#checkEntities(items, 'business metadata');
    const existing = new Set<string>();
    const entities = new Map(
      items.map(i => [`${i.entityType}\u0000${i.entityName}`, i] as const),
    );
    for (const [key, item] of entities) {
      let current: BusinessMetadataResponse[];
      try {
        current = await this.getBusinessMetadata(
          item.entityType,
          item.entityName,
          options,
        );
      } catch (error) {
        // An entity with no business metadata may answer 404 on some
        // catalogs; the POST below then reports a real absence clearly.
        if (NotFoundError.is(error)) continue;
        throw error;
      }
      for (const bm of current) existing.add(`${key}\u0000${bm.typeName}`);
    }
    const has = (i: BusinessMetadata) =>
      existing.has(`${i.entityType}\u0000${i.entityName}\u0000${i.typeName}`);
    const toUpdate = items.filter(has);
    const toAdd = items.filter(i => !has(i));
    return [
      ...(toUpdate.length
        ? await this.updateBusinessMetadata(toUpdate, options)
        : []),
      ...(toAdd.length ? await this.addBusinessMetadata(toAdd, options) : []),
    ];
  }

  #writeBusinessMetadata(
    operation: string,
    method: 'POST' | 'PUT',
    items: BusinessMetadata[],
    options: ConfluentCallOptions,
  ) {
    this.#checkEntities(items, 'business metadata');
    return this.#batch<BusinessMetadataResponse>(
      {
        operation,
        method,
        path: '/catalog/v1/entity/businessmetadata',
        resource: describeItems(items),
        signal: options.signal,
      },
      items,
    );
  }

  /** A batch write: 200 with one result per item, some possibly in error. */
  async #batch<T extends Item>(
    req: TransportRequest,
    body: unknown[],
  ): Promise<T[]> {
    const full = { ...req, body };
    const res = await this.#http.request<unknown>(full);
    if (!Array.isArray(res.data)) {
      throw this.#http.invalidResponse(full, res, 'expected a JSON array');
    }
    const items = res.data as T[];
    const failed = items.find(i => isObject(i) && isObject(i.error));
    if (failed) {
      throw this.#http.itemError(full, res, failed.error as CatalogItemError);
    }
    return items;
  }

  #entityReq(
    operation: string,
    entityType: string,
    qualifiedName: string,
    suffix: string,
    options: ConfluentCallOptions,
    method: 'GET' | 'DELETE' = 'GET',
  ): TransportRequest {
    requireName(entityType, 'entity type');
    requireName(qualifiedName, 'qualified name');
    return {
      operation,
      method,
      path: `/catalog/v1/entity/type/${seg(entityType)}/name/${seg(
        qualifiedName,
      )}${suffix}`,
      resource: `${entityType} '${qualifiedName}'`,
      signal: options.signal,
    };
  }

  #checkNamed(defs: Array<{ name?: unknown }>, what: string) {
    if (!Array.isArray(defs) || defs.length === 0) {
      throw new InputError(`At least one of the ${what} is required`);
    }
    defs.forEach((d, i) => requireName(d?.name, `${what}[${i}].name`));
  }

  #checkEntities(
    items: Array<{
      typeName?: unknown;
      entityType?: unknown;
      entityName?: unknown;
    }>,
    what: string,
  ) {
    if (!Array.isArray(items) || items.length === 0) {
      throw new InputError(`At least one item of ${what} is required`);
    }
    items.forEach((item, i) => {
      requireName(item?.typeName, `${what}[${i}].typeName`);
      requireName(item?.entityType, `${what}[${i}].entityType`);
      requireName(item?.entityName, `${what}[${i}].entityName`);
    });
  }
}

function describeItems(
  items: Array<{ typeName: string; entityName: string }>,
): string {
  const first = items[0];
  const more = items.length > 1 ? ` and ${items.length - 1} more` : '';
  return `'${first.typeName}' on '${first.entityName}'${more}`;
}

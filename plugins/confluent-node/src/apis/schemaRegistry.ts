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
import { InputError } from '@backstage/errors';
import { HttpTransport, ConfluentCallOptions } from '../http/transport';
import {
  expectObject,
  getArray,
  getObject,
  isObject,
  requireName,
  seg,
} from './common';

/**
 * Schema formats. A schema without `schemaType` is AVRO.
 * @public
 */
export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF' | (string & {});

/** @public */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/**
 * Data-contract metadata of a schema version. Normalized: every field is
 * present, empty when the registry sent none.
 * @public
 */
export interface SchemaMetadata {
  /** Tags by field path, e.g. `{ "Customer.email": ["PII"] }`. */
  tags: Record<string, string[]>;
  properties: Record<string, string>;
  /** Names of properties whose values are sensitive. */
  sensitive: string[];
}

/**
 * A data-contract rule set (passed through as the registry sends it).
 * @public
 */
export interface SchemaRuleSet {
  migrationRules?: Array<Record<string, unknown>>;
  domainRules?: Array<Record<string, unknown>>;
  encodingRules?: Array<Record<string, unknown>>;
}

/**
 * One version of a subject, normalized: `schemaType` defaults to AVRO,
 * `references` to `[]`, `metadata` to empty maps.
 * @public
 */
export interface Schema {
  subject: string;
  version: number;
  /** The globally unique schema id. */
  id: number;
  schemaType: SchemaType;
  /** The schema text (Avro JSON, JSON Schema or Protobuf source). */
  schema: string;
  references: SchemaReference[];
  metadata: SchemaMetadata;
  ruleSet?: SchemaRuleSet;
  guid?: string;
  ts?: number;
  deleted?: boolean;
}

/**
 * A schema looked up by id (`GET /schemas/ids/{id}`), normalized like
 * {@link Schema}; subject and version are only present when the registry
 * sends them.
 * @public
 */
export interface SchemaById {
  id: number;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
  metadata: SchemaMetadata;
  ruleSet?: SchemaRuleSet;
  subject?: string;
  version?: number;
  guid?: string;
}

/**
 * A schema to register.
 * @public
 */
export interface RegisterSchemaRequest {
  schema: string;
  /** Default: `AVRO`. */
  schemaType?: SchemaType;
  references?: SchemaReference[];
  metadata?: Partial<SchemaMetadata>;
  ruleSet?: SchemaRuleSet;
}

/**
 * The answer to a registration: the schema id (the same id again when the
 * subject already holds this schema).
 * @public
 */
export interface RegisteredSchema {
  id: number;
  version?: number;
  schemaType?: SchemaType;
  guid?: string;
}

/**
 * A subject version: a number, or `latest`.
 * @public
 */
export type SchemaVersion = number | 'latest';

/**
 * Filters of `GET /schemas`, shared by {@link ConfluentSchemaRegistryApi.listSchemas}
 * and {@link ConfluentSchemaRegistryApi.listAllSchemas}.
 * @public
 */
export interface SchemaListFilter {
  /** Only subjects starting with this prefix. Default: all subjects. */
  subjectPrefix?: string;
  /** Only each subject's latest version. Default: `false` (every version). */
  latestOnly?: boolean;
  /** Include soft-deleted versions. Default: `false`. */
  deleted?: boolean;
}

/**
 * One page of `GET /schemas`.
 * @public
 */
export interface ListSchemasOptions
  extends SchemaListFilter,
    ConfluentCallOptions {
  /** Items to skip. Default: `0`. */
  offset?: number;
  /**
   * Items to return. Default: the registry's default page
   * (`schema.search.default.limit`, 1000 in Schema Registry); the registry
   * also caps it (`schema.search.max.limit`, 1000).
   */
  limit?: number;
}

/**
 * Options of {@link ConfluentSchemaRegistryApi.listAllSchemas}.
 * @public
 */
export interface ListAllSchemasOptions
  extends SchemaListFilter,
    ConfluentCallOptions {
  /**
   * Items asked per request. Default: `1000`, Schema Registry's largest
   * page. A registry that caps pages lower is still read completely.
   */
  pageSize?: number;
}

/** Schema Registry's default and largest `/schemas` page. */
const DEFAULT_SCHEMA_PAGE_SIZE = 1000;

/**
 * The Schema Registry of one environment (SR API key).
 * @public
 */
export interface ConfluentSchemaRegistryApi {
  readonly environmentId: string;
  /** The Schema Registry cluster id, `lsrc-…`. */
  readonly schemaRegistryId: string;
  listSubjects(
    options?: ConfluentCallOptions & { prefix?: string; deleted?: boolean },
  ): Promise<string[]>;
  /**
   * The versions of a subject; soft-deleted ones only with
   * `deleted: true`.
   */
  listVersions(
    subject: string,
    options?: ConfluentCallOptions & { deleted?: boolean },
  ): Promise<number[]>;
  getSchema(
    subject: string,
    version: SchemaVersion,
    options?: ConfluentCallOptions,
  ): Promise<Schema>;
  getLatestSchema(
    subject: string,
    options?: ConfluentCallOptions,
  ): Promise<Schema>;
  getSchemaById(
    id: number,
    options?: ConfluentCallOptions & { subject?: string },
  ): Promise<SchemaById>;
  /**
   * One page of schemas (`GET /schemas`), in subject then version order,
   * with their ids, text, references, metadata and rule sets.
   */
  listSchemas(options?: ListSchemasOptions): Promise<Schema[]>;
  /**
   * Every schema matching the filter, read page by page with `offset` and
   * `limit` (a few requests for thousands of subjects, where reading each
   * subject's latest version costs one request per subject). A subject
   * registered or deleted while the pages are read can shift later pages:
   * a version is then missed or listed twice; duplicates are dropped.
   */
  listAllSchemas(options?: ListAllSchemasOptions): Promise<Schema[]>;
  /**
   * Registers a schema under a subject. Safe to repeat (the registry returns
   * the existing id for a schema it already holds), so it is retried like a GET.
   */
  registerSchema(
    subject: string,
    request: RegisterSchemaRequest,
    options?: ConfluentCallOptions & { normalize?: boolean },
  ): Promise<RegisteredSchema>;
  /**
   * Whether `request` could be registered under `subject` at the
   * registry's compatibility level, against one version (`latest` or a
   * number) or, without one, the versions the level compares with.
   * Registers nothing; the reasons come back when the schema is not
   * compatible.
   */
  testCompatibility(
    subject: string,
    request: RegisterSchemaRequest,
    options?: ConfluentCallOptions & { version?: SchemaVersion },
  ): Promise<SchemaCompatibility>;
  /** Deletes a subject; returns the versions deleted. */
  deleteSubject(
    subject: string,
    options?: ConfluentCallOptions & { permanent?: boolean },
  ): Promise<number[]>;
  /**
   * Deletes one version of a subject (`DELETE
   * /subjects/{subject}/versions/{version}`); returns its number. A soft
   * delete hides the version from reads and compatibility checks, and its
   * schema id still decodes data; `permanent: true` then removes it for
   * good (the registry refuses a permanent delete of a version not soft
   * deleted first). An unknown subject or version is a `NotFoundError`
   * (codes 40401, 40402).
   */
  deleteSchemaVersion(
    subject: string,
    version: SchemaVersion,
    options?: ConfluentCallOptions & { permanent?: boolean },
  ): Promise<number>;
}

/**
 * Schema Registry's compatibility verdict for a schema.
 * @public
 */
export interface SchemaCompatibility {
  compatible: boolean;
  /** Why not, one message per broken rule (empty when compatible). */
  messages: string[];
}

const SR_JSON = 'application/vnd.schemaregistry.v1+json';

/** A schema as Schema Registry takes it, AVRO's defaults left out. */
function schemaBody(request: RegisterSchemaRequest) {
  return {
    schema: request.schema,
    ...(request.schemaType ? { schemaType: request.schemaType } : {}),
    ...(request.references?.length ? { references: request.references } : {}),
  };
}

function normalizeMetadata(raw: unknown): SchemaMetadata {
  const m = isObject(raw) ? raw : {};
  return {
    tags: isObject(m.tags) ? (m.tags as Record<string, string[]>) : {},
    properties: isObject(m.properties)
      ? (m.properties as Record<string, string>)
      : {},
    sensitive: Array.isArray(m.sensitive) ? (m.sensitive as string[]) : [],
  };
}

function normalizeCommon(raw: Record<string, unknown>) {
  return {
    schemaType: (typeof raw.schemaType === 'string' && raw.schemaType
      ? raw.schemaType
      : 'AVRO') as SchemaType,
    references: Array.isArray(raw.references)
      ? (raw.references as SchemaReference[])
      : [],
    metadata: normalizeMetadata(raw.metadata),
    ...(isObject(raw.ruleSet) ? { ruleSet: raw.ruleSet as SchemaRuleSet } : {}),
  };
}

/** A `Schema` from a version read or a `/schemas` item, normalized. */
function toSchema(
  raw: Record<string, unknown>,
  subject: string,
  version: number,
): Schema {
  return {
    ...(raw as unknown as Schema),
    subject: typeof raw.subject === 'string' ? raw.subject : subject,
    version: typeof raw.version === 'number' ? raw.version : version,
    ...normalizeCommon(raw),
  };
}

function checkCount(value: unknown, what: string, min: number) {
  if (
    value !== undefined &&
    (!Number.isInteger(value) || (value as number) < min)
  ) {
    throw new InputError(`${what} must be an integer of at least ${min}`);
  }
}

function checkVersion(version: SchemaVersion): string {
  if (version === 'latest') return 'latest';
  if (Number.isInteger(version) && (version as number) > 0)
    return String(version);
  throw new InputError(`Schema version must be a positive integer or 'latest'`);
}

export class SchemaRegistryClient implements ConfluentSchemaRegistryApi {
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

  async listSubjects(
    options: ConfluentCallOptions & { prefix?: string; deleted?: boolean } = {},
  ) {
    const subjects = await getArray<unknown>(this.#http, {
      operation: 'listSubjects',
      method: 'GET',
      path: '/subjects',
      query: { subjectPrefix: options.prefix, deleted: options.deleted },
      signal: options.signal,
    });
    return subjects.filter((s): s is string => typeof s === 'string');
  }

  async listVersions(
    subject: string,
    options: ConfluentCallOptions & { deleted?: boolean } = {},
  ) {
    requireName(subject, 'subject');
    const versions = await getArray<unknown>(this.#http, {
      operation: 'listVersions',
      method: 'GET',
      path: `/subjects/${seg(subject)}/versions`,
      query: { deleted: options.deleted },
      resource: `subject '${subject}'`,
      signal: options.signal,
    });
    return versions.filter((v): v is number => typeof v === 'number');
  }

  async getSchema(
    subject: string,
    version: SchemaVersion,
    options: ConfluentCallOptions = {},
  ): Promise<Schema> {
    requireName(subject, 'subject');
    const v = checkVersion(version);
    const req = {
      operation: 'getSchema',
      method: 'GET' as const,
      path: `/subjects/${seg(subject)}/versions/${v}`,
      resource: `subject '${subject}' version ${v}`,
      signal: options.signal,
    };
    const res = await this.#http.request<unknown>(req);
    const raw = expectObject<Record<string, unknown>>(this.#http, req, res);
    if (typeof raw.schema !== 'string' || typeof raw.id !== 'number') {
      throw this.#http.invalidResponse(
        req,
        res,
        'expected a schema with id and schema text',
      );
    }
    return toSchema(raw, subject, Number(v));
  }

  async listSchemas(options: ListSchemasOptions = {}): Promise<Schema[]> {
    checkCount(options.offset, 'offset', 0);
    checkCount(options.limit, 'limit', 1);
    const req = {
      operation: 'listSchemas',
      method: 'GET' as const,
      path: '/schemas',
      query: {
        subjectPrefix: options.subjectPrefix,
        latestOnly: options.latestOnly,
        deleted: options.deleted,
        offset: options.offset,
        limit: options.limit,
      },
      signal: options.signal,
    };
    const res = await this.#http.request<unknown>(req);
    if (!Array.isArray(res.data)) {
      throw this.#http.invalidResponse(req, res, 'expected a JSON array');
    }
    return res.data.map(item => {
      if (
        !isObject(item) ||
        typeof item.subject !== 'string' ||
        typeof item.version !== 'number' ||
        typeof item.id !== 'number' ||
        typeof item.schema !== 'string'
      ) {
        throw this.#http.invalidResponse(
          req,
          res,
          'expected schemas with subject, version, id and schema text',
        );
      }
      return toSchema(item, item.subject, item.version);
    });
  }

  async listAllSchemas(options: ListAllSchemasOptions = {}): Promise<Schema[]> {
    const { pageSize = DEFAULT_SCHEMA_PAGE_SIZE, ...filter } = options;
    checkCount(pageSize, 'pageSize', 1);
    const out: Schema[] = [];
    const seen = new Set<string>();
    let offset = 0;
    // The largest page answered so far: a registry may cap `limit` below
    // what was asked, so only an empty page, or one shorter than an earlier
    // one, proves the end (a small registry costs one extra request).
    let largest = 0;
    for (;;) {
      const page = await this.listSchemas({
        ...filter,
        offset,
        limit: pageSize,
      });
      const before = out.length;
      for (const schema of page) {
        const key = `${schema.subject}\u0000${schema.version}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(schema);
        }
      }
      // A page of nothing new means a registry that ignores `offset`:
      // stop rather than ask for the same page forever.
      if (page.length === 0 || page.length < largest || out.length === before) {
        return out;
      }
      largest = Math.max(largest, page.length);
      offset += page.length;
    }
  }

  getLatestSchema(subject: string, options: ConfluentCallOptions = {}) {
    return this.getSchema(subject, 'latest', options);
  }

  async getSchemaById(
    id: number,
    options: ConfluentCallOptions & { subject?: string } = {},
  ): Promise<SchemaById> {
    if (!Number.isInteger(id) || id < 0) {
      throw new InputError('Schema id must be a non-negative integer');
    }
    const raw = await getObject<Record<string, unknown>>(this.#http, {
      operation: 'getSchemaById',
      method: 'GET',
      path: `/schemas/ids/${id}`,
      query: { subject: options.subject },
      resource: `schema id ${id}`,
      signal: options.signal,
    });
    return {
      ...(raw as unknown as SchemaById),
      id,
      schema: String(raw.schema ?? ''),
      ...normalizeCommon(raw),
    };
  }

  async testCompatibility(
    subject: string,
    request: RegisterSchemaRequest,
    options: ConfluentCallOptions & { version?: SchemaVersion } = {},
  ): Promise<SchemaCompatibility> {
    requireName(subject, 'subject');
    const version =
      options.version === undefined ? '' : `/${seg(String(options.version))}`;
    const req = {
      operation: 'testCompatibility',
      method: 'POST' as const,
      path: `/compatibility/subjects/${seg(subject)}/versions${version}`,
      query: { verbose: true },
      resource: `subject '${subject}'`,
      headers: { 'Content-Type': SR_JSON },
      // A check changes nothing, so it is retried like a GET.
      idempotent: true,
      signal: options.signal,
      body: schemaBody(request),
    };
    const res = await this.#http.request<unknown>(req);
    const body = expectObject<{ is_compatible?: unknown; messages?: unknown }>(
      this.#http,
      req,
      res,
    );
    if (typeof body.is_compatible !== 'boolean') {
      throw this.#http.invalidResponse(req, res, 'expected is_compatible');
    }
    return {
      compatible: body.is_compatible,
      messages: Array.isArray(body.messages) ? body.messages.map(String) : [],
    };
  }

  async registerSchema(
    subject: string,
    request: RegisterSchemaRequest,
    options: ConfluentCallOptions & { normalize?: boolean } = {},
  ): Promise<RegisteredSchema> {
    requireName(subject, 'subject');
    if (typeof request?.schema !== 'string' || !request.schema.trim()) {
      throw new InputError(
        `Schema for subject '${subject}' must be non-empty text`,
      );
    }
    const req = {
      operation: 'registerSchema',
      method: 'POST' as const,
      path: `/subjects/${seg(subject)}/versions`,
      query: { normalize: options.normalize },
      resource: `subject '${subject}'`,
      headers: { 'Content-Type': SR_JSON },
      idempotent: true,
      signal: options.signal,
      body: {
        ...schemaBody(request),
        ...(request.metadata ? { metadata: request.metadata } : {}),
        ...(request.ruleSet ? { ruleSet: request.ruleSet } : {}),
      },
    };
    const res = await this.#http.request<unknown>(req);
    const body = expectObject<RegisteredSchema>(this.#http, req, res);
    if (typeof body.id !== 'number') {
      throw this.#http.invalidResponse(
        req,
        res,
        'expected the registered schema id',
      );
    }
    return body;
  }

  async deleteSubject(
    subject: string,
    options: ConfluentCallOptions & { permanent?: boolean } = {},
  ) {
    requireName(subject, 'subject');
    const versions = await getArray<unknown>(this.#http, {
      operation: 'deleteSubject',
      method: 'DELETE',
      path: `/subjects/${seg(subject)}`,
      query: { permanent: options.permanent },
      resource: `subject '${subject}'`,
      signal: options.signal,
    });
    return versions.filter((v): v is number => typeof v === 'number');
  }

  async deleteSchemaVersion(
    subject: string,
    version: SchemaVersion,
    options: ConfluentCallOptions & { permanent?: boolean } = {},
  ): Promise<number> {
    requireName(subject, 'subject');
    const v = checkVersion(version);
    const req = {
      operation: 'deleteSchemaVersion',
      method: 'DELETE' as const,
      path: `/subjects/${seg(subject)}/versions/${v}`,
      query: { permanent: options.permanent },
      resource: `subject '${subject}' version ${v}`,
      signal: options.signal,
    };
    const res = await this.#http.request<unknown>(req);
    if (typeof res.data !== 'number' || !Number.isInteger(res.data)) {
      throw this.#http.invalidResponse(
        req,
        res,
        'expected the deleted version number',
      );
    }
    return res.data;
  }
}

import avro from 'avsc';
import { ApiError } from '../http/errors';
import type {
  SchemaReference,
  SchemaRegistryRecord,
  SchemaType,
  StoredSchema,
  SubjectVersion,
} from '../state/model';
import type { EmulatorStore } from '../state/store';

/** A schema to register, as `POST /subjects/{subject}/versions` takes it. */
export interface SchemaInput {
  schema: string;
  schemaType?: string;
  references?: SchemaReference[];
}

/** A subject's version joined with its schema. */
export interface ResolvedVersion {
  subject: string;
  version: number;
  deleted: boolean;
  schema: StoredSchema;
}

const SCHEMA_TYPES: readonly SchemaType[] = ['AVRO', 'JSON', 'PROTOBUF'];

// Confluent Cloud hands out ids from 100001 up.
export const FIRST_SCHEMA_ID = 100001;

function srError(status: number, errorCode: number, message: string) {
  return new ApiError(status, message, { errorCode });
}

/**
 * Schema Registry: subjects, versions and schema ids, with the behaviour
 * clients rely on: the same schema registered again (in any subject) keeps its
 * id, the same schema in the same subject is not a new version, and new Avro
 * versions must be BACKWARD compatible with the latest one.
 */
export class SchemaRegistryService {
  readonly #store: EmulatorStore;
  // Schema ids by type and normalised text; rebuilt per registry record, so
  // a reset or a loaded state file starts a fresh index.
  readonly #ids = new WeakMap<SchemaRegistryRecord, Map<string, number>>();

  constructor(store: EmulatorStore) {
    this.#store = store;
  }

  registry(id: string): SchemaRegistryRecord {
    const registry = this.#store.state.schemaRegistries[id];
    if (!registry) throw srError(404, 40400, `Schema Registry ${id} not found`);
    return registry;
  }

  subjects(
    registryId: string,
    options: { prefix?: string; deleted?: boolean; deletedOnly?: boolean } = {},
  ): string[] {
    const registry = this.registry(registryId);
    return Object.entries(registry.subjects)
      .filter(([subject, versions]) => {
        if (options.prefix && !subject.startsWith(options.prefix)) return false;
        const live = versions.some(v => !v.deleted);
        if (options.deletedOnly) return !live && versions.length > 0;
        return live || (options.deleted === true && versions.length > 0);
      })
      .map(([subject]) => subject)
      .sort();
  }

  /** The versions of a subject; 40401 when it has none that count. */
  versions(
    registryId: string,
    subject: string,
    includeDeleted = false,
  ): SubjectVersion[] {
    const versions = (this.registry(registryId).subjects[subject] ?? []).filter(
      v => includeDeleted || !v.deleted,
    );
    if (versions.length === 0) {
      throw srError(404, 40401, `Subject '${subject}' not found.`);
    }
    return versions;
  }

  /** A version by number, `latest` or `-1`. */
  version(
    registryId: string,
    subject: string,
    version: string,
    includeDeleted = false,
  ): ResolvedVersion {
    const number = parseVersion(version);
    const versions = this.versions(registryId, subject, includeDeleted);
    const found =
      number === 'latest'
        ? versions[versions.length - 1]
        : versions.find(v => v.version === number);
    if (!found) throw srError(404, 40402, `Version ${version} not found.`);
    return this.#resolve(registryId, subject, found);
  }

  latest(registryId: string, subject: string): ResolvedVersion | undefined {
    const versions = (this.registry(registryId).subjects[subject] ?? []).filter(
      v => !v.deleted,
    );
    const last = versions[versions.length - 1];
    return last ? this.#resolve(registryId, subject, last) : undefined;
  }

  schemaById(registryId: string, id: number): StoredSchema {
    const schema = this.registry(registryId).schemas[String(id)];
    if (!schema) throw srError(404, 40403, `Schema ${id} not found`);
    return schema;
  }

  /** Subject/version pairs that use a schema id. */
  usages(
    registryId: string,
    id: number,
  ): Array<{ subject: string; version: number }> {
    this.schemaById(registryId, id);
    const usages: Array<{ subject: string; version: number }> = [];
    for (const [subject, versions] of Object.entries(
      this.registry(registryId).subjects,
    )) {
      for (const v of versions) {
        if (v.id === id && !v.deleted)
          usages.push({ subject, version: v.version });
      }
    }
    return usages;
  }

  /**
   * Registers a schema under a subject; returns its id and version.
   * `trusted` skips parsing the schema, for the large seed's thousands of
   * generated schemas (building an Avro type is most of its cost).
   */
  register(
    registryId: string,
    subject: string,
    input: SchemaInput,
    options: { trusted?: boolean } = {},
  ): { id: number; version: number } {
    const registry = this.registry(registryId);
    if (!subject || [...subject].some(c => c.charCodeAt(0) < 0x20)) {
      throw srError(422, 42208, `Invalid subject ${subject}`);
    }
    const candidate = this.#prepare(registry, input, options.trusted);
    const versions = registry.subjects[subject] ?? [];
    const live = versions.filter(v => !v.deleted);
    const same = live.find(
      v => registry.schemas[String(v.id)]?.canonical === candidate.canonical,
    );
    if (same) return { id: same.id, version: same.version };

    const previous = live[live.length - 1];
    if (previous && registry.compatibility !== 'NONE') {
      this.#checkCompatible(
        registry,
        candidate,
        registry.schemas[String(previous.id)],
      );
    }

    const ids = this.#idIndex(registry);
    const indexKey = `${candidate.schemaType}|${candidate.canonical}`;
    const existingId = ids.get(indexKey);
    let stored =
      existingId === undefined
        ? undefined
        : registry.schemas[String(existingId)];
    if (!stored) {
      stored = { ...candidate, id: registry.nextSchemaId };
      registry.nextSchemaId += 1;
      registry.schemas[String(stored.id)] = stored;
      ids.set(indexKey, stored.id);
    }
    const version =
      versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
    versions.push({ version, id: stored.id, deleted: false });
    registry.subjects[subject] = versions;
    this.#recordInlineTags(registry, stored);
    this.#store.changed();
    return { id: stored.id, version };
  }

  /** The registered version of `input` under `subject` (`POST /subjects/{s}`). */
  lookup(
    registryId: string,
    subject: string,
    input: SchemaInput,
  ): ResolvedVersion {
    const registry = this.registry(registryId);
    const versions = this.versions(registryId, subject);
    const candidate = this.#prepare(registry, input);
    const found = versions.find(
      v => registry.schemas[String(v.id)]?.canonical === candidate.canonical,
    );
    if (!found) throw srError(404, 40403, 'Schema not found');
    return this.#resolve(registryId, subject, found);
  }

  /** Soft (or, after a soft delete, permanent) deletion of a subject. */
  deleteSubject(
    registryId: string,
    subject: string,
    permanent: boolean,
  ): number[] {
    const registry = this.registry(registryId);
    const versions = registry.subjects[subject] ?? [];
    if (versions.length === 0)
      throw srError(404, 40401, `Subject '${subject}' not found.`);
    if (permanent) {
      if (versions.some(v => !v.deleted)) {
        throw srError(
          404,
          40405,
          `Subject '${subject}' was not deleted first before being permanently deleted`,
        );
      }
      delete registry.subjects[subject];
      this.#store.changed();
      return versions.map(v => v.version);
    }
    const live = versions.filter(v => !v.deleted);
    if (live.length === 0)
      throw srError(404, 40404, `Subject '${subject}' was soft deleted.`);
    for (const v of live) v.deleted = true;
    this.#store.changed();
    return live.map(v => v.version);
  }

  deleteVersion(
    registryId: string,
    subject: string,
    version: string,
    permanent: boolean,
  ): number {
    const registry = this.registry(registryId);
    const resolved = this.version(registryId, subject, version, permanent);
    const versions = registry.subjects[subject];
    const entry = versions.find(v => v.version === resolved.version)!;
    if (permanent) {
      if (!entry.deleted) {
        throw srError(
          404,
          40407,
          `Subject '${subject}' Version ${entry.version} was not deleted first before being permanently deleted`,
        );
      }
      registry.subjects[subject] = versions.filter(v => v !== entry);
      if (registry.subjects[subject].length === 0)
        delete registry.subjects[subject];
    } else {
      if (entry.deleted) {
        throw srError(
          404,
          40406,
          `Subject '${subject}' Version ${entry.version} was soft deleted.`,
        );
      }
      entry.deleted = true;
    }
    this.#store.changed();
    return entry.version;
  }

  #idIndex(registry: SchemaRegistryRecord): Map<string, number> {
    let ids = this.#ids.get(registry);
    if (!ids) {
      ids = new Map(
        Object.values(registry.schemas).map(s => [
          `${s.schemaType}|${s.canonical}`,
          s.id,
        ]),
      );
      this.#ids.set(registry, ids);
    }
    return ids;
  }

  #resolve(
    registryId: string,
    subject: string,
    version: SubjectVersion,
  ): ResolvedVersion {
    return {
      subject,
      version: version.version,
      deleted: version.deleted,
      schema: this.schemaById(registryId, version.id),
    };
  }

  #prepare(
    registry: SchemaRegistryRecord,
    input: SchemaInput,
    trusted = false,
  ): Omit<StoredSchema, 'id'> {
    if (typeof input.schema !== 'string' || input.schema.trim() === '') {
      throw srError(422, 42201, 'Empty schema');
    }
    const schemaType = (input.schemaType ?? 'AVRO').toUpperCase() as SchemaType;
    if (!SCHEMA_TYPES.includes(schemaType)) {
      throw srError(422, 42201, `Invalid schema type ${input.schemaType}`);
    }
    const references = input.references ?? [];
    for (const ref of references) {
      const versions = (registry.subjects[ref.subject] ?? []).filter(
        v => !v.deleted,
      );
      if (!versions.some(v => v.version === ref.version)) {
        throw srError(
          422,
          42201,
          `Invalid schema: reference ${ref.name} to subject ${ref.subject} version ${ref.version} not found`,
        );
      }
    }
    const canonical = trusted
      ? JSON.stringify(JSON.parse(input.schema))
      : this.#validate(registry, schemaType, input.schema, references);
    return {
      schemaType,
      schema: input.schema,
      references,
      canonical: `${canonical}|${JSON.stringify(references)}`,
    };
  }

  /** Validates a schema and returns its normalised text. */
  #validate(
    registry: SchemaRegistryRecord,
    type: SchemaType,
    text: string,
    references: SchemaReference[],
  ): string {
    if (type === 'PROTOBUF') {
      if (!/\b(message|enum)\s+\w+\s*\{/.test(text)) {
        throw srError(
          422,
          42201,
          'Invalid schema: no message or enum definition found',
        );
      }
      return text.replace(/\s+/g, ' ').trim();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw srError(422, 42201, `Invalid schema: ${(error as Error).message}`);
    }
    if (type === 'AVRO') this.#avroType(registry, parsed, references);
    else if (typeof parsed !== 'object' || parsed === null) {
      throw srError(
        422,
        42201,
        'Invalid schema: a JSON schema must be an object or a boolean',
      );
    }
    return JSON.stringify(parsed);
  }

  #avroType(
    registry: SchemaRegistryRecord,
    schema: unknown,
    references: SchemaReference[],
  ) {
    const named: Record<string, avro.Type> = {};
    try {
      for (const ref of references) {
        const version = registry.subjects[ref.subject].find(
          v => v.version === ref.version,
        )!;
        avro.Type.forSchema(
          JSON.parse(registry.schemas[String(version.id)].schema),
          {
            registry: named,
          },
        );
      }
      return avro.Type.forSchema(schema as avro.Schema, { registry: named });
    } catch (error) {
      throw srError(422, 42201, `Invalid schema: ${(error as Error).message}`);
    }
  }

  #checkCompatible(
    registry: SchemaRegistryRecord,
    candidate: Omit<StoredSchema, 'id'>,
    previous: StoredSchema | undefined,
  ) {
    if (
      !previous ||
      candidate.schemaType !== 'AVRO' ||
      previous.schemaType !== 'AVRO'
    )
      return;
    const reader = this.#avroType(
      registry,
      JSON.parse(candidate.schema),
      candidate.references,
    );
    const writer = this.#avroType(
      registry,
      JSON.parse(previous.schema),
      previous.references,
    );
    try {
      reader.createResolver(writer);
    } catch (error) {
      throw srError(
        409,
        40901,
        `Schema being registered is incompatible with an earlier schema for subject, details: [${
          (error as Error).message
        }]`,
      );
    }
  }

  /**
   * Field-level inline tags (`"confluent:tags": ["PII"]`) become tags on the
   * field's `sr_field` entity, as Stream Catalog shows them.
   */
  #recordInlineTags(registry: SchemaRegistryRecord, schema: StoredSchema) {
    if (schema.schemaType !== 'AVRO') return;
    const visit = (node: unknown, namespace: string | undefined) => {
      if (Array.isArray(node)) {
        node.forEach(n => visit(n, namespace));
        return;
      }
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record.type === 'record' && Array.isArray(record.fields)) {
        const ns = (record.namespace as string | undefined) ?? namespace;
        const recordName = ns ? `${ns}.${record.name}` : String(record.name);
        for (const f of record.fields as Array<Record<string, unknown>>) {
          const tags = f['confluent:tags'];
          if (Array.isArray(tags) && tags.length > 0) {
            const key = `sr_field|${registry.id}:.:${schema.id}:${recordName}.${f.name}`;
            const entry = (registry.entityTags[key] ??= {});
            for (const tag of tags) entry[String(tag)] ??= { attributes: {} };
          }
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
    visit(JSON.parse(schema.schema), undefined);
  }
}

function parseVersion(version: string): number | 'latest' {
  if (version === 'latest' || version === '-1') return 'latest';
  const number = Number(version);
  if (!/^\d+$/.test(version) || number < 1 || number > 2147483647) {
    throw srError(
      422,
      42202,
      `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    );
  }
  return number;
}

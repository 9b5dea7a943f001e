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
import avro from 'avsc';
import { ApiError } from '../http/errors';
import type {
  SchemaMetadataRecord,
  SchemaReference,
  SchemaRegistryRecord,
  SchemaRuleRecord,
  SchemaRuleSetRecord,
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
  /** Data-contract metadata, unvalidated (absent or null: inherited). */
  metadata?: unknown;
  /** Data-contract rule set, unvalidated (absent or null: inherited). */
  ruleSet?: unknown;
}

/** A subject's version joined with its schema. */
export interface ResolvedVersion {
  subject: string;
  version: number;
  deleted: boolean;
  schema: StoredSchema;
}

const SCHEMA_TYPES: readonly SchemaType[] = ['AVRO', 'JSON', 'PROTOBUF'];

// Separates the schema text and references from the data contract in a
// canonical key; JSON text never holds a raw NUL.
const CONTRACT_SEPARATOR = '\u0000';

const RULE_KINDS = ['TRANSFORM', 'CONDITION'];
const MIGRATION_MODES = ['UPGRADE', 'DOWNGRADE', 'UPDOWN'];
const DOMAIN_MODES = ['WRITE', 'READ', 'WRITEREAD'];
const ENABLE_AT = ['ALL', 'CLIENT', 'GATEWAY', 'SERVER', 'NONE'];
const RULE_STRING_KEYS = [
  'name',
  'doc',
  'kind',
  'mode',
  'type',
  'expr',
  'onSuccess',
  'onFailure',
];

/** Schema Registry's compatibility levels. */
const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
];

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
  ): { id: number; version: number; schema: StoredSchema } {
    const registry = this.registry(registryId);
    if (!subject || [...subject].some(c => c.charCodeAt(0) < 0x20)) {
      throw srError(422, 42208, `Invalid subject ${subject}`);
    }
    const versions = registry.subjects[subject] ?? [];
    const live = versions.filter(v => !v.deleted);
    const previous = live[live.length - 1];
    // As Schema Registry does, a registration without metadata or rule set
    // carries over those of the subject's latest version.
    const candidate = this.#prepare(
      registry,
      input,
      options.trusted,
      previous ? registry.schemas[String(previous.id)] : undefined,
    );
    const same = live.find(
      v => registry.schemas[String(v.id)]?.canonical === candidate.canonical,
    );
    if (same) {
      return {
        id: same.id,
        version: same.version,
        schema: registry.schemas[String(same.id)],
      };
    }

    if (candidate.schemaType === 'AVRO') {
      const messages = this.#incompatibilities(
        registry,
        candidate,
        live.map(v => ({
          version: v.version,
          schema: registry.schemas[String(v.id)],
        })),
        registry.compatibility,
      );
      if (messages.length > 0) {
        throw srError(
          409,
          40901,
          `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${messages.join(
            ', ',
          )}]`,
        );
      }
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
    return { id: stored.id, version, schema: stored };
  }

  /**
   * The versions `GET /schemas` lists: every version (or each subject's
   * latest) of the subjects matching a prefix, ordered by subject, then
   * version, as Schema Registry iterates its store.
   */
  listSchemas(
    registryId: string,
    options: {
      prefix?: string;
      deleted?: boolean;
      latestOnly?: boolean;
      ruleType?: string;
    } = {},
  ): ResolvedVersion[] {
    const registry = this.registry(registryId);
    const out: ResolvedVersion[] = [];
    for (const subject of this.subjects(registryId, {
      prefix: options.prefix,
      deleted: options.deleted,
    })) {
      const versions = (registry.subjects[subject] ?? []).filter(
        v => options.deleted || !v.deleted,
      );
      for (const v of options.latestOnly ? versions.slice(-1) : versions) {
        const resolved = this.#resolve(registryId, subject, v);
        if (options.ruleType && !hasRuleType(resolved.schema, options.ruleType))
          continue;
        out.push(resolved);
      }
    }
    return out;
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
    // Without metadata or a rule set in the request, the schema text and
    // references decide (the latest such version); with them, all must match.
    const contract =
      input.metadata !== undefined && input.metadata !== null
        ? true
        : input.ruleSet !== undefined && input.ruleSet !== null;
    const matches = (v: SubjectVersion) => {
      const stored = registry.schemas[String(v.id)];
      if (!stored) return false;
      return contract
        ? stored.canonical === candidate.canonical
        : baseOf(stored.canonical) === baseOf(candidate.canonical);
    };
    const found = [...versions].reverse().find(matches);
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

  /**
   * Soft (or, after a soft delete, permanent) deletion of one version
   * (`DELETE /subjects/{s}/versions/{v}`). As in Schema Registry, a
   * numbered version is looked up among soft-deleted ones too, so deleting
   * it softly twice is 40406 rather than "not found"; `latest` is the last
   * live version (any version for a permanent delete).
   */
  deleteVersion(
    registryId: string,
    subject: string,
    version: string,
    permanent: boolean,
  ): number {
    const registry = this.registry(registryId);
    const resolved = this.version(
      registryId,
      subject,
      version,
      permanent || parseVersion(version) !== 'latest',
    );
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
    previous?: StoredSchema,
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
    const metadata =
      input.metadata === undefined || input.metadata === null
        ? previous?.metadata
        : normalizeMetadata(input.metadata);
    const ruleSet =
      input.ruleSet === undefined || input.ruleSet === null
        ? previous?.ruleSet
        : normalizeRuleSet(input.ruleSet);
    const canonical = trusted
      ? JSON.stringify(JSON.parse(input.schema))
      : this.#validate(registry, schemaType, input.schema, references);
    // The metadata and rule set are part of a schema's identity: the same
    // text with other metadata is a new id and a new version.
    const contract =
      (metadata && Object.keys(metadata).length) ||
      (ruleSet && Object.keys(ruleSet).length)
        ? `${CONTRACT_SEPARATOR}${JSON.stringify({
            metadata: metadata ?? {},
            ruleSet: ruleSet ?? {},
          })}`
        : '';
    return {
      schemaType,
      schema: input.schema,
      references,
      ...(metadata && Object.keys(metadata).length ? { metadata } : {}),
      ...(ruleSet && Object.keys(ruleSet).length ? { ruleSet } : {}),
      canonical: `${canonical}|${JSON.stringify(references)}${contract}`,
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

  /**
   * Why `candidate` breaks the compatibility `level` with the `existing`
   * versions of a subject (oldest first), in Schema Registry's terms: one
   * message per version it cannot be read with or cannot read. Empty when
   * compatible. BACKWARD: the new schema reads data written with the old
   * ones; FORWARD: the old ones read the new schema's data; FULL: both. A
   * non-transitive level compares with the latest version only.
   */
  #incompatibilities(
    registry: SchemaRegistryRecord,
    candidate: Omit<StoredSchema, 'id'>,
    existing: Array<{ version: number; schema: StoredSchema }>,
    level: string,
  ): string[] {
    if (level === 'NONE' || existing.length === 0) return [];
    if (!COMPATIBILITY_LEVELS.includes(level)) {
      throw srError(422, 42203, `Invalid compatibility level ${level}`);
    }
    const against = level.endsWith('_TRANSITIVE')
      ? existing
      : existing.slice(-1);
    if (candidate.schemaType !== 'AVRO') {
      // Only Avro's resolution rules are emulated: say so rather than
      // answer a verdict the real registry might not give.
      throw srError(
        422,
        42201,
        `The emulator checks compatibility of AVRO schemas only, not ${candidate.schemaType}`,
      );
    }
    const typeOf = (schema: Omit<StoredSchema, 'id'>) =>
      this.#avroType(registry, JSON.parse(schema.schema), schema.references);
    const mode = level.replace('_TRANSITIVE', '');
    const next = typeOf(candidate);
    const messages: string[] = [];
    for (const { version, schema } of against) {
      if (schema.schemaType !== 'AVRO') continue;
      const old = typeOf(schema);
      const checks: Array<[string, () => unknown]> = [];
      if (mode !== 'FORWARD') {
        checks.push([
          'the new schema cannot read data written with',
          () => next.createResolver(old),
        ]);
      }
      if (mode !== 'BACKWARD') {
        checks.push([
          'data written with the new schema cannot be read with',
          () => old.createResolver(next),
        ]);
      }
      for (const [what, check] of checks) {
        try {
          check();
        } catch (error) {
          messages.push(
            `{compatibility: '${level}', oldSchemaVersion: ${version}, description: '${what} version ${version}: ${
              (error as Error).message
            }'}`,
          );
        }
      }
    }
    return messages;
  }

  /** `PUT /config`: the registry's compatibility level. */
  setCompatibility(registryId: string, level: unknown): string {
    if (typeof level !== 'string' || !COMPATIBILITY_LEVELS.includes(level)) {
      throw srError(
        422,
        42203,
        `Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive`,
      );
    }
    this.registry(registryId).compatibility = level;
    this.#store.changed();
    return level;
  }

  /**
   * `POST /compatibility/subjects/{subject}/versions[/{version}]`: whether
   * `input` may be registered under `subject` at the registry's level,
   * against one version (`latest` or a number) or, without one, the
   * versions the level compares with.
   */
  testCompatibility(
    registryId: string,
    subject: string,
    input: SchemaInput,
    version?: string,
  ): { compatible: boolean; messages: string[] } {
    const registry = this.registry(registryId);
    const candidate = this.#prepare(registry, input);
    const live = (registry.subjects[subject] ?? []).filter(v => !v.deleted);
    if (version !== undefined && live.length === 0) {
      throw srError(404, 40401, `Subject '${subject}' not found.`);
    }
    const existing =
      version === undefined
        ? live.map(v => ({
            version: v.version,
            schema: registry.schemas[String(v.id)],
          }))
        : [this.version(registryId, subject, version)].map(v => ({
            version: v.version,
            schema: v.schema,
          }));
    const messages = this.#incompatibilities(
      registry,
      candidate,
      existing,
      // Against one named version, the level's direction applies to it alone.
      version === undefined
        ? registry.compatibility
        : registry.compatibility.replace('_TRANSITIVE', ''),
    );
    return { compatible: messages.length === 0, messages };
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

/** The canonical key without its data contract (schema text and references). */
function baseOf(canonical: string): string {
  const index = canonical.indexOf(CONTRACT_SEPARATOR);
  return index < 0 ? canonical : canonical.slice(0, index);
}

function hasRuleType(schema: StoredSchema, type: string): boolean {
  const { ruleSet } = schema;
  return [
    ...(ruleSet?.migrationRules ?? []),
    ...(ruleSet?.domainRules ?? []),
    ...(ruleSet?.encodingRules ?? []),
  ].some(rule => rule.type === type);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Jackson's answer to a body it cannot map onto Schema Registry's entities. */
function unmappable(path: string, expected: string) {
  return srError(
    422,
    422,
    `Unrecognizable request body: ${path} must be ${expected}`,
  );
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw unmappable(path, 'an array of strings');
  }
  return sortedUnique(value as string[]);
}

/**
 * Metadata as Schema Registry keeps it (sorted maps and sets, so the order a
 * client sends them in does not change the schema's identity).
 */
function normalizeMetadata(raw: unknown): SchemaMetadataRecord {
  if (!isPlainObject(raw)) throw unmappable('metadata', 'an object');
  const out: SchemaMetadataRecord = {};
  if (raw.tags !== undefined && raw.tags !== null) {
    if (!isPlainObject(raw.tags)) {
      throw unmappable('metadata.tags', 'an object of string arrays');
    }
    const tags: Record<string, string[]> = {};
    for (const key of Object.keys(raw.tags).sort()) {
      tags[key] = stringList(raw.tags[key], `metadata.tags["${key}"]`);
    }
    if (Object.keys(tags).length) out.tags = tags;
  }
  if (raw.properties !== undefined && raw.properties !== null) {
    if (!isPlainObject(raw.properties)) {
      throw unmappable('metadata.properties', 'an object of strings');
    }
    const properties: Record<string, string> = {};
    for (const key of Object.keys(raw.properties).sort()) {
      const value = raw.properties[key];
      if (typeof value !== 'string') {
        throw unmappable(`metadata.properties["${key}"]`, 'a string');
      }
      properties[key] = value;
    }
    if (Object.keys(properties).length) out.properties = properties;
  }
  if (raw.sensitive !== undefined && raw.sensitive !== null) {
    const sensitive = stringList(raw.sensitive, 'metadata.sensitive');
    if (sensitive.length) out.sensitive = sensitive;
  }
  return out;
}

function invalidRuleSet(message: string) {
  return srError(422, 42210, message);
}

/** Rule names as Schema Registry accepts them (`RuleSet.validate`). */
function checkRuleName(name: unknown): string {
  if (name === undefined || name === null) {
    throw invalidRuleSet('Missing rule name');
  }
  const text = String(name);
  if (text.length === 0) throw invalidRuleSet('Empty rule name');
  // Rule.NAME_MAX_LENGTH
  if (text.length > 64) throw invalidRuleSet('Rule name too long');
  if (!/^[\p{L}_]/u.test(text)) {
    throw invalidRuleSet(`Illegal initial character in rule name: ${text}`);
  }
  if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(text)) {
    throw invalidRuleSet(`Illegal character in rule name: ${text}`);
  }
  return text;
}

/**
 * A rule as Schema Registry's `Rule` entity keeps it: `kind` defaults to
 * TRANSFORM, `mode` to WRITEREAD, `disabled` to false; tags and params are
 * sorted; unknown keys are dropped.
 */
function normalizeRule(
  raw: unknown,
  path: string,
  modes: string[],
  modeMessage: string,
  names: Set<string>,
): SchemaRuleRecord {
  if (!isPlainObject(raw)) throw unmappable(path, 'an object');
  for (const key of RULE_STRING_KEYS) {
    if (
      raw[key] !== undefined &&
      raw[key] !== null &&
      typeof raw[key] !== 'string'
    ) {
      throw unmappable(`${path}.${key}`, 'a string');
    }
  }
  const kind = (raw.kind as string | undefined) ?? 'TRANSFORM';
  if (!RULE_KINDS.includes(kind)) {
    throw unmappable(`${path}.kind`, `one of ${RULE_KINDS.join(', ')}`);
  }
  const mode = (raw.mode as string | undefined) ?? 'WRITEREAD';
  if (![...MIGRATION_MODES, ...DOMAIN_MODES].includes(mode)) {
    throw unmappable(
      `${path}.mode`,
      `one of ${[...MIGRATION_MODES, ...DOMAIN_MODES].join(', ')}`,
    );
  }
  const name = checkRuleName(raw.name);
  if (names.has(name)) {
    throw invalidRuleSet(`Found rule with duplicate name '${name}'`);
  }
  names.add(name);
  if (typeof raw.type !== 'string') {
    throw invalidRuleSet('Missing rule type');
  }
  for (const action of [raw.onSuccess, raw.onFailure]) {
    if (
      typeof action === 'string' &&
      action.includes(',') &&
      mode !== 'WRITEREAD' &&
      mode !== 'UPDOWN'
    ) {
      throw invalidRuleSet(
        'Multiple actions only valid with WRITEREAD and UPDOWN',
      );
    }
  }
  if (!modes.includes(mode)) throw invalidRuleSet(modeMessage);
  let disabled = false;
  if (raw.disabled !== undefined && raw.disabled !== null) {
    if (typeof raw.disabled !== 'boolean') {
      throw unmappable(`${path}.disabled`, 'a boolean');
    }
    disabled = raw.disabled;
  }
  const tags =
    raw.tags === undefined || raw.tags === null
      ? []
      : stringList(raw.tags, `${path}.tags`);
  let params: Record<string, string> = {};
  if (raw.params !== undefined && raw.params !== null) {
    if (
      !isPlainObject(raw.params) ||
      Object.values(raw.params).some(v => typeof v !== 'string')
    ) {
      throw unmappable(`${path}.params`, 'an object of strings');
    }
    const given = raw.params as Record<string, string>;
    params = Object.fromEntries(
      Object.keys(given)
        .sort()
        .map(k => [k, given[k]]),
    );
  }
  const optional = (key: string) =>
    typeof raw[key] === 'string' ? { [key]: raw[key] as string } : {};
  // Key order is the entity's field order, as its JSON shows them.
  return {
    name,
    ...optional('doc'),
    kind,
    mode,
    type: raw.type,
    ...(tags.length ? { tags } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    ...optional('expr'),
    ...optional('onSuccess'),
    ...optional('onFailure'),
    disabled,
  };
}

/** A rule set, validated as Schema Registry validates one (42210). */
function normalizeRuleSet(raw: unknown): SchemaRuleSetRecord {
  if (!isPlainObject(raw)) throw unmappable('ruleSet', 'an object');
  const names = new Set<string>();
  const out: SchemaRuleSetRecord = {};
  const lists: Array<[keyof SchemaRuleSetRecord, string[], string]> = [
    [
      'migrationRules',
      MIGRATION_MODES,
      'Migration rules can only be UPGRADE, DOWNGRADE, UPDOWN',
    ],
    [
      'domainRules',
      DOMAIN_MODES,
      'Domain rules can only be WRITE, READ, WRITEREAD',
    ],
    [
      'encodingRules',
      DOMAIN_MODES,
      'Encoding rules can only be WRITE, READ, WRITEREAD',
    ],
  ];
  for (const [key, modes, message] of lists) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) throw unmappable(`ruleSet.${key}`, 'an array');
    const rules = value.map((rule, i) =>
      normalizeRule(rule, `ruleSet.${key}[${i}]`, modes, message, names),
    );
    if (rules.length) (out as Record<string, unknown>)[key] = rules;
  }
  if (raw.enableAt !== undefined && raw.enableAt !== null) {
    if (!ENABLE_AT.includes(String(raw.enableAt))) {
      throw unmappable('ruleSet.enableAt', `one of ${ENABLE_AT.join(', ')}`);
    }
    out.enableAt = String(raw.enableAt);
  }
  return out;
}

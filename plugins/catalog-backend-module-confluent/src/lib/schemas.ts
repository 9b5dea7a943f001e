/*
 * Reading value schemas: the pretty-printed text a data product shows as its
 * definition, and the flattened fields with the tags that mark PII.
 */
import { InputError } from '@backstage/errors';
import { FLATTEN_LIMITS, type Schema } from '@shiftleft/plugin-confluent-node';
import avro from 'avsc';

/** A field of a value schema, with the tags found on it. */
export interface SchemaField {
  /** The top-level column. */
  column: string;
  /** The dot-separated path below the column, for nested records. */
  field?: string;
  /** Inline `confluent:tags` and `metadata.tags` of the schema. */
  tags: string[];
  /**
   * The full name of the Avro record declaring the field and the field's
   * name in it, for Stream Catalog's `sr_field` qualified names.
   */
  record?: { fullName: string; field: string };
}

/** A value schema as the provider uses it. */
export interface ReadSchema {
  id: number;
  version: number;
  subject: string;
  format: Schema['schemaType'];
  /** The schema text, pretty-printed for AVRO and JSON. */
  definition: string;
  /** Top-level columns in declared order. */
  columns: string[];
  fields: SchemaField[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** The record inside a (possibly nullable) Avro type, if any. */
function recordOf(type: unknown): Json | undefined {
  if (isObject(type) && type.type === 'record') {
    return type;
  }
  if (Array.isArray(type)) {
    return type.map(recordOf).find(Boolean);
  }
  return undefined;
}

function fullName(record: Json, parentNamespace?: string): string {
  const name = String(record.name ?? '');
  if (name.includes('.')) {
    return name;
  }
  const namespace =
    typeof record.namespace === 'string' ? record.namespace : parentNamespace;
  return namespace ? `${namespace}.${name}` : name;
}

/** Tags of `metadata.tags`, whose keys are `<Record>.<path>` or `<path>`. */
function metadataTags(
  tags: Record<string, string[]>,
  recordNames: string[],
  path: string,
): string[] {
  const out: string[] = [];
  for (const [key, values] of Object.entries(tags)) {
    if (key === path || recordNames.some(r => r && key === `${r}.${path}`)) {
      out.push(...values);
    }
  }
  return out;
}

function avroFields(
  root: Json,
  metadata: Record<string, string[]>,
): SchemaField[] {
  const out: SchemaField[] = [];
  const rootFull = fullName(root);
  const rootNames = [rootFull, String(root.name ?? '')];
  const walk = (
    record: Json,
    namespace: string | undefined,
    path: string[],
  ) => {
    const recordFull = fullName(record, namespace);
    const recordNamespace = recordFull.includes('.')
      ? recordFull.slice(0, recordFull.lastIndexOf('.'))
      : undefined;
    for (const raw of Array.isArray(record.fields) ? record.fields : []) {
      if (!isObject(raw) || typeof raw.name !== 'string') {
        continue;
      }
      if (out.length >= FLATTEN_LIMITS.maxFields) return;
      const fieldPath = [...path, raw.name];
      const [column, ...rest] = fieldPath;
      const tags = [
        ...stringArray(raw['confluent:tags']),
        ...metadataTags(metadata, rootNames, fieldPath.join('.')),
      ];
      out.push({
        column,
        ...(rest.length ? { field: rest.join('.') } : {}),
        tags: [...new Set(tags)],
        record: { fullName: recordFull, field: raw.name },
      });
      const nested = recordOf(raw.type);
      if (nested && fieldPath.length < FLATTEN_LIMITS.maxDepth) {
        walk(nested, recordNamespace, fieldPath);
      }
    }
  };
  walk(root, undefined, []);
  return out;
}

function jsonSchemaFields(
  root: Json,
  metadata: Record<string, string[]>,
): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (node: Json, path: string[]) => {
    const properties = isObject(node.properties) ? node.properties : {};
    for (const [name, raw] of Object.entries(properties)) {
      if (!isObject(raw)) {
        continue;
      }
      if (out.length >= FLATTEN_LIMITS.maxFields) return;
      const fieldPath = [...path, name];
      const [column, ...rest] = fieldPath;
      const tags = [
        ...stringArray(raw['confluent:tags']),
        ...metadataTags(metadata, [], fieldPath.join('.')),
      ];
      out.push({
        column,
        ...(rest.length ? { field: rest.join('.') } : {}),
        tags: [...new Set(tags)],
      });
      if (
        isObject(raw.properties) &&
        fieldPath.length < FLATTEN_LIMITS.maxDepth
      ) {
        walk(raw, fieldPath);
      }
    }
  };
  walk(root, []);
  return out;
}

/**
 * Reads a registered value schema.
 * @throws InputError when the schema text is not a valid schema of its format
 */
export function readSchema(schema: Schema): ReadSchema {
  const base = {
    id: schema.id,
    version: schema.version,
    subject: schema.subject,
    format: schema.schemaType,
  };
  const metadata = schema.metadata?.tags ?? {};
  if (schema.schemaType === 'PROTOBUF') {
    // No Protobuf parser here: the definition is shown as written and PII
    // comes only from Stream Catalog tags on the topic's fields.
    return { ...base, definition: schema.schema, columns: [], fields: [] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(schema.schema);
  } catch (error) {
    throw new InputError(
      `Schema ${schema.subject} version ${schema.version} is not valid JSON: ${
        (error as Error).message
      }`,
    );
  }
  const definition = JSON.stringify(parsed, null, 2);
  if (schema.schemaType === 'JSON') {
    const fields = isObject(parsed) ? jsonSchemaFields(parsed, metadata) : [];
    return {
      ...base,
      definition,
      columns: fields.filter(f => !f.field).map(f => f.column),
      fields,
    };
  }
  try {
    // Validates the whole schema (names, types, defaults) the way producers
    // and consumers will; references to other subjects are not resolved, so
    // such schemas are read without validation.
    if (schema.references.length === 0) {
      avro.Type.forSchema(parsed as avro.Schema);
    }
  } catch (error) {
    throw new InputError(
      `Schema ${schema.subject} version ${
        schema.version
      } is not a valid Avro schema: ${(error as Error).message}`,
    );
  }
  const root = recordOf(parsed);
  const fields = root ? avroFields(root, metadata) : [];
  return {
    ...base,
    definition,
    columns: fields.filter(f => !f.field).map(f => f.column),
    fields,
  };
}

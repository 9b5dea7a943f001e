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
 * Reading value schemas: the pretty-printed text a data product shows as its
 * definition, and the flattened fields with the tags that mark PII. The
 * fields come from the schema card's flatteners (`@shiftleft/plugin-confluent-node`),
 * so Avro, JSON Schema and Protobuf tags all reach the catalog, within the
 * same depth and field limits.
 */
import { InputError } from '@backstage/errors';
import {
  flattenAvro,
  flattenJsonSchema,
  flattenProtobuf,
  type FlatSchema,
  type FlattenOptions,
  type Schema,
} from '@shiftleft/plugin-confluent-node';

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

/**
 * Reads the flattening of the schema card (so both show the same fields and
 * tags) the way the catalog addresses columns: the references of a subject
 * are not fetched, so types they define are read as leaves, and fields
 * inside arrays and maps are not columns of their own.
 */
const CATALOG_FLATTENING: FlattenOptions = {
  tolerateUnresolved: true,
  expandCollections: false,
};

function flatten(schema: Schema): FlatSchema {
  switch (schema.schemaType) {
    case 'PROTOBUF':
      return flattenProtobuf(schema.schema, [], CATALOG_FLATTENING);
    case 'JSON':
      return flattenJsonSchema(schema.schema, [], CATALOG_FLATTENING);
    default:
      // Without references an undefined type name is an error in the schema
      // itself, which producers and consumers would reject too.
      return flattenAvro(schema.schema, [], {
        ...CATALOG_FLATTENING,
        tolerateUnresolved: schema.references.length > 0,
      });
  }
}

function toSchemaFields(schema: Schema, flat: FlatSchema): SchemaField[] {
  if (flat.bareValue) return [];
  const metadata = schema.metadata?.tags ?? {};
  // Stream Catalog names JSON Schema fields by path only.
  const qualified = schema.schemaType !== 'JSON';
  const shortRoot = flat.recordName?.split('.').pop() ?? '';
  const rootNames = qualified ? [flat.recordName ?? '', shortRoot] : [];
  return flat.fields.map(field => {
    const [column, ...rest] = field.path.split('.');
    const tags = [
      ...field.tags,
      ...metadataTags(metadata, rootNames, field.path),
    ];
    return {
      column,
      ...(rest.length ? { field: rest.join('.') } : {}),
      tags: [...new Set(tags)],
      ...(qualified && field.recordFullName
        ? { record: { fullName: field.recordFullName, field: field.name } }
        : {}),
    };
  });
}

/**
 * Reads a registered value schema with the flatteners of the schema card,
 * bounded by their limits.
 * @throws InputError when the schema text is not a valid schema of its format
 */
export function readSchema(schema: Schema): ReadSchema {
  const base = {
    id: schema.id,
    version: schema.version,
    subject: schema.subject,
    format: schema.schemaType,
  };
  if (schema.schemaType === 'PROTOBUF') {
    let flat: FlatSchema | undefined;
    try {
      flat = flatten(schema);
    } catch {
      // What protobufjs cannot parse is still shown as written; PII then
      // comes only from Stream Catalog tags, as before Protobuf was read.
    }
    const fields = flat ? toSchemaFields(schema, flat) : [];
    return {
      ...base,
      definition: schema.schema,
      columns: fields.filter(f => !f.field).map(f => f.column),
      fields,
    };
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
  if (schema.schemaType === 'JSON' && !isObject(parsed)) {
    // `true` accepts any value: there are no fields to list.
    return { ...base, definition, columns: [], fields: [] };
  }
  let flat: FlatSchema;
  try {
    flat = flatten(schema);
  } catch (error) {
    const format = schema.schemaType === 'JSON' ? 'JSON' : 'Avro';
    throw new InputError(
      `Schema ${schema.subject} version ${
        schema.version
      } is not a valid ${format} schema: ${(error as Error).message.replace(
        /^Invalid (Avro|JSON) Schema: /i,
        '',
      )}`,
    );
  }
  const fields = toSchemaFields(schema, flat);
  return {
    ...base,
    definition,
    columns: fields.filter(f => !f.field).map(f => f.column),
    fields,
  };
}

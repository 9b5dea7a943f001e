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

/**
 * One field of a schema, flattened: nested fields follow their parent with a
 * dotted path.
 * @public
 */
export interface FlatField {
  path: string;
  name: string;
  depth: number;
  type: string;
  nullable: boolean;
  hasChildren: boolean;
  doc?: string;
  /** Tags written in the schema itself next to the field. */
  tags: string[];
  /**
   * The full name of the record / message that declares the field, for
   * Stream Catalog field entities (`<lsrc>:.:<id>:<record>.<field>`).
   */
  recordFullName?: string;
}

/**
 * A flattened schema.
 * @public
 */
export interface FlatSchema {
  /** The top-level record / message / object name. */
  recordName?: string;
  fields: FlatField[];
  /**
   * Set when the schema has more fields, or nests deeper, than
   * {@link FLATTEN_LIMITS}: `fields` then lists the first ones only.
   */
  truncated?: true;
  /**
   * Set when the value is not a record / message / object (a bare string,
   * an array…): `fields` then holds one `value` entry describing it.
   */
  bareValue?: true;
}

/**
 * What a flattener reads beyond what the schema card needs.
 * @public
 */
export interface FlattenOptions {
  /**
   * Read a schema whose references (Avro named types, Protobuf imports,
   * JSON Schema `$ref`s to other documents) were not passed: a field of such
   * a type is listed as a leaf named after the type instead of the schema
   * being rejected. Used where the references are not fetched.
   * Defaults to false.
   */
  tolerateUnresolved?: boolean;
  /**
   * List the fields inside arrays and maps (`items[].sku`, `prices{}.amount`).
   * False lists the array or map field alone, as a column: what the
   * catalog's column lineage addresses. Defaults to true.
   */
  expandCollections?: boolean;
}

/**
 * How far a schema is flattened. A schema is registered by whoever may
 * write a subject: a 1.6 KB Avro schema whose named types each use the
 * next twice expands to 786,430 paths, so the walk stops here.
 * @public
 */
export const FLATTEN_LIMITS = { maxFields: 5000, maxDepth: 32 } as const;

/**
 * The field list of one flattening, bounded by {@link FLATTEN_LIMITS}.
 * Walkers ask `descend` before going below a field and stop when `add`
 * returns false.
 */
export function boundedFields() {
  const fields: FlatField[] = [];
  let truncated = false;
  return {
    fields,
    /** Adds a field; false once the list is full. */
    add(field: FlatField): boolean {
      if (fields.length >= FLATTEN_LIMITS.maxFields) {
        truncated = true;
        return false;
      }
      fields.push(field);
      return true;
    },
    /** Whether the fields below one at `depth` are listed. */
    descend(depth: number): boolean {
      if (depth + 1 < FLATTEN_LIMITS.maxDepth) return true;
      truncated = true;
      return false;
    },
    /** The flattened schema. */
    result(recordName?: string): FlatSchema {
      return {
        ...(recordName ? { recordName } : {}),
        fields,
        ...(truncated ? { truncated: true as const } : {}),
      };
    },
  };
}

/**
 * A schema another schema references, by the name it is referenced with
 * (Avro: a subject whose named types are used; Protobuf: the import path;
 * JSON Schema: the `$ref` URL).
 * @public
 */
export interface ReferencedSchema {
  name: string;
  schema: string;
}

/** Inline tags, as a list, whether written as one string or an array. */
export function tagList(value: unknown): string[] {
  if (typeof value === 'string' && value.trim()) {
    return [value.trim()];
  }
  if (Array.isArray(value)) {
    return value
      .filter((v): v is string => typeof v === 'string' && !!v.trim())
      .map(v => v.trim());
  }
  return [];
}

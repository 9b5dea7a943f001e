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
import {
  boundedFields,
  FlatSchema,
  FlattenOptions,
  ReferencedSchema,
  tagList,
} from './types';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a JSON pointer (`/definitions/Address`) inside a document. */
function pointer(doc: unknown, path: string): unknown {
  if (!path || path === '/') return doc;
  return path
    .replace(/^\//, '')
    .split('/')
    .map(p => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) =>
        isNode(node) || Array.isArray(node) ? (node as any)[part] : undefined,
      doc,
    );
}

interface Resolved {
  node: Node;
  /** The document `node` lives in, for its own local `$ref`s. */
  doc: unknown;
  /** A stable name of the definition, to detect recursion. */
  refId?: string;
  /** A `$ref` to a document not passed, when those are tolerated. */
  unresolved?: string;
}

interface Described {
  type: string;
  nullable: boolean;
  object?: Resolved;
  suffix: string;
}

/**
 * Flattens a JSON Schema into its fields, walked structurally: `properties`
 * (nested objects expanded with dotted paths), `required`, `type` arrays,
 * `oneOf`/`anyOf` with a `null` branch (how Confluent's converters write
 * optional fields), local and referenced `$ref`s, `items` and
 * `additionalProperties`. Tags come from `confluent:tags`.
 * @throws InputError when the schema is not JSON or a `$ref` cannot be
 * resolved (unless it names a document not passed and
 * `options.tolerateUnresolved`)
 * @public
 */
export function flattenJsonSchema(
  schema: string,
  references: ReferencedSchema[] = [],
  options: FlattenOptions = {},
): FlatSchema {
  const { root, docs } = parseDocuments(schema, references);
  const reader: Reader = {
    docs,
    tolerateUnresolved: options.tolerateUnresolved,
    expand: options.expandCollections ?? true,
    list: boundedFields(),
  };
  const top = describe(reader, resolve(reader, root, root));
  if (!top.object || top.suffix) {
    return {
      fields: [
        {
          path: 'value',
          name: 'value',
          depth: 0,
          type: top.type,
          nullable: top.nullable,
          hasChildren: false,
          tags: [],
        },
      ],
      bareValue: true,
    };
  }
  walk(
    reader,
    top.object,
    '',
    0,
    new Set(top.object.refId ? [top.object.refId] : []),
  );
  return reader.list.result(
    typeof top.object.node.title === 'string'
      ? top.object.node.title
      : undefined,
  );
}

/** The schema and its referenced documents, parsed. */
function parseDocuments(
  schema: string,
  references: ReferencedSchema[],
): { root: Node; docs: Map<string, unknown> } {
  const docs = new Map<string, unknown>();
  let root: unknown;
  try {
    root = JSON.parse(schema);
    for (const ref of references) {
      docs.set(ref.name, JSON.parse(ref.schema));
    }
  } catch (error) {
    throw new InputError(
      `Invalid JSON Schema: ${(error as Error)?.message ?? error}`,
    );
  }
  if (!isNode(root)) {
    throw new InputError('Invalid JSON Schema: the schema is not an object');
  }
  return { root, docs };
}

/** What one flattening reads from and writes to. */
interface Reader {
  /** Referenced documents by name. */
  docs: Map<string, unknown>;
  tolerateUnresolved?: boolean;
  /** Whether fields inside arrays and maps are listed. */
  expand: boolean;
  list: ReturnType<typeof boundedFields>;
}

/** Follows `$ref`s to the node they name (with the document it lives in). */
function resolve(
  reader: Reader,
  node: unknown,
  doc: unknown,
  depth = 0,
): Resolved {
  if (!isNode(node)) {
    // `true` / `{}` accept anything.
    return { node: {}, doc };
  }
  const ref = node.$ref;
  if (typeof ref !== 'string') {
    return { node, doc };
  }
  if (depth > 32) {
    throw new InputError(`Invalid JSON Schema: $ref loop at ${ref}`);
  }
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const path = hash < 0 ? '' : ref.slice(hash + 1);
  const target = file ? reader.docs.get(file) : doc;
  if (target === undefined && reader.tolerateUnresolved) {
    return { node: {}, doc, unresolved: ref };
  }
  if (target === undefined) {
    throw new InputError(
      `Invalid JSON Schema: $ref ${ref} names no registered reference`,
    );
  }
  const found = pointer(target, path);
  if (found === undefined) {
    throw new InputError(
      `Invalid JSON Schema: $ref ${ref} resolves to nothing`,
    );
  }
  const resolved = resolve(reader, found, target, depth + 1);
  return { ...resolved, refId: resolved.refId ?? `${file}#${path}` };
}

/** The type a node reads as, and the object (if any) whose fields it holds. */
function describe(reader: Reader, input: Resolved): Described {
  const { node, doc } = input;
  if (input.unresolved) {
    return {
      type: `${input.unresolved} (unresolved)`,
      nullable: false,
      suffix: '',
    };
  }
  const branches = (node.oneOf ?? node.anyOf) as unknown;
  if (Array.isArray(branches) && branches.length > 0) {
    return describeBranches(reader, node, branches, doc);
  }
  const types = (Array.isArray(node.type) ? node.type : [node.type]).filter(
    (t): t is string => typeof t === 'string',
  );
  const nonNull = types.filter(t => t !== 'null');
  const nullable = nonNull.length < types.length;
  let main: string | undefined = nonNull[0];
  if (!main && isNode(node.properties)) main = 'object';
  else if (!main && node.items) main = 'array';
  if (main === 'object' || (!main && isNode(node.properties))) {
    if (isNode(node.properties)) {
      const title = typeof node.title === 'string' ? ` ${node.title}` : '';
      return { type: `object${title}`, nullable, object: input, suffix: '' };
    }
    if (isNode(node.additionalProperties)) {
      const values = describe(
        reader,
        resolve(reader, node.additionalProperties, doc),
      );
      return {
        type: `map<${values.type}>`,
        nullable,
        object: values.object,
        suffix: `{}${values.suffix}`,
      };
    }
    return { type: 'object', nullable, suffix: '' };
  }
  if (main === 'array') {
    const items = describe(reader, resolve(reader, node.items, doc));
    return {
      type: `array<${items.type}>`,
      nullable,
      object: items.object,
      suffix: `[]${items.suffix}`,
    };
  }
  // `format` (date-time, email…) or the Connect type of Confluent's JSON
  // Schema converter (int64, …) says more than the JSON type alone.
  const format = [node.format, node['connect.type']].find(
    (v): v is string => typeof v === 'string',
  );
  let base = main ?? (Array.isArray(node.enum) ? 'enum' : 'any');
  if (nonNull.length > 1) base = nonNull.join(' | ');
  return {
    type: format ? `${base} (${format})` : base,
    nullable,
    suffix: '',
  };
}

/** `oneOf` / `anyOf`: one non-null branch with a `null` one is that branch, nullable. */
function describeBranches(
  reader: Reader,
  node: Node,
  branches: unknown[],
  doc: unknown,
): Described {
  const resolved = branches.map(b => resolve(reader, b, doc));
  const nonNull = resolved.filter(b => b.node.type !== 'null');
  const nullable = nonNull.length < resolved.length;
  if (nonNull.length === 1) {
    const one = describe(reader, nonNull[0]);
    return { ...one, nullable: one.nullable || nullable };
  }
  return {
    type: `${node.oneOf ? 'oneOf' : 'anyOf'}<${nonNull
      .map(b => describe(reader, b).type)
      .join(', ')}>`,
    nullable,
    suffix: '',
  };
}

/** Lists an object's properties, descending into nested objects. */
function walk(
  reader: Reader,
  object: Resolved,
  prefix: string,
  depth: number,
  seen: ReadonlySet<string>,
): void {
  const { list, expand } = reader;
  const properties = object.node.properties as Node;
  const required = new Set(
    Array.isArray(object.node.required) ? object.node.required : [],
  );
  const recordName =
    typeof object.node.title === 'string' ? object.node.title : undefined;
  for (const [name, raw] of Object.entries(properties)) {
    const resolved = resolve(reader, raw, object.doc);
    const described = describe(reader, resolved);
    const path = prefix ? `${prefix}.${name}` : name;
    const nested =
      described.object &&
      (expand || !described.suffix) &&
      !(described.object.refId && seen.has(described.object.refId)) &&
      list.descend(depth)
        ? described.object
        : undefined;
    const doc =
      (isNode(raw) && typeof raw.description === 'string'
        ? raw.description
        : undefined) ??
      (typeof resolved.node.description === 'string'
        ? resolved.node.description
        : undefined);
    const added = list.add({
      path,
      name,
      depth,
      type: described.type,
      // Absent counts as null for a reader: both mean "no value".
      nullable: described.nullable || !required.has(name),
      hasChildren: !!nested,
      ...(doc ? { doc } : {}),
      tags: [
        ...new Set([
          ...tagList(isNode(raw) ? raw['confluent:tags'] : undefined),
          ...tagList(resolved.node['confluent:tags']),
        ]),
      ],
      ...(recordName ? { recordFullName: recordName } : {}),
    });
    if (!added) return;
    if (nested) {
      walk(
        reader,
        nested,
        `${path}${described.suffix}`,
        depth + 1,
        nested.refId ? new Set([...seen, nested.refId]) : seen,
      );
    }
  }
}

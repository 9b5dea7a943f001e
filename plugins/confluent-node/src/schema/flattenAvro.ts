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
import * as avro from 'avsc';
import {
  boundedFields,
  FlatSchema,
  FlattenOptions,
  ReferencedSchema,
  tagList,
} from './types';

type RawRecord = { fields?: Array<Record<string, unknown>> };

/**
 * Keeps every logical type as its underlying type while remembering its
 * name: the schema is only read, never used to decode, so no conversion
 * is needed, and avsc would otherwise drop unknown logical types silently.
 */
class NamedLogicalType extends avro.types.LogicalType {
  readonly logicalName: string;
  readonly attrs: Record<string, unknown>;

  constructor(schema: avro.Schema, opts?: Partial<avro.ForSchemaOptions>) {
    super(schema, opts);
    const attrs = schema as unknown as Record<string, unknown>;
    this.logicalName = String(attrs.logicalType);
    this.attrs = attrs;
  }

  _fromValue(value: unknown) {
    return value;
  }

  _toValue(value: unknown) {
    return value;
  }
}

const logicalTypes = new Proxy({} as Record<string, typeof NamedLogicalType>, {
  get: () => NamedLogicalType,
});

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function shortName(name: string | undefined): string {
  return (name ?? '').split('.').pop() ?? '';
}

interface Described {
  type: string;
  nullable: boolean;
  /** The record whose fields follow, if any. */
  record?: avro.types.RecordType;
  /** Path suffix before nested fields: `[]` for arrays, `{}` for maps. */
  suffix: string;
}

const PRIMITIVES = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

/**
 * Placeholders of named types no reference defines, when those are
 * tolerated: an empty record the walk shows as `<name> (unresolved)`.
 */
class Unresolved {
  readonly names = new Set<string>();

  /** The placeholder type of `raw` if it names a type nothing defines. */
  hook(raw: unknown, opts: Partial<avro.ForSchemaOptions>) {
    if (typeof raw !== 'string' || PRIMITIVES.has(raw)) return undefined;
    const name = fullName(raw, opts.namespace);
    const registry = opts.registry ?? {};
    if (registry[name] || registry[raw]) return undefined;
    this.names.add(name);
    const stub = avro.Type.forSchema(
      { type: 'record', name, fields: [] },
      { registry: {} },
    );
    registry[name] = stub;
    return stub;
  }
}

function describe(type: avro.Type, unresolved?: Unresolved): Described {
  if (unresolved?.names.has((type as { name?: string }).name ?? '')) {
    return {
      type: `${(type as { name?: string }).name} (unresolved)`,
      nullable: false,
      suffix: '',
    };
  }
  if (type instanceof NamedLogicalType) {
    const under = describe(type.underlyingType, unresolved);
    const { precision, scale } = type.attrs as {
      precision?: number;
      scale?: number;
    };
    const args =
      type.logicalName === 'decimal' && precision !== undefined
        ? `(${precision}${scale !== undefined ? `,${scale}` : ''})`
        : '';
    return { ...under, type: `${under.type} (${type.logicalName}${args})` };
  }
  if (
    type instanceof avro.types.UnwrappedUnionType ||
    type instanceof avro.types.WrappedUnionType
  ) {
    const branches = (type as avro.types.UnwrappedUnionType).types;
    const nonNull = branches.filter(t => t.typeName !== 'null');
    const nullable = nonNull.length < branches.length;
    if (nonNull.length === 1) {
      return { ...describe(nonNull[0], unresolved), nullable };
    }
    return {
      type: `union<${nonNull
        .map(t => describe(t, unresolved).type)
        .join(', ')}>`,
      nullable,
      suffix: '',
    };
  }
  if (type instanceof avro.types.RecordType) {
    return {
      type: `record ${shortName(type.name)}`,
      nullable: false,
      record: type,
      suffix: '',
    };
  }
  if (type instanceof avro.types.ArrayType) {
    const items = describe(type.itemsType, unresolved);
    return {
      type: `array<${items.type}>`,
      nullable: false,
      record: items.record,
      suffix: `[]${items.suffix}`,
    };
  }
  if (type instanceof avro.types.MapType) {
    const values = describe(type.valuesType, unresolved);
    return {
      type: `map<${values.type}>`,
      nullable: false,
      record: values.record,
      suffix: `{}${values.suffix}`,
    };
  }
  if (type instanceof avro.types.EnumType) {
    return {
      type: `enum ${shortName(type.name)}`,
      nullable: false,
      suffix: '',
    };
  }
  if (type instanceof avro.types.FixedType) {
    return {
      type: `fixed ${shortName(type.name)}(${type.size})`,
      nullable: false,
      suffix: '',
    };
  }
  return {
    type: type.typeName,
    nullable: type.typeName === 'null',
    suffix: '',
  };
}

/**
 * Flattens an Avro schema (parsed with avsc, named types from `references`
 * registered first) into its fields, nested records expanded with dotted
 * paths. Field tags come from the `confluent:tags` attribute, which avsc
 * does not keep, so the raw record definitions are captured on the way.
 * @throws InputError when the schema is not valid Avro (or names a type no
 * reference defines, unless `options.tolerateUnresolved`)
 * @public
 */
export function flattenAvro(
  schema: string,
  references: ReferencedSchema[] = [],
  options: FlattenOptions = {},
): FlatSchema {
  const expand = options.expandCollections ?? true;
  const unresolved = options.tolerateUnresolved ? new Unresolved() : undefined;
  const rawRecords = new Map<string, RawRecord>();
  const opts: Partial<avro.ForSchemaOptions> = {
    registry: {},
    logicalTypes,
    wrapUnions: 'never',
    typeHook: (raw: unknown, hookOpts: Partial<avro.ForSchemaOptions>) => {
      const stub = unresolved?.hook(raw, hookOpts);
      if (stub) return stub;
      if (
        raw &&
        typeof raw === 'object' &&
        !Array.isArray(raw) &&
        ((raw as { type?: unknown }).type === 'record' ||
          (raw as { type?: unknown }).type === 'error') &&
        typeof (raw as { name?: unknown }).name === 'string'
      ) {
        const r = raw as { name: string; namespace?: string };
        rawRecords.set(
          fullName(r.name, r.namespace ?? hookOpts.namespace),
          raw as RawRecord,
        );
      }
      return undefined;
    },
  };

  let root: avro.Type;
  try {
    for (const ref of references) {
      avro.Type.forSchema(JSON.parse(ref.schema), opts);
    }
    root = avro.Type.forSchema(JSON.parse(schema), opts);
  } catch (error) {
    throw new InputError(
      `Invalid Avro schema: ${(error as Error)?.message ?? error}`,
    );
  }

  const list = boundedFields();
  const walk = (
    record: avro.types.RecordType,
    prefix: string,
    depth: number,
    seen: ReadonlySet<string>,
  ) => {
    const raw = rawRecords.get(record.name ?? '');
    for (const field of record.fields) {
      const described = describe(field.type, unresolved);
      const rawField = raw?.fields?.find(f => f.name === field.name);
      const path = prefix ? `${prefix}.${field.name}` : field.name;
      // A record that contains itself is listed once, not expanded forever.
      const nested =
        described.record &&
        (expand || !described.suffix) &&
        !seen.has(described.record.name ?? '') &&
        list.descend(depth)
          ? described.record
          : undefined;
      const added = list.add({
        path,
        name: field.name,
        depth,
        type: described.type,
        nullable: described.nullable,
        hasChildren: !!nested,
        // avsc keeps `doc` on fields but its typings omit it.
        ...((field as { doc?: string }).doc
          ? { doc: (field as { doc?: string }).doc }
          : {}),
        tags: tagList(rawField?.['confluent:tags']),
        ...(record.name ? { recordFullName: record.name } : {}),
      });
      if (!added) return;
      if (nested) {
        walk(
          nested,
          `${path}${described.suffix}`,
          depth + 1,
          new Set([...seen, nested.name ?? '']),
        );
      }
    }
  };

  const top = describe(root, unresolved);
  if (!top.record || (!expand && top.suffix)) {
    // A topic whose value is a bare type (a string, an array…).
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
  walk(top.record, '', 0, new Set([top.record.name ?? '']));
  return list.result(top.record.name);
}

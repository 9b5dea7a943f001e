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
import * as protobuf from 'protobufjs';
import {
  boundedFields,
  FlatSchema,
  FlattenOptions,
  ReferencedSchema,
  tagList,
} from './types';

const PARSE_OPTIONS = { keepCase: true, alternateCommentMode: true };

/** `google.protobuf.StringValue` and friends: a nullable scalar. */
const WRAPPERS: Record<string, string> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

/** Well-known types shown as one value rather than their inner fields. */
const OPAQUE = new Set([
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
  'google.protobuf.Any',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
  'google.protobuf.Empty',
  'google.protobuf.FieldMask',
]);

const fullName = (t: protobuf.ReflectionObject) =>
  t.fullName.replace(/^\./, '');

/** Tags of `[(confluent.field_meta) = { tags: [...] }]` or `(confluent.field_meta).tags = "…"`. */
function fieldTags(field: protobuf.Field): string[] {
  const tags: string[] = [];
  for (const option of (field.parsedOptions ?? []) as unknown[]) {
    const meta = (option as Record<string, unknown>)['(confluent.field_meta)'];
    if (meta && typeof meta === 'object') {
      tags.push(...tagList((meta as { tags?: unknown }).tags));
    }
  }
  tags.push(...tagList(field.options?.['(confluent.field_meta).tags']));
  return [...new Set(tags)];
}

function fieldDoc(field: protobuf.Field): string | undefined {
  for (const option of (field.parsedOptions ?? []) as unknown[]) {
    const meta = (option as Record<string, unknown>)['(confluent.field_meta)'];
    const doc = (meta as { doc?: unknown } | undefined)?.doc;
    if (typeof doc === 'string' && doc) return doc;
  }
  return field.comment ?? undefined;
}

/** Adds the well-known `google/protobuf/*.proto` files protobufjs ships. */
function addCommonImports(root: protobuf.Root, imports: string[] = []) {
  for (const file of imports) {
    const common = protobuf.common.get(file);
    if (common?.nested) {
      root.addJSON(common.nested);
    }
  }
}

/**
 * Flattens a Protobuf schema (parsed with protobufjs) into the fields of its
 * first message, as Confluent's serializers use it: nested messages
 * expanded with dotted paths, `repeated` and `map` fields, oneofs, proto3
 * `optional` and wrapper types as nullable. Tags come from Confluent's
 * `(confluent.field_meta).tags` option; referenced files (imports) are
 * parsed from `references`.
 * @throws InputError when the schema does not parse, declares no message, or
 * uses undefined types (unless `options.tolerateUnresolved`)
 * @public
 */
export function flattenProtobuf(
  schema: string,
  references: ReferencedSchema[] = [],
  options: FlattenOptions = {},
): FlatSchema {
  const expand = options.expandCollections ?? true;
  const tolerate = options.tolerateUnresolved ?? false;
  const root = new protobuf.Root();
  let first: protobuf.Type | undefined;
  try {
    for (const ref of references) {
      const parsed = protobuf.parse(ref.schema, root, PARSE_OPTIONS);
      addCommonImports(root, parsed.imports);
    }
    // The message is the first one declared in this file, so it is looked up
    // in a root holding only this file before everything is merged.
    const own = protobuf.parse(schema, new protobuf.Root(), PARSE_OPTIONS);
    const ownPackage = own.package ? own.root.lookup(own.package) : own.root;
    const firstOwn = (
      (ownPackage as protobuf.Namespace | null)?.nestedArray ?? []
    ).find((n): n is protobuf.Type => n instanceof protobuf.Type);
    if (!firstOwn) {
      throw new Error('the schema declares no message');
    }
    const parsed = protobuf.parse(schema, root, PARSE_OPTIONS);
    addCommonImports(root, parsed.imports);
    // Tolerating unresolved imports, each field is resolved on the walk
    // instead, and one whose type no file declares is listed by name.
    if (!tolerate) root.resolveAll();
    first = root.lookupType(fullName(firstOwn));
  } catch (error) {
    throw new InputError(
      `Invalid Protobuf schema: ${(error as Error)?.message ?? error}`,
    );
  }

  const list = boundedFields();
  const walk = (
    message: protobuf.Type,
    prefix: string,
    depth: number,
    seen: ReadonlySet<string>,
  ) => {
    for (const field of message.fieldsArray) {
      if (tolerate) {
        try {
          field.resolve();
        } catch {
          // Left unresolved: `resolvedType` stays null, a leaf of `field.type`.
        }
      }
      const resolved = field.resolvedType;
      const typeName = resolved ? fullName(resolved) : field.type;
      const wrapped = WRAPPERS[typeName];
      const isMessage =
        resolved instanceof protobuf.Type && !wrapped && !OPAQUE.has(typeName);
      let type: string;
      if (wrapped) {
        type = `${wrapped} (${typeName})`;
      } else if (resolved instanceof protobuf.Enum) {
        type = `enum ${resolved.name}`;
      } else if (resolved) {
        type = isMessage ? `message ${resolved.name}` : typeName;
      } else {
        type = field.type;
      }
      const map = field instanceof protobuf.MapField;
      if (map) {
        type = `map<${(field as protobuf.MapField).keyType}, ${type}>`;
      } else if (field.repeated) {
        type = `repeated ${type}`;
      }
      const inOneof = !!field.partOf;
      const proto3Optional = field.options?.proto3_optional === true;
      // Fields that track presence may be unset (protobufjs' `hasPresence`:
      // proto2 optional, proto3 `optional`, oneof members); so may singular
      // message fields, wrapper types included, whatever the syntax.
      const nullable =
        !field.required &&
        (!!field.hasPresence ||
          (!map && !field.repeated && resolved instanceof protobuf.Type));
      const path = prefix ? `${prefix}.${field.name}` : field.name;
      const nested =
        isMessage &&
        (expand || (!map && !field.repeated)) &&
        !seen.has(typeName) &&
        list.descend(depth)
          ? (resolved as protobuf.Type)
          : undefined;
      const doc = fieldDoc(field);
      const added = list.add({
        path,
        name: field.name,
        depth,
        type:
          inOneof && !proto3Optional
            ? `${type} (oneof ${field.partOf!.name})`
            : type,
        nullable,
        hasChildren: !!nested,
        ...(doc ? { doc } : {}),
        tags: fieldTags(field),
        recordFullName: fullName(message),
      });
      if (!added) return;
      if (nested) {
        let suffix = '';
        if (map) suffix = '{}';
        else if (field.repeated) suffix = '[]';
        walk(
          nested,
          `${path}${suffix}`,
          depth + 1,
          new Set([...seen, typeName]),
        );
      }
    }
  };
  walk(first, '', 0, new Set([fullName(first)]));
  return list.result(fullName(first));
}

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
 * Flink logical types: parsed from SQL type strings (`ROW<street STRING>`,
 * `TIMESTAMP_LTZ(3) NOT NULL`), inferred from Avro schemas the way Confluent
 * Cloud infers a table from a topic, rendered as `sql/v1` `DataType` JSON and
 * as the Avro schema Confluent's `avro-registry` format registers.
 */
import type { FlinkDataTypeJson } from '../state/model';

const MAX_LENGTH = 2147483647;

/** A Flink logical type; `kind` is Flink's `LogicalTypeRoot` name. */
export type LogicalType =
  | {
      kind:
        | 'BOOLEAN'
        | 'TINYINT'
        | 'SMALLINT'
        | 'INTEGER'
        | 'BIGINT'
        | 'FLOAT'
        | 'DOUBLE'
        | 'DATE';
      nullable: boolean;
    }
  | {
      kind: 'CHAR' | 'VARCHAR' | 'BINARY' | 'VARBINARY';
      length: number;
      nullable: boolean;
    }
  | { kind: 'DECIMAL'; precision: number; scale: number; nullable: boolean }
  | {
      kind:
        | 'TIME_WITHOUT_TIME_ZONE'
        | 'TIMESTAMP_WITHOUT_TIME_ZONE'
        | 'TIMESTAMP_WITH_LOCAL_TIME_ZONE';
      precision: number;
      nullable: boolean;
    }
  | { kind: 'ARRAY'; element: LogicalType; nullable: boolean }
  | { kind: 'MAP'; key: LogicalType; value: LogicalType; nullable: boolean }
  | { kind: 'ROW'; fields: RowField[]; nullable: boolean };

export interface RowField {
  name: string;
  type: LogicalType;
}

/** A column of a Flink table. */
export interface FlinkColumn {
  name: string;
  type: LogicalType;
}

export function withNullable(
  type: LogicalType,
  nullable: boolean,
): LogicalType {
  return { ...type, nullable };
}

export const STRING_TYPE: LogicalType = {
  kind: 'VARCHAR',
  length: MAX_LENGTH,
  nullable: true,
};

// ---------------------------------------------------------------------------
// SQL type strings

class TypeParser {
  readonly #tokens: string[];
  #pos = 0;

  constructor(text: string) {
    this.#tokens =
      text.match(
        /`(?:[^`]|``)*`|'(?:[^']|'')*'|[A-Za-z_$][\w$]*|\d+|[<>(),]/g,
      ) ?? [];
  }

  parse(): LogicalType {
    const type = this.#type();
    if (this.#pos < this.#tokens.length) {
      throw new Error(`Unexpected '${this.#tokens[this.#pos]}' in type`);
    }
    return type;
  }

  #peek(): string | undefined {
    return this.#tokens[this.#pos];
  }

  #peekWord(offset = 0): string | undefined {
    return this.#tokens[this.#pos + offset]?.toUpperCase();
  }

  #next(): string {
    const token = this.#tokens[this.#pos++];
    if (token === undefined) throw new Error('Unexpected end of type');
    return token;
  }

  #expect(token: string) {
    const actual = this.#next();
    if (actual.toUpperCase() !== token) {
      throw new Error(`Expected '${token}' but found '${actual}'`);
    }
  }

  #numbers(): number[] {
    if (this.#peek() !== '(') return [];
    this.#next();
    const values = [Number(this.#next())];
    while (this.#peek() === ',') {
      this.#next();
      values.push(Number(this.#next()));
    }
    this.#expect(')');
    return values;
  }

  #type(): LogicalType {
    const type = this.#bareType();
    if (this.#peekWord() === 'NOT' && this.#peekWord(1) === 'NULL') {
      this.#pos += 2;
      return withNullable(type, false);
    }
    if (this.#peekWord() === 'NULL') this.#pos += 1;
    return type;
  }

  #bareType(): LogicalType {
    const word = this.#next().toUpperCase();
    const nullable = true;
    switch (word) {
      case 'BOOLEAN':
      case 'TINYINT':
      case 'SMALLINT':
      case 'BIGINT':
      case 'FLOAT':
      case 'DOUBLE':
      case 'DATE': {
        if (word === 'DOUBLE' && this.#peekWord() === 'PRECISION')
          this.#pos += 1;
        return { kind: word, nullable };
      }
      case 'INT':
      case 'INTEGER':
        return { kind: 'INTEGER', nullable };
      case 'STRING':
        return { kind: 'VARCHAR', length: MAX_LENGTH, nullable };
      case 'BYTES':
        return { kind: 'VARBINARY', length: MAX_LENGTH, nullable };
      case 'CHAR':
      case 'VARCHAR':
      case 'BINARY':
      case 'VARBINARY': {
        const [length] = this.#numbers();
        const fallback = word.startsWith('VAR') ? MAX_LENGTH : 1;
        return { kind: word, length: length ?? fallback, nullable };
      }
      case 'DECIMAL':
      case 'DEC':
      case 'NUMERIC': {
        const [precision = 10, scale = 0] = this.#numbers();
        return { kind: 'DECIMAL', precision, scale, nullable };
      }
      case 'TIME': {
        const [precision = 0] = this.#numbers();
        this.#timeZoneSuffix();
        return { kind: 'TIME_WITHOUT_TIME_ZONE', precision, nullable };
      }
      case 'TIMESTAMP': {
        const [precision = 6] = this.#numbers();
        const local = this.#timeZoneSuffix();
        return {
          kind: local
            ? 'TIMESTAMP_WITH_LOCAL_TIME_ZONE'
            : 'TIMESTAMP_WITHOUT_TIME_ZONE',
          precision,
          nullable,
        };
      }
      case 'TIMESTAMP_LTZ': {
        const [precision = 6] = this.#numbers();
        return { kind: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE', precision, nullable };
      }
      case 'ARRAY': {
        this.#expect('<');
        const element = this.#type();
        this.#expect('>');
        return { kind: 'ARRAY', element, nullable };
      }
      case 'MAP': {
        this.#expect('<');
        const key = this.#type();
        this.#expect(',');
        const value = this.#type();
        this.#expect('>');
        return { kind: 'MAP', key, value, nullable };
      }
      case 'ROW':
        return { kind: 'ROW', fields: this.#rowFields(), nullable };
      default:
        throw new Error(`Unknown type '${word}'`);
    }
  }

  /** Consumes `WITH[OUT] [LOCAL] TIME ZONE`; true for `WITH LOCAL TIME ZONE`. */
  #timeZoneSuffix(): boolean {
    const word = this.#peekWord();
    if (word === 'WITHOUT') {
      this.#pos += 3;
      return false;
    }
    if (word === 'WITH' && this.#peekWord(1) === 'LOCAL') {
      this.#pos += 4;
      return true;
    }
    return false;
  }

  #rowFields(): RowField[] {
    const open = this.#next();
    if (open !== '<' && open !== '(') throw new Error(`Expected '<' after ROW`);
    const close = open === '<' ? '>' : ')';
    const fields: RowField[] = [];
    if (this.#peek() === close) {
      this.#next();
      return fields;
    }
    for (;;) {
      const name = unquote(this.#next());
      const type = this.#type();
      if (this.#peekWord() === 'COMMENT') this.#pos += 2;
      fields.push({ name, type });
      const token = this.#next();
      if (token === close) return fields;
      if (token !== ',') throw new Error(`Expected ',' or '${close}' in ROW`);
    }
  }
}

function unquote(identifier: string): string {
  return identifier.startsWith('`')
    ? identifier.slice(1, -1).replace(/``/g, '`')
    : identifier;
}

/** Parses a Flink SQL type such as `ROW<city STRING> NOT NULL`; throws on bad input. */
export function parseFlinkType(text: string): LogicalType {
  return new TypeParser(text).parse();
}

// ---------------------------------------------------------------------------
// sql/v1 DataType JSON

/** The type as `sql/v1` renders it in `status.traits.schema.columns`. */
export function toDataTypeJson(type: LogicalType): FlinkDataTypeJson {
  const json: FlinkDataTypeJson = { type: type.kind, nullable: type.nullable };
  switch (type.kind) {
    case 'CHAR':
    case 'VARCHAR':
    case 'BINARY':
    case 'VARBINARY':
      json.length = type.length;
      break;
    case 'DECIMAL':
      json.precision = type.precision;
      json.scale = type.scale;
      break;
    case 'TIME_WITHOUT_TIME_ZONE':
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      json.precision = type.precision;
      break;
    case 'ARRAY':
      json.element_type = toDataTypeJson(type.element);
      break;
    case 'MAP':
      json.key_type = toDataTypeJson(type.key);
      json.value_type = toDataTypeJson(type.value);
      break;
    case 'ROW':
      json.fields = type.fields.map(f => ({
        name: f.name,
        field_type: toDataTypeJson(f.type),
      }));
      break;
    default:
      break;
  }
  return json;
}

// ---------------------------------------------------------------------------
// Avro, as Confluent Cloud's avro-registry format writes and reads it

type AvroSchema = string | Record<string, unknown> | AvroSchema[];

/** A name Avro accepts for a record: other characters become `_`. */
function avroRecordName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_');
}

/** The Avro record Confluent Cloud registers for a table's value (or key). */
export function toFlinkAvroRecord(recordName: string, columns: FlinkColumn[]) {
  const name = avroRecordName(recordName);
  return {
    type: 'record',
    name,
    namespace: 'org.apache.flink.avro.generated.record',
    fields: columns.map(c =>
      avroField(c.name, c.type, `${name}_${avroRecordName(c.name)}`),
    ),
  };
}

function avroField(name: string, type: LogicalType, nestedName: string) {
  const schema = avroType(type, nestedName);
  return type.nullable
    ? { name, type: ['null', schema], default: null }
    : { name, type: schema };
}

function avroType(type: LogicalType, nestedName: string): AvroSchema {
  switch (type.kind) {
    case 'BOOLEAN':
      return 'boolean';
    case 'TINYINT':
      return { type: 'int', 'connect.type': 'int8' };
    case 'SMALLINT':
      return { type: 'int', 'connect.type': 'int16' };
    case 'INTEGER':
      return 'int';
    case 'BIGINT':
      return 'long';
    case 'FLOAT':
      return 'float';
    case 'DOUBLE':
      return 'double';
    case 'CHAR':
    case 'VARCHAR':
      return 'string';
    case 'BINARY':
    case 'VARBINARY':
      return 'bytes';
    case 'DECIMAL':
      return {
        type: 'bytes',
        logicalType: 'decimal',
        precision: type.precision,
        scale: type.scale,
      };
    case 'DATE':
      return { type: 'int', logicalType: 'date' };
    case 'TIME_WITHOUT_TIME_ZONE':
      return { type: 'int', logicalType: 'time-millis' };
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return {
        type: 'long',
        logicalType:
          type.precision <= 3
            ? 'local-timestamp-millis'
            : 'local-timestamp-micros',
      };
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return {
        type: 'long',
        logicalType:
          type.precision <= 3 ? 'timestamp-millis' : 'timestamp-micros',
      };
    case 'ARRAY': {
      const items = avroType(type.element, nestedName);
      return {
        type: 'array',
        items: type.element.nullable ? ['null', items] : items,
      };
    }
    case 'MAP': {
      const values = avroType(type.value, nestedName);
      return {
        type: 'map',
        values: type.value.nullable ? ['null', values] : values,
      };
    }
    case 'ROW':
      return {
        type: 'record',
        name: nestedName,
        fields: type.fields.map(f =>
          avroField(f.name, f.type, `${nestedName}_${avroRecordName(f.name)}`),
        ),
      };
    default:
      return 'string';
  }
}

/**
 * The Flink columns Confluent Cloud infers from an Avro record schema (a
 * topic's value schema): unions with null are nullable, logical types map to
 * DECIMAL, DATE, TIME and the timestamp types, records to ROW.
 */
export function columnsFromAvro(schemaText: string): FlinkColumn[] {
  const schema = JSON.parse(schemaText) as AvroSchema;
  const named = new Map<string, AvroSchema>();
  const resolved = resolveAvro(schema, named, undefined);
  if (
    typeof resolved !== 'object' ||
    Array.isArray(resolved) ||
    resolved.type !== 'record'
  ) {
    return [{ name: 'value', type: fromAvro(schema, named, undefined) }];
  }
  return (resolved.fields as Array<{ name: string; type: AvroSchema }>).map(
    f => ({
      name: f.name,
      type: fromAvro(f.type, named, resolved.namespace as string | undefined),
    }),
  );
}

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function resolveAvro(
  schema: AvroSchema,
  named: Map<string, AvroSchema>,
  namespace: string | undefined,
): AvroSchema {
  if (typeof schema === 'string') {
    return (
      named.get(fullName(schema, namespace)) ?? named.get(schema) ?? schema
    );
  }
  if (!Array.isArray(schema) && typeof schema.name === 'string') {
    const ns = (schema.namespace as string | undefined) ?? namespace;
    named.set(fullName(schema.name, ns), schema);
  }
  return schema;
}

function fromAvro(
  raw: AvroSchema,
  named: Map<string, AvroSchema>,
  namespace: string | undefined,
): LogicalType {
  const schema = resolveAvro(raw, named, namespace);
  if (Array.isArray(schema)) {
    const branches = schema.filter(b => b !== 'null');
    const nullable = branches.length < schema.length;
    const inner =
      branches.length === 1
        ? fromAvro(branches[0], named, namespace)
        : STRING_TYPE;
    return withNullable(inner, nullable);
  }
  if (typeof schema === 'string') return fromAvroPrimitive(schema, {});
  const ns = (schema.namespace as string | undefined) ?? namespace;
  switch (schema.type) {
    case 'record':
      return {
        kind: 'ROW',
        nullable: false,
        fields: (
          schema.fields as Array<{ name: string; type: AvroSchema }>
        ).map(f => ({
          name: f.name,
          type: fromAvro(f.type, named, ns),
        })),
      };
    case 'array':
      return {
        kind: 'ARRAY',
        element: fromAvro(schema.items as AvroSchema, named, ns),
        nullable: false,
      };
    case 'map':
      return {
        kind: 'MAP',
        key: withNullable(STRING_TYPE, false),
        value: fromAvro(schema.values as AvroSchema, named, ns),
        nullable: false,
      };
    case 'enum':
      return withNullable(STRING_TYPE, false);
    case 'fixed':
      return { kind: 'BINARY', length: schema.size as number, nullable: false };
    default:
      if (typeof schema.type === 'object')
        return fromAvro(schema.type as AvroSchema, named, ns);
      return fromAvroPrimitive(schema.type as string, schema);
  }
}

function fromAvroPrimitive(
  type: string,
  props: Record<string, unknown>,
): LogicalType {
  const nullable = false;
  const logical = props.logicalType;
  switch (type) {
    case 'boolean':
      return { kind: 'BOOLEAN', nullable };
    case 'int':
      if (logical === 'date') return { kind: 'DATE', nullable };
      if (logical === 'time-millis')
        return { kind: 'TIME_WITHOUT_TIME_ZONE', precision: 3, nullable };
      if (props['connect.type'] === 'int8')
        return { kind: 'TINYINT', nullable };
      if (props['connect.type'] === 'int16')
        return { kind: 'SMALLINT', nullable };
      return { kind: 'INTEGER', nullable };
    case 'long':
      if (logical === 'timestamp-millis' || logical === 'timestamp-micros') {
        return {
          kind: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE',
          precision: logical === 'timestamp-millis' ? 3 : 6,
          nullable,
        };
      }
      if (
        logical === 'local-timestamp-millis' ||
        logical === 'local-timestamp-micros'
      ) {
        return {
          kind: 'TIMESTAMP_WITHOUT_TIME_ZONE',
          precision: logical === 'local-timestamp-millis' ? 3 : 6,
          nullable,
        };
      }
      if (logical === 'time-micros')
        return { kind: 'TIME_WITHOUT_TIME_ZONE', precision: 6, nullable };
      return { kind: 'BIGINT', nullable };
    case 'float':
      return { kind: 'FLOAT', nullable };
    case 'double':
      return { kind: 'DOUBLE', nullable };
    case 'bytes':
      if (logical === 'decimal') {
        return {
          kind: 'DECIMAL',
          precision: Number(props.precision ?? 38),
          scale: Number(props.scale ?? 0),
          nullable,
        };
      }
      return { kind: 'VARBINARY', length: MAX_LENGTH, nullable };
    default:
      return withNullable(STRING_TYPE, false);
  }
}

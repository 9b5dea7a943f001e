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
 * The contract between the Confluent backend plugin and the schema card: a
 * topic's latest value schema flattened into fields, each with what protects
 * it (or does not). Schemas carry no data, and neither does this.
 */
import type {
  DataProductColumnSource,
  DataProductPiiChainStep,
} from './dataProduct';
import type { PiiStatus } from './pii';

/**
 * The Schema Registry schema formats.
 * @public
 */
export type ConfluentSchemaFormat = 'AVRO' | 'JSON' | 'PROTOBUF';

/**
 * A tag on a schema field, and where it was found.
 * @public
 */
export interface ConfluentFieldTag {
  name: string;
  /**
   * `schema`: inline in the schema (`confluent:tags` in Avro and JSON
   * Schema, `(confluent.field_meta).tags` in Protobuf);
   * `schema-metadata`: the schema's `metadata.tags`;
   * `stream-catalog`: a Stream Catalog tag on the field entity (`sr_field`).
   */
  source: 'schema' | 'schema-metadata' | 'stream-catalog';
}

/**
 * What carries or protects personal data in a field, with the chain of
 * steps that shows it (origin first): the masking connector and its SMT,
 * the tags, and the statements that carried the value here.
 * @public
 */
export interface ConfluentFieldProtection {
  status: PiiStatus;
  /** For masked values: the replacement the field holds (e.g. `****`). */
  replacement?: string;
  /** The fields where the personal data originates. */
  origins: DataProductColumnSource[];
  /** Origin first; each step names the entity it is about. */
  chain: DataProductPiiChainStep[];
  /** The chain in one sentence, for a tooltip. */
  summary: string;
}

/**
 * One field of a flattened schema. Nested record / ROW / message fields
 * follow their parent, with dotted paths (`shipping_address.city`).
 * @public
 */
export interface ConfluentSchemaField {
  /** Dotted path from the top-level record. */
  path: string;
  name: string;
  /** 0 for top-level fields. */
  depth: number;
  /** The type as the format names it: `string`, `long (timestamp-millis)`, `array<string>`, `record Address`. */
  type: string;
  /** True when the field may hold null or be absent. */
  nullable: boolean;
  /** True when nested fields follow (records, ROWs, messages, objects). */
  hasChildren: boolean;
  doc?: string;
  tags: ConfluentFieldTag[];
  /** Present when the field carries personal data or a masked value. */
  protection?: ConfluentFieldProtection;
  /**
   * Present when the field's name looks personal (see
   * `createSuspectedPiiMatcher`) but nothing marks it: no PII tag and no
   * protection. Only the name is looked at, never a value.
   */
  suspectedPii?: ConfluentSuspectedPii;
}

/**
 * Why a field is suspected to hold personal data, and whether it can be
 * tagged from the card.
 * @public
 */
export interface ConfluentSuspectedPii {
  /** The configured pattern its name matched (`email`, `customer_name`). */
  pattern: string;
  /**
   * Whether the field has a Stream Catalog entity (`sr_field`) to tag: a
   * field of a named record, message or object in an environment with a
   * Schema Registry.
   */
  taggable: boolean;
}

/**
 * `POST /entities/:kind/:namespace/:name/schema/pii-tags` body: the fields
 * (dotted paths, as in {@link ConfluentSchemaField.path}) to tag PII in
 * Stream Catalog. Owners of the entity only.
 * @public
 */
export interface ConfluentTagPiiRequest {
  fields: string[];
}

/**
 * Answer of the PII tagging route.
 * @public
 */
export interface ConfluentTagPiiResponse {
  entityRef: string;
  /** The tag written (`PII`). */
  tag: string;
  /** The paths tagged, each now carrying the tag in Stream Catalog. */
  tagged: string[];
}

/**
 * `GET /entities/:kind/:namespace/:name/schema`.
 * @public
 */
export interface ConfluentSchemaResponse {
  entityRef: string;
  environmentId: string;
  topic?: string;
  subject: string;
  version: number;
  schemaId: number;
  format: ConfluentSchemaFormat;
  /** The top-level record / message / object name, when it has one. */
  recordName?: string;
  fields: ConfluentSchemaField[];
  /**
   * Set when the schema has more fields or nests deeper than the backend
   * lists: `fields` are the first ones.
   */
  truncated?: true;
  /** The subject in the Confluent Cloud console. */
  consoleUrl: string;
}

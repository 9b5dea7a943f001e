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
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

/** `<repo>/../shared/reference/confluent-openapi`, when the reference material is there. */
export const OPENAPI_DIR = path.resolve(
  __dirname,
  '../..',
  '../../../shared/reference/confluent-openapi',
);

type Json = Record<string, any>;

function pointer(segments: string[]): string {
  return `#/${segments
    .map(s => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/')}`;
}

/**
 * One of Confluent's official OpenAPI specs, compiled with Ajv: validates a
 * response (status, media type, body) against the operation it answers.
 */
export class OpenApiSpec {
  readonly #doc: Json;
  readonly #ajv: Ajv;
  readonly #id: string;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.#id = path.basename(file);
    this.#doc = YAML.parse(fs.readFileSync(file, 'utf8'), {
      maxAliasCount: -1,
    });
    // strict: false lets OpenAPI's extra keywords (example, x-*, discriminator)
    // through; Ajv understands `nullable` itself.
    // unicodeRegExp: false because the specs' patterns are ECMAScript
    // non-unicode regexes (org-v2 escapes `\"`, an error in unicode mode).
    this.#ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: true,
      unicodeRegExp: false,
    });
    addFormats(this.#ajv);
    this.#ajv.addSchema(this.#doc, this.#id);
  }

  /** Why a response does not conform; empty when it does. */
  check(
    template: string,
    method: string,
    response: { status: number; contentType: string; body: unknown },
    fallbackSchema?: string,
  ): string[] {
    const m = method.toLowerCase();
    const operation = this.#doc.paths?.[template]?.[m];
    if (!operation)
      return [`${method} ${template} is not an operation of ${this.#id}`];
    const status = String(response.status);
    const key = [status, `${status[0]}XX`, 'default'].find(
      k => operation.responses?.[k],
    );
    let location = ['paths', template, m, 'responses', key ?? ''];
    let definition: Json | undefined = key
      ? operation.responses[key]
      : undefined;
    if (!definition) {
      if (!fallbackSchema) {
        return [`${method} ${template}: status ${status} is not documented`];
      }
      return this.#validate(
        `${this.#id}#/components/schemas/${fallbackSchema}`,
        response.body,
      );
    }
    if (definition.$ref) {
      location = definition.$ref.replace(/^#\//, '').split('/');
      definition = location.reduce<Json>((node, part) => node[part], this.#doc);
    }
    const content: Json | undefined = definition!.content;
    if (!content) return [];
    const mediaType = response.contentType.split(';')[0].trim();
    const documented = Object.keys(content).find(
      k => k.split(';')[0].trim() === mediaType,
    );
    if (!documented) {
      return [
        `${method} ${template} ${status}: media type ${mediaType} is not one of ${Object.keys(
          content,
        ).join(', ')}`,
      ];
    }
    if (!content[documented].schema) return [];
    return this.#validate(
      `${this.#id}${pointer([...location, 'content', documented, 'schema'])}`,
      response.body,
    );
  }

  #validate(ref: string, body: unknown): string[] {
    let validate = this.#compiled.get(ref);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: ref });
      this.#compiled.set(ref, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      e =>
        `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(
          e.params,
        )}`,
    );
  }
}

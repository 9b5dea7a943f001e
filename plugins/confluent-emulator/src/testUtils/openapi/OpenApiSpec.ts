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
import type AjvClass from 'ajv';
import type { ValidateFunction } from 'ajv';

type Json = Record<string, any>;

/** A response to validate: its status, media type and parsed body. @public */
export interface OpenApiResponse {
  status: number;
  /** The `Content-Type` header (parameters such as `charset` are ignored). */
  contentType: string;
  body: unknown;
}

/** An operation of a spec, as its path template and method name it. @public */
export interface OpenApiOperation {
  /** Upper case: `GET`, `POST`, … */
  method: string;
  /** The key under `paths`, query part included (`/x?expand=y`). */
  template: string;
  /** The query parameter the template's key names (`expand`), if any. */
  queryKey?: string;
  /** Literal segments: the more, the more specific (`/topics/-/configs`). */
  literals: number;
  /** Whether a request path (no query string) fits the template. */
  matches(requestPath: string): boolean;
}

/** How to read a spec. @public */
export interface OpenApiSpecOptions {
  /**
   * Properties no longer required in the spec's path schemas: known defects
   * of a published spec, which the caller documents where it names them.
   */
  ignoreRequired?: string[];
}

/**
 * The validator's libraries, loaded on first use: they are optional peer
 * dependencies of this package, so that tests using only the other test
 * utilities (and the emulator itself) do not need them.
 */
function validatorLibraries() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Ajv: typeof AjvClass = require('ajv').default;
  const addFormats: (ajv: AjvClass) => AjvClass =
    require('ajv-formats').default;
  const YAML: typeof import('yaml') = require('yaml');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { Ajv, addFormats, YAML };
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];
const isParameter = (segment: string) => /^\{.+\}$/.test(segment);

function pointer(segments: string[]): string {
  return `#/${segments
    .map(s => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/')}`;
}

/** Calls `visit` on every object and array below `node`. */
function walk(node: unknown, visit: (n: any) => void) {
  if (!node || typeof node !== 'object') return;
  visit(node);
  for (const value of Object.values(node as Record<string, unknown>))
    walk(value, visit);
}

/**
 * One of Confluent's official OpenAPI specs, compiled with Ajv: validates a
 * response (status, media type, body) against the operation it answers,
 * `$ref`s resolved and formats checked.
 * @public
 */
export class OpenApiSpec {
  /** The spec file's name, as problems mention it. */
  readonly name: string;
  /** Every operation of the spec. */
  readonly operations: readonly OpenApiOperation[];
  readonly #doc: Json;
  readonly #ajv: AjvClass;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(file: string, options: OpenApiSpecOptions = {}) {
    const { Ajv, addFormats, YAML } = validatorLibraries();
    this.name = path.basename(file);
    this.#doc = YAML.parse(fs.readFileSync(file, 'utf8'), {
      maxAliasCount: -1,
    });
    const ignored = options.ignoreRequired ?? [];
    if (ignored.length) {
      walk(this.#doc.paths, node => {
        if (Array.isArray(node.required)) {
          node.required = node.required.filter(
            (r: string) => !ignored.includes(r),
          );
        }
      });
    }
    // strict: false lets OpenAPI's own keywords (example, x-*,
    // discriminator) through; Ajv understands `nullable` itself. The
    // document is not a JSON Schema, so it is not validated as one.
    // unicodeRegExp: false because the specs' patterns are ECMAScript
    // non-unicode regexes (org-v2 escapes `\"`, an error in unicode mode).
    this.#ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      validateFormats: true,
      unicodeRegExp: false,
    });
    addFormats(this.#ajv);
    // OpenAPI's numeric formats.
    this.#ajv.addFormat('int32', {
      type: 'number',
      validate: n => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
    });
    this.#ajv.addFormat('int64', {
      type: 'number',
      validate: n => Number.isInteger(n),
    });
    this.#ajv.addSchema(this.#doc, this.name);
    this.operations = OpenApiSpec.#operationsOf(this.#doc);
  }

  static #operationsOf(doc: Json): OpenApiOperation[] {
    const operations: OpenApiOperation[] = [];
    for (const [key, item] of Object.entries<Json>(doc.paths ?? {})) {
      const [template, queryString] = key.split('?');
      const parts = template.split('/');
      const regex = new RegExp(
        `^${parts
          .map(p =>
            isParameter(p) ? '[^/]+' : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
          )
          .join('/')}$`,
      );
      for (const method of methods) {
        if (!item[method]) continue;
        operations.push({
          method: method.toUpperCase(),
          template: key,
          queryKey: queryString?.split('=')[0],
          literals: parts.filter(p => p && !isParameter(p)).length,
          matches: requestPath => regex.test(requestPath),
        });
      }
    }
    return operations;
  }

  /**
   * The key of `responses` that documents `status` for an operation
   * (`"200"`, `"4XX"` or `"default"`), if any.
   */
  documentedStatus(
    template: string,
    method: string,
    status: number,
  ): string | undefined {
    const operation = this.#doc.paths?.[template]?.[method.toLowerCase()];
    const code = String(status);
    return [code, `${code[0]}XX`, 'default'].find(
      k => operation?.responses?.[k],
    );
  }

  /**
   * Why a response does not conform to the operation `method template`;
   * empty when it does. A status the spec does not document is a problem,
   * unless `fallbackSchema` (a name under `components.schemas`) says what
   * its body must be.
   */
  check(
    template: string,
    method: string,
    response: OpenApiResponse,
    fallbackSchema?: string,
  ): string[] {
    const m = method.toLowerCase();
    const operation = this.#doc.paths?.[template]?.[m];
    if (!operation)
      return [`${method} ${template} is not an operation of ${this.name}`];
    const status = String(response.status);
    const key = this.documentedStatus(template, method, response.status);
    let location = ['paths', template, m, 'responses', key ?? ''];
    let definition: Json | undefined = key
      ? operation.responses[key]
      : undefined;
    if (!definition) {
      if (!fallbackSchema) {
        return [`${method} ${template}: status ${status} is not documented`];
      }
      return this.#validate(
        `${this.name}#/components/schemas/${fallbackSchema}`,
        response.body,
      );
    }
    if (definition.$ref) {
      location = definition.$ref.replace(/^#\//, '').split('/');
      definition = location.reduce<Json>((node, part) => node[part], this.#doc);
    }
    const content: Json | undefined = definition!.content;
    // No body documented (202/204): a client must not rely on one.
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
      `${this.name}${pointer([...location, 'content', documented, 'schema'])}`,
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

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
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ConfluentApiName } from '../errors';
import type { ConfluentResponseInfo } from '../http/transport';

/**
 * Where the official Confluent OpenAPI specs live: beside the repository
 * (`<repo>/../shared/reference/confluent-openapi`), outside the repo itself
 * because they are third-party files.
 */
export const SPECS_DIR = path.resolve(
  __dirname,
  '../../../../../shared/reference/confluent-openapi',
);

const SPEC_FILES: Record<ConfluentApiName, string> = {
  org: 'org-v2.yaml',
  iam: 'iam-v2.yaml',
  fcpm: 'flink-v2.yaml',
  flink: 'flink-gateway-v1.yaml',
  connect: 'connect-v1.yaml',
  schemaRegistry: 'schema-registry-v1.yaml',
  catalog: 'data-catalog-v1.yaml',
  kafka: 'kafkarest-v3.yaml',
};

/**
 * Known defects of the published specs, corrected before validating, each
 * with the reason. Anything else the validator reports is a real mismatch.
 */
function patchKnownDefects(api: ConfluentApiName, doc: any) {
  if (api === 'flink') {
    // The Statement responses require `spec.statement_name`, a field the
    // Statement schema itself does not define (the name is the top-level
    // `name`). The client never reads it, so its absence is not held
    // against a response.
    walk(doc.paths, node => {
      if (
        Array.isArray(node.required) &&
        node.required.includes('statement_name')
      ) {
        node.required = node.required.filter(
          (r: string) => r !== 'statement_name',
        );
      }
    });
  }
}

function walk(node: unknown, visit: (n: any) => void) {
  if (!node || typeof node !== 'object') return;
  visit(node);
  for (const value of Object.values(node as Record<string, unknown>))
    walk(value, visit);
}

interface Operation {
  api: ConfluentApiName;
  method: string;
  template: string;
  regex: RegExp;
  /** Literal segments: more literal templates win (`/topics/-/configs`). */
  literals: number;
  /** A query parameter the spec puts in the path key (`?expand=…`). */
  queryKey?: string;
  pointer: string;
  responses: Record<string, any>;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** One validation problem. */
export interface ContractProblem {
  response: string;
  problem: string;
}

/**
 * Validates response bodies against the official OpenAPI response schemas,
 * `$ref`s resolved, formats checked.
 */
export class OpenApiContract {
  readonly #ajv: Ajv;
  readonly #operations: Operation[] = [];
  readonly #compiled = new Map<string, ValidateFunction>();
  /** Operation × status pairs validated, for the test's summary. */
  readonly covered = new Set<string>();

  static load(dir: string = SPECS_DIR): OpenApiContract | undefined {
    if (!fs.existsSync(dir)) return undefined;
    return new OpenApiContract(dir);
  }

  private constructor(dir: string) {
    // OpenAPI 3.0 schemas: `nullable`, `x-*` extensions and `example` are
    // not JSON Schema keywords; strict mode would refuse them.
    // Some spec patterns use escapes (`\"`) that are invalid in unicode mode.
    this.#ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
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

    for (const [api, file] of Object.entries(SPEC_FILES) as Array<
      [ConfluentApiName, string]
    >) {
      const doc = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      patchKnownDefects(api, doc);
      const id = `urn:confluent-spec:${api}`;
      this.#ajv.addSchema({ ...doc, $id: id }, id);
      for (const [key, item] of Object.entries<any>(doc.paths ?? {})) {
        const [template, queryString] = key.split('?');
        for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
          const op = item[method];
          if (!op) continue;
          const parts = template.split('/');
          this.#operations.push({
            api,
            method: method.toUpperCase(),
            template: key,
            regex: new RegExp(
              `^${parts
                .map(p =>
                  /^\{.+\}$/.test(p)
                    ? '[^/]+'
                    : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
                )
                .join('/')}$`,
            ),
            literals: parts.filter(p => p && !/^\{.+\}$/.test(p)).length,
            queryKey: queryString?.split('=')[0],
            pointer: `${id}#/paths/${escapePointer(key)}/${method}`,
            responses: op.responses ?? {},
          });
        }
      }
    }
  }

  /** Problems with one response; empty when it matches the spec. */
  check(res: ConfluentResponseInfo): ContractProblem[] {
    const label = `${res.api} ${res.operation}: ${res.method} ${res.path} → ${res.status}`;
    const candidates = this.#operations
      .filter(
        o =>
          o.api === res.api &&
          o.method === res.method &&
          o.regex.test(res.path),
      )
      .sort(
        (a, b) =>
          Number(!!b.queryKey && b.queryKey in res.query) -
            Number(!!a.queryKey && a.queryKey in res.query) ||
          b.literals - a.literals,
      );
    const op = candidates[0];
    if (!op)
      return [{ response: label, problem: 'no operation in the spec matches' }];

    const statusKey = [
      String(res.status),
      `${String(res.status)[0]}XX`,
      'default',
    ].find(k => k in op.responses);
    if (!statusKey) {
      return [
        {
          response: label,
          problem: `status ${res.status} is not documented for ${op.method} ${op.template}`,
        },
      ];
    }
    this.covered.add(`${res.api} ${op.method} ${op.template} ${statusKey}`);
    const content = op.responses[statusKey].content as
      | Record<string, any>
      | undefined;
    if (!content) {
      // No body documented (202/204): the client must not rely on one.
      return [];
    }
    const contentType = (res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const mediaType =
      Object.keys(content).find(m => m.split(';')[0].trim() === contentType) ??
      Object.keys(content).find(m => m.includes('json'));
    if (!mediaType) {
      return [
        {
          response: label,
          problem: `content type ${contentType} is not documented`,
        },
      ];
    }
    if (!content[mediaType].schema) return [];
    const pointer = `${op.pointer}/responses/${escapePointer(
      statusKey,
    )}/content/${escapePointer(mediaType)}/schema`;
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: pointer });
      this.#compiled.set(pointer, validate);
    }
    if (validate(res.body)) return [];
    return (validate.errors ?? []).map(e => ({
      response: label,
      problem: `${e.instancePath || '(body)'} ${e.message}${
        e.params ? ` ${JSON.stringify(e.params)}` : ''
      }`,
    }));
  }
}

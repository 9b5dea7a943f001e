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
import type { EmulatorApi } from '@shiftleft/confluent-emulator';
import { OpenApiSpec } from './OpenApiSpec';

/**
 * Where the official Confluent OpenAPI specs live: the
 * `CONFLUENT_OPENAPI_DIR` environment variable, or else beside the
 * repository (`<repo>/../shared/reference/confluent-openapi`), outside the
 * repo itself because they are third-party files. Tests that need them skip,
 * saying so, when they are not there.
 * @public
 */
export const CONFLUENT_OPENAPI_DIR =
  process.env.CONFLUENT_OPENAPI_DIR ||
  path.resolve(
    // The package's folder (`plugins/confluent-emulator` in the repo), which
    // unlike `__dirname` is the same in source and in a build.
    path.dirname(require.resolve('@shiftleft/confluent-emulator/package.json')),
    '../../../shared/reference/confluent-openapi',
  );

/** The spec file of each API the emulator serves. @public */
export const CONFLUENT_OPENAPI_SPECS: Readonly<Record<EmulatorApi, string>> = {
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
 * A response as a client saw it (the node client's `ConfluentResponseInfo`
 * has this shape): which API, the request and what came back.
 * @public
 */
export interface ContractResponse {
  api: EmulatorApi;
  /** The client's name for the call, for messages. */
  operation?: string;
  method: string;
  /** The request path, without query string. */
  path: string;
  query: Record<string, unknown>;
  status: number;
  /** Lower-cased response headers. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** One way a response departs from the spec. @public */
export interface ContractProblem {
  response: string;
  problem: string;
}

/** How to load the specs. @public */
export interface OpenApiContractOptions {
  /** Default: {@link CONFLUENT_OPENAPI_DIR}. */
  dir?: string;
  /** Per API, properties no longer required: see `OpenApiSpecOptions`. */
  ignoreRequired?: Partial<Record<EmulatorApi, string[]>>;
}

/**
 * All of Confluent's specs at once: finds the operation a response answers
 * from its API, method and path, and validates the response against it.
 * @public
 */
export class OpenApiContract {
  /** Operation × status pairs validated so far, for a test's summary. */
  readonly covered = new Set<string>();
  readonly #specs: Map<EmulatorApi, OpenApiSpec>;

  /** The specs in `options.dir`, or undefined when they are not there. */
  static load(
    options: OpenApiContractOptions = {},
  ): OpenApiContract | undefined {
    const dir = options.dir ?? CONFLUENT_OPENAPI_DIR;
    if (!fs.existsSync(dir)) return undefined;
    return new OpenApiContract(dir, options.ignoreRequired ?? {});
  }

  private constructor(
    dir: string,
    ignoreRequired: Partial<Record<EmulatorApi, string[]>>,
  ) {
    this.#specs = new Map(
      (
        Object.entries(CONFLUENT_OPENAPI_SPECS) as Array<[EmulatorApi, string]>
      ).map(([api, file]) => [
        api,
        new OpenApiSpec(path.join(dir, file), {
          ignoreRequired: ignoreRequired[api],
        }),
      ]),
    );
  }

  /** Problems with one response; empty when it matches the spec. */
  check(res: ContractResponse): ContractProblem[] {
    const response = `${res.api}${res.operation ? ` ${res.operation}` : ''}: ${
      res.method
    } ${res.path} → ${res.status}`;
    const spec = this.#specs.get(res.api);
    const hasQueryKey = (key?: string) => !!key && key in res.query;
    // The most specific operation: one named by a query parameter the
    // request sent (`?expand=…`), then the one with most literal segments.
    const [operation] = (spec?.operations ?? [])
      .filter(o => o.method === res.method && o.matches(res.path))
      .sort(
        (a, b) =>
          Number(hasQueryKey(b.queryKey)) - Number(hasQueryKey(a.queryKey)) ||
          b.literals - a.literals,
      );
    if (!spec || !operation)
      return [{ response, problem: 'no operation in the spec matches' }];

    const statusKey = spec.documentedStatus(
      operation.template,
      res.method,
      res.status,
    );
    if (statusKey) {
      this.covered.add(
        `${res.api} ${res.method} ${operation.template} ${statusKey}`,
      );
    }
    return spec
      .check(operation.template, res.method, {
        status: res.status,
        contentType: res.headers['content-type'] ?? '',
        body: res.body,
      })
      .map(problem => ({ response, problem }));
  }
}

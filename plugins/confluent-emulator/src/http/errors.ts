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
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { EmulatorApi } from '../types';

/**
 * An error answered in the shape of the API that raised it. Handlers throw it;
 * {@link sendApiError} renders it as that API's real error body:
 *
 * - v2-style APIs (org, iam, fcpm, sql): `{"errors":[{id,status,code,title,detail,source}]}`
 * - Connect: `{"error":{"code","message"}}`, or `{"error_code","message"}` for
 *   the few errors the spec gives that flat shape (`inline_response_500`)
 * - Schema Registry, Stream Catalog, Kafka REST: `{"error_code","message"}`
 */
export class ApiError extends Error {
  readonly status: number;
  /** v2 `code`, e.g. `resource_not_found`. */
  readonly code?: string;
  /** Numeric `error_code` of SR, Catalog and Kafka REST, e.g. `40401`. */
  readonly errorCode?: number;
  /** v2 `source.pointer`, e.g. `/spec/statement`. */
  readonly pointer?: string;
  /** v2 `source.parameter`, e.g. `page_size`. */
  readonly parameter?: string;
  /** v2 `title`, when it differs from the status's usual one. */
  readonly title?: string;
  /** Connect: use the flat `{"error_code","message"}` body. */
  readonly flat?: boolean;

  constructor(
    status: number,
    message: string,
    options: {
      code?: string;
      errorCode?: number;
      pointer?: string;
      parameter?: string;
      title?: string;
      flat?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = options.code;
    this.errorCode = options.errorCode;
    this.pointer = options.pointer;
    this.parameter = options.parameter;
    this.title = options.title;
    this.flat = options.flat;
  }
}

// Titles and codes the v2 specs use in their examples (org, iam, fcpm, sql).
const V2_DEFAULTS: Record<number, { title: string; code: string }> = {
  400: { title: 'Bad Request', code: 'bad_request' },
  401: { title: 'Authentication Required', code: 'user_unauthenticated' },
  402: { title: 'Quota Exceeded', code: 'quota_exceeded' },
  403: { title: 'User Access Unauthorized', code: 'user_unauthorized' },
  404: { title: 'Not Found', code: 'resource_not_found' },
  409: { title: 'Resource Already exists', code: 'resource_already_exists' },
  422: { title: 'Validation Failed', code: 'invalid_configuration' },
  429: { title: 'Too Many Requests', code: 'too_many_requests' },
  500: { title: 'Internal Server Error', code: 'internal_server_error' },
  502: { title: 'Bad Gateway', code: 'bad_gateway' },
  503: { title: 'Service Unavailable', code: 'service_unavailable' },
};

/** Whether an API answers errors with the v2 `Failure` body. */
export function isV2Api(api: EmulatorApi): boolean {
  return api === 'org' || api === 'iam' || api === 'fcpm' || api === 'flink';
}

/** The JSON error body `api` sends for `error`. */
export function errorBody(api: EmulatorApi, error: ApiError): unknown {
  if (isV2Api(api)) {
    const defaults = V2_DEFAULTS[error.status] ?? V2_DEFAULTS[500];
    const item: Record<string, unknown> = {
      id: randomUUID(),
      status: String(error.status),
      code: error.code ?? defaults.code,
      title: error.title ?? defaults.title,
      detail: error.message,
    };
    if (error.pointer) item.source = { pointer: error.pointer };
    else if (error.parameter) item.source = { parameter: error.parameter };
    return { errors: [item] };
  }
  if (api === 'connect') {
    return error.flat
      ? { error_code: error.status, message: error.message }
      : { error: { code: error.status, message: error.message } };
  }
  return {
    error_code: error.errorCode ?? error.status,
    message: error.message,
  };
}

/** Writes `error` as `api` would. */
export function sendApiError(res: Response, api: EmulatorApi, error: ApiError) {
  if (error.status === 401 && isV2Api(api)) {
    res.setHeader(
      'WWW-Authenticate',
      'Basic error="invalid_key", error_description="The API Key is invalid"',
    );
  }
  res.status(error.status).json(errorBody(api, error));
}

/** Shorthands for the errors handlers raise most. */
export const errors = {
  notFound(message: string, errorCode?: number) {
    return new ApiError(404, message, { errorCode });
  },
  badRequest(
    message: string,
    options: {
      pointer?: string;
      parameter?: string;
      code?: string;
      title?: string;
      errorCode?: number;
    } = {},
  ) {
    return new ApiError(400, message, options);
  },
  invalid(message: string, pointer?: string) {
    return new ApiError(422, message, { pointer });
  },
  conflict(
    message: string,
    options: { code?: string; errorCode?: number } = {},
  ) {
    return new ApiError(409, message, options);
  },
};

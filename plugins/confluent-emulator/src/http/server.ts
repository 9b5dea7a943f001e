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
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { createCatalogRouter } from '../api/catalog';
import { createConnectRouter } from '../api/connect';
import { createControlRouter } from '../api/control';
import { createFcpmRouter } from '../api/fcpm';
import { createFlinkRouter } from '../api/flink';
import { createIamRouter } from '../api/iam';
import { createKafkaRouter } from '../api/kafka';
import { createMaterializedTablesRouter } from '../api/materializedTables';
import { createOrgRouter } from '../api/org';
import { createSchemaRegistryRouter } from '../api/schemaRegistry';
import type { EmulatorRuntime } from '../runtime';
import type { ApiKeyRecord } from '../state/model';
import type { EmulatorApi } from '../types';
import { authenticate } from './auth';
import { ApiError, sendApiError } from './errors';
import { RATE_LIMIT, sendFault } from './faults';

const PREFIXES: Array<[RegExp, EmulatorApi]> = [
  [/^\/org\/v2(\/|$)/, 'org'],
  [/^\/iam\/v2(\/|$)/, 'iam'],
  [/^\/fcpm\/v2(\/|$)/, 'fcpm'],
  [/^\/connect\/v1(\/|$)/, 'connect'],
  [/^\/sql\/v1(\/|$)/, 'flink'],
  [/^\/catalog\/v1(\/|$)/, 'catalog'],
  [/^\/kafka\/v3(\/|$)/, 'kafka'],
  [
    /^\/(subjects|schemas|config|mode|compatibility|contexts)(\/|$)/,
    'schemaRegistry',
  ],
];

/** The API a path belongs to. */
export function apiOf(path: string): EmulatorApi | undefined {
  return PREFIXES.find(([pattern]) => pattern.test(path))?.[1];
}

// The v2 Cloud APIs send X-RateLimit-* on every response; unless a rate
// limit is configured for them, the emulator counts requests in one-minute
// windows and never throttles them.
const RATE_WINDOW_MS = 60_000;
const RATE_LIMITED_APIS: EmulatorApi[] = ['org', 'iam', 'fcpm'];

const NOT_FOUND: Record<EmulatorApi, ApiError> = {
  org: new ApiError(404, 'Not Found'),
  iam: new ApiError(404, 'Not Found'),
  fcpm: new ApiError(404, 'Not Found'),
  flink: new ApiError(404, 'Not Found'),
  connect: new ApiError(404, 'resource not found'),
  schemaRegistry: new ApiError(404, 'HTTP 404 Not Found'),
  catalog: new ApiError(404, 'HTTP 404 Not Found'),
  kafka: new ApiError(404, 'HTTP 404 Not Found'),
};

/** The emulator's HTTP app: every API at its real path, plus `/_emulator`. */
export function createApp(runtime: EmulatorRuntime) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const { services, store, faults, options } = runtime;
  const windows = new Map<EmulatorApi, { start: number; count: number }>();

  app.use((_req, res, next) => {
    res.setHeader('X-Request-Id', randomUUID());
    next();
  });

  app.use('/_emulator', createControlRouter(runtime));

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const api = apiOf(req.path);
    if (!api) {
      res.status(404).json({ error_code: 404, message: 'HTTP 404 Not Found' });
      return;
    }
    res.locals.api = api;
    runtime.count(api);
    const latency = faults.latencyMs(api);
    if (latency > 0) await new Promise(resolve => setTimeout(resolve, latency));
    try {
      res.locals.apiKey = authenticate(req, api, store);
    } catch (error) {
      next(error);
      return;
    }
    const fault = faults.take(api, req.method);
    if (fault) {
      sendFault(req, res, api, fault);
      return;
    }
    const apiKey = res.locals.apiKey as ApiKeyRecord;
    const rate = runtime.rateLimiter.take(
      api,
      apiKey.resourceId ?? apiKey.key,
      req.method,
    );
    if (rate) {
      res.setHeader('X-RateLimit-Limit', String(rate.limit));
      res.setHeader('X-RateLimit-Remaining', String(rate.remaining));
      res.setHeader('X-RateLimit-Reset', String(rate.resetSeconds));
      if (rate.limited) {
        sendFault(req, res, api, {
          status: 429,
          retryAfterSeconds: rate.resetSeconds,
          limit: rate.limit,
        });
        return;
      }
    } else if (RATE_LIMITED_APIS.includes(api)) {
      const now = Date.now();
      let window = windows.get(api);
      if (!window || now - window.start >= RATE_WINDOW_MS) {
        window = { start: now, count: 0 };
        windows.set(api, window);
      }
      window.count += 1;
      res.setHeader('X-RateLimit-Limit', String(RATE_LIMIT));
      res.setHeader(
        'X-RateLimit-Remaining',
        String(Math.max(0, RATE_LIMIT - window.count)),
      );
      res.setHeader(
        'X-RateLimit-Reset',
        String(Math.ceil((window.start + RATE_WINDOW_MS - now) / 1000)),
      );
    }
    // Lifecycle steps that are due happen before the request sees the state.
    runtime.scheduler.runDue();
    next();
  });

  app.use(express.json({ type: () => true, limit: '5mb', strict: false }));

  app.use(createOrgRouter(services));
  app.use(createIamRouter(services));
  app.use(createFcpmRouter(services, options.timings));
  app.use(createConnectRouter(services));
  app.use(createFlinkRouter(services, options.timings));
  app.use(createMaterializedTablesRouter(services));
  app.use(createSchemaRegistryRouter(services));
  app.use(createCatalogRouter(services));
  app.use(createKafkaRouter(services));

  app.use((_req: Request, res: Response) => {
    const api = res.locals.api as EmulatorApi;
    sendApiError(res, api, NOT_FOUND[api]);
  });

  app.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      const api = res.locals.api as EmulatorApi;
      if (error instanceof ApiError) {
        sendApiError(res, api, error);
        return;
      }
      const err = error as Error & { type?: string; status?: number };
      if (err.type === 'entity.parse.failed') {
        sendApiError(
          res,
          api,
          new ApiError(400, `Malformed JSON request body: ${err.message}`, {
            errorCode: 400,
          }),
        );
        return;
      }
      if (err.type === 'entity.too.large') {
        sendApiError(
          res,
          api,
          new ApiError(413, 'Request body is too large', { errorCode: 413 }),
        );
        return;
      }
      options.logger.error(
        `Unexpected error serving ${api}: ${err.stack ?? err}`,
      );
      sendApiError(
        res,
        api,
        new ApiError(500, 'Internal Server Error', { errorCode: 500 }),
      );
    },
  );

  return app;
}

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
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { ApiKeyKind, ApiKeyRecord } from '../state/model';
import type { EmulatorStore } from '../state/store';
import type { EmulatorApi } from '../types';
import { ApiError } from './errors';

/** The kind of key each API accepts, as in Confluent Cloud. */
const KEY_KIND: Record<EmulatorApi, ApiKeyKind> = {
  org: 'cloud',
  iam: 'cloud',
  fcpm: 'cloud',
  connect: 'cloud',
  flink: 'flink',
  schemaRegistry: 'schemaRegistry',
  catalog: 'schemaRegistry',
  kafka: 'kafka',
};

/** The 401 each API answers with. */
function unauthorized(api: EmulatorApi): ApiError {
  switch (api) {
    case 'kafka':
      return new ApiError(401, 'Authentication failed', { errorCode: 40101 });
    case 'connect':
    case 'schemaRegistry':
    case 'catalog':
      return new ApiError(401, 'Unauthorized');
    default:
      return new ApiError(
        401,
        'Valid authentication credentials must be provided',
      );
  }
}

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes constant time.
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}

/**
 * Checks HTTP Basic credentials: the key must exist, be of the kind the API
 * takes, carry the right secret and, for scoped keys, be scoped to the
 * resource in the path (a Flink key to its environment, a Kafka key to its
 * cluster). Returns the key; throws the API's 401 otherwise.
 */
export function authenticate(
  req: Request,
  api: EmulatorApi,
  store: EmulatorStore,
): ApiKeyRecord {
  const header = req.get('authorization') ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized(api);
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized(api);
  const keyId = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const key = store.state.apiKeys.find(k => k.key === keyId);
  if (!key || key.kind !== KEY_KIND[api] || !sameSecret(key.secret, secret)) {
    throw unauthorized(api);
  }
  // A scoped key does not authenticate on another environment's or cluster's
  // endpoint; an id that names nothing gets that API's 404 instead.
  if (api === 'flink') {
    const env = /^\/sql\/v1\/organizations\/[^/]+\/environments\/([^/]+)/.exec(
      req.path,
    )?.[1];
    if (env && env !== key.resourceId && store.environment(env))
      throw unauthorized(api);
  }
  if (api === 'kafka') {
    const cluster = /^\/kafka\/v3\/clusters\/([^/]+)/.exec(req.path)?.[1];
    if (cluster && cluster !== key.resourceId && store.cluster(cluster))
      throw unauthorized(api);
  }
  return key;
}

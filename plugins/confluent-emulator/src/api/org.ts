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
import Router from 'express-promise-router';
import type { Request } from 'express';
import { errors } from '../http/errors';
import { baseUrlOf, paginate } from '../http/pagination';
import type { EnvironmentRecord, OrganizationRecord } from '../state/model';
import type { EmulatorServices } from '../services';
import { requireObject, v2List } from './v2';

function renderOrganization(req: Request, org: OrganizationRecord) {
  return {
    api_version: 'org/v2',
    kind: 'Organization',
    id: org.id,
    metadata: {
      self: `${baseUrlOf(req)}/org/v2/organizations/${org.id}`,
      resource_name: `crn://confluent.cloud/organization=${org.id}`,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
    },
    display_name: org.displayName,
    jit_enabled: false,
  };
}

export function renderEnvironment(
  req: Request,
  orgId: string,
  env: EnvironmentRecord,
) {
  return {
    api_version: 'org/v2',
    kind: 'Environment',
    id: env.id,
    metadata: {
      self: `${baseUrlOf(req)}/org/v2/environments/${env.id}`,
      resource_name: `crn://confluent.cloud/organization=${orgId}/environment=${env.id}`,
      created_at: env.createdAt,
      updated_at: env.updatedAt,
    },
    display_name: env.displayName,
    stream_governance_config: { package: env.streamGovernancePackage },
  };
}

const ENV_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Creates an environment as Org v2 does: a display name not taken, a Stream
 * Governance package (ESSENTIALS by default), a random `env-` id.
 */
function createEnvironment(
  store: EmulatorServices['store'],
  requestBody: unknown,
): EnvironmentRecord {
  const body = requireObject(requestBody);
  const displayName = body.display_name;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw errors.invalid(
      "The property '/display_name' is required",
      '/display_name',
    );
  }
  const governance = body.stream_governance_config as
    | { package?: unknown }
    | undefined;
  const pkg = governance?.package ?? 'ESSENTIALS';
  if (typeof pkg !== 'string') {
    throw errors.invalid(
      "The property '/stream_governance_config/package' must be a string",
      '/stream_governance_config/package',
    );
  }
  if (
    Object.values(store.state.environments).some(
      e => e.displayName === displayName,
    )
  ) {
    throw errors.conflict(
      `Environment with display name '${displayName}' already exists.`,
    );
  }
  let id: string;
  do {
    id = `env-${Array.from(
      { length: 6 },
      () => ENV_ID_ALPHABET[Math.floor(Math.random() * 36)],
    ).join('')}`;
  } while (store.state.environments[id]);
  const now = new Date().toISOString();
  const env: EnvironmentRecord = {
    id,
    seq: store.nextSeq(),
    displayName,
    streamGovernancePackage: pkg,
    createdAt: now,
    updatedAt: now,
  };
  store.state.environments[id] = env;
  store.changed();
  return env;
}

/** Org v2: organizations and environments. */
export function createOrgRouter(services: EmulatorServices) {
  const router = Router();
  addOrganizationRoutes(router, services.store);
  addEnvironmentRoutes(router, services.store);
  return router;
}

/** The one organization the emulator holds. */
function addOrganizationRoutes(
  router: ReturnType<typeof Router>,
  store: EmulatorServices['store'],
) {
  router.get('/org/v2/organizations', (req, res) => {
    const org = store.state.organization;
    const { page, next } = paginate(req, [org]);
    res.json(
      v2List(
        req,
        'org/v2',
        'OrganizationList',
        page.map(o => renderOrganization(req, o)),
        next,
      ),
    );
  });

  router.get('/org/v2/organizations/:id', (req, res) => {
    const org = store.state.organization;
    if (req.params.id !== org.id)
      throw errors.notFound(`Organization '${req.params.id}' not found`);
    res.json(renderOrganization(req, org));
  });
}

/** Lists, creates, reads, updates and deletes environments. */
function addEnvironmentRoutes(
  router: ReturnType<typeof Router>,
  store: EmulatorServices['store'],
) {
  router.get('/org/v2/environments', (req, res) => {
    const orgId = store.state.organization.id;
    const envs = Object.values(store.state.environments).sort(
      (a, b) => a.seq - b.seq,
    );
    const { page, next } = paginate(req, envs);
    res.json(
      v2List(
        req,
        'org/v2',
        'EnvironmentList',
        page.map(e => renderEnvironment(req, orgId, e)),
        next,
      ),
    );
  });

  router.post('/org/v2/environments', (req, res) => {
    const env = createEnvironment(store, req.body);
    const rendered = renderEnvironment(req, store.state.organization.id, env);
    res.status(201).location(rendered.metadata.self).json(rendered);
  });

  const environment = (id: string) => {
    const env = store.environment(id);
    if (!env) throw errors.notFound(`Environment '${id}' not found`);
    return env;
  };

  router.get('/org/v2/environments/:id', (req, res) => {
    res.json(
      renderEnvironment(
        req,
        store.state.organization.id,
        environment(req.params.id),
      ),
    );
  });

  router.patch('/org/v2/environments/:id', (req, res) => {
    const env = environment(req.params.id);
    const body = requireObject(req.body);
    if (body.display_name !== undefined) {
      if (
        typeof body.display_name !== 'string' ||
        body.display_name.trim() === ''
      ) {
        throw errors.invalid(
          "The property '/display_name' must be a non-empty string",
          '/display_name',
        );
      }
      env.displayName = body.display_name;
    }
    const governance = body.stream_governance_config as
      | { package?: unknown }
      | undefined;
    if (typeof governance?.package === 'string')
      env.streamGovernancePackage = governance.package;
    env.updatedAt = new Date().toISOString();
    store.changed();
    res.json(renderEnvironment(req, store.state.organization.id, env));
  });

  router.delete('/org/v2/environments/:id', (req, res) => {
    const env = environment(req.params.id);
    if (store.clustersOf(env.id).length > 0) {
      throw errors.conflict(
        `Environment '${env.id}' still has Kafka clusters; delete them before the environment.`,
        { code: 'resource_in_use' },
      );
    }
    delete store.state.environments[env.id];
    for (const [id, pool] of Object.entries(store.state.computePools)) {
      if (pool.environmentId === env.id) delete store.state.computePools[id];
    }
    store.changed();
    res.status(204).end();
  });
}

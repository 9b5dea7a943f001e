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
import { ApiError, errors } from '../http/errors';
import { baseUrlOf, paginate, queryParam } from '../http/pagination';
import type { ResolvedTimings } from '../options';
import type { ComputePoolRecord } from '../state/model';
import type { EmulatorServices } from '../services';
import { requireObject, v2List } from './v2';

const MAX_CFU = [5, 10, 20, 30, 40, 50];
const DISPLAY_NAME = /^(?:[0-9A-Za-z-])[\w.-]{0,63}$/;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Regions where the emulated Flink runs; every endpoint is the emulator. */
const REGIONS = [
  { cloud: 'AWS', region: 'us-east-1', name: 'N. Virginia (us-east-1)' },
  { cloud: 'AWS', region: 'us-east-2', name: 'Ohio (us-east-2)' },
  { cloud: 'AWS', region: 'us-west-2', name: 'Oregon (us-west-2)' },
  { cloud: 'AWS', region: 'eu-west-1', name: 'Ireland (eu-west-1)' },
  { cloud: 'GCP', region: 'us-central1', name: 'Iowa (us-central1)' },
  { cloud: 'AZURE', region: 'eastus', name: 'Virginia (eastus)' },
];

/** A compute pool as FCPM v2 renders it, with its current CFUs. */
function renderPool(
  store: EmulatorServices['store'],
  req: Request,
  pool: ComputePoolRecord,
) {
  const orgId = () => store.state.organization.id;
  const base = baseUrlOf(req);
  const running = Object.values(
    store.state.statements[pool.environmentId] ?? {},
  ).filter(
    s =>
      s.spec.computePoolId === pool.id &&
      (s.phase === 'RUNNING' || s.phase === 'DEGRADED'),
  ).length;
  const provisioned = Date.now() >= Date.parse(pool.provisionedAt);
  const envCrn = `crn://confluent.cloud/organization=${orgId()}/environment=${
    pool.environmentId
  }`;
  return {
    api_version: 'fcpm/v2',
    kind: 'ComputePool',
    id: pool.id,
    metadata: {
      self: `${base}/fcpm/v2/compute-pools/${pool.id}?environment=${pool.environmentId}`,
      resource_name: `${envCrn}/flink-region=${pool.cloud.toLowerCase()}.${
        pool.region
      }/compute-pool=${pool.id}`,
      created_at: pool.createdAt,
      updated_at: pool.updatedAt,
    },
    spec: {
      display_name: pool.displayName,
      cloud: pool.cloud,
      region: pool.region,
      max_cfu: pool.maxCfu,
      default_pool: pool.defaultPool,
      enable_ai: false,
      environment: {
        id: pool.environmentId,
        related: `${base}/org/v2/environments/${pool.environmentId}`,
        resource_name: envCrn,
      },
    },
    status: {
      phase: provisioned ? 'PROVISIONED' : 'PROVISIONING',
      current_cfu: provisioned ? Math.min(pool.maxCfu, running) : 0,
    },
  };
}

/** The required `environment` query parameter, of an existing environment. */
function environmentParam(
  store: EmulatorServices['store'],
  req: Request,
): string {
  const environment = queryParam(req, 'environment');
  if (!environment) {
    throw new ApiError(400, "Missing required query parameter 'environment'", {
      code: 'invalid_filter',
      title: 'Invalid Filter',
      parameter: 'environment',
    });
  }
  if (!store.environment(environment)) {
    throw errors.notFound(`Environment '${environment}' not found`);
  }
  return environment;
}

/** The pool `:id` of `environment`, or a 404. */
function findPool(
  store: EmulatorServices['store'],
  req: Request,
  environment: string,
): ComputePoolRecord {
  const found = store.state.computePools[req.params.id];
  if (!found || found.environmentId !== environment) {
    throw errors.notFound(
      `Compute pool '${req.params.id}' not found in environment '${environment}'`,
    );
  }
  return found;
}

/** `spec.environment.id` of a request, which FCPM requires. */
function specEnvironment(spec: Record<string, unknown>): string {
  const environment = (spec.environment as { id?: unknown } | undefined)?.id;
  if (typeof environment !== 'string') {
    throw errors.invalid(
      "The property '/spec/environment/id' is required",
      '/spec/environment/id',
    );
  }
  return environment;
}

/**
 * Checks a create request as FCPM does: environment, names, CFU limit,
 * a Flink region, a display name not taken in the environment.
 */
function validateNewPool(
  store: EmulatorServices['store'],
  requestBody: unknown,
) {
  const body = requireObject(requestBody);
  const spec = requireObject(body.spec ?? {});
  const environment = specEnvironment(spec);
  if (!store.environment(environment)) {
    throw errors.notFound(`Environment '${environment}' not found`);
  }
  for (const key of ['display_name', 'cloud', 'region']) {
    if (typeof spec[key] !== 'string' || spec[key] === '') {
      throw errors.invalid(
        `The property '/spec/${key}' is required`,
        `/spec/${key}`,
      );
    }
  }
  if (!DISPLAY_NAME.test(spec.display_name as string)) {
    throw errors.invalid(
      `The property '/spec/display_name' must match '^(?:[0-9A-Za-z\\-])[\\w\\.-]{0,63}$'`,
      '/spec/display_name',
    );
  }
  if (!MAX_CFU.includes(spec.max_cfu as number)) {
    throw errors.invalid(
      `The property '/spec/max_cfu' must be one of ${MAX_CFU.join(', ')}`,
      '/spec/max_cfu',
    );
  }
  const cloud = (spec.cloud as string).toUpperCase();
  if (!REGIONS.some(r => r.cloud === cloud && r.region === spec.region)) {
    throw errors.invalid(
      `Region '${String(
        spec.region,
      )}' of cloud '${cloud}' does not support Flink`,
      '/spec/region',
    );
  }
  if (
    Object.values(store.state.computePools).some(
      p =>
        p.environmentId === environment && p.displayName === spec.display_name,
    )
  ) {
    throw errors.conflict(
      `Compute pool '${String(spec.display_name)}' already exists.`,
    );
  }
  return { environment, cloud, spec };
}

/** FCPM v2: Flink compute pools and regions. */
export function createFcpmRouter(
  services: EmulatorServices,
  timings: ResolvedTimings,
) {
  const router = Router();
  addComputePoolRoutes(router, services.store, timings);
  addRegionRoutes(router);
  return router;
}

/** Lists, creates, reads, updates and deletes compute pools. */
function addComputePoolRoutes(
  router: ReturnType<typeof Router>,
  store: EmulatorServices['store'],
  timings: ResolvedTimings,
) {
  const render = (req: Request, pool: ComputePoolRecord) =>
    renderPool(store, req, pool);
  const pool = (req: Request, environment: string) =>
    findPool(store, req, environment);
  const environmentOf = (req: Request) => environmentParam(store, req);

  router.get('/fcpm/v2/compute-pools', (req, res) => {
    const environment = environmentOf(req);
    const region = queryParam(req, 'spec.region');
    const pools = Object.values(store.state.computePools)
      .filter(
        p =>
          p.environmentId === environment && (!region || p.region === region),
      )
      .sort((a, b) => a.seq - b.seq);
    const { page, next } = paginate(req, pools);
    res.json(
      v2List(
        req,
        'fcpm/v2',
        'ComputePoolList',
        page.map(p => render(req, p)),
        next,
        {
          first: false,
        },
      ),
    );
  });

  router.post('/fcpm/v2/compute-pools', (req, res) => {
    const { environment, cloud, spec } = validateNewPool(store, req.body);
    let id: string;
    do {
      id = `lfcp-${Array.from(
        { length: 6 },
        () => ID_ALPHABET[Math.floor(Math.random() * 36)],
      ).join('')}`;
    } while (store.state.computePools[id]);
    const now = Date.now();
    const record: ComputePoolRecord = {
      id,
      seq: store.nextSeq(),
      environmentId: environment,
      displayName: spec.display_name as string,
      cloud,
      region: spec.region as string,
      maxCfu: spec.max_cfu as number,
      defaultPool: spec.default_pool === true,
      provisionedAt: new Date(now + timings.statementPendingMs).toISOString(),
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
    };
    store.state.computePools[id] = record;
    store.changed();
    const rendered = render(req, record);
    res.status(202).location(rendered.metadata.self).json(rendered);
  });

  router.get('/fcpm/v2/compute-pools/:id', (req, res) => {
    res.json(render(req, pool(req, environmentOf(req))));
  });

  router.patch('/fcpm/v2/compute-pools/:id', (req, res) => {
    const body = requireObject(req.body);
    const spec = requireObject(body.spec ?? {});
    const environment = specEnvironment(spec);
    const record = pool(req, environment);
    if (spec.display_name !== undefined) {
      if (
        typeof spec.display_name !== 'string' ||
        !DISPLAY_NAME.test(spec.display_name)
      ) {
        throw errors.invalid(
          "The property '/spec/display_name' is invalid",
          '/spec/display_name',
        );
      }
      record.displayName = spec.display_name;
    }
    if (spec.max_cfu !== undefined) {
      if (!MAX_CFU.includes(spec.max_cfu as number)) {
        throw errors.invalid(
          `The property '/spec/max_cfu' must be one of ${MAX_CFU.join(', ')}`,
          '/spec/max_cfu',
        );
      }
      record.maxCfu = spec.max_cfu as number;
    }
    if (typeof spec.default_pool === 'boolean')
      record.defaultPool = spec.default_pool;
    record.updatedAt = new Date().toISOString();
    store.changed();
    res.json(render(req, record));
  });

  router.delete('/fcpm/v2/compute-pools/:id', (req, res) => {
    const record = pool(req, environmentOf(req));
    delete store.state.computePools[record.id];
    store.changed();
    res.status(204).end();
  });
}

/** The regions where the emulated Flink runs. */
function addRegionRoutes(router: ReturnType<typeof Router>) {
  router.get('/fcpm/v2/regions', (req, res) => {
    const cloud = queryParam(req, 'cloud')?.toUpperCase();
    const regionName = queryParam(req, 'region_name');
    const base = baseUrlOf(req);
    const regions = REGIONS.filter(
      r =>
        (!cloud || r.cloud === cloud) &&
        (!regionName || r.region === regionName),
    ).map((r, index) => ({ ...r, seq: index }));
    const { page, next } = paginate(req, regions);
    res.json(
      v2List(
        req,
        'fcpm/v2',
        'RegionList',
        page.map(r => ({
          api_version: 'fcpm/v2',
          kind: 'Region',
          id: `${r.cloud.toLowerCase()}.${r.region}`,
          metadata: {
            self: `${base}/fcpm/v2/regions/${r.cloud.toLowerCase()}.${
              r.region
            }`,
          },
          display_name: r.name,
          cloud: r.cloud,
          region_name: r.region,
          http_endpoint: base,
          private_http_endpoint: base,
        })),
        next,
        { first: false },
      ),
    );
  });
}

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
import type { Request, Response } from 'express';
import { ApiError } from '../http/errors';
import { queryParam } from '../http/pagination';
import type { ApiKeyRecord, StoredSchema } from '../state/model';
import type { EmulatorServices } from '../services';
import type { ResolvedVersion, SchemaInput } from '../services/schemaRegistry';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

function flag(req: Request, name: string): boolean {
  return queryParam(req, name) === 'true';
}

/** The registry a request addresses: SR is one host per registry, so the key says which. */
function registryOf(res: Response): string {
  return (res.locals.apiKey as ApiKeyRecord).resourceId!;
}

function send(res: Response, body: unknown) {
  res.type(CONTENT_TYPE).send(JSON.stringify(body));
}

function schemaInput(body: unknown): SchemaInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'The request body must be a JSON object', {
      errorCode: 400,
    });
  }
  const input = body as Record<string, unknown>;
  if (input.references !== undefined && !Array.isArray(input.references)) {
    throw new ApiError(422, 'Invalid schema: references must be an array', {
      errorCode: 42201,
    });
  }
  return {
    schema: input.schema as string,
    schemaType: input.schemaType as string | undefined,
    references: input.references as SchemaInput['references'],
    metadata: input.metadata,
    ruleSet: input.ruleSet,
  };
}

/**
 * An integer query parameter. Schema Registry's JAX-RS resources answer a
 * value that is not an int32 with a plain 404.
 */
function intParam(req: Request, name: string, fallback: number): number {
  const raw = queryParam(req, name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < -(2 ** 31) || value >= 2 ** 31) {
    throw new ApiError(404, 'HTTP 404 Not Found', { errorCode: 404 });
  }
  return value;
}

// `schema.search.default.limit` and `schema.search.max.limit` of Schema
// Registry: a limit that is not positive, or above the maximum, is the default.
const SCHEMA_SEARCH_DEFAULT_LIMIT = 1000;
const SCHEMA_SEARCH_MAX_LIMIT = 1000;

/**
 * The fields of a schema in every read. Data-contract metadata and rule sets
 * are part of every schema read, left out (like references) when the schema
 * has none.
 */
function schemaFields(req: Request, schema: StoredSchema) {
  return {
    ...(schema.schemaType !== 'AVRO' ||
    req.get('confluent-accept-unknown-properties')
      ? { schemaType: schema.schemaType }
      : {}),
    ...(schema.references.length ? { references: schema.references } : {}),
    ...(schema.metadata ? { metadata: schema.metadata } : {}),
    ...(schema.ruleSet ? { ruleSet: schema.ruleSet } : {}),
    schema: schema.schema,
  };
}

/** A subject's version, as `GET /subjects/{subject}/versions/{version}` renders it. */
function renderVersion(req: Request, version: ResolvedVersion) {
  return {
    subject: version.subject,
    version: version.version,
    id: version.schema.id,
    ...schemaFields(req, version.schema),
    ...(req.get('confluent-accept-unknown-properties')
      ? { deleted: version.deleted }
      : {}),
  };
}

/** The `:id` path parameter: a schema id, or a 404 as the registry answers. */
function schemaId(req: Request): number {
  const id = Number(req.params.id);
  if (!/^\d+$/.test(req.params.id)) {
    throw new ApiError(404, `Schema ${req.params.id} not found`, {
      errorCode: 40403,
    });
  }
  return id;
}

type Registry = EmulatorServices['schemaRegistry'];

/**
 * Schema Registry. Like Confluent Cloud, responses leave out `schemaType` for
 * AVRO and empty `references`, and add `schemaType`/`deleted` only for clients
 * that send `Confluent-Accept-Unknown-Properties`.
 */
export function createSchemaRegistryRouter(services: EmulatorServices) {
  const router = Router();
  const sr = services.schemaRegistry;
  addSubjectRoutes(router, sr);
  addSchemaRoutes(router, sr);
  addCompatibilityAndConfigRoutes(router, sr);
  return router;
}

/** Subjects and their versions: list, register, look up, read, delete. */
function addSubjectRoutes(router: ReturnType<typeof Router>, sr: Registry) {
  router.get('/subjects', (req, res) => {
    send(
      res,
      sr.subjects(registryOf(res), {
        prefix: queryParam(req, 'subjectPrefix'),
        deleted: flag(req, 'deleted'),
        deletedOnly: flag(req, 'deletedOnly'),
      }),
    );
  });

  router.get('/subjects/:subject/versions', (req, res) => {
    const versions = sr.versions(
      registryOf(res),
      req.params.subject,
      flag(req, 'deleted'),
    );
    send(
      res,
      versions.map(v => v.version),
    );
  });

  router.post('/subjects/:subject/versions', (req, res) => {
    const { id, version, schema } = sr.register(
      registryOf(res),
      req.params.subject,
      schemaInput(req.body),
    );
    // Schema Registry answers `{id}`, or the whole registered schema when
    // the registration set its metadata or rule set (given or carried over).
    send(
      res,
      schema.metadata || schema.ruleSet
        ? { id, version, ...schemaFields(req, schema) }
        : { id },
    );
  });

  router.post('/subjects/:subject', (req, res) => {
    send(
      res,
      renderVersion(
        req,
        sr.lookup(registryOf(res), req.params.subject, schemaInput(req.body)),
      ),
    );
  });

  router.delete('/subjects/:subject', (req, res) => {
    send(
      res,
      sr.deleteSubject(
        registryOf(res),
        req.params.subject,
        flag(req, 'permanent'),
      ),
    );
  });

  router.get('/subjects/:subject/versions/:version', (req, res) => {
    const version = sr.version(
      registryOf(res),
      req.params.subject,
      req.params.version,
      flag(req, 'deleted'),
    );
    send(res, renderVersion(req, version));
  });

  router.get('/subjects/:subject/versions/:version/schema', (req, res) => {
    const version = sr.version(
      registryOf(res),
      req.params.subject,
      req.params.version,
    );
    res.type(CONTENT_TYPE).send(version.schema.schema);
  });

  router.delete('/subjects/:subject/versions/:version', (req, res) => {
    send(
      res,
      sr.deleteVersion(
        registryOf(res),
        req.params.subject,
        req.params.version,
        flag(req, 'permanent'),
      ),
    );
  });
}

/** Schemas by id, their types, and the `getSchemas` listing. */
function addSchemaRoutes(router: ReturnType<typeof Router>, sr: Registry) {
  router.get('/schemas/types', (_req, res) => {
    send(res, ['JSON', 'PROTOBUF', 'AVRO']);
  });

  router.get('/schemas/ids/:id', (req, res) => {
    send(res, schemaFields(req, sr.schemaById(registryOf(res), schemaId(req))));
  });

  router.get('/schemas/ids/:id/schema', (req, res) => {
    res
      .type(CONTENT_TYPE)
      .send(sr.schemaById(registryOf(res), schemaId(req)).schema);
  });

  router.get('/schemas/ids/:id/subjects', (req, res) => {
    send(res, [
      ...new Set(sr.usages(registryOf(res), schemaId(req)).map(u => u.subject)),
    ]);
  });

  router.get('/schemas/ids/:id/versions', (req, res) => {
    send(res, sr.usages(registryOf(res), schemaId(req)));
  });

  // `getSchemas`: the versions of the subjects with a prefix, ordered by
  // subject and version, one offset/limit page at a time. `aliases` is
  // accepted and has no effect (the emulator has no subject aliases).
  router.get('/schemas', (req, res) => {
    const offset = intParam(req, 'offset', 0);
    let limit = intParam(req, 'limit', -1);
    if (limit <= 0 || limit > SCHEMA_SEARCH_MAX_LIMIT) {
      limit = SCHEMA_SEARCH_DEFAULT_LIMIT;
    }
    const versions = sr.listSchemas(registryOf(res), {
      prefix: queryParam(req, 'subjectPrefix'),
      deleted: flag(req, 'deleted'),
      latestOnly: flag(req, 'latestOnly'),
      ruleType: queryParam(req, 'ruleType'),
    });
    // As the registry's loop does: items from `offset` up to `offset + limit`.
    send(
      res,
      versions
        .slice(Math.max(0, offset), Math.max(0, offset + limit))
        .map(v => renderVersion(req, v)),
    );
  });
}

/** Compatibility checks, the registry's compatibility level and mode. */
function addCompatibilityAndConfigRoutes(
  router: ReturnType<typeof Router>,
  sr: Registry,
) {
  // Compatibility checks: `is_compatible`, and the reasons only when asked
  // (`verbose=true`), as Schema Registry answers.
  const compatibility = (req: Request, res: Response, version?: string) => {
    const { compatible, messages } = sr.testCompatibility(
      registryOf(res),
      req.params.subject,
      schemaInput(req.body),
      version,
    );
    send(res, {
      is_compatible: compatible,
      ...(flag(req, 'verbose') ? { messages } : {}),
    });
  };
  router.post('/compatibility/subjects/:subject/versions', (req, res) =>
    compatibility(req, res),
  );
  router.post(
    '/compatibility/subjects/:subject/versions/:version',
    (req, res) => compatibility(req, res, req.params.version),
  );

  router.get('/config', (_req, res) => {
    send(res, {
      compatibilityLevel: sr.registry(registryOf(res)).compatibility,
    });
  });

  router.put('/config', (req, res) => {
    const level = (req.body ?? {}).compatibility;
    send(res, { compatibility: sr.setCompatibility(registryOf(res), level) });
  });

  router.get('/mode', (_req, res) => {
    send(res, { mode: 'READWRITE' });
  });
}

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
  };
}

/**
 * Schema Registry. Like Confluent Cloud, responses leave out `schemaType` for
 * AVRO and empty `references`, and add `schemaType`/`deleted` only for clients
 * that send `Confluent-Accept-Unknown-Properties`.
 */
export function createSchemaRegistryRouter(services: EmulatorServices) {
  const router = Router();
  const sr = services.schemaRegistry;

  const schemaFields = (req: Request, schema: StoredSchema) => ({
    ...(schema.schemaType !== 'AVRO' ||
    req.get('confluent-accept-unknown-properties')
      ? { schemaType: schema.schemaType }
      : {}),
    ...(schema.references.length ? { references: schema.references } : {}),
    schema: schema.schema,
  });

  const renderVersion = (req: Request, version: ResolvedVersion) => ({
    subject: version.subject,
    version: version.version,
    id: version.schema.id,
    ...schemaFields(req, version.schema),
    ...(req.get('confluent-accept-unknown-properties')
      ? { deleted: version.deleted }
      : {}),
  });

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
    const { id } = sr.register(
      registryOf(res),
      req.params.subject,
      schemaInput(req.body),
    );
    send(res, { id });
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

  const schemaId = (req: Request): number => {
    const id = Number(req.params.id);
    if (!/^\d+$/.test(req.params.id)) {
      throw new ApiError(404, `Schema ${req.params.id} not found`, {
        errorCode: 40403,
      });
    }
    return id;
  };

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

  router.get('/schemas', (req, res) => {
    const registry = registryOf(res);
    const prefix = queryParam(req, 'subjectPrefix');
    const latestOnly = flag(req, 'latestOnly');
    const result = sr.subjects(registry, { prefix }).flatMap(subject => {
      const versions = sr.versions(registry, subject);
      return (latestOnly ? versions.slice(-1) : versions).map(v =>
        renderVersion(req, sr.version(registry, subject, String(v.version))),
      );
    });
    send(res, result);
  });

  router.get('/config', (_req, res) => {
    send(res, {
      compatibilityLevel: sr.registry(registryOf(res)).compatibility,
    });
  });

  router.get('/mode', (_req, res) => {
    send(res, { mode: 'READWRITE' });
  });

  return router;
}

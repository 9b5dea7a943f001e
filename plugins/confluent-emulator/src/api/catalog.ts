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
import { queryList, queryParam } from '../http/pagination';
import type {
  ApiKeyRecord,
  BusinessMetadataDefRecord,
  TagDefRecord,
} from '../state/model';
import type { EmulatorServices } from '../services';
import {
  entityGuid,
  SEARCH_DEFAULT_LIMIT,
  SEARCH_MAX_LIMIT,
  type BatchResult,
} from '../services/catalog';

function registryOf(res: Response): string {
  return (res.locals.apiKey as ApiKeyRecord).resourceId!;
}

function requireArray<T>(body: unknown): T[] {
  if (!Array.isArray(body)) {
    throw new ApiError(400, 'The request body must be a JSON array');
  }
  return body as T[];
}

function renderTagDef(def: TagDefRecord) {
  return {
    category: 'CLASSIFICATION',
    guid: def.guid,
    createTime: def.createTime,
    updateTime: def.updateTime,
    version: def.version,
    name: def.name,
    description: def.description,
    typeVersion: '1.0',
    attributeDefs: [],
    superTypes: [],
    entityTypes: def.entityTypes,
    subTypes: [],
    ...(def.color ? { color: def.color } : {}),
  };
}

function renderBusinessMetadataDef(def: BusinessMetadataDefRecord) {
  return {
    category: 'BUSINESS_METADATA',
    guid: def.guid,
    createTime: def.createTime,
    updateTime: def.updateTime,
    version: def.version,
    name: def.name,
    description: def.description,
    typeVersion: '1.0',
    attributeDefs: def.attributeDefs.map(a => ({
      name: a.name,
      typeName: a.typeName,
      isOptional: a.isOptional,
      cardinality: a.cardinality,
      valuesMinCount: a.isOptional ? 0 : 1,
      valuesMaxCount: 1,
      isUnique: false,
      isIndexable: true,
      includeInNotification: false,
      ...(a.options ? { options: a.options } : {}),
    })),
  };
}

function renderBatch<T>(
  results: Array<BatchResult<T>>,
  render: (item: T) => unknown,
) {
  return results.map(r =>
    typeof r === 'object' && r !== null && 'error' in r ? r : render(r as T),
  );
}

type Catalog = EmulatorServices['catalog'];

/** A tag on an entity, as the Stream Catalog renders it. */
const renderTag = (tag: {
  typeName: string;
  attributes: Record<string, unknown>;
  entityType: string;
  entityName: string;
}) => ({
  typeName: tag.typeName,
  attributes: tag.attributes,
  entityGuid: entityGuid(tag.entityType, tag.entityName),
  entityType: tag.entityType,
  entityName: tag.entityName,
  entityStatus: 'ACTIVE',
  propagate: false,
  removePropagationsOnEntityDelete: false,
});

/**
 * Basic and attribute search: the entities the emulator models (topics,
 * schemas, their records and fields), by type, tag, name or attribute
 * (business metadata included, as `<name>.<attribute>`), a page at a time.
 */
function searchEntities(
  catalog: Catalog,
  req: Request,
  res: Response,
  byAttribute: boolean,
) {
  const int = (name: string, fallback: number, max?: number) => {
    const raw = queryParam(req, name);
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || (max !== undefined && value > max)) {
      throw new ApiError(
        400,
        `Invalid ${name} ${raw}${max !== undefined ? `: at most ${max}` : ''}`,
      );
    }
    return value;
  };
  const limit = int('limit', SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT);
  const offset = int('offset', 0);
  const types = queryList(req, 'type');
  const attributes = queryList(req, 'attr');
  const attributeName = byAttribute
    ? queryParam(req, 'attrName') || undefined
    : undefined;
  if (byAttribute && !attributeName) {
    throw new ApiError(400, 'attrName is required');
  }
  const entities = catalog.search(registryOf(res), {
    types,
    tag: queryParam(req, 'tag') || undefined,
    query: byAttribute ? undefined : queryParam(req, 'query'),
    attributes,
    attributeName,
    attributeValuePrefix: byAttribute
      ? queryParam(req, 'attrValuePrefix') || undefined
      : undefined,
    limit,
    offset,
  });
  return {
    searchParameters: {
      limit,
      offset,
      includeDeleted: queryParam(req, 'deleted') === 'true',
    },
    ...(types.length ? { types } : {}),
    entities: entities.map(e => {
      const guid = entityGuid(e.typeName, e.qualifiedName);
      return {
        typeName: e.typeName,
        attributes: {
          ...e.attributes,
          qualifiedName: e.qualifiedName,
          name: e.name,
        },
        guid,
        status: 'ACTIVE',
        displayText: e.name,
        classificationNames: e.tags,
        classifications: e.tags.map(typeName => ({
          typeName,
          entityGuid: guid,
          entityStatus: 'ACTIVE',
        })),
        meaningNames: [],
        meanings: [],
        isIncomplete: false,
        labels: [],
      };
    }),
  };
}

/** Stream Catalog (`/catalog/v1`): tags and business metadata. */
export function createCatalogRouter(services: EmulatorServices) {
  const router = Router();
  addTypeDefRoutes(router, services.catalog);
  addEntityRoutes(router, services.catalog);
  addSearchRoutes(router, services.catalog);
  return router;
}

/** Tag and business metadata definitions (`/types/...`). */
function addTypeDefRoutes(router: ReturnType<typeof Router>, catalog: Catalog) {
  router.get('/catalog/v1/types/tagdefs', (req, res) => {
    res.json(
      catalog
        .tagDefs(registryOf(res), queryParam(req, 'prefix'))
        .map(renderTagDef),
    );
  });

  router.post('/catalog/v1/types/tagdefs', (req, res) => {
    res.json(
      renderBatch(
        catalog.putTagDefs(registryOf(res), requireArray(req.body), false),
        renderTagDef,
      ),
    );
  });

  router.put('/catalog/v1/types/tagdefs', (req, res) => {
    res.json(
      renderBatch(
        catalog.putTagDefs(registryOf(res), requireArray(req.body), true),
        renderTagDef,
      ),
    );
  });

  router.get('/catalog/v1/types/tagdefs/:name', (req, res) => {
    res.json(renderTagDef(catalog.tagDef(registryOf(res), req.params.name)));
  });

  router.delete('/catalog/v1/types/tagdefs/:name', (req, res) => {
    catalog.deleteTagDef(registryOf(res), req.params.name);
    res.status(204).end();
  });

  router.get('/catalog/v1/types/businessmetadatadefs', (req, res) => {
    res.json(
      catalog
        .businessMetadataDefs(registryOf(res), queryParam(req, 'prefix'))
        .map(renderBusinessMetadataDef),
    );
  });

  router.post('/catalog/v1/types/businessmetadatadefs', (req, res) => {
    res.json(
      renderBatch(
        catalog.putBusinessMetadataDefs(
          registryOf(res),
          requireArray(req.body),
          false,
        ),
        renderBusinessMetadataDef,
      ),
    );
  });

  router.put('/catalog/v1/types/businessmetadatadefs', (req, res) => {
    res.json(
      renderBatch(
        catalog.putBusinessMetadataDefs(
          registryOf(res),
          requireArray(req.body),
          true,
        ),
        renderBusinessMetadataDef,
      ),
    );
  });

  router.get('/catalog/v1/types/businessmetadatadefs/:name', (req, res) => {
    res.json(
      renderBusinessMetadataDef(
        catalog.businessMetadataDef(registryOf(res), req.params.name),
      ),
    );
  });

  router.delete('/catalog/v1/types/businessmetadatadefs/:name', (req, res) => {
    catalog.deleteBusinessMetadataDef(registryOf(res), req.params.name);
    res.status(204).end();
  });
}

/** Tags and business metadata on entities (`/entity/...`). */
function addEntityRoutes(router: ReturnType<typeof Router>, catalog: Catalog) {
  router.post('/catalog/v1/entity/tags', (req, res) => {
    res.json(
      catalog.addTags(registryOf(res), requireArray(req.body)).map(renderTag),
    );
  });

  router.put('/catalog/v1/entity/tags', (req, res) => {
    res.json(
      catalog.addTags(registryOf(res), requireArray(req.body)).map(renderTag),
    );
  });

  router.get('/catalog/v1/entity/type/:type/name/:name/tags', (req, res) => {
    res.json(
      catalog
        .tags(registryOf(res), req.params.type, req.params.name)
        .map(renderTag),
    );
  });

  router.delete(
    '/catalog/v1/entity/type/:type/name/:name/tags/:tag',
    (req, res) => {
      catalog.removeTag(
        registryOf(res),
        req.params.type,
        req.params.name,
        req.params.tag,
      );
      res.status(204).end();
    },
  );

  router.post('/catalog/v1/entity/businessmetadata', (req, res) => {
    res.json(
      catalog.putBusinessMetadata(registryOf(res), requireArray(req.body)),
    );
  });

  router.put('/catalog/v1/entity/businessmetadata', (req, res) => {
    res.json(
      catalog.putBusinessMetadata(registryOf(res), requireArray(req.body)),
    );
  });

  router.get(
    '/catalog/v1/entity/type/:type/name/:name/businessmetadata',
    (req, res) => {
      res.json(
        catalog.businessMetadata(
          registryOf(res),
          req.params.type,
          req.params.name,
        ),
      );
    },
  );

  router.delete(
    '/catalog/v1/entity/type/:type/name/:name/businessmetadata/:bm',
    (req, res) => {
      catalog.removeBusinessMetadata(
        registryOf(res),
        req.params.type,
        req.params.name,
        req.params.bm,
      );
      res.status(204).end();
    },
  );
}

/** Basic and attribute search. */
function addSearchRoutes(router: ReturnType<typeof Router>, catalog: Catalog) {
  const search = (req: Request, res: Response, byAttribute: boolean) =>
    res.json(searchEntities(catalog, req, res, byAttribute));
  router.get('/catalog/v1/search/basic', (req, res) => search(req, res, false));
  router.get('/catalog/v1/search/attribute', (req, res) =>
    search(req, res, true),
  );
}

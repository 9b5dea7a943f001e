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
import { baseUrlOf, paginate, queryList } from '../http/pagination';
import type { ServiceAccountRecord } from '../state/model';
import type { EmulatorServices } from '../services';
import { requireObject, v2List } from './v2';

function renderServiceAccount(req: Request, sa: ServiceAccountRecord) {
  return {
    api_version: 'iam/v2',
    kind: 'ServiceAccount',
    id: sa.id,
    metadata: {
      self: `${baseUrlOf(req)}/iam/v2/service-accounts/${sa.id}`,
      resource_name: `crn://confluent.cloud/service-account=${sa.id}`,
      created_at: sa.createdAt,
      updated_at: sa.updatedAt,
    },
    display_name: sa.displayName,
    description: sa.description,
  };
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** IAM v2: service accounts. */
export function createIamRouter(services: EmulatorServices) {
  const router = Router();
  const { store } = services;

  const account = (id: string) => {
    const sa = store.state.serviceAccounts[id];
    if (!sa) throw errors.notFound(`Service account '${id}' not found`);
    return sa;
  };

  router.get('/iam/v2/service-accounts', (req, res) => {
    const names = queryList(req, 'display_name');
    const accounts = Object.values(store.state.serviceAccounts)
      .filter(sa => names.length === 0 || names.includes(sa.displayName))
      .sort((a, b) => a.seq - b.seq);
    const { page, next } = paginate(req, accounts);
    res.json(
      v2List(
        req,
        'iam/v2',
        'ServiceAccountList',
        page.map(sa => renderServiceAccount(req, sa)),
        next,
      ),
    );
  });

  router.post('/iam/v2/service-accounts', (req, res) => {
    const body = requireObject(req.body);
    const displayName = body.display_name;
    if (typeof displayName !== 'string' || displayName.trim() === '') {
      throw errors.invalid(
        "The property '/display_name' is required",
        '/display_name',
      );
    }
    if (
      body.description !== undefined &&
      typeof body.description !== 'string'
    ) {
      throw errors.invalid(
        "The property '/description' must be a string",
        '/description',
      );
    }
    if (
      Object.values(store.state.serviceAccounts).some(
        sa => sa.displayName === displayName,
      )
    ) {
      throw errors.conflict(`Service name '${displayName}' is already in use.`);
    }
    let id: string;
    do {
      id = `sa-${Array.from(
        { length: 6 },
        () => ID_ALPHABET[Math.floor(Math.random() * 36)],
      ).join('')}`;
    } while (store.state.serviceAccounts[id]);
    const now = new Date().toISOString();
    const sa: ServiceAccountRecord = {
      id,
      seq: store.nextSeq(),
      displayName,
      description: (body.description as string | undefined) ?? '',
      createdAt: now,
      updatedAt: now,
    };
    store.state.serviceAccounts[id] = sa;
    store.changed();
    const rendered = renderServiceAccount(req, sa);
    res.status(201).location(rendered.metadata.self).json(rendered);
  });

  router.get('/iam/v2/service-accounts/:id', (req, res) => {
    res.json(renderServiceAccount(req, account(req.params.id)));
  });

  router.patch('/iam/v2/service-accounts/:id', (req, res) => {
    const sa = account(req.params.id);
    const body = requireObject(req.body);
    if (body.description !== undefined) {
      if (typeof body.description !== 'string') {
        throw errors.invalid(
          "The property '/description' must be a string",
          '/description',
        );
      }
      sa.description = body.description;
    }
    sa.updatedAt = new Date().toISOString();
    store.changed();
    res.json(renderServiceAccount(req, sa));
  });

  router.delete('/iam/v2/service-accounts/:id', (req, res) => {
    const sa = account(req.params.id);
    delete store.state.serviceAccounts[sa.id];
    store.changed();
    res.status(204).end();
  });

  return router;
}

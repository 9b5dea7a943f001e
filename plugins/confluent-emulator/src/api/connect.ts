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
import { ApiError } from '../http/errors';
import { queryList } from '../http/pagination';
import { maskConfig, MASK } from '../connect/plugins';
import type { ConnectorRecord } from '../state/model';
import type { EmulatorServices } from '../services';

const PREFIX = '/connect/v1/environments/:env/clusters/:cluster/connectors';

/** The config as returned: secrets masked, server-filled keys added. */
function renderConfig(
  store: EmulatorServices['store'],
  record: ConnectorRecord,
): Record<string, string> {
  const cluster = store.cluster(record.clusterId)!;
  const serviceAccount = record.config['kafka.auth.mode'] === 'SERVICE_ACCOUNT';
  return {
    ...maskConfig(record.config),
    ...(serviceAccount
      ? { 'kafka.api.key': MASK, 'kafka.api.secret': MASK }
      : {}),
    'cloud.environment': 'prod',
    'cloud.provider': cluster.cloud.toLowerCase(),
    'kafka.endpoint': `SASL_SSL://${cluster.bootstrapEndpoint}`,
    'kafka.region': cluster.region,
  };
}

/** Past provisioning: the connector has tasks. */
const running = (record: ConnectorRecord) => record.state !== 'PROVISIONING';

/** The connector's one task, once it runs (a failed connector may have none). */
const tasks = (record: ConnectorRecord) =>
  running(record) && !(record.state === 'FAILED' && !record.taskFailed)
    ? [{ connector: record.name, task: 0 }]
    : [];

/** `GET …/connectors/{name}`: name, type, config and tasks. */
const renderInfo = (
  store: EmulatorServices['store'],
  record: ConnectorRecord,
) => ({
  name: record.name,
  type: record.type,
  config: renderConfig(store, record),
  tasks: tasks(record),
});

/** The state of the connector's task. */
const taskState = (record: ConnectorRecord) => {
  if (record.state === 'PAUSED') return 'PAUSED';
  return record.taskFailed ? 'FAILED' : 'RUNNING';
};

/** `GET …/connectors/{name}/status`: the connector's and its task's states. */
const renderStatus = (record: ConnectorRecord) => {
  return {
    name: record.name,
    type: record.type,
    connector: {
      state: record.state,
      worker_id: record.name,
      trace: record.trace,
    },
    tasks: tasks(record).map(t => ({
      id: t.task,
      state: taskState(record),
      worker_id: record.name,
      msg: record.taskFailed ? record.trace : '',
    })),
  };
};

/** Connect v1: managed connectors. */
export function createConnectRouter(services: EmulatorServices) {
  const router = Router();
  const { connectors, store } = services;
  const config = (record: ConnectorRecord) => renderConfig(store, record);
  const info = (record: ConnectorRecord) => renderInfo(store, record);
  const status = renderStatus;

  router.get(PREFIX, (req, res) => {
    const list = connectors.list(req.params.env, req.params.cluster);
    const expand = queryList(req, 'expand');
    if (expand.length === 0) {
      res.json(list.map(c => c.name));
      return;
    }
    res.json(
      Object.fromEntries(
        list.map(record => [
          record.name,
          {
            ...(expand.includes('id')
              ? { id: { id: record.id, id_type: 'ID' } }
              : {}),
            ...(expand.includes('info') ? { info: info(record) } : {}),
            ...(expand.includes('status') ? { status: status(record) } : {}),
          },
        ]),
      ),
    );
  });

  router.post(PREFIX, (req, res) => {
    const body = req.body as { name?: unknown; config?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError(
        400,
        'The request body must be a JSON object with name and config',
      );
    }
    const record = connectors.create(
      req.params.env,
      req.params.cluster,
      body.name,
      body.config,
    );
    res.status(201).json(info(record));
  });

  router.get(`${PREFIX}/:name`, (req, res) => {
    res.json(
      info(connectors.get(req.params.env, req.params.cluster, req.params.name)),
    );
  });

  router.delete(`${PREFIX}/:name`, (req, res) => {
    connectors.delete(req.params.env, req.params.cluster, req.params.name);
    res.json({ error: null });
  });

  router.get(`${PREFIX}/:name/config`, (req, res) => {
    res.json(
      config(
        connectors.get(req.params.env, req.params.cluster, req.params.name),
      ),
    );
  });

  router.put(`${PREFIX}/:name/config`, (req, res) => {
    const record = connectors.putConfig(
      req.params.env,
      req.params.cluster,
      req.params.name,
      req.body,
    );
    res.json(info(record));
  });

  router.get(`${PREFIX}/:name/status`, (req, res) => {
    res.json(
      status(
        connectors.get(req.params.env, req.params.cluster, req.params.name),
      ),
    );
  });

  router.get(`${PREFIX}/:name/tasks`, (req, res) => {
    const record = connectors.get(
      req.params.env,
      req.params.cluster,
      req.params.name,
    );
    res.json(tasks(record).map(t => ({ id: t, config: config(record) })));
  });

  router.put(`${PREFIX}/:name/pause`, (req, res) => {
    connectors.pause(req.params.env, req.params.cluster, req.params.name);
    res.status(202).end();
  });

  router.put(`${PREFIX}/:name/resume`, (req, res) => {
    connectors.resume(req.params.env, req.params.cluster, req.params.name);
    res.status(202).end();
  });

  return router;
}

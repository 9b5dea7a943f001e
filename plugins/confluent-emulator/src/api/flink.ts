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
import type { ApiKeyRecord, StatementRecord } from '../state/model';
import type { ResolvedTimings } from '../options';
import { baseUrlOf, paginate, queryParam, selfUrl } from '../http/pagination';
import type { EmulatorServices } from '../services';

const PREFIX = '/sql/v1/organizations/:org/environments/:env';

/** Flink SQL statements (`sql/v1`). */
export function createFlinkRouter(
  services: EmulatorServices,
  timings: ResolvedTimings,
) {
  const router = Router();
  const { statements, store } = services;

  const render = (req: Request, record: StatementRecord) => {
    const now = Date.now();
    const self = `${baseUrlOf(req)}/sql/v1/organizations/${
      record.organizationId
    }/environments/${record.environmentId}/statements/${record.name}`;
    const pool = store.state.computePools[record.spec.computePoolId];
    const region = pool
      ? `${pool.cloud.toLowerCase()}.${pool.region}`
      : 'aws.us-east-1';
    const offsets = statements.latestOffsets(record, now);
    const running = record.phase === 'RUNNING' || record.phase === 'DEGRADED';
    const status: Record<string, unknown> = {
      phase: record.phase,
      detail: record.detail,
      network_kind: 'PUBLIC',
    };
    if (record.traits) status.traits = record.traits;
    if (offsets) {
      status.latest_offsets = offsets;
      const tick = timings.offsetTickMs;
      const at = running
        ? Math.floor(now / tick) * tick
        : Date.parse(record.updatedAt);
      status.latest_offsets_timestamp = new Date(at).toISOString();
    }
    if (running)
      status.scaling_status = {
        scaling_state: 'OK',
        last_updated: record.updatedAt,
      };
    if (record.warnings.length) status.warnings = record.warnings;
    if (record.endTime) status.end_time = record.endTime;
    return {
      api_version: 'sql/v1',
      kind: 'Statement',
      organization_id: record.organizationId,
      environment_id: record.environmentId,
      name: record.name,
      metadata: {
        self,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
        uid: record.uid,
        resource_version: record.resourceVersion,
        resource_name: `crn://confluent.cloud/organization=${record.organizationId}/environment=${record.environmentId}/flink-region=${region}/statement=${record.name}`,
        labels: record.labels,
      },
      spec: {
        // The spec's GET and POST responses require `statement_name`
        // (although the Statement schema does not declare it): the name.
        statement_name: record.name,
        statement: record.spec.statement,
        properties: record.spec.properties,
        compute_pool_id: record.spec.computePoolId,
        principal: record.spec.principal,
        stopped: record.spec.stopped,
        execution_mode: 'streaming',
      },
      status,
    };
  };

  router.get(`${PREFIX}/statements`, (req, res) => {
    const list = statements.list(req.params.org, req.params.env, {
      computePoolId: queryParam(req, 'spec.compute_pool_id'),
      labelSelector: queryParam(req, 'label_selector'),
    });
    const { page, next } = paginate(req, list);
    res.json({
      api_version: 'sql/v1',
      kind: 'StatementList',
      metadata: { self: selfUrl(req), next: next ?? '' },
      data: page.map(s => render(req, s)),
    });
  });

  router.post(`${PREFIX}/statements`, (req, res) => {
    const key = res.locals.apiKey as ApiKeyRecord;
    const record = statements.create(
      req.params.org,
      req.params.env,
      req.body,
      key.ownerId,
    );
    const rendered = render(req, record);
    res.status(201).location(rendered.metadata.self).json(rendered);
  });

  router.get(`${PREFIX}/statements/:name`, (req, res) => {
    res.json(
      render(
        req,
        statements.get(req.params.org, req.params.env, req.params.name),
      ),
    );
  });

  router.put(`${PREFIX}/statements/:name`, (req, res) => {
    statements.update(
      req.params.org,
      req.params.env,
      req.params.name,
      req.body,
    );
    res.status(202).end();
  });

  router.delete(`${PREFIX}/statements/:name`, (req, res) => {
    statements.delete(req.params.org, req.params.env, req.params.name);
    res.status(202).end();
  });

  router.get(`${PREFIX}/statements/:name/exceptions`, (req, res) => {
    const record = statements.get(
      req.params.org,
      req.params.env,
      req.params.name,
    );
    res.json({
      api_version: 'sql/v1',
      kind: 'StatementExceptionList',
      metadata: { self: selfUrl(req) },
      data: record.exceptions.map(e => ({
        kind: 'StatementException',
        name: e.name,
        message: e.message,
        timestamp: e.timestamp,
      })),
    });
  });

  return router;
}

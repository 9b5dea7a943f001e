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
import { ApiError } from '../http/errors';
import { baseUrlOf, queryParam } from '../http/pagination';
import type { TopicRecord } from '../state/model';
import type { EmulatorServices } from '../services';

const PREFIX = '/kafka/v3/clusters/:cluster/topics';

const AUTHORIZED_OPERATIONS = [
  'READ',
  'WRITE',
  'CREATE',
  'DELETE',
  'ALTER',
  'DESCRIBE',
  'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS',
];

/** Kafka REST v3: topics. Lists are not paged, as in the real API. */
export function createKafkaRouter(services: EmulatorServices) {
  const router = Router();
  const { topics } = services;

  const render = (req: Request, clusterId: string, topic: TopicRecord) => {
    const self = `${baseUrlOf(
      req,
    )}/kafka/v3/clusters/${clusterId}/topics/${encodeURIComponent(topic.name)}`;
    return {
      kind: 'KafkaTopic',
      metadata: {
        self,
        resource_name: `crn:///kafka=${clusterId}/topic=${topic.name}`,
      },
      cluster_id: clusterId,
      topic_name: topic.name,
      is_internal: false,
      replication_factor: topic.replicationFactor,
      partitions_count: topic.partitionsCount,
      partitions: { related: `${self}/partitions` },
      configs: { related: `${self}/configs` },
      partition_reassignments: {
        related: `${self}/partitions/-/reassignments`,
      },
      ...(queryParam(req, 'include_authorized_operations') === 'true'
        ? { authorized_operations: AUTHORIZED_OPERATIONS }
        : {}),
    };
  };

  router.get(PREFIX, (req, res) => {
    const clusterId = req.params.cluster;
    const list = topics.list(clusterId);
    res.json({
      kind: 'KafkaTopicList',
      metadata: {
        self: `${baseUrlOf(req)}/kafka/v3/clusters/${clusterId}/topics`,
        next: null,
      },
      data: list.map(t => render(req, clusterId, t)),
    });
  });

  router.post(PREFIX, (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError(400, 'Request body is required', { errorCode: 400 });
    }
    if (typeof body.topic_name !== 'string' || body.topic_name === '') {
      throw new ApiError(400, 'Topic name is required', { errorCode: 400 });
    }
    const integer = (name: string) => {
      const value = body[name];
      if (value === undefined || value === null) return undefined;
      if (!Number.isInteger(value)) {
        throw new ApiError(
          400,
          `Cannot deserialize value of type \`java.lang.Integer\` from ${JSON.stringify(
            value,
          )}: not a valid \`java.lang.Integer\` value`,
          { errorCode: 400 },
        );
      }
      return value as number;
    };
    const configs = Array.isArray(body.configs)
      ? Object.fromEntries(
          (body.configs as Array<{ name?: unknown; value?: unknown }>).map(
            c => [String(c.name), String(c.value)],
          ),
        )
      : undefined;
    const topic = topics.create(req.params.cluster, body.topic_name, {
      partitionsCount: integer('partitions_count'),
      replicationFactor: integer('replication_factor'),
      configs,
      validateOnly: body.validate_only === true,
    });
    res
      .status(body.validate_only === true ? 200 : 201)
      .json(render(req, req.params.cluster, topic));
  });

  router.get(`${PREFIX}/:name`, (req, res) => {
    res.json(
      render(
        req,
        req.params.cluster,
        topics.require(req.params.cluster, req.params.name),
      ),
    );
  });

  router.delete(`${PREFIX}/:name`, (req, res) => {
    topics.delete(req.params.cluster, req.params.name);
    res.status(204).end();
  });

  return router;
}

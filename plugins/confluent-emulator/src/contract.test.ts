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
/*
 * Every kind of response the emulator serves, validated against Confluent's
 * official OpenAPI specs (status documented for the operation, media type,
 * body schema). The specs live outside the repo; without them this suite is
 * skipped and says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  client,
  paths,
  startTestEmulator,
  type TestClient,
  type TestResponse,
} from './__testUtils__/http';
import { CONFLUENT_OPENAPI_DIR, eventually, OpenApiSpec } from './testUtils';
import type { ConfluentEmulator } from './types';

type SpecName =
  | 'org-v2'
  | 'iam-v2'
  | 'flink-v2'
  | 'flink-gateway-v1'
  | 'connect-v1'
  | 'schema-registry-v1'
  | 'data-catalog-v1'
  | 'kafkarest-v3';

interface Exchange {
  spec: SpecName;
  method: string;
  template: string;
  response: TestResponse;
  /** Validate the text, not parsed JSON (the spec types these bodies as strings). */
  asText?: boolean;
}

/**
 * Responses the specs do not list, each with the reason the emulator sends
 * it and the schema it is checked against instead.
 */
const UNDOCUMENTED: Array<{
  spec: SpecName;
  method: string;
  template: string;
  status: number;
  schema: string;
  reason: string;
}> = [
  {
    spec: 'connect-v1',
    method: 'POST',
    template:
      '/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors',
    status: 409,
    schema: 'connect.v1.ConnectorError',
    reason:
      'Connect answers a taken connector name with 409 (Kafka Connect REST); the spec lists no 409',
  },
  {
    spec: 'kafkarest-v3',
    method: 'GET',
    template: '/kafka/v3/clusters/{cluster_id}/topics',
    status: 404,
    schema: 'Error',
    reason:
      "the spec's NotFoundErrorResponse documents cluster_not_found; the list operation omits 404",
  },
  {
    spec: 'flink-gateway-v1',
    method: 'PUT',
    template:
      '/sql/v1/organizations/{organization_id}/environments/{environment_id}/statements/{statement_name}',
    status: 409,
    schema: 'Failure',
    reason:
      "the operation's description documents a 409 for a stale resource_version; its response list omits it",
  },
];

/** The body to validate: the raw text where the spec says string, nothing for an empty body. */
function bodyOf(exchange: Exchange, parsed: unknown, text: string): unknown {
  if (exchange.asText) return text;
  return parsed === '' ? undefined : parsed;
}

const SPECS: SpecName[] = [
  'org-v2',
  'iam-v2',
  'flink-v2',
  'flink-gateway-v1',
  'connect-v1',
  'schema-registry-v1',
  'data-catalog-v1',
  'kafkarest-v3',
];

const available = fs.existsSync(
  path.join(CONFLUENT_OPENAPI_DIR, 'org-v2.yaml'),
);
if (!available) {
  // eslint-disable-next-line no-console
  console.log(
    `Contract tests skipped: the OpenAPI specs are not at ${CONFLUENT_OPENAPI_DIR}`,
  );
}

(available ? describe : describe.skip)(
  'responses conform to the official OpenAPI specs',
  () => {
    let emu: ConfluentEmulator;
    const exchanges: Exchange[] = [];

    const ORG = '/org/v2/organizations';
    const ENVS = '/org/v2/environments';
    const SAS = '/iam/v2/service-accounts';
    const POOLS = '/fcpm/v2/compute-pools';
    const SQL =
      '/sql/v1/organizations/{organization_id}/environments/{environment_id}/statements';
    const CONNECT =
      '/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors';
    const TOPICS = '/kafka/v3/clusters/{cluster_id}/topics';

    beforeAll(async () => {
      emu = await startTestEmulator({ seed: 'workshop' });
      const p = paths(emu);
      const cloud = client(emu, emu.keys.cloud);
      const flink = client(emu, emu.keys.flink);
      const sr = client(emu, emu.keys.schemaRegistry);
      const kafka = client(emu, emu.keys.kafka);
      const anonymous = client(emu);
      const env = emu.ids.environmentId;

      const record = async (
        spec: SpecName,
        template: string,
        [method, request]: [string, Promise<TestResponse>],
        options: { asText?: boolean } = {},
      ) => {
        const response = await request;
        exchanges.push({ spec, method, template, response, ...options });
        return response;
      };
      const call = (
        c: TestClient,
        method: string,
        url: string,
        body?: unknown,
      ): [string, Promise<TestResponse>] => [
        method,
        c.request(method, url, body),
      ];
      const fault = async (
        spec: SpecName,
        api: Parameters<ConfluentEmulator['injectFaults']>[0]['api'],
        status: 429 | 500,
        template: string,
        c: TestClient,
        url: string,
      ) => {
        emu.injectFaults({ api, status, times: 1 });
        await record(spec, template, call(c, 'GET', url));
      };

      // Org v2
      await record('org-v2', ORG, call(cloud, 'GET', ORG));
      await record('org-v2', ORG, call(anonymous, 'GET', ORG));
      await record(
        'org-v2',
        `${ORG}/{id}`,
        call(cloud, 'GET', `${ORG}/${emu.ids.organizationId}`),
      );
      await record('org-v2', `${ORG}/{id}`, call(cloud, 'GET', `${ORG}/nope`));
      await record('org-v2', ENVS, call(cloud, 'GET', `${ENVS}?page_size=1`));
      await record('org-v2', ENVS, call(cloud, 'GET', `${ENVS}?page_size=500`));
      const created = await record(
        'org-v2',
        ENVS,
        call(cloud, 'POST', ENVS, { display_name: 'contract' }),
      );
      await record(
        'org-v2',
        ENVS,
        call(cloud, 'POST', ENVS, { display_name: 'contract' }),
      );
      await record(
        'org-v2',
        ENVS,
        call(cloud, 'POST', ENVS, { display_name: 7 }),
      );
      await record(
        'org-v2',
        ENVS,
        call(cloud, 'POST', ENVS, '{"display_name":'),
      );
      await record(
        'org-v2',
        `${ENVS}/{id}`,
        call(cloud, 'GET', `${ENVS}/${env}`),
      );
      await record(
        'org-v2',
        `${ENVS}/{id}`,
        call(cloud, 'GET', `${ENVS}/env-nope00`),
      );
      await record(
        'org-v2',
        `${ENVS}/{id}`,
        call(cloud, 'PATCH', `${ENVS}/${created.body.id}`, {
          display_name: 'contract-2',
        }),
      );
      await record(
        'org-v2',
        `${ENVS}/{id}`,
        call(cloud, 'DELETE', `${ENVS}/${created.body.id}`),
      );
      await fault('org-v2', 'org', 429, ENVS, cloud, ENVS);
      await fault('org-v2', 'org', 500, ENVS, cloud, ENVS);

      // IAM v2
      await record('iam-v2', SAS, call(cloud, 'GET', SAS));
      const sa = await record(
        'iam-v2',
        SAS,
        call(cloud, 'POST', SAS, {
          display_name: 'contract-sa',
          description: 'x',
        }),
      );
      await record(
        'iam-v2',
        SAS,
        call(cloud, 'POST', SAS, { display_name: 'contract-sa' }),
      );
      await record(
        'iam-v2',
        `${SAS}/{id}`,
        call(cloud, 'GET', `${SAS}/${sa.body.id}`),
      );
      await record(
        'iam-v2',
        `${SAS}/{id}`,
        call(cloud, 'GET', `${SAS}/sa-nope00`),
      );
      await record(
        'iam-v2',
        `${SAS}/{id}`,
        call(cloud, 'PATCH', `${SAS}/${sa.body.id}`, { description: 'y' }),
      );
      await record(
        'iam-v2',
        `${SAS}/{id}`,
        call(cloud, 'DELETE', `${SAS}/${sa.body.id}`),
      );
      await record('iam-v2', SAS, call(anonymous, 'GET', SAS));
      await fault('iam-v2', 'iam', 429, SAS, cloud, SAS);

      // FCPM v2
      await record(
        'flink-v2',
        POOLS,
        call(cloud, 'GET', `${POOLS}?environment=${env}`),
      );
      await record('flink-v2', POOLS, call(cloud, 'GET', POOLS));
      const pool = await record(
        'flink-v2',
        POOLS,
        call(cloud, 'POST', POOLS, {
          spec: {
            display_name: 'contract-pool',
            cloud: 'AWS',
            region: 'us-east-1',
            max_cfu: 5,
            environment: { id: env },
          },
        }),
      );
      await record(
        'flink-v2',
        POOLS,
        call(cloud, 'POST', POOLS, {
          spec: {
            display_name: 'x',
            cloud: 'AWS',
            region: 'us-east-1',
            max_cfu: 3,
            environment: { id: env },
          },
        }),
      );
      await record(
        'flink-v2',
        `${POOLS}/{id}`,
        call(
          cloud,
          'GET',
          `${POOLS}/${emu.ids.computePoolId}?environment=${env}`,
        ),
      );
      await record(
        'flink-v2',
        `${POOLS}/{id}`,
        call(cloud, 'GET', `${POOLS}/lfcp-nope?environment=${env}`),
      );
      await record(
        'flink-v2',
        `${POOLS}/{id}`,
        call(cloud, 'PATCH', `${POOLS}/${pool.body.id}`, {
          spec: { environment: { id: env }, max_cfu: 10 },
        }),
      );
      await record(
        'flink-v2',
        `${POOLS}/{id}`,
        call(cloud, 'DELETE', `${POOLS}/${pool.body.id}?environment=${env}`),
      );
      await record(
        'flink-v2',
        '/fcpm/v2/regions',
        call(cloud, 'GET', '/fcpm/v2/regions?page_size=2'),
      );
      await record(
        'flink-v2',
        POOLS,
        call(anonymous, 'GET', `${POOLS}?environment=${env}`),
      );
      await fault(
        'flink-v2',
        'fcpm',
        429,
        '/fcpm/v2/regions',
        cloud,
        '/fcpm/v2/regions',
      );

      // Flink SQL v1
      const statement = (name: string, sql: string) => ({
        name,
        spec: {
          statement: sql,
          properties: {
            'sql.current-catalog': 'shiftleft',
            'sql.current-database': 'shiftleft-cluster',
          },
        },
      });
      await record(
        'flink-gateway-v1',
        SQL,
        call(flink, 'GET', `${p.statements}?page_size=2`),
      );
      await record(
        'flink-gateway-v1',
        SQL,
        call(
          flink,
          'POST',
          p.statements,
          statement(
            'contract-ctas',
            'CREATE TABLE contract_copy AS SELECT * FROM `shiftleft.public.orders`;',
          ),
        ),
      );
      await record(
        'flink-gateway-v1',
        SQL,
        call(
          flink,
          'POST',
          p.statements,
          statement('contract-bad', 'SELECT FROM;'),
        ),
      );
      await record(
        'flink-gateway-v1',
        SQL,
        call(
          flink,
          'POST',
          p.statements,
          statement('contract-ctas', 'SELECT 1;'),
        ),
      );
      await record(
        'flink-gateway-v1',
        SQL,
        call(flink, 'POST', p.statements, statement('Not_Valid', 'SELECT 1;')),
      );
      await record(
        'flink-gateway-v1',
        SQL,
        call(flink, 'POST', p.statements, '{'),
      );
      await record(
        'flink-gateway-v1',
        SQL,
        call(anonymous, 'GET', p.statements),
      );
      const one = `${SQL}/{statement_name}`;
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'GET', `${p.statements}/contract-ctas`),
      );
      const running = await eventually(
        () => flink.get(`${p.statements}/contract-ctas`),
        res => res.body.status.phase === 'RUNNING',
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'GET', `${p.statements}/contract-ctas`),
      );
      await eventually(
        () => flink.get(`${p.statements}/contract-bad`),
        res => res.body.status.phase === 'FAILED',
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'GET', `${p.statements}/contract-bad`),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'GET', `${p.statements}/orders-watermark-ddl`),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'GET', `${p.statements}/nope`),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'PUT', `${p.statements}/contract-ctas`, {
          ...running.body,
          spec: { ...running.body.spec, stopped: true },
        }),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'PUT', `${p.statements}/contract-ctas`, {
          ...running.body,
          spec: { ...running.body.spec, stopped: false },
        }),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'PUT', `${p.statements}/contract-ctas`, {
          name: 'contract-ctas',
          spec: { stopped: true },
        }),
      );
      await eventually(
        () => flink.get(`${p.statements}/contract-ctas`),
        res => res.body.status.phase === 'STOPPED',
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'GET', `${p.statements}/contract-ctas`),
      );
      await record(
        'flink-gateway-v1',
        `${one}/exceptions`,
        call(flink, 'GET', `${p.statements}/contract-bad/exceptions`),
      );
      await record(
        'flink-gateway-v1',
        `${one}/exceptions`,
        call(flink, 'GET', `${p.statements}/contract-ctas/exceptions`),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'DELETE', `${p.statements}/contract-bad`),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'GET', `${p.statements}/contract-bad`),
      );
      await record(
        'flink-gateway-v1',
        one,
        call(flink, 'DELETE', `${p.statements}/nope`),
      );
      await fault('flink-gateway-v1', 'flink', 429, SQL, flink, p.statements);
      await fault('flink-gateway-v1', 'flink', 500, SQL, flink, p.statements);

      // Materialized tables (flink-gateway v1), created by their statements.
      const MT = `${SQL.replace(
        '/statements',
        '',
      )}/databases/{kafka_cluster_id}/materialized-tables/{table_name}`;
      const tables = p.statements.replace(
        '/statements',
        '/materialized-tables',
      );
      const table = `${p.statements.replace('/statements', '')}/databases/${
        emu.ids.kafkaClusterId
      }/materialized-tables/contract_mt`;
      for (const [name, sql] of [
        [
          'contract-mt',
          'CREATE MATERIALIZED TABLE contract_mt AS SELECT customerid FROM `shiftleft.public.customers`;',
        ],
        [
          'contract-mt-v2',
          'CREATE OR ALTER MATERIALIZED TABLE contract_mt AS SELECT customerid, segment FROM `shiftleft.public.customers`;',
        ],
      ]) {
        await flink.post(p.statements, statement(name, sql));
        await eventually(
          () => flink.get(`${p.statements}/${name}`),
          res => res.body.status.phase === 'RUNNING',
        );
      }
      await record(
        'flink-gateway-v1',
        SQL.replace('/statements', '/materialized-tables'),
        call(flink, 'GET', `${tables}?page_size=1`),
      );
      await record('flink-gateway-v1', MT, call(flink, 'GET', table));
      await record(
        'flink-gateway-v1',
        MT,
        call(flink, 'GET', table.replace('contract_mt', 'nope')),
      );
      await record(
        'flink-gateway-v1',
        `${MT}/versions`,
        call(flink, 'GET', `${table}/versions`),
      );
      await record(
        'flink-gateway-v1',
        `${MT}/versions/{version}`,
        call(flink, 'GET', `${table}/versions/2`),
      );

      // Connect v1
      const EXPANDED = `${CONNECT}?expand=info,status,id`;
      const sinkConfig = {
        'connector.class': 'PostgresSink',
        topics: 'product_sales',
        'input.data.format': 'AVRO',
        'connection.host': 'db.example.com',
        'connection.port': '5432',
        'connection.user': 'u',
        'connection.password': 'p',
        'db.name': 'd',
        'tasks.max': '1',
        'kafka.api.key': 'k',
        'kafka.api.secret': 's',
      };
      await record('connect-v1', CONNECT, call(cloud, 'GET', p.connectors));
      await record(
        'connect-v1',
        EXPANDED,
        call(cloud, 'GET', `${p.connectors}?expand=info,status,id`),
      );
      await record(
        'connect-v1',
        CONNECT,
        call(cloud, 'POST', p.connectors, {
          name: 'contract-sink',
          config: sinkConfig,
        }),
      );
      await record(
        'connect-v1',
        `${CONNECT}/{connector_name}/status`,
        call(cloud, 'GET', `${p.connectors}/contract-sink/status`),
      );
      await record(
        'connect-v1',
        CONNECT,
        call(cloud, 'POST', p.connectors, {
          name: 'contract-sink',
          config: sinkConfig,
        }),
      );
      await record(
        'connect-v1',
        CONNECT,
        call(cloud, 'POST', p.connectors, {
          name: 'contract-bad',
          config: { ...sinkConfig, 'db.name': '' },
        }),
      );
      await record(
        'connect-v1',
        CONNECT,
        call(cloud, 'POST', p.connectors, {
          name: 'contract-x',
          config: { 'connector.class': 'Nope' },
        }),
      );
      await record('connect-v1', CONNECT, call(anonymous, 'GET', p.connectors));
      const named = `${CONNECT}/{connector_name}`;
      await eventually(
        () => cloud.get(`${p.connectors}/contract-sink/status`),
        res => res.body.connector.state === 'RUNNING',
      );
      await record(
        'connect-v1',
        named,
        call(cloud, 'GET', `${p.connectors}/contract-sink`),
      );
      await record(
        'connect-v1',
        named,
        call(cloud, 'GET', `${p.connectors}/nope`),
      );
      await record(
        'connect-v1',
        `${named}/config`,
        call(cloud, 'GET', `${p.connectors}/contract-sink/config`),
      );
      await record(
        'connect-v1',
        `${named}/config`,
        call(cloud, 'PUT', `${p.connectors}/contract-sink/config`, sinkConfig),
      );
      await record(
        'connect-v1',
        `${named}/config`,
        call(cloud, 'PUT', `${p.connectors}/contract-sink/config`, {
          ...sinkConfig,
          name: 'other',
        }),
      );
      await record(
        'connect-v1',
        `${named}/status`,
        call(
          cloud,
          'GET',
          `${p.connectors}/shiftleft-postgres-cdc-source/status`,
        ),
      );
      await record(
        'connect-v1',
        `${named}/tasks`,
        call(
          cloud,
          'GET',
          `${p.connectors}/shiftleft-postgres-cdc-source/tasks`,
        ),
      );
      await record(
        'connect-v1',
        `${named}/pause`,
        call(cloud, 'PUT', `${p.connectors}/shiftleft-redshift-sink/pause`),
      );
      await eventually(
        () => cloud.get(`${p.connectors}/shiftleft-redshift-sink/status`),
        res => res.body.connector.state === 'PAUSED',
      );
      await record(
        'connect-v1',
        `${named}/status`,
        call(cloud, 'GET', `${p.connectors}/shiftleft-redshift-sink/status`),
      );
      await record(
        'connect-v1',
        `${named}/resume`,
        call(cloud, 'PUT', `${p.connectors}/shiftleft-redshift-sink/resume`),
      );
      await record(
        'connect-v1',
        `${named}/pause`,
        call(cloud, 'PUT', `${p.connectors}/nope/pause`),
      );
      await cloud.post(p.connectors, {
        name: 'contract-ghost',
        config: { ...sinkConfig, topics: 'ghost' },
      });
      await eventually(
        () => cloud.get(`${p.connectors}/contract-ghost/status`),
        res => res.body.connector.state === 'FAILED',
      );
      await record(
        'connect-v1',
        `${named}/status`,
        call(cloud, 'GET', `${p.connectors}/contract-ghost/status`),
      );
      await record(
        'connect-v1',
        named,
        call(cloud, 'DELETE', `${p.connectors}/contract-ghost`),
      );
      await record(
        'connect-v1',
        named,
        call(cloud, 'DELETE', `${p.connectors}/contract-ghost`),
      );
      await fault('connect-v1', 'connect', 429, CONNECT, cloud, p.connectors);
      await fault('connect-v1', 'connect', 500, CONNECT, cloud, p.connectors);

      // Schema Registry
      const schema = JSON.stringify({
        type: 'record',
        name: 'C',
        fields: [{ name: 'a', type: 'int' }],
      });
      await record(
        'schema-registry-v1',
        '/subjects',
        call(sr, 'GET', '/subjects'),
      );
      await record(
        'schema-registry-v1',
        '/subjects',
        call(anonymous, 'GET', '/subjects'),
      );
      const versions = '/subjects/{subject}/versions';
      const registered = await record(
        'schema-registry-v1',
        versions,
        call(sr, 'POST', '/subjects/contract-value/versions', { schema }),
      );
      await record(
        'schema-registry-v1',
        versions,
        call(sr, 'POST', '/subjects/contract-value/versions', {
          schema: JSON.stringify({
            type: 'record',
            name: 'C',
            fields: [{ name: 'b', type: 'int' }],
          }),
        }),
      );
      await record(
        'schema-registry-v1',
        versions,
        call(sr, 'POST', '/subjects/contract-value/versions', { schema: '{' }),
      );
      await record(
        'schema-registry-v1',
        versions,
        call(sr, 'GET', '/subjects/contract-value/versions'),
      );
      await record(
        'schema-registry-v1',
        versions,
        call(sr, 'GET', '/subjects/missing/versions'),
      );
      const version = `${versions}/{version}`;
      await record(
        'schema-registry-v1',
        version,
        call(
          sr,
          'GET',
          '/subjects/shiftleft.public.customers-value/versions/latest',
        ),
      );
      await record(
        'schema-registry-v1',
        version,
        call(sr, 'GET', '/subjects/contract-value/versions/7'),
      );
      await record(
        'schema-registry-v1',
        version,
        call(sr, 'GET', '/subjects/contract-value/versions/x'),
      );
      await record(
        'schema-registry-v1',
        `${version}/schema`,
        call(sr, 'GET', '/subjects/contract-value/versions/1/schema'),
        {
          asText: true,
        },
      );
      await record(
        'schema-registry-v1',
        '/subjects/{subject}',
        call(sr, 'POST', '/subjects/contract-value', { schema }),
      );
      await record(
        'schema-registry-v1',
        '/subjects/{subject}',
        call(sr, 'POST', '/subjects/contract-value', {
          schema: '{"type":"string"}',
        }),
      );
      await record(
        'schema-registry-v1',
        '/schemas/ids/{id}',
        call(sr, 'GET', `/schemas/ids/${registered.body.id}`),
      );
      await record(
        'schema-registry-v1',
        '/schemas/ids/{id}',
        call(sr, 'GET', '/schemas/ids/1'),
      );
      await record(
        'schema-registry-v1',
        '/schemas/ids/{id}/schema',
        call(sr, 'GET', `/schemas/ids/${registered.body.id}/schema`),
        {
          asText: true,
        },
      );
      await record(
        'schema-registry-v1',
        '/schemas/ids/{id}/subjects',
        call(sr, 'GET', `/schemas/ids/${registered.body.id}/subjects`),
      );
      await record(
        'schema-registry-v1',
        '/schemas/ids/{id}/versions',
        call(sr, 'GET', `/schemas/ids/${registered.body.id}/versions`),
      );
      await record(
        'schema-registry-v1',
        '/schemas/types',
        call(sr, 'GET', '/schemas/types'),
      );
      await record(
        'schema-registry-v1',
        '/schemas',
        call(sr, 'GET', '/schemas?latestOnly=true'),
      );
      // Data contracts: metadata and rule sets on register and every read.
      const contracted = await record(
        'schema-registry-v1',
        versions,
        call(sr, 'POST', '/subjects/contract-dc-value/versions', {
          schema,
          metadata: {
            tags: { 'C.a': ['PII'] },
            properties: { owner: 'team-a' },
            sensitive: ['owner'],
          },
          ruleSet: {
            domainRules: [
              { name: 'positive', type: 'CEL', mode: 'WRITE', expr: 'a > 0' },
            ],
          },
        }),
      );
      await record(
        'schema-registry-v1',
        versions,
        call(sr, 'POST', '/subjects/contract-dc-value/versions', {
          schema,
          ruleSet: { domainRules: [{ name: 'no type' }] },
        }),
      );
      await record(
        'schema-registry-v1',
        version,
        call(sr, 'GET', '/subjects/contract-dc-value/versions/latest'),
      );
      await record(
        'schema-registry-v1',
        '/schemas/ids/{id}',
        call(sr, 'GET', `/schemas/ids/${contracted.body.id}`),
      );
      await record(
        'schema-registry-v1',
        '/schemas',
        call(
          sr,
          'GET',
          '/schemas?subjectPrefix=contract&deleted=true&offset=1&limit=2',
        ),
      );
      await record('schema-registry-v1', '/config', call(sr, 'GET', '/config'));
      await record(
        'schema-registry-v1',
        '/config',
        call(sr, 'PUT', '/config', { compatibility: 'BACKWARD' }),
      );
      await record(
        'schema-registry-v1',
        '/compatibility/subjects/{subject}/versions/{version}',
        call(
          sr,
          'POST',
          '/compatibility/subjects/contract-value/versions/latest?verbose=true',
          { schema },
        ),
      );
      await record(
        'schema-registry-v1',
        '/compatibility/subjects/{subject}/versions',
        call(sr, 'POST', '/compatibility/subjects/contract-value/versions', {
          schema,
        }),
      );
      await record('schema-registry-v1', '/mode', call(sr, 'GET', '/mode'));
      await record(
        'schema-registry-v1',
        version,
        call(sr, 'DELETE', '/subjects/contract-value/versions/1'),
      );
      await record(
        'schema-registry-v1',
        '/subjects/{subject}',
        call(sr, 'DELETE', '/subjects/products_with_pk-key'),
      );
      await record(
        'schema-registry-v1',
        '/subjects/{subject}',
        call(sr, 'DELETE', '/subjects/missing'),
      );
      await fault(
        'schema-registry-v1',
        'schemaRegistry',
        429,
        '/subjects',
        sr,
        '/subjects',
      );
      await fault(
        'schema-registry-v1',
        'schemaRegistry',
        500,
        '/subjects',
        sr,
        '/subjects',
      );

      // Stream Catalog
      const topicName = `${emu.ids.schemaRegistryId}:${emu.ids.kafkaClusterId}:product_sales`;
      const TAGDEFS = '/catalog/v1/types/tagdefs';
      const BMDEFS = '/catalog/v1/types/businessmetadatadefs';
      await record('data-catalog-v1', TAGDEFS, call(sr, 'GET', TAGDEFS));
      await record(
        'data-catalog-v1',
        TAGDEFS,
        call(sr, 'POST', TAGDEFS, [
          { name: 'Sensitive', description: 'x', entityTypes: ['cf_entity'] },
        ]),
      );
      await record(
        'data-catalog-v1',
        TAGDEFS,
        call(sr, 'POST', TAGDEFS, [{ name: 'Sensitive' }]),
      );
      await record(
        'data-catalog-v1',
        TAGDEFS,
        call(sr, 'PUT', TAGDEFS, [{ name: 'Sensitive', description: 'y' }]),
      );
      await record(
        'data-catalog-v1',
        `${TAGDEFS}/{tagName}`,
        call(sr, 'GET', `${TAGDEFS}/PII`),
      );
      await record(
        'data-catalog-v1',
        `${TAGDEFS}/{tagName}`,
        call(sr, 'GET', `${TAGDEFS}/Nope`),
      );
      await record(
        'data-catalog-v1',
        '/catalog/v1/entity/tags',
        call(sr, 'POST', '/catalog/v1/entity/tags', [
          {
            entityType: 'kafka_topic',
            entityName: topicName,
            typeName: 'Sensitive',
          },
        ]),
      );
      await record(
        'data-catalog-v1',
        '/catalog/v1/entity/tags',
        call(sr, 'POST', '/catalog/v1/entity/tags', [
          {
            entityType: 'kafka_topic',
            entityName: topicName,
            typeName: 'Nope',
          },
        ]),
      );
      await record(
        'data-catalog-v1',
        '/catalog/v1/entity/tags',
        call(sr, 'PUT', '/catalog/v1/entity/tags', [
          {
            entityType: 'kafka_topic',
            entityName: topicName,
            typeName: 'Sensitive',
          },
        ]),
      );
      const entityTags =
        '/catalog/v1/entity/type/{typeName}/name/{qualifiedName}/tags';
      await record(
        'data-catalog-v1',
        entityTags,
        call(
          sr,
          'GET',
          `/catalog/v1/entity/type/kafka_topic/name/${topicName}/tags`,
        ),
      );
      await record(
        'data-catalog-v1',
        entityTags,
        call(
          sr,
          'GET',
          `/catalog/v1/entity/type/kafka_topic/name/${topicName}x/tags`,
        ),
      );
      await record(
        'data-catalog-v1',
        `${entityTags}/{tagName}`,
        call(
          sr,
          'DELETE',
          `/catalog/v1/entity/type/kafka_topic/name/${topicName}/tags/Sensitive`,
        ),
      );
      const SEARCH = '/catalog/v1/search/basic';
      await record(
        'data-catalog-v1',
        SEARCH,
        call(sr, 'GET', `${SEARCH}?type=sr_field&tag=PII&limit=500&offset=0`),
      );
      await record(
        'data-catalog-v1',
        SEARCH,
        call(sr, 'GET', `${SEARCH}?type=kafka_topic&query=customers`),
      );
      await record(
        'data-catalog-v1',
        SEARCH,
        call(sr, 'GET', `${SEARCH}?type=sr_field&limit=501`),
      );
      const BY_ATTRIBUTE = '/catalog/v1/search/attribute';
      await record(
        'data-catalog-v1',
        BY_ATTRIBUTE,
        call(
          sr,
          'GET',
          `${BY_ATTRIBUTE}?type=kafka_topic&attrName=backstage_ownership.owner&attr=backstage_ownership.owner&limit=500`,
        ),
      );
      await record(
        'data-catalog-v1',
        `${TAGDEFS}/{tagName}`,
        call(sr, 'DELETE', `${TAGDEFS}/Sensitive`),
      );
      await record('data-catalog-v1', BMDEFS, call(sr, 'GET', BMDEFS));
      await record(
        'data-catalog-v1',
        BMDEFS,
        call(sr, 'POST', BMDEFS, [
          {
            name: 'stewardship',
            attributeDefs: [
              {
                name: 'steward',
                typeName: 'string',
                isOptional: true,
                cardinality: 'SINGLE',
              },
            ],
          },
        ]),
      );
      await record(
        'data-catalog-v1',
        BMDEFS,
        call(sr, 'PUT', BMDEFS, [
          { name: 'stewardship', description: 'who looks after it' },
        ]),
      );
      await record(
        'data-catalog-v1',
        `${BMDEFS}/{bmName}`,
        call(sr, 'GET', `${BMDEFS}/stewardship`),
      );
      await record(
        'data-catalog-v1',
        `${BMDEFS}/{bmName}`,
        call(sr, 'GET', `${BMDEFS}/nope`),
      );
      const BM = '/catalog/v1/entity/businessmetadata';
      await record(
        'data-catalog-v1',
        BM,
        call(sr, 'POST', BM, [
          {
            typeName: 'stewardship',
            entityType: 'kafka_topic',
            entityName: topicName,
            attributes: { steward: 'ann' },
          },
        ]),
      );
      await record(
        'data-catalog-v1',
        BM,
        call(sr, 'PUT', BM, [
          {
            typeName: 'nope',
            entityType: 'kafka_topic',
            entityName: topicName,
            attributes: {},
          },
        ]),
      );
      const entityBm =
        '/catalog/v1/entity/type/{typeName}/name/{qualifiedName}/businessmetadata';
      await record(
        'data-catalog-v1',
        entityBm,
        call(
          sr,
          'GET',
          `/catalog/v1/entity/type/kafka_topic/name/${topicName}/businessmetadata`,
        ),
      );
      await record(
        'data-catalog-v1',
        `${entityBm}/{bmName}`,
        call(
          sr,
          'DELETE',
          `/catalog/v1/entity/type/kafka_topic/name/${topicName}/businessmetadata/stewardship`,
        ),
      );
      await record(
        'data-catalog-v1',
        `${BMDEFS}/{bmName}`,
        call(sr, 'DELETE', `${BMDEFS}/stewardship`),
      );
      await record('data-catalog-v1', TAGDEFS, call(anonymous, 'GET', TAGDEFS));
      await fault('data-catalog-v1', 'catalog', 429, TAGDEFS, sr, TAGDEFS);
      await fault('data-catalog-v1', 'catalog', 500, TAGDEFS, sr, TAGDEFS);

      // Kafka REST v3
      await record('kafkarest-v3', TOPICS, call(kafka, 'GET', p.topics));
      await record(
        'kafkarest-v3',
        TOPICS,
        call(kafka, 'POST', p.topics, {
          topic_name: 'contract-topic',
          partitions_count: 2,
        }),
      );
      await record(
        'kafkarest-v3',
        TOPICS,
        call(kafka, 'POST', p.topics, {
          topic_name: 'contract-dry',
          validate_only: true,
        }),
      );
      await record(
        'kafkarest-v3',
        TOPICS,
        call(kafka, 'POST', p.topics, { topic_name: 'contract-topic' }),
      );
      await record('kafkarest-v3', TOPICS, call(anonymous, 'GET', p.topics));
      const topic = `${TOPICS}/{topic_name}`;
      await record(
        'kafkarest-v3',
        topic,
        call(
          kafka,
          'GET',
          `${p.topics}/contract-topic?include_authorized_operations=true`,
        ),
      );
      await record(
        'kafkarest-v3',
        topic,
        call(kafka, 'GET', `${p.topics}/nope`),
      );
      await record(
        'kafkarest-v3',
        topic,
        call(kafka, 'DELETE', `${p.topics}/contract-topic`),
      );
      await record(
        'kafkarest-v3',
        topic,
        call(kafka, 'DELETE', `${p.topics}/contract-topic`),
      );
      await record(
        'kafkarest-v3',
        TOPICS,
        call(kafka, 'GET', '/kafka/v3/clusters/lkc-nope00/topics'),
      );
      await fault('kafkarest-v3', 'kafka', 429, TOPICS, kafka, p.topics);
      await fault('kafkarest-v3', 'kafka', 500, TOPICS, kafka, p.topics);
    }, 30_000);

    afterAll(() => emu?.stop());

    it.each(SPECS)('%s', spec => {
      const openapi = new OpenApiSpec(
        path.join(CONFLUENT_OPENAPI_DIR, `${spec}.yaml`),
      );
      const mine = exchanges.filter(e => e.spec === spec);
      expect(mine.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const exchange of mine) {
        const { status, headers, body, text } = exchange.response;
        const where = `${exchange.method} ${exchange.template} → ${status}`;
        if (!headers.get('x-request-id'))
          failures.push(`${where}: no X-Request-Id`);
        const gap = UNDOCUMENTED.find(
          g =>
            g.spec === spec &&
            g.method === exchange.method &&
            g.template === exchange.template &&
            g.status === status,
        );
        const problems = openapi.check(
          exchange.template,
          exchange.method,
          {
            status,
            contentType: headers.get('content-type') ?? '',
            body: bodyOf(exchange, body, text),
          },
          gap?.schema,
        );
        failures.push(...problems.map(problem => `${where}: ${problem}`));
      }
      expect(failures).toEqual([]);
    });

    it('has a validator that rejects what the specs forbid', () => {
      const kafka = new OpenApiSpec(
        path.join(CONFLUENT_OPENAPI_DIR, 'kafkarest-v3.yaml'),
      );
      const topic = exchanges.find(
        e => e.spec === 'kafkarest-v3' && e.response.status === 201,
      )!;
      const { topic_name: _omitted, ...withoutName } = topic.response.body;
      const check = (body: unknown, status = 201) =>
        kafka.check('/kafka/v3/clusters/{cluster_id}/topics', 'POST', {
          status,
          contentType: 'application/json',
          body,
        });
      expect(check(topic.response.body)).toEqual([]);
      expect(check(withoutName).join()).toMatch(/topic_name/);
      expect(
        check({ ...topic.response.body, partitions_count: '6' }).join(),
      ).toMatch(/integer/);
      expect(check(topic.response.body, 418).join()).toMatch(/not documented/);
    });

    it('exercised both success and error responses of every served operation', () => {
      const byOperation = new Map<string, Set<number>>();
      for (const e of exchanges) {
        const key = `${e.spec} ${e.method} ${e.template}`;
        byOperation.set(
          key,
          (byOperation.get(key) ?? new Set()).add(e.response.status),
        );
      }
      const withoutSuccess = [...byOperation].filter(
        ([, statuses]) => ![...statuses].some(s => s < 300),
      );
      expect(withoutSuccess.map(([key]) => key)).toEqual([]);
      // Every API's 401, 429 and 500 were among them.
      for (const spec of SPECS) {
        const statuses = exchanges
          .filter(e => e.spec === spec)
          .map(e => e.response.status);
        expect({
          spec,
          has401: statuses.includes(401),
          has429: statuses.includes(429),
        }).toEqual({
          spec,
          has401: true,
          has429: true,
        });
      }
    });
  },
);

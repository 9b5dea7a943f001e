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
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { BUSINESS_METADATA_OWNERSHIP } from '@shiftleft/plugin-confluent-common';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from './ConfluentClient';
import { CATALOG_ENTITY_TYPES, schemaFieldQualifiedName } from './apis/catalog';
import { ConfluentResponseInfo } from './http/transport';
import { clientFor, eventually } from './__testUtils__/emulator';
import { OpenApiContract, SPECS_DIR } from './__testUtils__/openApiContract';

/**
 * Every response the client reads from the emulator must match Confluent's
 * official OpenAPI response schema for that operation and status, so that
 * what passes against the emulator also holds against Confluent Cloud.
 */
const contract = OpenApiContract.load();

if (!contract) {
  // eslint-disable-next-line no-console
  console.warn(
    `SKIPPED: OpenAPI contract tests. The official Confluent specs were not found at ${SPECS_DIR}; responses are not validated against them.`,
  );
}

(contract ? describe : describe.skip)(
  'emulator responses against the official OpenAPI specs',
  () => {
    let emu: ConfluentEmulator;
    let client: ConfluentClient;
    const responses: ConfluentResponseInfo[] = [];

    beforeAll(async () => {
      emu = await startTestEmulator();
      client = clientFor(emu, { onResponse: r => responses.push(r) });
    });

    afterAll(async () => {
      await emu?.stop();
    });

    /** Calls that may fail; the error responses are validated too. */
    const attempt = (call: Promise<unknown>) => call.catch(() => undefined);

    it('match for every operation the client uses, errors included', async () => {
      const env = emu.ids.environmentId;
      const lkc = emu.ids.kafkaClusterId;

      // Org, IAM, compute pools.
      await client.org.listEnvironments({ pageSize: 1 });
      await client.org.getEnvironment(env);
      await attempt(client.org.getEnvironment('env-missing'));
      await client.org.listOrganizations();
      await client.org.getOrganization(emu.ids.organizationId);
      await client.iam.listServiceAccounts();
      await client.iam.getServiceAccount(emu.ids.serviceAccountId);
      await attempt(client.iam.getServiceAccount('sa-missing'));
      await client.computePools(env).listComputePools();
      await client.computePools(env).getComputePool(emu.ids.computePoolId);
      await attempt(client.computePools(env).getComputePool('lfcp-missing'));

      // Flink statements.
      const flink = client.flink(env);
      const statements = await flink.listStatements({ pageSize: 2 });
      for (const s of statements) {
        await flink.getStatement(s.name);
        await flink.listStatementExceptions(s.name);
      }
      await attempt(flink.getStatement('missing'));
      const [topic] = await client.kafka(env, lkc).listTopics();
      await flink.createStatement({
        name: 'contract-select',
        statement: `SELECT * FROM \`${topic.topic_name}\`;`,
        properties: {
          'sql.current-catalog': emu.ids.environmentName,
          'sql.current-database': emu.ids.kafkaClusterName,
        },
        labels: { 'backstage.io/owner': 'team-a' },
      });
      await attempt(
        flink.createStatement({
          name: 'contract-select',
          statement: 'SELECT 1;',
        }),
      );
      await eventually(
        () => flink.getStatement('contract-select'),
        s => s.status.phase === 'RUNNING',
      );
      await flink.stopStatement('contract-select');
      await eventually(
        () => flink.getStatement('contract-select'),
        s => s.status.phase === 'STOPPED',
      );
      await flink.resumeStatement('contract-select');
      await flink.listStatements({
        labelSelector: 'backstage.io/owner=team-a',
      });
      await flink.deleteStatement('contract-select');

      // Connect.
      const connect = client.connect(env, lkc);
      await connect.listConnectorNames();
      for (const c of await connect.listConnectors()) {
        await connect.getConnector(c.name);
        await connect.getConnectorConfig(c.name);
        await connect.getConnectorStatus(c.name);
      }
      await attempt(connect.getConnector('missing'));
      const sinkConfig = {
        'connector.class': 'PostgresSink',
        'kafka.auth.mode': 'KAFKA_API_KEY',
        'kafka.api.key': emu.keys.kafka.key,
        'kafka.api.secret': emu.keys.kafka.secret,
        'connection.host': '127.0.0.1',
        'connection.port': '5432',
        'connection.user': 'postgres',
        'connection.password': 'unused',
        'db.name': 'postgres',
        'input.data.format': 'AVRO',
        topics: topic.topic_name,
        'tasks.max': '1',
      };
      await connect.createConnector({
        name: 'contract-sink',
        config: sinkConfig,
      });
      await attempt(
        connect.createConnector({
          name: 'contract-bad',
          config: { 'connector.class': 'PostgresSink' },
        }),
      );
      await connect.putConnectorConfig('contract-sink', {
        ...sinkConfig,
        'tasks.max': '1',
      });
      await eventually(
        () => connect.getConnectorStatus('contract-sink'),
        s => s.connector.state !== 'PROVISIONING',
      );
      await connect.pauseConnector('contract-sink');
      await connect.resumeConnector('contract-sink');
      await connect.deleteConnector('contract-sink');

      // Schema Registry.
      const sr = client.schemaRegistry(env);
      for (const subject of await sr.listSubjects()) {
        const versions = await sr.listVersions(subject);
        await sr.getSchema(subject, versions[0]);
        const latest = await sr.getLatestSchema(subject);
        await sr.getSchemaById(latest.id);
      }
      await attempt(sr.getLatestSchema('missing-value'));
      await attempt(sr.getSchemaById(999999));
      const { id } = await sr.registerSchema('contract-value', {
        schema: JSON.stringify({
          type: 'record',
          name: 'Customer',
          namespace: 'com.acme',
          fields: [{ name: 'email', type: 'string' }],
        }),
        metadata: {
          tags: { 'com.acme.Customer.email': ['PII'] },
          properties: { owner: 'team-a' },
        },
      });
      // Data contracts come back on every read, and from the bulk listing.
      await sr.getLatestSchema('contract-value');
      await sr.getSchemaById(id);
      await sr.listSchemas({ subjectPrefix: 'contract', offset: 0, limit: 5 });
      await sr.listAllSchemas({ latestOnly: true, pageSize: 7 });
      await sr.registerSchema('contract-json-value', {
        schemaType: 'JSON',
        schema: '{"type":"object"}',
      });
      await sr.registerSchema('contract-proto-value', {
        schemaType: 'PROTOBUF',
        schema: 'syntax = "proto3";\nmessage M { int64 id = 1; }\n',
      });
      await attempt(
        sr.registerSchema('contract-bad-value', { schema: '{not avro' }),
      );
      await sr.deleteSubject('contract-json-value');
      await sr.deleteSchemaVersion('contract-proto-value', 1);
      await sr.deleteSchemaVersion('contract-proto-value', 1, {
        permanent: true,
      });
      await attempt(sr.deleteSchemaVersion('contract-value', 99));

      // Kafka REST.
      const kafka = client.kafka(env, lkc);
      await kafka.getTopic(topic.topic_name);
      await attempt(kafka.getTopic('missing'));
      await kafka.createTopic({ name: 'contract-topic', partitionsCount: 2 });
      await attempt(kafka.createTopic({ name: 'contract-topic' }));

      // Stream Catalog.
      const catalog = client.catalog(env);
      await catalog.ensureTagDefs([
        { name: 'PII', entityTypes: ['cf_entity'] },
      ]);
      await catalog.createTagDefs([
        { name: 'ContractTag', entityTypes: ['cf_entity'] },
      ]);
      const topicName = catalog.topicQualifiedName(lkc, 'contract-topic');
      await catalog.addTags([
        {
          typeName: 'PII',
          entityType: CATALOG_ENTITY_TYPES.topic,
          entityName: topicName,
        },
      ]);
      await catalog.getTags(CATALOG_ENTITY_TYPES.topic, topicName);
      const field = schemaFieldQualifiedName(
        emu.ids.schemaRegistryId,
        id,
        'com.acme.Customer',
        'email',
      );
      await catalog.addTags([
        {
          typeName: 'PII',
          entityType: CATALOG_ENTITY_TYPES.field,
          entityName: field,
        },
      ]);
      await catalog.getTags(CATALOG_ENTITY_TYPES.field, field);
      await catalog.searchAll({
        types: [CATALOG_ENTITY_TYPES.field],
        tag: 'PII',
        pageSize: 2,
      });
      await catalog.removeTag(CATALOG_ENTITY_TYPES.topic, topicName, 'PII');
      await attempt(
        catalog.getTags(CATALOG_ENTITY_TYPES.topic, `${topicName}-missing`),
      );
      await catalog.ensureBusinessMetadataDefs([
        {
          name: BUSINESS_METADATA_OWNERSHIP,
          attributeDefs: [{ name: 'owner', typeName: 'string' }],
          options: { applicableEntityTypes: '["kafka_topic"]' },
        },
      ]);
      const ownership = {
        typeName: BUSINESS_METADATA_OWNERSHIP,
        entityType: CATALOG_ENTITY_TYPES.topic,
        entityName: topicName,
      };
      await catalog.addBusinessMetadata([
        { ...ownership, attributes: { owner: 'group:default/team-a' } },
      ]);
      await catalog.updateBusinessMetadata([
        { ...ownership, attributes: { owner: 'group:default/team-b' } },
      ]);
      await catalog.getBusinessMetadata(CATALOG_ENTITY_TYPES.topic, topicName);
      await kafka.deleteTopic('contract-topic');

      // Faults, as each API sends them.
      for (const api of [
        'org',
        'flink',
        'connect',
        'schemaRegistry',
        'kafka',
      ] as const) {
        emu.injectFaults({ api, status: 429, times: 1, retryAfterSeconds: 0 });
        emu.injectFaults({ api, status: 500, times: 1 });
      }
      await client.org.listEnvironments();
      await flink.listStatements();
      await connect.listConnectorNames();
      await sr.listSubjects();
      await kafka.listTopics();

      const problems = responses.flatMap(r => contract!.check(r));
      expect(responses.length).toBeGreaterThan(80);
      expect(problems).toEqual([]);
      // eslint-disable-next-line no-console
      console.log(
        `Validated ${responses.length} responses covering ${
          contract!.covered.size
        } operation/status pairs against ${SPECS_DIR}`,
      );
    });
  },
);

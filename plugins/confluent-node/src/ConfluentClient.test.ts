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
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { BUSINESS_METADATA_OWNERSHIP } from '@shiftleft/plugin-confluent-common';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { ConfluentClient } from './ConfluentClient';
import { CATALOG_ENTITY_TYPES, schemaFieldQualifiedName } from './apis/catalog';
import { getConfluentErrorDetails } from './errors';
import { ConfluentResponseInfo } from './http/transport';
import { clientFor, eventually } from './__testUtils__/emulator';

describe('ConfluentClient against the workshop organization', () => {
  let emu: ConfluentEmulator;
  let client: ConfluentClient;
  const responses: ConfluentResponseInfo[] = [];
  let env: string;
  let lkc: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    client = clientFor(emu, { onResponse: r => responses.push(r) });
    env = emu.ids.environmentId;
    lkc = emu.ids.kafkaClusterId;
  });

  afterAll(async () => {
    await emu?.stop();
  });

  describe('configuration scope', () => {
    it('exposes the configured environments without secrets', () => {
      expect(client.organizationId).toBe(emu.ids.organizationId);
      expect(client.environments).toEqual([
        {
          id: env,
          flink: {
            baseUrl: emu.url,
            computePoolId: emu.ids.computePoolId,
            principal: emu.ids.serviceAccountId,
          },
          schemaRegistry: { id: emu.ids.schemaRegistryId, baseUrl: emu.url },
          kafkaClusters: [{ id: lkc, restBaseUrl: emu.url }],
        },
      ]);
      expect(JSON.stringify(client.environments)).not.toContain(
        emu.keys.flink.secret,
      );
    });

    it('refuses environments and clusters that are not configured', () => {
      expect(() => client.flink('env-other')).toThrow(NotFoundError);
      expect(() => client.flink('env-other')).toThrow(
        /env-other' is not configured/,
      );
      expect(() => client.kafka(env, 'lkc-other')).toThrow(NotFoundError);
      expect(() => client.connect(env, 'lkc-other')).toThrow(
        /lkc-other' is not configured/,
      );
    });

    it('reuses sub-clients', () => {
      expect(client.flink(env)).toBe(client.flink(env));
      expect(client.kafka(env, lkc)).toBe(client.kafka(env, lkc));
    });
  });

  describe('org and IAM', () => {
    it('lists and gets environments and organizations', async () => {
      const envs = await client.org.listEnvironments();
      expect(envs.map(e => e.id)).toContain(env);
      const one = await client.org.getEnvironment(env);
      expect(one).toMatchObject({
        kind: 'Environment',
        id: env,
        display_name: emu.ids.environmentName,
      });

      const orgs = await client.org.listOrganizations();
      expect(orgs.map(o => o.id)).toContain(emu.ids.organizationId);
      await expect(
        client.org.getOrganization(emu.ids.organizationId),
      ).resolves.toMatchObject({
        id: emu.ids.organizationId,
        display_name: emu.ids.organizationName,
      });
    });

    it('lists and gets service accounts', async () => {
      const accounts = await client.iam.listServiceAccounts();
      expect(accounts.map(a => a.id)).toContain(emu.ids.serviceAccountId);
      const filtered = await client.iam.listServiceAccounts({
        displayName: [emu.ids.serviceAccountName],
      });
      expect(filtered.map(a => a.id)).toEqual([emu.ids.serviceAccountId]);
      await expect(
        client.iam.getServiceAccount(emu.ids.serviceAccountId),
      ).resolves.toMatchObject({
        kind: 'ServiceAccount',
        display_name: emu.ids.serviceAccountName,
      });
    });

    it('throws NotFoundError naming the API for an unknown environment', async () => {
      const error = await client.org.getEnvironment('env-nope').catch(e => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toMatch(
        /^Confluent Organization API found no environment 'env-nope'/,
      );
      expect(getConfluentErrorDetails(error)).toMatchObject({
        api: 'org',
        operation: 'getEnvironment',
        status: 404,
        code: 'resource_not_found',
      });
      expect(getConfluentErrorDetails(error)?.requestId).toBeTruthy();
    });
  });

  describe('Flink compute pools', () => {
    it('lists and gets the pools of the environment', async () => {
      const pools = await client.computePools(env).listComputePools();
      expect(pools.map(p => p.id)).toContain(emu.ids.computePoolId);
      const pool = await client
        .computePools(env)
        .getComputePool(emu.ids.computePoolId);
      expect(pool).toMatchObject({
        kind: 'ComputePool',
        spec: {
          display_name: emu.ids.computePoolName,
          environment: { id: env },
        },
      });
      expect(pool.status.phase).toBeTruthy();
    });
  });

  describe('Flink statements', () => {
    it('lists the seeded statements with their status', async () => {
      const statements = await client.flink(env).listStatements();
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) {
        expect(s.kind).toBe('Statement');
        expect(s.spec.statement).toBeTruthy();
        expect(s.status.phase).toBeTruthy();
      }
    });

    it('creates a statement with the configured pool and principal, labels it, and deletes it', async () => {
      const flink = client.flink(env);
      const [topic] = await client.kafka(env, lkc).listTopics();
      const created = await flink.createStatement({
        name: 'client-test-select',
        statement: `SELECT * FROM \`${topic.topic_name}\`;`,
        properties: {
          'sql.current-catalog': emu.ids.environmentName,
          'sql.current-database': emu.ids.kafkaClusterName,
        },
        labels: { 'backstage.io/owner': 'team-a' },
      });
      expect(created).toMatchObject({
        name: 'client-test-select',
        spec: {
          compute_pool_id: emu.ids.computePoolId,
          principal: emu.ids.serviceAccountId,
          stopped: false,
        },
        metadata: { labels: { 'backstage.io/owner': 'team-a' } },
      });

      const running = await eventually(
        () => flink.getStatement('client-test-select'),
        s => s.status.phase !== 'PENDING',
      );
      expect(running.status.phase).toBe('RUNNING');

      const labelled = await flink.listStatements({
        labelSelector: 'backstage.io/owner=team-a',
      });
      expect(labelled.map(s => s.name)).toEqual(['client-test-select']);
      const byPool = await flink.listStatements({
        computePoolId: emu.ids.computePoolId,
      });
      expect(byPool.map(s => s.name)).toContain('client-test-select');

      await flink.deleteStatement('client-test-select');
      await eventually(
        () =>
          flink.getStatement('client-test-select').then(
            () => 'exists',
            e => e.name,
          ),
        outcome => outcome === 'NotFoundError',
      );
    });

    it('refuses an invalid statement before sending anything', async () => {
      const before = emu.requestCount('flink');
      await expect(
        client.flink(env).createStatement({ name: 'Bad_Name', statement: '' }),
      ).rejects.toThrow(InputError);
      await expect(
        client.flink(env).createStatement({ name: 'Bad_Name', statement: '' }),
      ).rejects.toThrow(
        /name must be lowercase letters.*statement must be non-empty SQL/,
      );
      expect(emu.requestCount('flink')).toBe(before);
    });

    it('reports a duplicate statement name as a ConflictError', async () => {
      const [existing] = await client.flink(env).listStatements();
      const error = await client
        .flink(env)
        .createStatement({
          name: existing.name,
          statement: existing.spec.statement,
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toContain(
        `Confluent Flink SQL API reported a conflict on createStatement statement '${existing.name}'`,
      );
    });

    it('stops and resumes a running statement', async () => {
      const flink = client.flink(env);
      const running = (await flink.listStatements()).find(
        s => s.status.phase === 'RUNNING',
      );
      expect(running).toBeDefined();
      const name = running!.name;

      const stopping = await flink.stopStatement(name);
      expect(stopping.spec.stopped).toBe(true);
      expect(stopping.metadata.resource_version).not.toBe(
        running!.metadata.resource_version,
      );
      await eventually(
        () => flink.getStatement(name),
        s => s.status.phase === 'STOPPED',
      );

      // Stopping again changes nothing and sends no update.
      const puts = responses.filter(r => r.method === 'PUT').length;
      await expect(flink.stopStatement(name)).resolves.toMatchObject({
        spec: { stopped: true },
      });
      expect(responses.filter(r => r.method === 'PUT').length).toBe(puts);

      const resumed = await flink.resumeStatement(name);
      expect(resumed.spec.stopped).toBe(false);
      await eventually(
        () => flink.getStatement(name),
        s => s.status.phase === 'RUNNING',
      );
    });

    it('lists the exceptions of a statement', async () => {
      const [statement] = await client.flink(env).listStatements();
      const exceptions = await client
        .flink(env)
        .listStatementExceptions(statement.name);
      expect(Array.isArray(exceptions)).toBe(true);
      for (const e of exceptions) {
        expect(typeof e.name).toBe('string');
        expect(typeof e.message).toBe('string');
      }
    });
  });

  describe('Connect', () => {
    it('lists connectors with id, info and status in one call', async () => {
      const before = emu.requestCount('connect');
      const connectors = await client.connect(env, lkc).listConnectors();
      expect(emu.requestCount('connect')).toBe(before + 1);
      expect(connectors.length).toBeGreaterThan(0);
      for (const c of connectors) {
        expect(c.id?.id).toMatch(/^lcc-/);
        expect(c.info?.config['connector.class']).toBeTruthy();
        expect(c.status?.connector.state).toBeTruthy();
      }
      const names = await client.connect(env, lkc).listConnectorNames();
      expect(names).toEqual(connectors.map(c => c.name));
    });

    it('reads a connector, its config and its status', async () => {
      const connect = client.connect(env, lkc);
      const [first] = await connect.listConnectorNames();
      const connector = await connect.getConnector(first);
      expect(connector.name).toBe(first);
      const config = await connect.getConnectorConfig(first);
      expect(config.name).toBe(first);
      expect(Object.values(config).every(v => typeof v === 'string')).toBe(
        true,
      );
      const status = await connect.getConnectorStatus(first);
      expect(status).toMatchObject({ name: first });
      expect(Array.isArray(status.tasks)).toBe(true);
    });

    it('creates, pauses, resumes and deletes a connector', async () => {
      const connect = client.connect(env, lkc);
      const created = await connect.createConnector({
        name: 'client-test-sink',
        config: {
          'connector.class': 'PostgresSink',
          'kafka.auth.mode': 'KAFKA_API_KEY',
          'kafka.api.key': emu.keys.kafka.key,
          'kafka.api.secret': emu.keys.kafka.secret,
          'connection.host': '127.0.0.1',
          'connection.port': '5432',
          'connection.user': 'postgres',
          'connection.password': 'not-used-here',
          'db.name': 'postgres',
          'input.data.format': 'AVRO',
          topics: (await client.kafka(env, lkc).listTopics())[0].topic_name,
          'tasks.max': '1',
        },
      });
      expect(created.name).toBe('client-test-sink');
      expect(created.config['connection.password']).not.toBe('not-used-here');

      await eventually(
        () => connect.getConnectorStatus('client-test-sink'),
        s => s.connector.state !== 'PROVISIONING',
      );
      await connect.pauseConnector('client-test-sink');
      await eventually(
        () => connect.getConnectorStatus('client-test-sink'),
        s => s.connector.state === 'PAUSED',
      );
      await connect.resumeConnector('client-test-sink');
      await eventually(
        () => connect.getConnectorStatus('client-test-sink'),
        s => s.connector.state !== 'PAUSED',
      );
      await connect.deleteConnector('client-test-sink');
      await expect(connect.getConnector('client-test-sink')).rejects.toThrow(
        NotFoundError,
      );
    });

    it('checks a connector config before sending it', async () => {
      const before = emu.requestCount('connect');
      await expect(
        client.connect(env, lkc).createConnector({
          name: 'bad',
          config: { 'tasks.max': 1 } as unknown as Record<string, string>,
        }),
      ).rejects.toThrow(/config values must all be strings; not: tasks.max/);
      expect(emu.requestCount('connect')).toBe(before);
    });
  });

  describe('Schema Registry', () => {
    const avro = JSON.stringify({
      type: 'record',
      name: 'Customer',
      namespace: 'com.acme',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'email', type: 'string' },
      ],
    });
    let avroId: number;

    it('lists subjects and reads their versions', async () => {
      const sr = client.schemaRegistry(env);
      const subjects = await sr.listSubjects();
      expect(subjects.length).toBeGreaterThan(0);
      const versions = await sr.listVersions(subjects[0]);
      expect(versions.length).toBeGreaterThan(0);
      const latest = await sr.getLatestSchema(subjects[0]);
      const first = await sr.getSchema(subjects[0], versions[0]);
      expect(latest.subject).toBe(subjects[0]);
      expect(latest.version).toBe(versions[versions.length - 1]);
      expect(first.version).toBe(versions[0]);
      expect(typeof latest.schema).toBe('string');
      expect(await sr.listSubjects({ prefix: subjects[0] })).toContain(
        subjects[0],
      );
    });

    it('registers AVRO (also when schemaType is absent), JSON and PROTOBUF schemas', async () => {
      const sr = client.schemaRegistry(env);
      const registered = await sr.registerSchema('client-test-avro-value', {
        schema: avro,
      });
      avroId = registered.id;
      // Registering the same schema again is harmless and returns the same id.
      await expect(
        sr.registerSchema('client-test-avro-value', { schema: avro }),
      ).resolves.toMatchObject({
        id: avroId,
      });

      const latest = await sr.getLatestSchema('client-test-avro-value');
      const raw = responses.filter(r => r.operation === 'getSchema').pop()!
        .body as Record<string, unknown>;
      expect(latest).toMatchObject({
        id: avroId,
        version: 1,
        schemaType: 'AVRO',
        references: [],
      });
      // The registry leaves out AVRO's schemaType, references and metadata;
      // the client fills in their defaults.
      expect(latest.schemaType).toBe(raw.schemaType ?? 'AVRO');
      expect(raw.metadata).toBeUndefined();
      expect(latest.metadata).toEqual({
        tags: {},
        properties: {},
        sensitive: [],
      });

      // A compatibility check says why, and registers nothing.
      const withField = (field: object) =>
        JSON.stringify({
          ...JSON.parse(avro),
          fields: [...JSON.parse(avro).fields, field],
        });
      await expect(
        sr.testCompatibility('client-test-avro-value', {
          schema: withField({
            name: 'tier',
            type: ['null', 'string'],
            default: null,
          }),
        }),
      ).resolves.toEqual({ compatible: true, messages: [] });
      const breaking = await sr.testCompatibility(
        'client-test-avro-value',
        { schema: withField({ name: 'tier', type: 'string' }) },
        { version: 'latest' },
      );
      expect(breaking.compatible).toBe(false);
      expect(breaking.messages.join()).toMatch(/tier/);
      expect(await sr.listVersions('client-test-avro-value')).toEqual([1]);

      const json = await sr.registerSchema('client-test-json-value', {
        schemaType: 'JSON',
        schema: JSON.stringify({
          type: 'object',
          properties: { id: { type: 'integer' } },
        }),
      });
      await expect(
        sr.getSchema('client-test-json-value', 1),
      ).resolves.toMatchObject({
        id: json.id,
        schemaType: 'JSON',
      });
      const proto = await sr.registerSchema('client-test-proto-value', {
        schemaType: 'PROTOBUF',
        schema:
          'syntax = "proto3";\npackage acme;\nmessage Order { int64 id = 1; }\n',
      });
      await expect(sr.getSchemaById(proto.id)).resolves.toMatchObject({
        id: proto.id,
        schemaType: 'PROTOBUF',
      });
    });

    it('round-trips schema metadata (tags, properties, sensitive) and rule sets', async () => {
      const sr = client.schemaRegistry(env);
      const subject = 'client-test-contract-value';
      const metadata = {
        tags: { 'com.acme.Customer.email': ['PII'] },
        properties: { owner: 'team-a' },
        sensitive: ['owner'],
      };
      const ruleSet = {
        domainRules: [
          {
            name: 'emailHasAt',
            kind: 'CONDITION',
            mode: 'WRITE',
            type: 'CEL',
            expr: "message.email.contains('@')",
          },
        ],
      };
      const registered = await sr.registerSchema(subject, {
        schema: avro,
        metadata,
        ruleSet,
      });
      expect(registered).toMatchObject({ id: expect.any(Number), version: 1 });
      const latest = await sr.getLatestSchema(subject);
      expect(latest.metadata).toEqual(metadata);
      expect(latest.ruleSet).toEqual({
        domainRules: [expect.objectContaining(ruleSet.domainRules[0])],
      });
      expect((await sr.getSchemaById(registered.id)).metadata).toEqual(
        metadata,
      );
      const [listed] = await sr.listSchemas({ subjectPrefix: subject });
      expect(listed).toMatchObject({
        subject,
        version: 1,
        id: registered.id,
        metadata,
      });

      // The same schema and metadata again: the same id and version.
      await expect(
        sr.registerSchema(subject, { schema: avro, metadata }),
      ).resolves.toMatchObject({ id: registered.id, version: 1 });
      // New metadata on the same text is a new schema id and version, as in
      // Confluent Cloud, so a tag added to a field shows in the latest version.
      const retagged = await sr.registerSchema(subject, {
        schema: avro,
        metadata: { ...metadata, tags: { 'Customer.email': ['PII', 'EMAIL'] } },
      });
      expect(retagged.id).not.toBe(registered.id);
      expect(await sr.listVersions(subject)).toEqual([1, 2]);
      expect((await sr.getLatestSchema(subject)).metadata.tags).toEqual({
        'Customer.email': ['EMAIL', 'PII'],
      });
    });

    it('lists schemas a page at a time and pages through all of them', async () => {
      const sr = client.schemaRegistry(env);
      const subjects = await sr.listSubjects();
      const latest = await sr.listSchemas({ latestOnly: true });
      expect(latest.map(s => s.subject)).toEqual(subjects);
      for (const schema of latest) {
        expect(schema).toMatchObject({
          schemaType: expect.any(String),
          references: expect.any(Array),
          metadata: {
            tags: expect.any(Object),
            properties: expect.any(Object),
            sensitive: expect.any(Array),
          },
        });
      }
      const contract = latest.find(
        s => s.subject === 'client-test-contract-value',
      )!;
      expect(contract.version).toBe(2);
      expect(
        (
          await sr.listSchemas({ subjectPrefix: 'client-test-contract-value' })
        ).map(s => s.version),
      ).toEqual([1, 2]);
      expect(
        await sr.listSchemas({ latestOnly: true, offset: 2, limit: 3 }),
      ).toEqual(latest.slice(2, 5));

      const before = responses.length;
      const all = await sr.listAllSchemas({ latestOnly: true, pageSize: 4 });
      expect(all).toEqual(latest);
      // Full pages, then the short last one ends the listing.
      const pages = responses
        .slice(before)
        .filter(r => r.operation === 'listSchemas');
      expect(pages.map(r => r.query.offset)).toEqual(
        Array.from({ length: Math.ceil((latest.length + 1) / 4) }, (_, i) =>
          String(i * 4),
        ),
      );

      const requests = emu.requestCount('schemaRegistry');
      await expect(sr.listSchemas({ offset: -1 })).rejects.toThrow(InputError);
      await expect(sr.listAllSchemas({ pageSize: 0 })).rejects.toThrow(
        InputError,
      );
      expect(emu.requestCount('schemaRegistry')).toBe(requests);
    });

    it('reads every schema of a registry that caps its pages below the page size asked', async () => {
      const big = await startTestEmulator({
        seed: { large: { topics: 1100, statements: 0, connectors: 0 } },
      });
      try {
        const sr = clientFor(big).schemaRegistry(big.ids.environmentId);
        // Schema Registry answers at most 1000 schemas per request.
        const all = await sr.listAllSchemas({
          latestOnly: true,
          pageSize: 5000,
        });
        expect(all.map(s => s.subject)).toEqual(await sr.listSubjects());
        expect(all.length).toBeGreaterThan(1000);
        expect(big.requestCount('schemaRegistry')).toBe(1 + 2);
      } finally {
        await big.stop();
      }
    });

    it('gets a schema by id', async () => {
      const byId = await client.schemaRegistry(env).getSchemaById(avroId);
      expect(byId.id).toBe(avroId);
      expect(JSON.parse(byId.schema)).toMatchObject({ name: 'Customer' });
      expect(byId.schemaType).toBe('AVRO');
    });

    it('reports unknown subjects and versions as NotFoundError with the registry code', async () => {
      const error = await client
        .schemaRegistry(env)
        .getLatestSchema('nope-value')
        .catch(e => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(getConfluentErrorDetails(error)).toMatchObject({
        api: 'schemaRegistry',
        status: 404,
        code: '40401',
      });
      await expect(
        client.schemaRegistry(env).getSchema('nope-value', 0),
      ).rejects.toThrow(InputError);
    });

    it('deletes a subject', async () => {
      const sr = client.schemaRegistry(env);
      await expect(sr.deleteSubject('client-test-json-value')).resolves.toEqual(
        [1],
      );
      expect(await sr.listSubjects()).not.toContain('client-test-json-value');
    });

    it('deletes one version, softly then for good', async () => {
      const sr = client.schemaRegistry(env);
      const subject = 'client-test-versions-value';
      const record = (fields: object[]) =>
        JSON.stringify({ type: 'record', name: 'V', fields });
      await sr.registerSchema(subject, {
        schema: record([{ name: 'a', type: 'int' }]),
      });
      await sr.registerSchema(subject, {
        schema: record([
          { name: 'a', type: 'int' },
          { name: 'b', type: ['null', 'string'], default: null },
        ]),
      });
      await expect(sr.deleteSchemaVersion(subject, 2)).resolves.toBe(2);
      expect(await sr.listVersions(subject)).toEqual([1]);
      expect(await sr.listVersions(subject, { deleted: true })).toEqual([1, 2]);
      await expect(
        sr.deleteSchemaVersion(subject, 2, { permanent: true }),
      ).resolves.toBe(2);
      expect(await sr.listVersions(subject, { deleted: true })).toEqual([1]);
      const missing = await sr.deleteSchemaVersion(subject, 5).catch(e => e);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect(getConfluentErrorDetails(missing)).toMatchObject({
        status: 404,
        code: '40402',
      });
      await expect(sr.deleteSchemaVersion(subject, 0)).rejects.toThrow(
        InputError,
      );
    });
  });

  describe('Kafka REST', () => {
    it('lists, gets, creates and deletes topics', async () => {
      const kafka = client.kafka(env, lkc);
      const topics = await kafka.listTopics();
      expect(topics.length).toBeGreaterThan(0);
      expect(topics.every(t => !t.is_internal)).toBe(true);
      const one = await kafka.getTopic(topics[0].topic_name);
      expect(one).toMatchObject({
        cluster_id: lkc,
        topic_name: topics[0].topic_name,
      });

      const created = await kafka.createTopic({
        name: 'client-test-topic',
        partitionsCount: 3,
        configs: { 'cleanup.policy': 'compact' },
      });
      expect(created).toMatchObject({
        topic_name: 'client-test-topic',
        partitions_count: 3,
      });
      const again = await kafka
        .createTopic({ name: 'client-test-topic' })
        .catch(e => e);
      expect(again).toBeInstanceOf(ConflictError);
      expect(again.message).toContain(
        "topic 'client-test-topic' already exists",
      );

      await kafka.deleteTopic('client-test-topic');
      await expect(kafka.getTopic('client-test-topic')).rejects.toThrow(
        NotFoundError,
      );
    });
  });

  describe('Stream Catalog', () => {
    const topicName = () =>
      client.catalog(env).topicQualifiedName(lkc, 'client-test-owned');

    beforeAll(async () => {
      await client.kafka(env, lkc).createTopic({ name: 'client-test-owned' });
    });

    it('creates tag definitions once and tags a topic', async () => {
      const catalog = client.catalog(env);
      const defs = await catalog.ensureTagDefs([
        {
          name: 'PII',
          description: 'Personal data',
          entityTypes: ['cf_entity'],
        },
        { name: 'DataProduct', entityTypes: ['cf_entity'] },
      ]);
      expect(defs.map(d => d.name).sort()).toEqual(['DataProduct', 'PII']);
      // A second ensure creates nothing.
      const posts = responses.filter(
        r => r.operation === 'createTagDefs',
      ).length;
      await catalog.ensureTagDefs([{ name: 'PII' }]);
      expect(
        responses.filter(r => r.operation === 'createTagDefs').length,
      ).toBe(posts);
      expect((await catalog.listTagDefs()).map(d => d.name)).toEqual(
        expect.arrayContaining(['PII', 'DataProduct']),
      );

      const tagged = await catalog.addTags([
        {
          typeName: 'DataProduct',
          entityType: CATALOG_ENTITY_TYPES.topic,
          entityName: topicName(),
        },
      ]);
      expect(tagged).toMatchObject([
        { typeName: 'DataProduct', entityName: topicName() },
      ]);
      const tags = await catalog.getTags(
        CATALOG_ENTITY_TYPES.topic,
        topicName(),
      );
      expect(tags.map(t => t.typeName)).toEqual(['DataProduct']);

      await catalog.removeTag(
        CATALOG_ENTITY_TYPES.topic,
        topicName(),
        'DataProduct',
      );
      await expect(
        catalog.getTags(CATALOG_ENTITY_TYPES.topic, topicName()),
      ).resolves.toEqual([]);
    });

    it('tags a schema field', async () => {
      const catalog = client.catalog(env);
      await catalog.ensureTagDefs([
        { name: 'PII', entityTypes: ['cf_entity'] },
      ]);
      const { id } = await client
        .schemaRegistry(env)
        .registerSchema('client-test-owned-value', {
          schema: JSON.stringify({
            type: 'record',
            name: 'Customer',
            namespace: 'com.acme',
            fields: [{ name: 'email', type: 'string' }],
          }),
        });
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
      const tags = await catalog.getTags(CATALOG_ENTITY_TYPES.field, field);
      expect(tags.map(t => t.typeName)).toEqual(['PII']);

      // The same field, found by searching for the tag.
      const found = await catalog.search({
        types: [CATALOG_ENTITY_TYPES.field],
        tag: 'PII',
        limit: 500,
      });
      expect(found).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            typeName: 'sr_field',
            attributes: expect.objectContaining({
              qualifiedName: field,
              name: 'email',
            }),
            classificationNames: ['PII'],
          }),
        ]),
      );
    });

    it('finds every entity with a tag, page by page', async () => {
      const catalog = client.catalog(env);
      const filter = { types: [CATALOG_ENTITY_TYPES.field], tag: 'PII' };
      const onePage = await catalog.search({ ...filter, limit: 500 });
      // The workshop's customers.email, and the field tagged above.
      expect(onePage.length).toBeGreaterThanOrEqual(2);
      const before = responses.length;
      const all = await catalog.searchAll({ ...filter, pageSize: 1 });
      expect(all).toEqual(onePage);
      const offsets = responses
        .slice(before)
        .filter(r => r.operation === 'search')
        .map(r => r.query.offset);
      // One entity per page, then the empty page that ends the search.
      expect(offsets).toEqual(
        Array.from({ length: onePage.length + 1 }, (_, i) => String(i)),
      );
      await expect(catalog.search({ limit: 501 })).rejects.toThrow(InputError);
    });

    it('rejects a tag on an unknown entity with the catalog error', async () => {
      const error = await client
        .catalog(env)
        .addTags([
          {
            typeName: 'PII',
            entityType: 'kafka_topic',
            entityName: topicName().replace('owned', 'missing'),
          },
        ])
        .catch(e => e);
      expect(getConfluentErrorDetails(error)).toMatchObject({ api: 'catalog' });
      expect(error.message).toContain('Confluent Stream Catalog API');
    });

    it('writes and rewrites the ownership business metadata of a topic', async () => {
      const catalog = client.catalog(env);
      const defs = await catalog.ensureBusinessMetadataDefs([
        {
          name: BUSINESS_METADATA_OWNERSHIP,
          description: 'Owner of the data product in Backstage',
          attributeDefs: [
            { name: 'owner', typeName: 'string', isOptional: false },
          ],
          options: { applicableEntityTypes: '["kafka_topic"]' },
        },
      ]);
      expect(defs.map(d => d.name)).toEqual([BUSINESS_METADATA_OWNERSHIP]);
      expect(
        (await catalog.listBusinessMetadataDefs()).map(d => d.name),
      ).toContain(BUSINESS_METADATA_OWNERSHIP);

      const item = {
        typeName: BUSINESS_METADATA_OWNERSHIP,
        entityType: CATALOG_ENTITY_TYPES.topic,
        entityName: topicName(),
      };
      await catalog.setBusinessMetadata([
        { ...item, attributes: { owner: 'group:default/team-a' } },
      ]);
      await expect(
        catalog.getBusinessMetadata(item.entityType, item.entityName),
      ).resolves.toMatchObject([
        {
          typeName: BUSINESS_METADATA_OWNERSHIP,
          attributes: { owner: 'group:default/team-a' },
        },
      ]);
      // Setting it again updates the existing record.
      await catalog.setBusinessMetadata([
        { ...item, attributes: { owner: 'group:default/team-b' } },
      ]);
      expect(
        responses.filter(r => r.operation === 'updateBusinessMetadata'),
      ).not.toHaveLength(0);
      await expect(
        catalog.getBusinessMetadata(item.entityType, item.entityName),
      ).resolves.toMatchObject([
        { attributes: { owner: 'group:default/team-b' } },
      ]);

      // Every owned topic with its owner, in one attribute search.
      const attribute = `${BUSINESS_METADATA_OWNERSHIP}.owner`;
      const owned = await catalog.searchAll({
        types: [CATALOG_ENTITY_TYPES.topic],
        attributeName: attribute,
        attributes: [attribute],
      });
      expect(owned).toEqual([
        expect.objectContaining({
          typeName: 'kafka_topic',
          attributes: expect.objectContaining({
            qualifiedName: topicName(),
            [attribute]: 'group:default/team-b',
          }),
        }),
      ]);
      expect(responses.at(-1)).toMatchObject({
        path: '/catalog/v1/search/attribute',
        query: expect.objectContaining({ attrName: attribute }),
      });
      await expect(
        catalog.search({ attributeName: attribute, query: 'x' }),
      ).rejects.toThrow(InputError);
    });
  });

  describe('console links', () => {
    it('uses the configured console URL', () => {
      expect(client.links.statement(env, 'enriched-customers')).toBe(
        `${
          emu.backstageConfig().confluent.consoleUrl
        }/environments/${env}/flink/statements/enriched-customers/activity`,
      );
    });
  });
});

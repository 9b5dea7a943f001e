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
import { createHash } from 'node:crypto';
import { NotFoundError } from '@backstage/errors';
import {
  BUSINESS_METADATA_DECLARED,
  CONNECTOR_SERVER_KEYS,
  DECLARED_ATTRIBUTE,
  DeclaredConnector,
  DeclaredFingerprint,
  declaredKey,
  DeclaredStatement,
  LiveStatement,
  withoutSecrets,
} from '@shiftleft/plugin-confluent-common';
import type { ConfluentClient } from '../ConfluentClient';
import type { Statement } from '../apis/flink';
import { CATALOG_ENTITY_TYPES } from '../apis/catalog';
import type { ConfluentCallOptions } from '../http/transport';

/*
 * Where declared fingerprints live, and why: Stream Catalog business
 * metadata on a topic (the one a resource writes; a sink's, the one it
 * reads). It is stored by Confluent, so it survives backend restarts and is
 * the same for every replica without a shared table of our own; the entity
 * provider already reads Stream Catalog in bulk (one attribute search finds
 * every fingerprint of an environment); and it outlives the resource it
 * describes, so a statement deleted and created again outside the portal
 * is still compared with what the portal declared. Labels would not: a
 * replaced statement loses them, and connectors have none.
 */

/**
 * `sha256:<hex>` of a statement's SQL: line endings normalized, surrounding
 * blanks and a final `;` left out (the same SQL submitted by hand).
 * @public
 */
export function sqlDigest(sql: string): string {
  const text = sql
    .replace(/\r\n?/g, '\n')
    .trim()
    .replace(/;\s*$/, '')
    .trimEnd();
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * A statement as drift sees it. `sqlDigest` saves hashing the SQL again
 * when the caller keeps it (statements are immutable: by uid, it never
 * changes).
 * @public
 */
export function liveStatement(
  statement: Statement,
  options: { sqlDigest?: string } = {},
): LiveStatement {
  return {
    name: statement.name,
    ...(statement.metadata.uid ? { uid: statement.metadata.uid } : {}),
    ...(statement.metadata.created_at
      ? { createdAt: statement.metadata.created_at }
      : {}),
    ...(statement.metadata.updated_at
      ? { updatedAt: statement.metadata.updated_at }
      : {}),
    sqlDigest: options.sqlDigest ?? sqlDigest(statement.spec.statement ?? ''),
    properties: statement.spec.properties ?? {},
    ...(statement.spec.compute_pool_id
      ? { computePoolId: statement.spec.compute_pool_id }
      : {}),
    ...(statement.spec.principal
      ? { principal: statement.spec.principal }
      : {}),
  };
}

/**
 * The declared fingerprint of a statement the portal submitted: the SQL as
 * a digest, the properties without secret-looking keys, and, once it
 * exists, its uid and creation time.
 * @public
 */
export function declareStatement(options: {
  name: string;
  environmentId: string;
  sql: string;
  properties: Record<string, string>;
  computePoolId?: string;
  principal?: string;
  created?: Statement;
  declaredBy?: string;
  now?: Date;
}): DeclaredStatement {
  const { created } = options;
  return {
    kind: 'statement',
    name: options.name,
    environmentId: options.environmentId,
    sqlDigest: sqlDigest(options.sql),
    properties: withoutSecrets(options.properties),
    ...(options.computePoolId ? { computePoolId: options.computePoolId } : {}),
    ...(options.principal ? { principal: options.principal } : {}),
    ...(created?.metadata.uid ? { uid: created.metadata.uid } : {}),
    ...(created?.metadata.created_at
      ? { createdAt: created.metadata.created_at }
      : {}),
    declaredAt: (options.now ?? new Date()).toISOString(),
    ...(options.declaredBy ? { declaredBy: options.declaredBy } : {}),
  };
}

/**
 * The declared fingerprint of a connector: its config without the keys
 * that hold secrets (named by the caller, plus any secret-looking key),
 * redaction placeholders and server-added keys.
 * @public
 */
export function declareConnector(options: {
  name: string;
  environmentId: string;
  kafkaClusterId: string;
  config: Record<string, string>;
  secretKeys: string[];
  declaredBy?: string;
  now?: Date;
}): DeclaredConnector {
  const config = withoutSecrets(options.config, options.secretKeys);
  for (const key of CONNECTOR_SERVER_KEYS) delete config[key];
  return {
    kind: 'connector',
    name: options.name,
    environmentId: options.environmentId,
    kafkaClusterId: options.kafkaClusterId,
    config,
    secretKeys: [...options.secretKeys].sort(),
    declaredAt: (options.now ?? new Date()).toISOString(),
    ...(options.declaredBy ? { declaredBy: options.declaredBy } : {}),
  };
}

/** The search attribute of the declared map (`<bm>.<attribute>`). */
const SEARCH_ATTRIBUTE = `${BUSINESS_METADATA_DECLARED}.${DECLARED_ATTRIBUTE}`;

function isFingerprint(value: unknown): value is DeclaredFingerprint {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || typeof v.environmentId !== 'string') {
    return false;
  }
  if (v.kind === 'statement') {
    return typeof v.sqlDigest === 'string' && typeof v.properties === 'object';
  }
  return (
    v.kind === 'connector' &&
    typeof v.kafkaClusterId === 'string' &&
    typeof v.config === 'object' &&
    Array.isArray(v.secretKeys)
  );
}

/**
 * Parses the attribute's JSON; anything unreadable reads as nothing.
 * @public
 */
export function parseDeclaredMap(
  value: unknown,
): Map<string, DeclaredFingerprint> {
  const out = new Map<string, DeclaredFingerprint>();
  if (typeof value !== 'string' || !value) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return out;
  }
  if (!parsed || typeof parsed !== 'object') return out;
  for (const [key, fp] of Object.entries(parsed as Record<string, unknown>)) {
    if (isFingerprint(fp) && declaredKey(fp) === key) out.set(key, fp);
  }
  return out;
}

/**
 * Reads and writes declared fingerprints in Stream Catalog.
 * @public
 */
export class DeclaredFingerprints {
  readonly #client: ConfluentClient;

  constructor(options: { client: ConfluentClient }) {
    this.#client = options.client;
  }

  /**
   * Every fingerprint of an environment, by
   * {@link @shiftleft/plugin-confluent-common#declaredKey}: one paged
   * attribute search, whatever the number of resources.
   */
  async readAll(
    environmentId: string,
    options: ConfluentCallOptions = {},
  ): Promise<Map<string, DeclaredFingerprint>> {
    const catalog = this.#client.catalog(environmentId);
    let found;
    try {
      found = await catalog.searchAll({
        types: [CATALOG_ENTITY_TYPES.topic],
        attributeName: SEARCH_ATTRIBUTE,
        attributes: [SEARCH_ATTRIBUTE],
        ...options,
      });
    } catch (error) {
      // No definition yet: nothing was ever declared in this environment.
      if (NotFoundError.is(error)) return new Map();
      throw error;
    }
    const all = new Map<string, DeclaredFingerprint>();
    for (const entity of found) {
      for (const [key, fp] of parseDeclaredMap(
        entity.attributes[SEARCH_ATTRIBUTE],
      )) {
        if (fp.environmentId === environmentId) all.set(key, fp);
      }
    }
    return all;
  }

  /**
   * The business metadata item that adds a fingerprint to a topic's map
   * (read, merged, returned; the caller writes it, waiting for a new topic
   * to reach Stream Catalog as it sees fit).
   */
  async item(options: {
    environmentId: string;
    kafkaClusterId: string;
    topic: string;
    fingerprint: DeclaredFingerprint;
    signal?: AbortSignal;
  }) {
    const { environmentId, kafkaClusterId, topic, fingerprint, signal } =
      options;
    const catalog = this.#client.catalog(environmentId);
    await catalog.ensureBusinessMetadataDefs(
      [
        {
          name: BUSINESS_METADATA_DECLARED,
          description:
            'What the Backstage portal declared for the statements and connectors of this topic (no secrets), to detect drift',
          attributeDefs: [
            { name: DECLARED_ATTRIBUTE, typeName: 'string', isOptional: false },
          ],
          options: { applicableEntityTypes: '["kafka_topic"]' },
        },
      ],
      { signal },
    );
    const entityName = catalog.topicQualifiedName(kafkaClusterId, topic);
    const current = await catalog
      .getBusinessMetadata(CATALOG_ENTITY_TYPES.topic, entityName, { signal })
      .catch(() => []);
    const map = parseDeclaredMap(
      current.find(bm => bm.typeName === BUSINESS_METADATA_DECLARED)
        ?.attributes?.[DECLARED_ATTRIBUTE],
    );
    map.set(declaredKey(fingerprint), fingerprint);
    return {
      typeName: BUSINESS_METADATA_DECLARED,
      entityType: CATALOG_ENTITY_TYPES.topic,
      entityName,
      attributes: {
        [DECLARED_ATTRIBUTE]: JSON.stringify(Object.fromEntries(map)),
      },
    };
  }
}

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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

import {
  connectorDrift,
  ConfluentDriftResponse,
  DeclaredFingerprint,
  declaredKey,
  ResourceDrift,
  statementDrift,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  DeclaredFingerprints,
  liveStatement,
  orMissing,
} from '@shiftleft/plugin-confluent-node';
import { connectorTargets, statementTargets } from './entityTargets';

/**
 * Computes the drift of an entity's statements and connectors: what the
 * scaffolder declared (Stream Catalog, one search per environment) against
 * what Confluent runs now (read fresh, not from the status cache: drift is
 * asked for rarely and must not show a state from before the change).
 */
export class DriftService {
  readonly #client: ConfluentClient;
  readonly #declared: DeclaredFingerprints;

  constructor(options: { client: ConfluentClient }) {
    this.#client = options.client;
    this.#declared = new DeclaredFingerprints({ client: options.client });
  }

  async entityDrift(entity: Entity): Promise<ConfluentDriftResponse> {
    const client = this.#client;
    const statements = statementTargets(entity, client.environments);
    const connectors = connectorTargets(entity, client.environments);
    const declaredBy = new Map<
      string,
      Promise<Map<string, DeclaredFingerprint>>
    >();
    const declared = (environmentId: string) => {
      let found = declaredBy.get(environmentId);
      if (!found) {
        found = this.#declared.readAll(environmentId);
        declaredBy.set(environmentId, found);
      }
      return found;
    };
    const undeclared = (
      kind: ResourceDrift['kind'],
      name: string,
      consoleUrl: string,
    ): ResourceDrift => ({
      kind,
      name,
      declared: false,
      drifted: false,
      differences: [],
      consoleUrl,
    });

    const resources = await Promise.all([
      ...statements.map(async (t): Promise<ResourceDrift> => {
        const consoleUrl = client.links.statement(t.environmentId, t.name);
        const fp = (await declared(t.environmentId)).get(
          declaredKey({ kind: 'statement', ...t }),
        );
        if (fp?.kind !== 'statement') {
          return undeclared('statement', t.name, consoleUrl);
        }
        const live = await orMissing(
          client.flink(t.environmentId).getStatement(t.name),
        );
        return {
          ...statementDrift(fp, live && liveStatement(live)),
          consoleUrl,
        };
      }),
      ...connectors.map(async (t): Promise<ResourceDrift> => {
        const consoleUrl = client.links.connector(
          t.environmentId,
          t.kafkaClusterId,
          t.name,
        );
        const fp = (await declared(t.environmentId)).get(
          declaredKey({ kind: 'connector', ...t }),
        );
        if (fp?.kind !== 'connector') {
          return undeclared('connector', t.name, consoleUrl);
        }
        const config = await orMissing(
          client
            .connect(t.environmentId, t.kafkaClusterId)
            .getConnectorConfig(t.name),
        );
        return {
          ...connectorDrift(fp, config && { name: t.name, config }),
          consoleUrl,
        };
      }),
    ]);
    return {
      entityRef: stringifyEntityRef(entity),
      resources,
      checkedAt: new Date().toISOString(),
    };
  }
}

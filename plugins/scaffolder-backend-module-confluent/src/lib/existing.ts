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
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  LABEL_OWNER,
  PlannedConnectorAction,
  PlannedStatementAction,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentConnectApi,
  ConfluentFlinkApi,
  Statement,
  orMissing,
} from '@shiftleft/plugin-confluent-node';
import { configDifferences, RenderedConnector } from './connectorConfig';
import { Owner } from './owner';
import { AnalyzedStatement } from './statement';

/*
 * What an action finds when the resource it would create already exists:
 * the idempotency rules shared by the actions and the plan.
 */

/**
 * Looks for a connector of the same name. The same config (secrets aside,
 * which Confluent masks) is adopted, a FAILED one restarted; another config
 * is a ConflictError.
 */
export async function inspectConnector(
  connect: ConfluentConnectApi,
  rendered: RenderedConnector,
  signal?: AbortSignal,
): Promise<{ action: PlannedConnectorAction; state?: string }> {
  let existing: Record<string, string>;
  try {
    existing = await connect.getConnectorConfig(rendered.name, { signal });
  } catch (error) {
    if (NotFoundError.is(error)) return { action: 'create' };
    throw error;
  }
  const differences = configDifferences(rendered, existing);
  if (differences.length) {
    throw new ConflictError(
      `Connector '${
        rendered.name
      }' already exists with a different config (${differences.join(
        '; ',
      )}). Choose another name, or delete the existing connector if it is yours.`,
    );
  }
  const status = await connect.getConnectorStatus(rendered.name, { signal });
  // A FAILED connector with the wanted config is submitted again: Connect
  // restarts it with the current secrets (a fixed password, a database
  // that now allows replication).
  return {
    action: status.connector.state === 'FAILED' ? 'restart' : 'adopt',
    state: status.connector.state,
  };
}

/** A statement by name, or undefined. */
export async function findStatement(
  flink: ConfluentFlinkApi,
  name: string,
  signal?: AbortSignal,
): Promise<Statement | undefined> {
  return orMissing(flink.getStatement(name, { signal }));
}

function sameSql(a: string, b: string) {
  const norm = (s: string) => s.trim().replace(/;\s*$/, '').trim();
  return norm(a) === norm(b);
}

/**
 * Whether an existing statement of the same name is this one. The SQL and
 * properties of a statement are immutable, so any difference is a conflict;
 * so is another owner.
 */
export function inspectStatement(
  existing: Statement,
  wanted: AnalyzedStatement,
  owner: Owner,
): PlannedStatementAction {
  const name = wanted.name;
  if (!sameSql(existing.spec.statement, wanted.sql)) {
    throw new ConflictError(
      `Flink statement '${name}' already exists with different SQL. Statements are immutable: choose another name, or delete the existing statement if it is yours.`,
    );
  }
  const differing = Object.entries(wanted.properties)
    .filter(([k, v]) => (existing.spec.properties ?? {})[k] !== v)
    .map(([k]) => k);
  if (differing.length) {
    throw new ConflictError(
      `Flink statement '${name}' already exists with the same SQL but different properties (${differing.join(
        ', ',
      )}). Statement properties are immutable: choose another name.`,
    );
  }
  const label = existing.metadata.labels?.[LABEL_OWNER];
  if (label !== undefined && label !== owner.label) {
    throw new ConflictError(
      `Flink statement '${name}' already exists, owned by '${label}', not '${owner.label}'`,
    );
  }
  // A FAILED statement never runs again; one with this SQL and owner was
  // made by an earlier attempt, so it is replaced.
  if (existing.status.phase === 'FAILED' && label === owner.label) {
    return 'replace';
  }
  return 'adopt';
}

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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  confluentStatusReadPermission,
  ProductSqlResponse,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  Statement,
  orMissing,
} from '@shiftleft/plugin-confluent-node';
import { EntityAccess } from './entityAccess';
import { statementTargets } from './entityTargets';
import { EntityResourceGuard } from './resourceGuard';

const LIVE = ['RUNNING', 'DEGRADED', 'PENDING'];

/**
 * The SQL of the statement that produces a data product now: the starting
 * point of the "Change a data product" form. Owners only, since SQL is the
 * team's code; the statement's properties (which may hold secrets) never
 * leave the backend.
 */
export async function readProductSql(
  deps: { access: EntityAccess; client: ConfluentClient },
  request: { entityRef: string; credentials: BackstageCredentials },
): Promise<ProductSqlResponse> {
  const { access, client } = deps;
  const entity = await access.authorizedEntity(
    request.entityRef,
    confluentStatusReadPermission,
    request.credentials,
  );
  await access.assertOwner(entity, request.credentials, 'read its SQL');
  const targets = statementTargets(entity, client.environments);
  // The annotation is the entity author's word (issue 18.3).
  await new EntityResourceGuard({ client }).checkStatements(entity, targets);
  let live: Statement | undefined;
  for (const target of targets) {
    const statement = await orMissing(
      client.flink(target.environmentId).getStatement(target.name),
    );
    if (
      statement &&
      !statement.spec.stopped &&
      LIVE.includes(statement.status.phase)
    ) {
      live = statement;
    }
  }
  const entityRef = stringifyEntityRef(entity);
  if (!live?.spec.statement) {
    throw new NotFoundError(`No running statement produces ${entityRef}`);
  }
  return { entityRef, statement: live.name, sql: live.spec.statement };
}

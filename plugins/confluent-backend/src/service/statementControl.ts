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
import { NotFoundError } from '@backstage/errors';
import {
  confluentStatementManagePermission,
  ConfluentStatementStatus,
} from '@shiftleft/plugin-confluent-common';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { EntityAccess } from './entityAccess';
import { statementTargets } from './entityTargets';
import { EntityResourceGuard } from './resourceGuard';
import { StatusService } from './StatusService';

/** What {@link setOwnedStatementStopped} works with. */
export interface StatementControlDeps {
  access: EntityAccess;
  client: ConfluentClient;
  status: StatusService;
}

/**
 * Stops or resumes one of an entity's statements for its owners: the one
 * path the stop/resume routes and the agents' actions share, so both apply
 * the same rules (the permission, ownership of the entity, a statement the
 * entity names).
 */
export async function setOwnedStatementStopped(
  deps: StatementControlDeps,
  request: {
    entityRef: string;
    statement: string;
    stopped: boolean;
    credentials: BackstageCredentials;
    /** A user to push the result to over signals. */
    watcher?: string;
  },
): Promise<ConfluentStatementStatus> {
  const { access, client, status } = deps;
  const { entityRef, statement, stopped, credentials } = request;
  const entity = await access.authorizedEntity(
    entityRef,
    confluentStatementManagePermission,
    credentials,
  );
  await access.assertOwner(
    entity,
    credentials,
    `${stopped ? 'stop' : 'resume'} its statements`,
  );
  const target = statementTargets(entity, client.environments).find(
    t => t.name === statement,
  );
  if (!target) {
    throw new NotFoundError(`${entityRef} has no statement '${statement}'`);
  }
  // The annotation is the entity author's word; the statement must be
  // the entity owner's in Confluent too (issue 18.3).
  await new EntityResourceGuard({ client }).checkStatements(entity, [target]);
  return status.setStatementStopped(target, stopped, request.watcher);
}

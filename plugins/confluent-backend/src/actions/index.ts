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
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ConfluentClient } from '@shiftleft/plugin-confluent-node';
import { DriftService } from '../service/DriftService';
import { EntityAccess } from '../service/entityAccess';
import { StatusService } from '../service/StatusService';
import { registerDriftActions } from './driftActions';
import { registerLineageActions } from './lineageActions';
import { registerPiiActions } from './piiActions';
import { registerStatusActions } from './statusActions';

/** Options of {@link registerConfluentActions}. */
export interface ConfluentActionsOptions {
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  catalog: CatalogService;
  client: ConfluentClient;
  status: StatusService;
  drift: DriftService;
}

/**
 * Registers the plugin's capabilities with Backstage's actions registry, so
 * they run as template steps and, through the MCP actions backend, as tools
 * for agents: under the caller's own credentials and the same rules as the
 * entity pages.
 */
export function registerConfluentActions(options: ConfluentActionsOptions) {
  registerStatusActions(options);
  registerPiiActions(options);
  registerLineageActions(options);
  registerDriftActions(options);
}

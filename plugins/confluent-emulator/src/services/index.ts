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
import { StatementPlanner } from '../flink/statementPlanner';
import type { Scheduler } from '../lifecycle/scheduler';
import type { ResolvedTimings } from '../options';
import type { EmulatorStore } from '../state/store';
import { CatalogService } from './catalog';
import { ConnectorService } from './connectors';
import { MaterializedTableService } from './materializedTables';
import { SchemaRegistryService } from './schemaRegistry';
import { StatementService } from './statements';
import { TopicService } from './topics';

/** The emulator's domain services, sharing one store and scheduler. */
export interface EmulatorServices {
  store: EmulatorStore;
  scheduler: Scheduler;
  topics: TopicService;
  schemaRegistry: SchemaRegistryService;
  catalog: CatalogService;
  connectors: ConnectorService;
  statements: StatementService;
  materializedTables: MaterializedTableService;
}

export function createServices(options: {
  store: EmulatorStore;
  scheduler: Scheduler;
  timings: ResolvedTimings;
  sourceDatabases: 'connect' | 'never';
}): EmulatorServices {
  const { store, scheduler, timings } = options;
  const topics = new TopicService(store);
  const schemaRegistry = new SchemaRegistryService(store);
  const catalog = new CatalogService(store, schemaRegistry);
  const connectors = new ConnectorService({
    store,
    scheduler,
    timings,
    topics,
    schemaRegistry,
    sourceDatabases: options.sourceDatabases,
  });
  const planner = new StatementPlanner({ store, topics, schemaRegistry });
  const materializedTables = new MaterializedTableService(store);
  const statements = new StatementService({
    store,
    scheduler,
    timings,
    planner,
    onStarted: record => materializedTables.onStatementStarted(record),
  });
  return {
    store,
    scheduler,
    topics,
    schemaRegistry,
    catalog,
    connectors,
    statements,
    materializedTables,
  };
}

/** Re-arms every pending lifecycle step of a loaded state. */
export function restoreLifecycles(services: EmulatorServices) {
  const { state } = services.store;
  for (const statements of Object.values(state.statements)) {
    for (const record of Object.values(statements))
      services.statements.restore(record);
  }
  for (const connectors of Object.values(state.connectors)) {
    for (const record of Object.values(connectors))
      services.connectors.restore(record);
  }
}

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
 * The portal backend: Backstage's core plugins plus the Confluent suite.
 * Every module below is a feature of the new backend system; removing a line
 * removes the feature.
 */
import { createBackend } from '@backstage/backend-defaults';
import { signalsReadyModule } from './modules/signalsReady';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in locally; production config swaps the provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with the Confluent entity provider (topics, statements, connectors).
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@shiftleft/plugin-catalog-backend-module-confluent'));

// Scaffolder, with the Confluent provisioning actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@shiftleft/plugin-scaffolder-backend-module-confluent'));

// Permissions: allow-all here; replace the policy module to restrict.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Search over the catalog (PostgreSQL engine when the database is PostgreSQL).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Events and signals: catalog refresh on scaffolding, live cards in browsers.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// Opens the first signals WebSocket itself, which the signals backend drops.
backend.add(signalsReadyModule);

// The Confluent cards' backend: statement status and masked schemas.
backend.add(import('@shiftleft/plugin-confluent-backend'));

// Agents: the actions registry's actions (the Confluent suite's among them)
// as MCP tools at /api/mcp-actions/v1, under the caller's own permissions.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();

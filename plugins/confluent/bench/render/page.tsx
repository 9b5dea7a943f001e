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
 * The page `yarn bench:lineage-render` opens in Chromium: the Lineage tab's
 * graph view, as the app renders it, on the graph the route answered for the
 * large synthetic organization (read over HTTP from the bench's server).
 * The app around it is Backstage's test app (theme, routes, API holder);
 * statement and connector boxes show no live status (no Confluent here).
 */
import { createRoot } from 'react-dom/client';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, wrapInTestApp } from '@backstage/test-utils';
import type { LineageGraphResponse } from '@shiftleft/plugin-confluent-common';
import { ConfluentApi, confluentApiRef } from '../../src/api/ConfluentApi';
import { LineageGraphView } from '../../src/components/Lineage';

const noStatus = {
  refresh: { pollIntervalSeconds: 0, watchLeaseSeconds: 0 },
};

const api: Partial<ConfluentApi> = {
  async getLineageGraph(): Promise<LineageGraphResponse> {
    const res = await fetch('/graph.json');
    return res.json();
  },
  getStatements: async () => ({ statements: [], ...noStatus } as any),
  getConnectors: async () => ({ connectors: [], ...noStatus } as any),
};

const root = new URLSearchParams(window.location.search).get('root') ?? '';

createRoot(document.getElementById('root')!).render(
  wrapInTestApp(
    <TestApiProvider apis={[[confluentApiRef, api]]}>
      <LineageGraphView entityRef={root} height={900} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  ),
);

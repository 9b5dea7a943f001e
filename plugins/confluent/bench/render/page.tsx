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

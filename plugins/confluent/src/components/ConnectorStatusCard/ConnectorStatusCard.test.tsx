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
import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  ConfluentConnectorsResponse,
  ConfluentConnectorStatus,
} from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  connectorEntity,
  renderCard,
  TestSignalApi,
} from '../../__testUtils__/render';
import { ConnectorStatusCard } from './ConnectorStatusCard';

const server = setupServer();
registerMswTestHooks(server);

const URL = `${BASE}/entities/Component/default/shiftleft-postgres-cdc-source/connectors`;
const CHANNEL =
  'confluent:connector:env-q7m2xz:lkc-8w3pvd:shiftleft-postgres-cdc-source';

const status = (
  connector: ConfluentConnectorStatus['connector'],
  extra: Partial<ConfluentConnectorStatus> = {},
): ConfluentConnectorStatus => ({
  environmentId: 'env-q7m2xz',
  kafkaClusterId: 'lkc-8w3pvd',
  name: 'shiftleft-postgres-cdc-source',
  channel: CHANNEL,
  consoleUrl:
    'https://confluent.cloud/environments/env-q7m2xz/clusters/lkc-8w3pvd/connectors/details/shiftleft-postgres-cdc-source/overview',
  fetchedAt: new Date().toISOString(),
  stale: false,
  ...(connector ? { connector } : {}),
  ...extra,
});

const respond = (connectors: ConfluentConnectorStatus[]) =>
  ({
    entityRef: 'component:default/shiftleft-postgres-cdc-source',
    connectors,
    refresh: { pollIntervalSeconds: 5, watchLeaseSeconds: 60 },
  } satisfies ConfluentConnectorsResponse);

describe('ConnectorStatusCard', () => {
  it('shows the state, the tasks and the console link, and follows signals', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          respond([
            status({
              state: 'RUNNING',
              type: 'source',
              tasks: [{ id: 0, state: 'RUNNING', workerId: 'w-1' }],
            }),
          ]),
        ),
      ),
    );
    const signals = new TestSignalApi();
    await renderCard(<ConnectorStatusCard />, {
      entity: connectorEntity(),
      signals,
    });
    const tasks = await screen.findByRole('table', {
      name: 'Tasks of shiftleft-postgres-cdc-source',
    });
    expect(within(tasks).getByText('w-1')).toBeInTheDocument();
    expect(screen.getAllByText('RUNNING')).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: /Open in Confluent Cloud/ }),
    ).toHaveAttribute('href', expect.stringContaining('/connectors/details/'));

    signals.push(CHANNEL, {
      kind: 'connector',
      status: status({
        state: 'FAILED',
        type: 'source',
        trace: 'org.postgresql.util.PSQLException: Connection refused',
        tasks: [
          {
            id: 0,
            state: 'FAILED',
            trace: 'org.postgresql.util.PSQLException: Connection refused',
          },
        ],
      }),
    });
    const chip = (await screen.findAllByText('FAILED'))[0].closest(
      '[class*="MuiChip-root"]',
    );
    expect(chip).toHaveClass('v5-MuiChip-colorError');
    expect(
      screen.getAllByText(/PSQLException: Connection refused/).length,
    ).toBeGreaterThan(0);
  });

  it('shows a provisioning connector without tasks, and a stale one with its age', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          respond([
            status(
              { state: 'PROVISIONING', tasks: [] },
              {
                stale: true,
                fetchedAt: new Date(Date.now() - 30_000).toISOString(),
                error: {
                  message: 'Confluent Connect API answered 503',
                  status: 503,
                  retrying: true,
                },
              },
            ),
          ]),
        ),
      ),
    );
    await renderCard(<ConnectorStatusCard />, {
      entity: connectorEntity(),
      signals: null,
    });
    expect(await screen.findByText('PROVISIONING')).toBeInTheDocument();
    expect(screen.getByText('No tasks yet.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Confluent did not answer the last reads: Confluent Connect API answered 503. This is the state read 30 s ago; retrying.',
    );
  });

  it('explains a connector Confluent does not know', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          respond([
            status(undefined, {
              fetchedAt: undefined,
              error: {
                message: 'Confluent Connect API answered 404',
                status: 404,
                retrying: false,
              },
            }),
          ]),
        ),
      ),
    );
    await renderCard(<ConnectorStatusCard />, {
      entity: connectorEntity(),
      signals: null,
    });
    expect(
      await screen.findByText(
        /Connector shiftleft-postgres-cdc-source was not found in Confluent/,
      ),
    ).toBeInTheDocument();
  });
});

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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  ANNOTATION_CONFLUENT_STATEMENT,
  ConfluentStatementsResponse,
  ConfluentStatementStatus,
} from '@shiftleft/plugin-confluent-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE,
  dataProduct,
  renderCard,
  statementStatus,
  TestSignalApi,
} from '../../__testUtils__/render';
import { StatementStatusCard } from './StatementStatusCard';

const server = setupServer();
registerMswTestHooks(server);

const STATUS_URL = `${BASE}/entities/API/default/enriched_customers/statements`;

function respond(
  statements: ConfluentStatementStatus[],
  refresh = { pollIntervalSeconds: 5, watchLeaseSeconds: 60 },
) {
  const body: ConfluentStatementsResponse = {
    entityRef: 'api:default/enriched_customers',
    statements,
    refresh,
  };
  return body;
}

describe('StatementStatusCard', () => {
  it('shows the phase, its age, the details and a console link', async () => {
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(respond([statementStatus()])),
      ),
    );
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals: new TestSignalApi(),
    });
    const chip = (await screen.findByText('RUNNING')).closest(
      '[class*="MuiChip-root"]',
    );
    expect(chip).toHaveClass('v5-MuiChip-colorSuccess');
    expect(
      screen.getByText('enriched-customer-materializer'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^updated \d s ago$/)).toBeInTheDocument();
    expect(screen.getByText('live')).toBeInTheDocument();
    expect(screen.getByText('lfcp-6r8k1v')).toBeInTheDocument();
    expect(screen.getByText('sa-3nz8wq')).toBeInTheDocument();
    expect(screen.getByText('CREATE_TABLE_AS')).toBeInTheDocument();
    expect(
      screen.getByText('shiftleft.public.customers: p0@1210652'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in Confluent Cloud/ }),
    ).toHaveAttribute(
      'href',
      'https://confluent.cloud/environments/env-q7m2xz/flink/statements/enriched-customer-materializer/activity',
    );
  });

  it('changes on a pushed signal without reloading', async () => {
    let requests = 0;
    server.use(
      http.get(STATUS_URL, () => {
        requests += 1;
        return HttpResponse.json(respond([statementStatus()]));
      }),
    );
    const signals = new TestSignalApi();
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals,
    });
    await screen.findByText('RUNNING');
    const channel =
      'confluent:statement:env-q7m2xz:enriched-customer-materializer';
    expect(signals.channels()).toEqual([channel]);
    signals.push(channel, {
      kind: 'statement',
      status: statementStatus(
        { fetchedAt: new Date().toISOString() },
        { phase: 'STOPPED', stopped: true },
      ),
    });
    expect(await screen.findByText('STOPPED')).toBeInTheDocument();
    expect(screen.queryByText('RUNNING')).not.toBeInTheDocument();
    expect(requests).toBe(1);

    // A message about another statement on the channel is ignored.
    signals.push(channel, {
      kind: 'statement',
      status: statementStatus({ name: 'other' }, { phase: 'FAILED' }),
    });
    expect(screen.queryByText('FAILED')).not.toBeInTheDocument();
  });

  it('catches a change pushed before its signals subscription was live', async () => {
    // The first answer is RUNNING; the statement stops before the browser's
    // subscription is live, so its signal is lost: only a read shows it.
    let phase = 'RUNNING';
    server.use(
      http.get(STATUS_URL, () => {
        const answer = respond([statementStatus({}, { phase })]);
        phase = 'STOPPED';
        return HttpResponse.json(answer);
      }),
    );
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals: new TestSignalApi(),
    });
    await screen.findByText('RUNNING');
    expect(
      await screen.findByText('STOPPED', undefined, { timeout: 5_000 }),
    ).toBeInTheDocument();
  });

  it('polls the backend when signals are not installed', async () => {
    let phase = 'RUNNING';
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          respond([statementStatus({}, { phase })], {
            pollIntervalSeconds: 0.05,
            watchLeaseSeconds: 60,
          }),
        ),
      ),
    );
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals: null,
    });
    await screen.findByText('RUNNING');
    expect(screen.getByText('refreshed every 0.05 s')).toBeInTheDocument();
    phase = 'FAILING';
    expect(await screen.findByText('FAILING')).toBeInTheDocument();
  });

  it('shows a stale state with its age and the upstream error', async () => {
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          respond([
            statementStatus({
              stale: true,
              fetchedAt: new Date(Date.now() - 125_000).toISOString(),
              error: {
                message: 'Confluent Flink SQL API answered 429',
                status: 429,
                retrying: true,
              },
            }),
          ]),
        ),
      ),
    );
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals: new TestSignalApi(),
    });
    expect(await screen.findByText('RUNNING')).toBeInTheDocument();
    expect(screen.getByText('updated 2 min ago')).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Confluent did not answer the last reads: Confluent Flink SQL API answered 429. This is the state read 2 min ago; retrying.',
    );
  });

  it('explains a statement Confluent does not know', async () => {
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          respond([
            {
              ...statementStatus(),
              statement: undefined,
              fetchedAt: undefined,
              error: {
                message:
                  'Confluent Flink SQL API answered 404 resource_not_found',
                status: 404,
                retrying: false,
              },
            },
          ]),
        ),
      ),
    );
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals: new TestSignalApi(),
    });
    expect(
      await screen.findByText(
        /Statement enriched-customer-materializer was not found in Confluent/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the detail, warnings and expandable exceptions of a failing statement', async () => {
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          respond([
            statementStatus(
              {},
              {
                phase: 'FAILED',
                detail: 'Table `orders` does not exist.',
                warnings: [
                  {
                    severity: 'CRITICAL',
                    reason: 'STATE_TTL_MISSING',
                    message: 'State grows without bound',
                  },
                ],
                exceptions: [
                  {
                    name: 'org.apache.flink.table.api.ValidationException',
                    message: 'Table `orders` does not exist.',
                    timestamp: '2026-11-24T01:00:00.000Z',
                  },
                ],
              },
            ),
          ]),
        ),
      ),
    );
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals: new TestSignalApi(),
    });
    const chip = (await screen.findByText('FAILED')).closest(
      '[class*="MuiChip-root"]',
    );
    expect(chip).toHaveClass('v5-MuiChip-colorError');
    expect(screen.getByText(/STATE_TTL_MISSING/)).toBeInTheDocument();
    const toggle = screen.getByText('Latest exceptions (1)');
    fireEvent.click(toggle);
    expect(await screen.findByText(/ValidationException/)).toBeVisible();
  });

  it('shows the backend error when the status cannot be loaded', async () => {
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed to confluent.status.read',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderCard(<StatementStatusCard />, {
      entity: dataProduct(),
      signals: new TestSignalApi(),
    });
    expect(
      (await screen.findAllByText(/Not allowed to confluent.status.read/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('RUNNING')).toBeNull();
  });

  it('explains the missing annotation instead of calling the backend', async () => {
    const entity = dataProduct();
    delete entity.metadata.annotations![ANNOTATION_CONFLUENT_STATEMENT];
    let requested = false;
    server.use(
      http.get(STATUS_URL, () => {
        requested = true;
        return HttpResponse.json(respond([]));
      }),
    );
    await renderCard(<StatementStatusCard />, { entity, signals: null });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(document.body).toHaveTextContent('confluent.io/statement-name');
    expect(requested).toBe(false);
  });

  describe('stop and resume', () => {
    beforeEach(() => {
      server.use(
        http.get(STATUS_URL, () =>
          HttpResponse.json(respond([statementStatus()])),
        ),
      );
    });

    it('offers Stop to an owner the policy allows, and stops after confirmation', async () => {
      let stopped = false;
      server.use(
        http.post(`${STATUS_URL}/enriched-customer-materializer/stop`, () => {
          stopped = true;
          return HttpResponse.json(
            statementStatus({}, { phase: 'STOPPING', stopped: true }),
          );
        }),
      );
      await renderCard(<StatementStatusCard />, {
        entity: dataProduct(),
        signals: new TestSignalApi(),
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Stop' }));
      const dialog = await screen.findByRole('dialog');
      expect(dialog).toHaveTextContent('Stop enriched-customer-materializer?');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Stop' }));
      await waitFor(() => expect(stopped).toBe(true));
    });

    it('hides the buttons when the policy denies the permission', async () => {
      await renderCard(<StatementStatusCard />, {
        entity: dataProduct(),
        signals: new TestSignalApi(),
        permission: AuthorizeResult.DENY,
      });
      await screen.findByText('RUNNING');
      expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    });

    it('hides the buttons from viewers who do not own the entity', async () => {
      await renderCard(<StatementStatusCard />, {
        entity: dataProduct(),
        signals: new TestSignalApi(),
        ownershipEntityRefs: ['user:default/bob', 'group:default/other-team'],
      });
      await screen.findByText('RUNNING');
      expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    });

    it('offers Resume on a stopped statement', async () => {
      server.use(
        http.get(STATUS_URL, () =>
          HttpResponse.json(
            respond([statementStatus({}, { phase: 'STOPPED', stopped: true })]),
          ),
        ),
      );
      await renderCard(<StatementStatusCard />, {
        entity: dataProduct(),
        signals: new TestSignalApi(),
      });
      expect(
        await screen.findByRole('button', { name: 'Resume' }),
      ).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    });
  });

  describe('sections', () => {
    const failing = () =>
      statementStatus(
        {},
        {
          phase: 'FAILING',
          detail: 'Task failures',
          exceptions: [
            {
              name: 'java.lang.RuntimeException',
              message: 'boom',
              timestamp: '2026-11-22T02:10:44.257Z',
            },
          ],
        },
      );

    it('shows only the chosen sections', async () => {
      server.use(
        http.get(STATUS_URL, () => HttpResponse.json(respond([failing()]))),
      );
      await renderCard(<StatementStatusCard sections={['details']} />, {
        entity: dataProduct(),
      });
      expect(await screen.findByText('lfcp-6r8k1v')).toBeInTheDocument();
      // The header stays: name and phase.
      expect(screen.getByText('FAILING')).toBeInTheDocument();
      expect(screen.queryByText('Task failures')).toBeNull();
      expect(screen.queryByText(/Latest exceptions/)).toBeNull();
      expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
      expect(
        screen.queryByRole('link', { name: /Open in Confluent Cloud/ }),
      ).toBeNull();
    });

    it('shows every section by default', async () => {
      server.use(
        http.get(STATUS_URL, () => HttpResponse.json(respond([failing()]))),
      );
      await renderCard(<StatementStatusCard />, { entity: dataProduct() });
      expect(await screen.findByText('Task failures')).toBeInTheDocument();
      expect(screen.getByText('lfcp-6r8k1v')).toBeInTheDocument();
      expect(screen.getByText('Latest exceptions (1)')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    });
  });
});

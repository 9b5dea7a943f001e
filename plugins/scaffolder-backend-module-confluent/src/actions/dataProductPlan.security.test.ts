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
import { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { actionContext, actionOptions } from '../__testUtils__/actionContext';
import { templateDefaults } from '../__testUtils__/template';
import { createDatabaseNetwork } from '../lib/network';
import { createConfluentDataProductPlanAction } from './dataProductPlan';

/*
 * Issues 13 and 18.4: a plan (which any portal user can run as a dry run
 * with a template of their own) reaches only allowed databases, and its
 * work is bounded whatever the input's size.
 */

describe('confluent:dataproduct:plan bounded and fenced', () => {
  let emu: ConfluentEmulator;
  const defaults = templateDefaults();
  const resolve = jest.fn(async () => ['127.0.0.1']);
  const createSocket = jest.fn(() => {
    throw new Error('no socket may be opened');
  });

  beforeAll(async () => {
    emu = await startTestEmulator();
  }, 60_000);
  afterAll(() => emu?.stop(), 60_000);
  afterEach(() => jest.clearAllMocks());

  async function plan(overrides: Record<string, unknown>) {
    const action = createConfluentDataProductPlanAction({
      ...actionOptions(emu),
      network: createDatabaseNetwork({
        allowedHosts: ['orders-db.example.com'],
        resolve,
        createSocket,
      }),
    });
    const input = {
      name: 'fenced',
      owner: 'group:default/customer-data-team',
      source: {
        database: {
          hostname: 'orders-db.example.com',
          name: 'shop',
          user: 'cdc',
          passwordSecret: 'dbPassword',
          sslMode: 'disable',
        },
        tables: defaults.tables,
        maskFields: defaults.maskFields,
        piiFields: defaults.piiFields,
      },
      statements: defaults.statements,
      sinks: [],
      ...overrides,
    };
    const c = actionContext({
      input,
      secrets: { dbPassword: 'pw' },
      isDryRun: true,
    });
    await action.handler(c.ctx);
    return c.outputs.plan as { problems: string[]; warnings: string[] };
  }

  it('never connects to a source host that resolves to a refused address', async () => {
    const p = await plan({});
    // Nor lets a connector take it: the name resolves to loopback, which
    // needs a listed CIDR.
    expect(p.problems).toContain(
      'Connector fenced-postgres-cdc-source: the source database: orders-db.example.com: host not allowed by configuration (confluent.scaffolder.allowedDatabaseHosts)',
    );
    expect(resolve).toHaveBeenCalledWith('orders-db.example.com');
    expect(createSocket).not.toHaveBeenCalled();
    expect(p.warnings).toContain(
      'Could not read the source tables’ columns: PII fields are assumed to be in every table',
    );
  });

  it('rejects oversize SQL before parsing it', async () => {
    const huge = `CREATE TABLE \`\${product}.big\` AS SELECT ${'a, '.repeat(
      130_000,
    )}b FROM \`\${product}.public.orders\``;
    const p = await plan({ statements: [{ name: 'big', sql: huge }] });
    expect(p.problems).toContain(
      "Statement 'fenced-big' is 381 KB of SQL; at most 64 KB is accepted: split it into several statements",
    );
  });

  it('stops a statement within its size limit that needs too much parser work', async () => {
    // 63 KB, but a sum of 7,000 terms: the parser's prediction is quadratic.
    const sum = Array.from({ length: 7000 }, () => 'amount').join(' + ');
    const p = await plan({
      statements: [
        {
          name: 'sum',
          sql: `CREATE TABLE \`\${product}.sum\` AS SELECT ${sum} AS total FROM \`\${product}.public.orders\``,
        },
      ],
    });
    expect(p.problems).toContain(
      "Statement 'fenced-sum': Flink SQL is too complex to analyse: it needs more than 500000 parser steps",
    );
  });

  it('plans at most 20 statements', async () => {
    const statements = Array.from({ length: 21 }, (_, i) => ({
      name: `s${i}`,
      sql: 'SELECT 1',
    }));
    const p = await plan({ statements });
    expect(p.problems).toContain(
      'The product has 21 statements; at most 20 are planned at once',
    );
  });

  it('checks placeholders in linear time: 320 KB of unclosed ${ in a sink table', async () => {
    // The former regex took 29 s on this; the scan answers at once.
    const table = '${'.repeat(160_000);
    const p = await plan({ sinks: [{ type: 'postgres', table }] });
    expect(p.problems.some(x => x.includes('is not a valid topic name'))).toBe(
      true,
    );
    // Error texts quote at most 80 characters of what was typed.
    expect(Math.max(...p.problems.map(x => x.length))).toBeLessThan(400);
  });

  it('still names an unknown placeholder', async () => {
    const p = await plan({
      statements: [
        { name: 'x', sql: 'SELECT * FROM `${product}.a` JOIN `${team}.b`' },
      ],
    });
    expect(p.problems).toContain(
      "Statement 'fenced-x' uses the placeholder ${team}; only ${product} (the product name) is replaced",
    );
  });
});

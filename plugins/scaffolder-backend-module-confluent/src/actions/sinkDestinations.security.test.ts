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
import { JsonObject } from '@backstage/types';
import { actionContext, actionOptions } from '../__testUtils__/actionContext';
import { templateDefaults } from '../__testUtils__/template';
import { createConfluentConnectorCreateAction } from './connectorCreate';
import { createConfluentDataProductPlanAction } from './dataProductPlan';

/*
 * Issue 18.5: the form's destination picker offers only configured
 * destinations, but a crafted form (or step input) can send any name. The
 * backend is what enforces: a destination that is not configured, or of
 * another system, is refused by the plan and by the connector action,
 * before Confluent is asked to create anything.
 */

const OWNER = 'group:default/customer-data-team';

describe('sink destinations the platform did not configure (18.5)', () => {
  let emu: ConfluentEmulator;
  const defaults = templateDefaults();

  beforeAll(async () => {
    emu = await startTestEmulator();
  }, 60_000);
  afterAll(() => emu?.stop());

  async function plan(sinks: JsonObject[], configured: JsonObject = {}) {
    const action = createConfluentDataProductPlanAction(
      actionOptions(emu, { sinks: configured }),
    );
    const c = actionContext({
      input: {
        name: 'dest',
        owner: OWNER,
        source: {
          database: {
            hostname: 'orders-db.example.com',
            name: 'shop',
            user: 'cdc',
            passwordSecret: 'dbPassword',
          },
          tables: defaults.tables,
          maskFields: defaults.maskFields,
        },
        statements: defaults.statements,
        sinks,
      } as JsonObject,
      secrets: { dbPassword: 'db-pass-3c9d' },
      isDryRun: true,
    });
    await action.handler(c.ctx);
    return {
      ready: c.outputs.ready,
      problems: (c.outputs.plan as { problems: string[] }).problems,
    };
  }

  it('refuses a destination name that is not configured (production: none is)', async () => {
    const p = await plan([
      {
        type: 'snowflake',
        table: '${product}.product_sales',
        connection: 'workshop-snowflake',
      },
    ]);
    expect(p.ready).toBe(false);
    expect(p.problems).toContainEqual(
      expect.stringContaining(
        "no sink destination 'workshop-snowflake' is configured under confluent.scaffolder.sinks",
      ),
    );
  });

  it('refuses a configured destination of another system', async () => {
    const p = await plan(
      [
        {
          type: 'redshift',
          table: '${product}.product_sales',
          connection: 'analytics-snowflake',
        },
      ],
      {
        'analytics-snowflake': {
          type: 'snowflake',
          url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
          user: 'loader',
          privateKey: 'snowflake-key-9f3e11aa',
          role: 'INGEST',
          database: 'ANALYTICS',
          schema: 'PUBLIC',
        },
      },
    );
    expect(p.ready).toBe(false);
    expect(p.problems).toContainEqual(
      expect.stringContaining(
        "sink destination 'analytics-snowflake' is a snowflake destination, not redshift",
      ),
    );
  });

  it('refuses a warehouse sink with no destination', async () => {
    const p = await plan([
      { type: 'redshift', table: '${product}.product_sales' },
    ]);
    expect(p.ready).toBe(false);
    expect(p.problems).toContain(
      'The redshift sink of dest.product_sales needs a destination configured under confluent.scaffolder.sinks (connection)',
    );
  });

  it('refuses it in the connector action too, before Confluent is asked', async () => {
    const action = createConfluentConnectorCreateAction(actionOptions(emu));
    const before = emu.requestCount('connect');
    const { ctx } = actionContext({
      input: {
        name: 'dest-product-sales-snowflake-sink',
        type: 'snowflake-sink',
        owner: OWNER,
        sink: { topics: ['product_sales'], connection: 'workshop-snowflake' },
      },
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        "no sink destination 'workshop-snowflake' is configured",
      ),
    });
    expect(emu.requestCount('connect')).toBe(before);
  });
});

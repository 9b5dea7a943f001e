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
import { InputError } from '@backstage/errors';
// PII tracing is checked on real lineage of the workshop's statements. The
// lineage library is a Node library and a devDependency of this package:
// tests only, never in what the frontend bundles.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { extractFlinkLineage } from '@shiftleft/flink-sql-lineage';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  ENRICHED_CUSTOMERS,
  PRODUCT_SALES,
  PRODUCTS_WITH_PK,
  THIRTY_DAY_CUSTOMER_SNAPSHOT,
} from '@shiftleft/flink-sql-lineage/testUtils';
import { PiiSourceTable, PiiStatement, PiiTrace, TracePiiInput } from './pii';
import { tracePii } from './piiTrace';

const CUSTOMERS = 'shiftleft.public.customers';
const ADDRESSES = 'shiftleft.public.addresses';

/** The workshop's CDC source: email tagged PII and masked by the SMT. */
const maskedEmail: PiiSourceTable = {
  table: CUSTOMERS,
  fields: [
    { column: 'customerid' },
    {
      column: 'email',
      tags: ['PII'],
      masked: {
        by: 'shiftleft-postgres-cdc-source',
        transform: 'maskPii',
        replacement: '****',
      },
    },
  ],
};

function statement(name: string, sql: string): PiiStatement {
  return { name, lineage: extractFlinkLineage(sql) };
}

const workshopStatements = [
  statement('enriched-customer-materializer', ENRICHED_CUSTOMERS),
  statement('products-with-pk-materializer', PRODUCTS_WITH_PK),
  statement('product-sales-materializer', PRODUCT_SALES),
  statement('customer-snapshot-materializer', THIRTY_DAY_CUSTOMER_SNAPSHOT),
];

function finding(
  trace: PiiTrace,
  table: string,
  column: string,
  field?: string,
) {
  return trace.tables
    .find(t => t.table === table)
    ?.columns.find(c => c.column === column && c.field === field);
}

function flagged(trace: PiiTrace, table: string): string[] {
  return (trace.tables.find(t => t.table === table)?.columns ?? []).map(
    c => `${c.column}${c.field ? `.${c.field}` : ''}:${c.status}`,
  );
}

describe('tracePii', () => {
  it('keeps the workshop email masked as **** through enriched_customers, with the chain that proves it', () => {
    const trace = tracePii({
      sources: [maskedEmail],
      statements: workshopStatements,
    });

    expect(flagged(trace, CUSTOMERS)).toEqual(['email:masked']);
    expect(flagged(trace, 'enriched_customers')).toEqual(['email:masked']);
    const email = finding(trace, 'enriched_customers', 'email')!;
    expect(email.replacement).toBe('****');
    expect(email.origins).toEqual([{ table: CUSTOMERS, column: 'email' }]);
    expect(email.chain.map(s => [s.table, s.column, s.how, s.via])).toEqual([
      [CUSTOMERS, 'email', 'schema-tag', undefined],
      [CUSTOMERS, 'email', 'smt', 'shiftleft-postgres-cdc-source'],
      [
        'enriched_customers',
        'email',
        'statement',
        'enriched-customer-materializer',
      ],
    ]);
    expect(email.chain[2]).toMatchObject({
      direct: true,
      expression: 'c.email',
    });
    expect(email.chain[1].detail).toBe(
      'Masked by shiftleft-postgres-cdc-source (maskPii): the value is replaced with ****',
    );

    // product_sales and the snapshot never select email: nothing is flagged
    // there, and the other enriched_customers columns stay clean.
    expect(flagged(trace, 'product_sales')).toEqual([]);
    expect(flagged(trace, 'thirty_day_customer_snapshot')).toEqual([]);
    expect(trace.tables.map(t => t.table)).toEqual([
      CUSTOMERS,
      'enriched_customers',
    ]);
  });

  it('marks computed values as derived, across several statements, and tracks unmasked PII as pii', () => {
    const contacts = statement(
      'contacts',
      `CREATE TABLE contacts AS SELECT c.customerid, UPPER(TRIM(c.email)) AS contact, c.email AS raw_email FROM enriched_customers c`,
    );
    const mailing = statement(
      'mailing',
      `CREATE TABLE mailing AS SELECT contact, CONCAT(raw_email, '!') AS shout FROM contacts`,
    );
    const masked = tracePii({
      sources: [maskedEmail],
      statements: [mailing, contacts, ...workshopStatements],
    });
    expect(flagged(masked, 'contacts')).toEqual([
      'contact:derived-from-masked',
      'raw_email:masked',
    ]);
    expect(flagged(masked, 'mailing')).toEqual([
      'contact:derived-from-masked',
      'shout:derived-from-masked',
    ]);
    expect(
      finding(masked, 'mailing', 'contact')!.chain.map(s => s.via),
    ).toEqual([
      undefined,
      'shiftleft-postgres-cdc-source',
      'enriched-customer-materializer',
      'contacts',
      'mailing',
    ]);
    expect(finding(masked, 'contacts', 'contact')!.replacement).toBeUndefined();
    expect(finding(masked, 'contacts', 'contact')!.chain[3].detail).toBe(
      'Computed by contacts from enriched_customers.email: UPPER(TRIM(c.email))',
    );

    const unmasked = tracePii({
      sources: [
        { table: CUSTOMERS, fields: [{ column: 'email', tags: ['pii'] }] },
      ],
      statements: [mailing, contacts, ...workshopStatements],
    });
    expect(flagged(unmasked, 'enriched_customers')).toEqual(['email:pii']);
    expect(flagged(unmasked, 'mailing')).toEqual([
      'contact:derived-from-pii',
      'shout:derived-from-pii',
    ]);
  });

  it('follows ROW fields: a tagged address field reaches product_sales through shipping_address.city', () => {
    const trace = tracePii({
      sources: [
        {
          table: ADDRESSES,
          fields: [
            {
              column: 'city',
              tags: [
                {
                  name: 'PII',
                  how: 'catalog-tag',
                  detail: 'Tagged PII on the field in Stream Catalog',
                },
              ],
            },
          ],
        },
      ],
      statements: workshopStatements,
    });
    expect(flagged(trace, 'enriched_customers')).toEqual([
      'shipping_address.city:pii',
      'billing_address.city:pii',
    ]);
    // product_sales copies shipping_address.city but only the state of the billing address.
    expect(flagged(trace, 'product_sales')).toEqual([
      'shipping_address_city:pii',
    ]);
    expect(
      finding(trace, 'product_sales', 'shipping_address_city')!.chain.map(
        s => s.how,
      ),
    ).toEqual(['catalog-tag', 'statement', 'statement']);
  });

  it('does not flag columns used only to join or filter', () => {
    const trace = tracePii({
      sources: [maskedEmail],
      statements: [
        statement(
          'filtered',
          `CREATE TABLE filtered AS SELECT c.customerid FROM \`shiftleft.public.customers\` c WHERE c.email LIKE '%@x.com'`,
        ),
      ],
    });
    expect(flagged(trace, 'filtered')).toEqual([]);
  });

  it('marks a value computed from a condition on PII as derived from it', () => {
    const cards: PiiSourceTable = {
      table: 'payments',
      fields: [{ column: 'cc_number', tags: ['PII'] }, { column: 'amount' }],
    };
    const trace = tracePii({
      sources: [cards],
      statements: [
        statement(
          'payment-methods',
          `CREATE TABLE payment_methods AS SELECT payment_id,
             CASE WHEN cc_number IS NOT NULL THEN 'CARD' ELSE 'OTHER' END AS pay_method,
             IF(CHAR_LENGTH(cc_number) = 16, amount, 0) AS card_amount,
             COUNT(*) FILTER (WHERE cc_number LIKE '4%') AS visa_count
           FROM payments GROUP BY payment_id, cc_number, amount`,
        ),
      ],
    });
    expect(flagged(trace, 'payment_methods')).toEqual([
      'pay_method:derived-from-pii',
      'card_amount:derived-from-pii',
      'visa_count:derived-from-pii',
    ]);
    expect(
      finding(trace, 'payment_methods', 'pay_method')!.chain[1].detail,
    ).toBe(
      "Computed by payment-methods with a condition on payments.cc_number: CASE WHEN cc_number IS NOT NULL THEN 'CARD' ELSE 'OTHER' END",
    );
  });

  it('reports what reaches each sink, masked or not, and applies a sink SMT', () => {
    const input: TracePiiInput = {
      sources: [
        maskedEmail,
        { table: ADDRESSES, fields: [{ column: 'street', tags: ['PII'] }] },
      ],
      statements: workshopStatements,
      sinks: [
        {
          name: 'pg-sink',
          reads: 'enriched_customers',
          target: 'postgres.db.public.enriched_customers',
        },
        {
          name: 'masking-sink',
          reads: { table: 'enriched_customers' },
          target: 'snowflake.PROD.PUBLIC.ENRICHED_CUSTOMERS',
          masks: [
            {
              column: 'shipping_address',
              transform: 'MaskField$Value',
              replacement: 'x',
            },
          ],
        },
        {
          name: 'sales-sink',
          reads: 'product_sales',
          target: 'redshift.mydb.public.product_sales',
        },
      ],
    };
    const trace = tracePii(input);
    const [pg, masking, sales] = trace.sinks;
    expect(pg.fields.map(f => [f.column, f.field, f.status, f.masked])).toEqual(
      [
        ['email', undefined, 'masked', true],
        ['shipping_address', 'street', 'pii', false],
        ['billing_address', 'street', 'pii', false],
      ],
    );
    expect(
      masking.fields.map(f => [f.column, f.field, f.status, f.masked]),
    ).toEqual([
      ['email', undefined, 'masked', true],
      ['shipping_address', 'street', 'masked', true],
      ['billing_address', 'street', 'pii', false],
    ]);
    expect(masking.fields[1].chain.at(-1)).toMatchObject({
      how: 'smt',
      via: 'masking-sink',
      table: 'snowflake.PROD.PUBLIC.ENRICHED_CUSTOMERS',
      replacement: 'x',
    });
    expect(sales).toEqual({
      name: 'sales-sink',
      reads: 'product_sales',
      target: 'redshift.mydb.public.product_sales',
      fields: [],
    });
  });

  it('gives the same answer whatever the order of the statements', () => {
    const sources = [maskedEmail];
    const forward = tracePii({ sources, statements: workshopStatements });
    const backward = tracePii({
      sources,
      statements: [...workshopStatements].reverse(),
    });
    expect(backward.tables).toEqual(forward.tables);
  });

  it('counts only the configured PII tags, case-insensitively', () => {
    const sources: PiiSourceTable[] = [
      {
        table: CUSTOMERS,
        fields: [{ column: 'segment', tags: ['Sensitive'] }],
      },
    ];
    expect(tracePii({ sources }).tables).toEqual([]);
    expect(
      flagged(tracePii({ sources, piiTags: ['sensitive'] }), CUSTOMERS),
    ).toEqual(['segment:pii']);
  });

  it('resolves qualified table names with resolveTable', () => {
    const trace = tracePii({
      sources: [
        { table: 'lkc-1/orders', fields: [{ column: 'card', tags: ['PII'] }] },
      ],
      statements: [
        statement(
          'copy',
          'CREATE TABLE copy_orders AS SELECT o.card FROM `env`.`lkc-1`.`orders` o',
        ),
      ],
      resolveTable: ref => `${ref.database ?? 'lkc-1'}/${ref.table}`,
    });
    expect(flagged(trace, 'lkc-1/copy_orders')).toEqual(['card:pii']);
  });

  it('rejects malformed input with an InputError', () => {
    expect(() => tracePii({ sources: [{ table: '', fields: [] }] })).toThrow(
      InputError,
    );
    expect(() =>
      tracePii({ sources: [{ table: 't', fields: [{ column: '' }] }] }),
    ).toThrow('every field of source t needs a column name');
    expect(() =>
      tracePii({ sources: [], sinks: [{ name: 's', reads: '', target: 'x' }] }),
    ).toThrow(InputError);
  });
});

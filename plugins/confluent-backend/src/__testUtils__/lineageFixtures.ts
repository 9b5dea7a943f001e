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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_CONFLUENT_CONNECTOR,
  ANNOTATION_CONFLUENT_DATABASE_SYSTEM,
  ANNOTATION_CONFLUENT_ENVIRONMENT_ID,
  ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID,
  ANNOTATION_CONFLUENT_STATEMENT,
  ANNOTATION_CONFLUENT_TOPIC,
  DataProductColumnLineage,
  DataProductPiiFinding,
  ENTITY_TYPE_CONNECTOR,
  ENTITY_TYPE_DATA_PRODUCT,
  ENTITY_TYPE_DATABASE_TABLE,
  ENTITY_TYPE_FLINK_STATEMENT,
  RELATION_FED_BY,
  RELATION_FEEDS,
} from '@shiftleft/plugin-confluent-common';

/*
 * Catalog entities shaped the way the Confluent entity provider writes them
 * (`spec.feeds`, `spec.lineage`, `spec.table`), with the `feeds`/`fedBy`
 * relations the catalog module's processor derives from `spec.feeds`.
 */

export const ENV = 'env-w0rk5h0p';
export const CLUSTER = 'lkc-w0rk5h0p';

const owned = (owner: string) => ({ lifecycle: 'production', owner });

/** A topic API with column lineage. */
export function topic(
  name: string,
  options: {
    owner?: string;
    producedBy?: string[];
    columns: DataProductColumnLineage[];
    pii?: DataProductPiiFinding[];
    feeds?: string[];
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      annotations: {
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: ENV,
        [ANNOTATION_CONFLUENT_KAFKA_CLUSTER_ID]: CLUSTER,
        [ANNOTATION_CONFLUENT_TOPIC]: name,
      },
    },
    spec: {
      type: ENTITY_TYPE_DATA_PRODUCT,
      ...owned(options.owner ?? 'group:default/platform-team'),
      definition: '{}',
      feeds: options.feeds ?? [],
      lineage: {
        producedBy: options.producedBy ?? [],
        columns: options.columns as any,
        pii: (options.pii ?? []) as any,
      },
    },
  };
}

/** A Flink statement or connector Component. */
export function processEntity(
  type: 'statement' | 'connector',
  name: string,
  feeds: string[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        [ANNOTATION_CONFLUENT_ENVIRONMENT_ID]: ENV,
        [type === 'statement'
          ? ANNOTATION_CONFLUENT_STATEMENT
          : ANNOTATION_CONFLUENT_CONNECTOR]: name,
      },
    },
    spec: {
      type:
        type === 'statement'
          ? ENTITY_TYPE_FLINK_STATEMENT
          : ENTITY_TYPE_CONNECTOR,
      ...owned('group:default/platform-team'),
      feeds,
    },
  };
}

/** A PostgreSQL table Resource. */
export function table(
  name: string,
  options: {
    columns?: DataProductColumnLineage[];
    producedBy?: string[];
    feeds?: string[];
  },
): Entity {
  const [database, schema, tableName] = name.split('.').slice(1);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: { [ANNOTATION_CONFLUENT_DATABASE_SYSTEM]: 'postgres' },
    },
    spec: {
      type: ENTITY_TYPE_DATABASE_TABLE,
      owner: 'group:default/platform-team',
      feeds: options.feeds ?? [],
      table: {
        system: 'postgres',
        host: 'db.example.com',
        database,
        schema,
        table: tableName,
      },
      lineage: {
        producedBy: options.producedBy ?? [],
        columns: (options.columns ?? []) as any,
        pii: [],
      },
    },
  };
}

/** Adds `feeds`/`fedBy` relations from `spec.feeds`, as the processor does. */
export function withRelations(entities: Entity[]): Entity[] {
  const fedBy = new Map<string, string[]>();
  for (const e of entities) {
    for (const target of (e.spec?.feeds as string[]) ?? []) {
      fedBy.set(target, [...(fedBy.get(target) ?? []), stringifyEntityRef(e)]);
    }
  }
  return entities.map(e => ({
    ...e,
    relations: [
      ...((e.spec?.feeds as string[]) ?? []).map(targetRef => ({
        type: RELATION_FEEDS,
        targetRef,
      })),
      ...(fedBy.get(stringifyEntityRef(e)) ?? []).map(targetRef => ({
        type: RELATION_FED_BY,
        targetRef,
      })),
    ],
  }));
}

const api = (n: string) => `api:default/${n}`;
const component = (n: string) => `component:default/${n}`;
const resource = (n: string) => `resource:default/${n}`;

export const REFS = {
  sourceTable: resource('postgres.onlinestoredb.public.customers'),
  cdc: component('shiftleft-postgres-cdc-source'),
  customers: api('shiftleft.public.customers'),
  orderItems: api('shiftleft.public.order_items'),
  products: api('products_with_pk'),
  enrichStatement: component('enriched-customer-materializer'),
  enriched: api('enriched_customers'),
  salesStatement: component('product-sales-materializer'),
  productSales: api('product_sales'),
  snapshotStatement: component('customer-snapshot-materializer'),
  snapshot: api('thirty_day_customer_snapshot'),
  pgSink: component('shiftleft-postgres-sink'),
  sinkTable: resource(
    'postgres.onlinestoredb.public.thirty_day_customer_snapshot',
  ),
};

const copy = (
  column: string,
  from: string,
  via: string,
  sourceColumn = column,
): DataProductColumnLineage => ({
  column,
  sources: [{ entityRef: from, column: sourceColumn }],
  direct: true,
  expression: sourceColumn,
  via,
});

/**
 * The workshop flow, cut down to the columns the tests follow: the source
 * table → CDC (masking `email`) → customers topic → enriched_customers →
 * product_sales (with `total_amount = oi.quantity * p.price`) →
 * thirty_day_customer_snapshot → PostgreSQL sink → sink table.
 */
export function workshopFlow(): Entity[] {
  const r = REFS;
  return withRelations([
    table('postgres.onlinestoredb.public.customers', { feeds: [r.cdc] }),
    processEntity('connector', 'shiftleft-postgres-cdc-source', [r.customers]),
    topic('shiftleft.public.customers', {
      producedBy: [r.cdc],
      feeds: [r.enrichStatement],
      columns: [
        copy('customerid', r.sourceTable, r.cdc),
        copy('customername', r.sourceTable, r.cdc),
        {
          column: 'email',
          sources: [{ entityRef: r.sourceTable, column: 'email' }],
          direct: false,
          expression: "maskPii: MaskField$Value(email) → '****'",
          transforms: ['MaskField$Value'],
          via: r.cdc,
        },
      ],
    }),
    topic('shiftleft.public.order_items', {
      feeds: [r.salesStatement],
      columns: [],
    }),
    topic('products_with_pk', { feeds: [r.salesStatement], columns: [] }),
    processEntity('statement', 'enriched-customer-materializer', [r.enriched]),
    topic('enriched_customers', {
      owner: 'group:default/customer-data-team',
      producedBy: [r.enrichStatement],
      feeds: [r.salesStatement],
      columns: [
        copy('customerid', r.customers, r.enrichStatement),
        copy('customername', r.customers, r.enrichStatement),
        copy('email', r.customers, r.enrichStatement),
      ],
      pii: [
        {
          column: 'email',
          status: 'masked',
          replacement: '****',
          origins: [{ entityRef: r.sourceTable, column: 'email' }],
          chain: [
            {
              entityRef: r.customers,
              column: 'email',
              how: 'smt',
              via: r.cdc,
              replacement: '****',
              detail:
                'Masked by shiftleft-postgres-cdc-source (maskPii, MaskField$Value): the value is replaced with ****',
            },
            {
              entityRef: r.enriched,
              column: 'email',
              how: 'statement',
              via: r.enrichStatement,
              direct: true,
              expression: 'c.email',
              detail:
                'Copied unchanged by enriched-customer-materializer: c.email',
            },
          ],
        },
      ],
    }),
    processEntity('statement', 'product-sales-materializer', [r.productSales]),
    topic('product_sales', {
      owner: 'group:default/sales-analytics-team',
      producedBy: [r.salesStatement],
      feeds: [r.snapshotStatement],
      columns: [
        copy('customername', r.enriched, r.salesStatement),
        {
          column: 'total_amount',
          sources: [
            { entityRef: r.orderItems, column: 'quantity' },
            { entityRef: r.products, column: 'price' },
          ],
          direct: false,
          expression: 'oi.quantity * p.price',
          transforms: ['*'],
          via: r.salesStatement,
        },
        {
          // Only a condition reads quantity: an indirect input.
          column: 'order_size',
          sources: [],
          conditionalSources: [{ entityRef: r.orderItems, column: 'quantity' }],
          direct: false,
          expression:
            "CASE WHEN oi.quantity >= 10 THEN 'bulk' ELSE 'single' END",
          transforms: ['CASE'],
          via: r.salesStatement,
        },
        {
          // price is both the value and its condition: one direct input.
          column: 'list_price',
          sources: [{ entityRef: r.products, column: 'price' }],
          conditionalSources: [{ entityRef: r.products, column: 'price' }],
          direct: false,
          expression: 'CASE WHEN p.price > 0 THEN p.price END',
          transforms: ['CASE'],
          via: r.salesStatement,
        },
      ],
    }),
    processEntity('statement', 'customer-snapshot-materializer', [r.snapshot]),
    topic('thirty_day_customer_snapshot', {
      producedBy: [r.snapshotStatement],
      feeds: [r.pgSink],
      columns: [
        copy('customername', r.productSales, r.snapshotStatement),
        {
          column: 'total_amount',
          sources: [{ entityRef: r.productSales, column: 'total_amount' }],
          direct: false,
          expression: 'SUM(total_amount) OVER w',
          via: r.snapshotStatement,
        },
      ],
    }),
    processEntity('connector', 'shiftleft-postgres-sink', [r.sinkTable]),
    table('postgres.onlinestoredb.public.thirty_day_customer_snapshot', {
      producedBy: [r.pgSink],
      columns: [
        copy('customername', r.snapshot, r.pgSink),
        copy('total_amount', r.snapshot, r.pgSink),
      ],
    }),
  ]);
}

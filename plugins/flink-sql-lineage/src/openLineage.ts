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
 * A statement's column lineage as OpenLineage column lineage dataset facets
 * (facet 1-2-0), one per table the statement writes: what Marquez, DataHub
 * and OpenMetadata read in the `outputs` of a run event.
 */
import { tableRefKey } from './tableRef';
import type {
  ColumnLineage,
  ControlUsage,
  FlinkLineage,
  SourceColumn,
  TableRef,
} from './types';

const COLUMN_LINEAGE_SCHEMA =
  'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet';

/**
 * The default `_producer` of the facets: this library.
 *
 * @public
 */
export const OPENLINEAGE_PRODUCER =
  'https://github.com/shiftleft-backstage/confluent-backstage/tree/main/plugins/flink-sql-lineage';

/**
 * How an input field makes an output field (facet 1-2-0's `transformations`).
 * @public
 */
export interface OpenLineageTransformation {
  type: 'DIRECT' | 'INDIRECT';
  /**
   * DIRECT: `IDENTITY`, `TRANSFORMATION`, `AGGREGATION`; INDIRECT: `JOIN`,
   * `GROUP_BY`, `FILTER`, `SORT`, `WINDOW`, `CONDITIONAL`.
   */
  subtype: string;
  description?: string;
  masking: boolean;
}

/**
 * An input field of the column lineage facet.
 * @public
 */
export interface OpenLineageInputField {
  namespace: string;
  name: string;
  field: string;
  transformations: OpenLineageTransformation[];
}

/**
 * The OpenLineage column lineage dataset facet (1-2-0).
 * @public
 */
export interface OpenLineageColumnLineageFacet {
  _producer: string;
  _schemaURL: string;
  /** Per output column: the input fields its value comes from. */
  fields: Record<string, { inputFields: OpenLineageInputField[] }>;
  /** Inputs that decide which rows reach the dataset (joins, filters, grouping, …). */
  dataset: OpenLineageInputField[];
}

/**
 * An output dataset of a run event, carrying its column lineage facet.
 * @public
 */
export interface OpenLineageOutputDataset {
  namespace: string;
  name: string;
  facets: { columnLineage: OpenLineageColumnLineageFacet };
}

/**
 * Options of {@link toOpenLineageColumnLineage}.
 * @public
 */
export interface OpenLineageColumnLineageOptions {
  /**
   * The OpenLineage namespace of every table (for Confluent Cloud, the Kafka
   * cluster: `kafka://<bootstrap server>`). Default `flink`.
   */
  namespace?: string;
  /**
   * Names a table; default its name parts as written, joined with dots and
   * unquoted (`orders`, `env.cluster.orders`): for Confluent Cloud the
   * table name is the topic, which is how OpenLineage names Kafka datasets.
   */
  datasetName?: (table: TableRef) => string;
  /** The facets' `_producer`; default this library's URL. */
  producer?: string;
}

// Aggregates read many rows into one value.
const AGGREGATE =
  /\b(SUM|COUNT|AVG|MIN|MAX|LISTAGG|COLLECT|FIRST_VALUE|LAST_VALUE)\s*\(/i;

const INDIRECT_SUBTYPE: Record<ControlUsage, string> = {
  join: 'JOIN',
  filter: 'FILTER',
  group: 'GROUP_BY',
  partition: 'WINDOW',
  order: 'SORT',
  window: 'WINDOW',
  condition: 'CONDITIONAL',
};

function direct(
  copied: boolean,
  expression: string,
  transforms: string[],
): OpenLineageTransformation {
  let subtype = 'IDENTITY';
  if (!copied) {
    subtype = AGGREGATE.test(expression) ? 'AGGREGATION' : 'TRANSFORMATION';
  }
  return {
    type: 'DIRECT',
    subtype,
    description: expression,
    // A masking function (Confluent's MASK, MASK_FIRST_N, …) hides the value.
    masking: transforms.some(t => /mask/i.test(t)),
  };
}

/**
 * The column lineage of one statement as OpenLineage output datasets, one
 * per table it writes, each with its column lineage facet: DIRECT inputs
 * (`IDENTITY` when copied unchanged, `AGGREGATION`, else `TRANSFORMATION`),
 * INDIRECT/`CONDITIONAL` inputs that only a column's own condition tests,
 * and in the facet's `dataset` the control columns (`JOIN`, `FILTER`,
 * `GROUP_BY`, `SORT`, `WINDOW`). ROW fields are named `column.field`.
 * @public
 */
export function toOpenLineageColumnLineage(
  lineage: FlinkLineage,
  options: OpenLineageColumnLineageOptions = {},
): OpenLineageOutputDataset[] {
  const namespace = options.namespace ?? 'flink';
  const datasetName =
    options.datasetName ??
    ((t: TableRef) =>
      [t.catalog, t.database, t.table].filter(p => p !== undefined).join('.'));
  const producer = options.producer ?? OPENLINEAGE_PRODUCER;
  const input = (
    source: SourceColumn,
    transformation: OpenLineageTransformation,
  ): OpenLineageInputField => ({
    namespace,
    name: datasetName(source.table),
    field: source.field ? `${source.column}.${source.field}` : source.column,
    transformations: [transformation],
  });

  const outputs = new Map<string, OpenLineageOutputDataset>();
  for (const sink of lineage.sinks) {
    outputs.set(tableRefKey(sink), {
      namespace,
      name: datasetName(sink),
      facets: {
        columnLineage: {
          _producer: producer,
          _schemaURL: COLUMN_LINEAGE_SCHEMA,
          fields: {},
          dataset: [],
        },
      },
    });
  }
  const facetOf = (sink: TableRef) =>
    outputs.get(tableRefKey(sink))?.facets.columnLineage;

  const addColumn = (column: ColumnLineage) => {
    const facet = facetOf(column.sink);
    if (!facet) return;
    const inputs = (name: string) =>
      (facet.fields[name] ??= { inputFields: [] }).inputFields;
    if (column.fields?.length) {
      for (const f of column.fields) {
        for (const s of f.sources) {
          inputs(`${column.column}.${f.name}`).push(
            input(s, direct(f.direct, f.expression, column.transforms)),
          );
        }
      }
    } else {
      for (const s of column.sources) {
        inputs(column.column).push(
          input(s, direct(column.direct, column.expression, column.transforms)),
        );
      }
    }
    for (const s of column.conditionalSources ?? []) {
      inputs(column.column).push(
        input(s, {
          type: 'INDIRECT',
          subtype: 'CONDITIONAL',
          description: column.expression,
          masking: false,
        }),
      );
    }
  };
  lineage.columns.forEach(addColumn);

  for (const { sink, columns } of lineage.controlColumns) {
    const facet = facetOf(sink);
    if (!facet) continue;
    for (const c of columns) {
      for (const usage of c.usages) {
        facet.dataset.push(
          input(c, {
            type: 'INDIRECT',
            subtype: INDIRECT_SUBTYPE[usage],
            masking: false,
          }),
        );
      }
    }
  }
  return [...outputs.values()];
}

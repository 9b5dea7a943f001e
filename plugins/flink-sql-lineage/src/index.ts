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
/**
 * The Flink SQL lineage library: table and column lineage of Confluent Cloud
 * Flink SQL statements, on dt-sql-parser's Flink grammar, with OpenLineage
 * output and the `flink-sql-lineage` command. A Node library with no
 * Backstage dependency.
 *
 * @packageDocumentation
 */
export { extractFlinkLineage } from './extractFlinkLineage';
export { FlinkSqlSyntaxError } from './tokens/lex';
export { validateFlinkSql } from './validate';
export type { FlinkSqlProblem, FlinkSqlValidation } from './validate';
export {
  formatTableRef,
  quoteFlinkIdentifier,
  tableRefEquals,
  tableRefKey,
} from './tableRef';
export type {
  ColumnLineage,
  ComputedColumnDefinition,
  ControlColumn,
  ControlUsage,
  ExtractFlinkLineageOptions,
  FlinkLineage,
  FlinkSinkKind,
  FlinkTableAlteration,
  FlinkTableDefinition,
  RowFieldLineage,
  SinkControlColumns,
  SourceColumn,
  TableColumnDefinition,
  TableRef,
  WatermarkDefinition,
} from './types';
export { FlinkSqlInputError } from './errors';
export {
  OPENLINEAGE_PRODUCER,
  toOpenLineageColumnLineage,
} from './openLineage';
export type {
  OpenLineageColumnLineageFacet,
  OpenLineageColumnLineageOptions,
  OpenLineageInputField,
  OpenLineageOutputDataset,
  OpenLineageTransformation,
} from './openLineage';
export { runFlinkSqlLineageCli } from './cli';
export type { FlinkSqlLineageCliIo } from './cli';

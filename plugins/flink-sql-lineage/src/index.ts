/**
 * The Flink SQL lineage library: table and column lineage of Confluent Cloud
 * Flink SQL statements, on dt-sql-parser's Flink grammar, with OpenLineage
 * output and the `flink-sql-lineage` command. A Node library with no
 * Backstage dependency.
 *
 * @packageDocumentation
 */
export { extractFlinkLineage } from './extractFlinkLineage';
export { FlinkSqlSyntaxError } from './tokens';
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

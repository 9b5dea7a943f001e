/*
 * The Flink SQL lineage library: table and column lineage of Confluent Cloud
 * Flink SQL statements, on dt-sql-parser's Flink grammar.
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

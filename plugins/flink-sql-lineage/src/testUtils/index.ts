/**
 * Test fixtures of `@shiftleft/flink-sql-lineage`: the Flink SQL of the
 * shiftleft workshop, for tests of code that consumes lineage (PII tracing,
 * catalog entities) on real statements.
 *
 * @packageDocumentation
 */
export {
  ALTER_ORDERS_WATERMARK,
  ENRICHED_CUSTOMERS,
  PRODUCT_SALES,
  PRODUCTS_WITH_PK,
  THIRTY_DAY_CUSTOMER_SNAPSHOT,
} from '../__fixtures__/workshop';

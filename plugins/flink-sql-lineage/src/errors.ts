/*
 * The one error class the library throws for SQL it cannot analyse.
 */

/**
 * Flink SQL the library cannot analyse: invalid SQL, a statement over the
 * size or nesting budget, or input that is not a string.
 *
 * Its `name` is `InputError` on purpose: Backstage's error middleware, its
 * `InputError.is()` and the Confluent plugin suite recognise errors by name
 * (not by class, which differs between package copies), so an HTTP route that
 * lets this error through answers 400 and log lines read
 * `InputError: Invalid Flink SQL …`, exactly as when the library threw
 * Backstage's `InputError`, without this package depending on Backstage.
 * @public
 */
export class FlinkSqlInputError extends Error {
  override name = 'InputError';
}

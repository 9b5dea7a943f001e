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

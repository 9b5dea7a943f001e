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

/* Test helpers for the `*.examples.test.ts` files (not part of the API). */
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { validate } from 'jsonschema';
import yaml from 'yaml';
import { ThrowawayPostgres } from './throwawayPostgres';

/** The sink destinations the examples name, as a portal configures them. */
export const EXAMPLE_SINKS = {
  'analytics-snowflake': {
    type: 'snowflake',
    url: 'https://xy12345.us-east-1.aws.snowflakecomputing.com',
    user: 'confluent',
    privateKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCexample',
    role: 'INGEST',
    database: 'ANALYTICS',
    schema: 'PUBLIC',
  },
};

/** An example's database input, pointed at a test's server. */
export function onTestServer(database: JsonObject, pg: ThrowawayPostgres) {
  return { ...database, hostname: pg.host, port: pg.port, sslMode: 'disable' };
}

/**
 * The input of an example's first step, checked against the action's input
 * JSON schema exactly as the task engine checks step inputs.
 */
export function exampleInput(
  action: TemplateAction<any, any, any>,
  example: { example: string },
): JsonObject {
  const step = yaml.parse(example.example).steps[0];
  expect(step.action).toBe(action.id);
  const result = validate(step.input, action.schema!.input!);
  expect(result.errors.map(e => e.stack)).toEqual([]);
  return step.input;
}

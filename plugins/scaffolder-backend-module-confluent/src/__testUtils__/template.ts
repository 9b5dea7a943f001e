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

/* The repository's streaming-data-product template, for tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';

/** Path of the template in this repository. */
export const TEMPLATE_PATH = resolve(
  resolvePackagePath('@shiftleft/plugin-scaffolder-backend-module-confluent'),
  '../../templates/streaming-data-product/template.yaml',
);

/** The template entity. */
export function loadTemplate(): JsonObject {
  return yaml.parse(readFileSync(TEMPLATE_PATH, 'utf8'));
}

/** The default value of every template parameter. */
export function templateDefaults(): Record<string, any> {
  const template = loadTemplate() as any;
  const values: Record<string, any> = {};
  for (const page of template.spec.parameters) {
    for (const [key, property] of Object.entries<any>(page.properties ?? {})) {
      if (property.default !== undefined) values[key] = property.default;
    }
  }
  return values;
}

/**
 * A Snowflake sink as a user adds it in the form, naming the destination the
 * tests configure (the template assumes no warehouse destination).
 */
export const WORKSHOP_SNOWFLAKE_SINK = {
  type: 'snowflake',
  table: '${product}.product_sales',
  connection: 'workshop-snowflake',
};

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
import { InputError } from '@backstage/errors';

/** Pattern of secret names: the key of a `ui:field: Secret` parameter. */
export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Where a secret comes from, for plans and messages: never its value.
 */
export interface SecretRef {
  /** `secrets.dbPassword` or `confluent.scaffolder.sinks.warehouse.password`. */
  source: string;
  /** The value; absent in a dry run whose secrets were not sent. */
  value?: string;
}

/** How a secret appears in a plan or a redacted config. */
export function redactedSecret(ref: SecretRef): string {
  return `<secret ${ref.source}>`;
}

/**
 * Reads a task secret by name (`ui:field: Secret` parameters land in
 * `ctx.secrets`). Inputs carry the name only, so the value never appears in
 * task parameters, step inputs or logs.
 */
export function taskSecret(
  secrets: Record<string, string> | undefined,
  name: string,
  options: { what: string; dryRun?: boolean },
): SecretRef {
  if (!SECRET_NAME_PATTERN.test(name)) {
    // Never quote it: what was typed where a name belongs may be the secret.
    throw new InputError(
      `The ${options.what} secret is not a secret name (letters, digits and _): give the name of a template parameter with ui:field: Secret, not the secret itself`,
    );
  }
  const value = secrets?.[name];
  if (value === undefined && !options.dryRun) {
    throw new InputError(
      `The ${options.what} secret '${name}' was not provided: the template needs a parameter '${name}' with ui:field: Secret`,
    );
  }
  return { source: `secrets.${name}`, value };
}

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

/** Shorter values are not redacted: replacing them would garble text. */
const MIN_SECRET_LENGTH = 4;

const REDACTED = '[REDACTED]';

/**
 * Config keys whose values are secrets, in connector configs and statement
 * properties (`database.password`, `kafka.api.secret`, `snowflake.private.key`,
 * `sql.secrets.openai`, …).
 */
const SECRET_KEY = /(password|secret|private[._-]?key|token|credential)/i;

/**
 * Removes known secret values from text that came from upstream (error
 * messages can echo a request's fields back).
 */
export class SecretRedactor {
  readonly #secrets: Set<string>;

  constructor(secrets: Iterable<string | undefined> = []) {
    this.#secrets = new Set();
    for (const s of secrets) {
      if (s && s.length >= MIN_SECRET_LENGTH) this.#secrets.add(s);
    }
  }

  /** A redactor that also knows `extra` (e.g. secrets in one request body). */
  with(extra: Iterable<string | undefined>): SecretRedactor {
    return new SecretRedactor([...this.#secrets, ...extra]);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is removed whole.
    const ordered = [...this.#secrets].sort((a, b) => b.length - a.length);
    for (const secret of ordered) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}

/** Values of secret-looking keys in a flat config or properties map. */
export function secretValuesOf(
  map: Record<string, unknown> | undefined,
): string[] {
  if (!map) return [];
  return Object.entries(map)
    .filter(([key, value]) => SECRET_KEY.test(key) && typeof value === 'string')
    .map(([, value]) => value as string);
}

/** The secrets an HTTP Basic credential exposes: the secret and the header value. */
export function basicAuthSecrets(apiKey: string, apiSecret: string): string[] {
  return [apiSecret, Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')];
}

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

/** One line a {@link CapturingLogger} received. @public */
export interface CapturedLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /**
   * The line's meta with the fields of the child loggers it went through;
   * an `Error` passed as meta is kept as it is (under `error` when there
   * are fields too).
   */
  meta?: unknown;
}

/**
 * A logger that keeps every line, meta and child fields included, so tests
 * can check what code logs, and that no secret is ever in it.
 *
 * It has the shape of Backstage's `LoggerService` (and is checked against it
 * wherever a test passes it as one) without importing it: the emulator does
 * not depend on `@backstage/backend-plugin-api`.
 * @public
 */
export class CapturingLogger {
  /** Every line, in order; shared with the child loggers. */
  readonly lines: CapturedLine[];
  readonly #fields: Record<string, unknown>;

  constructor(
    lines: CapturedLine[] = [],
    fields: Record<string, unknown> = {},
  ) {
    this.lines = lines;
    this.#fields = fields;
  }

  error(message: string, meta?: Error | object): void {
    this.#push('error', message, meta);
  }
  warn(message: string, meta?: Error | object): void {
    this.#push('warn', message, meta);
  }
  info(message: string, meta?: Error | object): void {
    this.#push('info', message, meta);
  }
  debug(message: string, meta?: Error | object): void {
    this.#push('debug', message, meta);
  }
  /** A logger adding `meta` to each line, writing to the same lines. */
  child(meta: Record<string, unknown>): CapturingLogger {
    return new CapturingLogger(this.lines, { ...this.#fields, ...meta });
  }

  /**
   * Everything logged, as one string: levels, messages, fields and meta,
   * errors with their name, message and stack.
   */
  text(): string {
    return this.lines
      .map(l => `${l.level} ${l.message} ${serialize(l.meta ?? {})}`)
      .join('\n');
  }

  #push(level: CapturedLine['level'], message: string, meta?: unknown) {
    const hasFields = Object.keys(this.#fields).length > 0;
    let merged: unknown;
    if (meta instanceof Error) {
      merged = hasFields ? { ...this.#fields, error: meta } : meta;
    } else {
      merged = { ...this.#fields, ...(meta as object | undefined) };
    }
    this.lines.push({ level, message, meta: merged });
  }
}

/** JSON, but errors show what they carry (JSON.stringify gives `{}`). */
function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v instanceof Error
      ? { ...v, name: v.name, message: v.message, stack: v.stack }
      : v,
  );
}

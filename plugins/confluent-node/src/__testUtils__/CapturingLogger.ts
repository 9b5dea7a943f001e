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
import { LoggerService } from '@backstage/backend-plugin-api';

/** One line a {@link CapturingLogger} received. */
export interface CapturedLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta?: unknown;
}

/**
 * A LoggerService that keeps every line, meta included, so tests can check
 * what the client logs (and that no secret is ever in it).
 */
export class CapturingLogger implements LoggerService {
  readonly lines: CapturedLine[];
  readonly #fields: Record<string, unknown>;

  constructor(
    lines: CapturedLine[] = [],
    fields: Record<string, unknown> = {},
  ) {
    this.lines = lines;
    this.#fields = fields;
  }

  error(message: string, meta?: Error | object) {
    this.#push('error', message, meta);
  }
  warn(message: string, meta?: Error | object) {
    this.#push('warn', message, meta);
  }
  info(message: string, meta?: Error | object) {
    this.#push('info', message, meta);
  }
  debug(message: string, meta?: Error | object) {
    this.#push('debug', message, meta);
  }
  child(meta: Record<string, unknown>): LoggerService {
    return new CapturingLogger(this.lines, { ...this.#fields, ...meta });
  }

  /** Everything logged, as one string: messages, fields and meta. */
  text(): string {
    return this.lines
      .map(l => `${l.level} ${l.message} ${JSON.stringify(l.meta ?? {})}`)
      .join('\n');
  }

  #push(level: CapturedLine['level'], message: string, meta?: unknown) {
    this.lines.push({
      level,
      message,
      meta: { ...this.#fields, ...(meta as object) },
    });
  }
}

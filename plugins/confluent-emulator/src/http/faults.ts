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
import type { Request, Response } from 'express';
import type {
  EmulatorApi,
  EmulatorFaultInjection,
  EmulatorFaultRates,
} from '../types';
import { ApiError, errorBody, isV2Api } from './errors';
import { seededRandom } from '../prng';

interface PendingFault {
  status: number;
  remaining: number;
  retryAfterSeconds: number;
  methods?: string[];
}

/** `X-RateLimit-Limit` of the v2 Cloud APIs (org, iam, fcpm). */
export const RATE_LIMIT = 10_000;

const MESSAGES: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * Injected and random faults, per API. A fault is answered the way that API
 * fails: its own error body, `Retry-After` on 429s (plus the `X-RateLimit-*`
 * headers on the v2 APIs), and Kafka REST's HTML page for a 429 (its 429
 * comes from Jetty's DoSFilter, not from the REST layer).
 */
export class FaultInjector {
  readonly #pending = new Map<EmulatorApi, PendingFault[]>();
  readonly #rates = new Map<EmulatorApi, EmulatorFaultRates>();
  readonly #random = seededRandom(0x5eed);

  inject(fault: EmulatorFaultInjection) {
    const list = this.#pending.get(fault.api) ?? [];
    list.push({
      status: fault.status,
      remaining: fault.times,
      retryAfterSeconds: fault.retryAfterSeconds ?? 1,
      methods: fault.methods?.map(m => m.toUpperCase()),
    });
    this.#pending.set(fault.api, list);
  }

  setRates(rates: Partial<Record<EmulatorApi, EmulatorFaultRates>>) {
    for (const [api, rate] of Object.entries(rates) as Array<
      [EmulatorApi, EmulatorFaultRates]
    >) {
      this.#rates.set(api, { ...rate });
    }
  }

  rates(): Partial<Record<EmulatorApi, EmulatorFaultRates>> {
    return Object.fromEntries(this.#rates);
  }

  pending(): Partial<Record<EmulatorApi, PendingFault[]>> {
    return Object.fromEntries(
      [...this.#pending].filter(([, list]) => list.length > 0),
    );
  }

  clear() {
    this.#pending.clear();
    this.#rates.clear();
  }

  latencyMs(api: EmulatorApi): number {
    return this.#rates.get(api)?.latencyMs ?? 0;
  }

  /** The fault this request gets, if any; consumes an injected one. */
  take(
    api: EmulatorApi,
    method: string,
  ): { status: number; retryAfterSeconds: number } | undefined {
    const list = this.#pending.get(api);
    const index = list?.findIndex(
      f => !f.methods || f.methods.includes(method.toUpperCase()),
    );
    if (list && index !== undefined && index >= 0) {
      const fault = list[index];
      fault.remaining -= 1;
      if (fault.remaining <= 0) list.splice(index, 1);
      return {
        status: fault.status,
        retryAfterSeconds: fault.retryAfterSeconds,
      };
    }
    const rates = this.#rates.get(api);
    if (!rates) return undefined;
    const draw = this.#random();
    const rate429 = rates.rate429 ?? 0;
    if (draw < rate429)
      return { status: 429, retryAfterSeconds: rates.retryAfterSeconds ?? 1 };
    if (draw < rate429 + (rates.rate5xx ?? 0))
      return { status: 500, retryAfterSeconds: 0 };
    return undefined;
  }
}

/**
 * Answers a request with a fault, as `api` fails. `limit` is the
 * `X-RateLimit-Limit` of a 429 (default: the v2 APIs' informational one,
 * sent on those APIs only).
 */
export function sendFault(
  req: Request,
  res: Response,
  api: EmulatorApi,
  fault: { status: number; retryAfterSeconds: number; limit?: number },
) {
  const { status, retryAfterSeconds, limit } = fault;
  if (status === 429 || status === 503) {
    res.setHeader('Retry-After', String(retryAfterSeconds));
  }
  if (status === 429 && (limit !== undefined || isV2Api(api))) {
    res.setHeader('X-RateLimit-Limit', String(limit ?? RATE_LIMIT));
    res.setHeader('X-RateLimit-Remaining', '0');
    res.setHeader('X-RateLimit-Reset', String(retryAfterSeconds));
  }
  if (status === 429 && api === 'kafka') {
    res
      .status(429)
      .type('text/html;charset=utf-8')
      .send(
        `<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n<title>Error 429 Too Many Requests</title>\n</head>\n<body><h2>HTTP ERROR 429 Too Many Requests</h2>\n<table>\n<tr><th>URI:</th><td>${escapeHtml(
          req.path,
        )}</td></tr>\n<tr><th>STATUS:</th><td>429</td></tr>\n<tr><th>MESSAGE:</th><td>Too Many Requests</td></tr>\n<tr><th>SERVLET:</th><td>default</td></tr>\n</table>\n\n</body>\n</html>\n`,
      );
    return;
  }
  const message =
    api === 'connect' && status === 500
      ? 'Oops, something went wrong'
      : MESSAGES[status];
  res.status(status).json(errorBody(api, new ApiError(status, message)));
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`);
}

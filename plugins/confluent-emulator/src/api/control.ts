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
import Router from 'express-promise-router';
import { isError } from '@backstage/errors';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { backstageConfigFor } from '../backstageConfig';
import { baseUrlOf } from '../http/pagination';
import type { EmulatorRuntime } from '../runtime';
import { SEED_IDS, SEED_KEYS } from '../seed/base';

/**
 * `/_emulator`: the emulator's own controls, for e2e tests and the CLI. They
 * exist only on the emulator and need no credentials.
 */
export function createControlRouter(runtime: EmulatorRuntime) {
  const router = Router();
  router.use(express.json({ type: () => true, limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/info', (req, res) => {
    res.json({
      url: baseUrlOf(req),
      ids: SEED_IDS,
      keys: SEED_KEYS,
      seed: runtime.options.seed,
    });
  });

  router.get('/config', (req, res) => {
    res.json(backstageConfigFor(baseUrlOf(req)));
  });

  router.get('/faults', (_req, res) => {
    res.json({
      pending: runtime.faults.pending(),
      rates: runtime.faults.rates(),
    });
  });

  router.post('/faults', (req, res) => {
    runtime.injectFaults(req.body);
    res.status(204).end();
  });

  router.delete('/faults', (_req, res) => {
    runtime.faults.clear();
    res.status(204).end();
  });

  router.put('/fault-rates', (req, res) => {
    runtime.setFaultRates(req.body);
    res.json(runtime.faults.rates());
  });

  router.get('/stats', (_req, res) => {
    res.json({
      requests: runtime.requestCounts(),
      total: runtime.requestCount(),
    });
  });

  router.delete('/stats', (_req, res) => {
    runtime.resetRequestCounts();
    res.status(204).end();
  });

  router.post('/reset', async (req, res) => {
    const seed = (req.body as { seed?: unknown } | undefined)?.seed;
    await runtime.reset(seed as Parameters<EmulatorRuntime['reset']>[0]);
    res.status(204).end();
  });

  router.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'Unknown emulator endpoint' });
  });

  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (
        isError(error) &&
        (error.name === 'InputError' || error.name === 'SyntaxError')
      ) {
        res.status(400).json({ error: error.message });
        return;
      }
      runtime.options.logger.error(`Emulator control request failed: ${error}`);
      res.status(500).json({ error: 'Internal error' });
    },
  );

  return router;
}

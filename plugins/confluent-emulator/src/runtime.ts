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
import { Scheduler } from './lifecycle/scheduler';
import { FaultInjector } from './http/faults';
import { RateLimiter } from './http/rateLimits';
import { InputError } from '@backstage/errors';
import {
  describeZodError,
  faultInjectionSchema,
  faultRatesByApiSchema,
  resolveSeed,
  type ResolvedOptions,
  type ResolvedSeed,
} from './options';
import {
  createServices,
  restoreLifecycles,
  type EmulatorServices,
} from './services';
import { applySeed } from './seed';
import { StatePersistence } from './state/persistence';
import { EmulatorStore } from './state/store';
import { baseState } from './seed/base';
import {
  EMULATOR_APIS,
  type EmulatorApi,
  type EmulatorFaultInjection,
  type EmulatorFaultRates,
  type EmulatorSeed,
} from './types';

/**
 * Everything a running emulator holds besides its HTTP server: state,
 * services, lifecycles, faults and request counters. The programmatic handle
 * and the `/_emulator` endpoints both drive it.
 */
export class EmulatorRuntime {
  readonly options: ResolvedOptions;
  readonly store: EmulatorStore;
  readonly scheduler: Scheduler;
  readonly services: EmulatorServices;
  readonly faults = new FaultInjector();
  readonly rateLimiter: RateLimiter;
  readonly #counts = new Map<EmulatorApi, number>();
  readonly #persistence?: StatePersistence;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.scheduler = new Scheduler(options.logger);
    this.rateLimiter = new RateLimiter(options.rateLimits);
    this.store = new EmulatorStore(baseState(new Date().toISOString()), () =>
      this.#persistence?.scheduleSave(),
    );
    if (options.stateFile) {
      this.#persistence = new StatePersistence({
        file: options.stateFile,
        logger: options.logger,
        getState: () => this.store.state,
      });
    }
    this.services = createServices({
      store: this.store,
      scheduler: this.scheduler,
      timings: options.timings,
      sourceDatabases: options.sourceDatabases,
    });
  }

  /** Loads the state file, or applies the seed when there is none. */
  initialize() {
    const saved = this.#persistence?.load();
    if (saved) {
      this.store.replace(saved);
      restoreLifecycles(this.services);
      this.options.logger.info(
        `Loaded emulator state from ${this.options.stateFile}`,
      );
      return;
    }
    applySeed(this.services, this.options.seed);
    this.#persistence?.flush();
  }

  async reset(seed?: EmulatorSeed) {
    const resolved: ResolvedSeed =
      seed === undefined ? this.options.seed : resolveSeed(seed);
    await this.scheduler.clear();
    this.faults.clear();
    this.rateLimiter.clear();
    this.#counts.clear();
    applySeed(this.services, resolved);
    this.#persistence?.flush();
  }

  count(api: EmulatorApi) {
    this.#counts.set(api, (this.#counts.get(api) ?? 0) + 1);
  }

  requestCount(api?: EmulatorApi): number {
    if (api) return this.#counts.get(api) ?? 0;
    let total = 0;
    for (const value of this.#counts.values()) total += value;
    return total;
  }

  requestCounts(): Record<EmulatorApi, number> {
    return Object.fromEntries(
      EMULATOR_APIS.map(api => [api, this.#counts.get(api) ?? 0]),
    ) as Record<EmulatorApi, number>;
  }

  resetRequestCounts() {
    this.#counts.clear();
  }

  /** Validates and adds a fault; bad input is an InputError. */
  injectFaults(fault: EmulatorFaultInjection) {
    const parsed = faultInjectionSchema.safeParse(fault);
    if (!parsed.success) {
      throw new InputError(`Invalid fault: ${describeZodError(parsed.error)}`);
    }
    this.faults.inject(parsed.data as EmulatorFaultInjection);
  }

  /** Validates and sets fault rates; bad input is an InputError. */
  setFaultRates(rates: Partial<Record<EmulatorApi, EmulatorFaultRates>>) {
    const parsed = faultRatesByApiSchema.safeParse(rates);
    if (!parsed.success) {
      throw new InputError(
        `Invalid fault rates: ${describeZodError(parsed.error)}`,
      );
    }
    this.faults.setRates(
      parsed.data as Partial<Record<EmulatorApi, EmulatorFaultRates>>,
    );
  }

  async stop() {
    await this.scheduler.stop();
    this.#persistence?.flush();
  }
}

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
import type { EmulatorLogger } from '../types';

interface Task {
  dueAt: number;
  run: () => void | Promise<void>;
}

// A step that schedules another due step runs in the same pass; this bounds
// a pass should a step keep rescheduling itself with a zero delay.
const MAX_STEPS_PER_PASS = 100_000;

/**
 * Runs lifecycle steps (PENDING → RUNNING, STOPPING → STOPPED, …) when they
 * are due, with one timer for the earliest step. Requests also call
 * {@link Scheduler.runDue} first, so a client never sees a step that is
 * overdue but still waiting for the timer. Asynchronous steps (a CDC source
 * reading its database) are tracked so `stop` can wait for them.
 */
export class Scheduler {
  readonly #tasks = new Map<string, Task>();
  readonly #jobs = new Set<Promise<void>>();
  readonly #logger: EmulatorLogger;
  #timer?: NodeJS.Timeout;
  #timerDueAt = Infinity;
  #stopped = false;

  constructor(logger: EmulatorLogger) {
    this.#logger = logger;
  }

  /** Runs `run` at `dueAt` (epoch ms), replacing a step with the same key. */
  schedule(key: string, dueAt: number, run: () => void | Promise<void>) {
    if (this.#stopped) return;
    this.#tasks.set(key, { dueAt, run });
    this.#arm();
  }

  cancel(key: string) {
    this.#tasks.delete(key);
  }

  /** Runs every step that is due now. */
  runDue(now = Date.now()) {
    for (let steps = 0; steps < MAX_STEPS_PER_PASS; steps++) {
      let next: [string, Task] | undefined;
      for (const entry of this.#tasks) {
        if (
          entry[1].dueAt <= now &&
          (!next || entry[1].dueAt < next[1].dueAt)
        ) {
          next = entry;
        }
      }
      if (!next) break;
      this.#tasks.delete(next[0]);
      this.#execute(next[0], next[1]);
    }
    this.#arm();
  }

  /** Cancels every step and waits for running asynchronous ones. */
  async stop() {
    this.#stopped = true;
    this.#tasks.clear();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await Promise.allSettled([...this.#jobs]);
  }

  /** Cancels every step, keeps running; used by reset. */
  async clear() {
    this.#tasks.clear();
    await Promise.allSettled([...this.#jobs]);
    this.#arm();
  }

  #execute(key: string, task: Task) {
    try {
      const result = task.run();
      if (result instanceof Promise) {
        const job = result
          .catch(error =>
            this.#logger.error(`Lifecycle step ${key} failed: ${error}`),
          )
          .finally(() => this.#jobs.delete(job));
        this.#jobs.add(job);
      }
    } catch (error) {
      this.#logger.error(`Lifecycle step ${key} failed: ${error}`);
    }
  }

  #arm() {
    if (this.#stopped) return;
    let earliest = Infinity;
    for (const task of this.#tasks.values()) {
      earliest = Math.min(earliest, task.dueAt);
    }
    if (earliest === this.#timerDueAt) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerDueAt = earliest;
    if (earliest === Infinity) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerDueAt = Infinity;
      this.runDue();
    }, Math.max(0, earliest - Date.now()));
  }
}

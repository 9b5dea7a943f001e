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
import fs from 'node:fs';
import path from 'node:path';
import { STATE_FORMAT_VERSION, type EmulatorState } from './model';
import type { EmulatorLogger } from '../types';

// Changes come in bursts (a statement creates a topic, a schema, a tag):
// one write a moment after the last change is enough.
const SAVE_DELAY_MS = 250;

/**
 * Saves the state to a JSON file, debounced, and loads it on start. Writes go
 * to a temporary file that replaces the old one, so a crash mid-write leaves
 * the previous state intact.
 */
export class StatePersistence {
  readonly #file: string;
  readonly #logger: EmulatorLogger;
  readonly #getState: () => EmulatorState;
  #timer?: NodeJS.Timeout;

  constructor(options: {
    file: string;
    logger: EmulatorLogger;
    getState: () => EmulatorState;
  }) {
    this.#file = path.resolve(options.file);
    this.#logger = options.logger;
    this.#getState = options.getState;
  }

  /** The saved state, or undefined when there is none or it is unusable. */
  load(): EmulatorState | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const state = JSON.parse(text) as EmulatorState;
      if (state.formatVersion !== STATE_FORMAT_VERSION) {
        this.#logger.warn(
          `Ignoring state file ${this.#file}: format ${
            state.formatVersion
          }, expected ${STATE_FORMAT_VERSION}`,
        );
        return undefined;
      }
      return state;
    } catch (error) {
      this.#logger.warn(
        `Ignoring unreadable state file ${this.#file}: ${
          (error as Error).message
        }`,
      );
      return undefined;
    }
  }

  scheduleSave() {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#save();
    }, SAVE_DELAY_MS);
  }

  /** Writes now (pending or not) and cancels the pending write. */
  flush() {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#save();
  }

  #save() {
    try {
      fs.mkdirSync(path.dirname(this.#file), { recursive: true });
      const tmp = `${this.#file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.#getState()));
      fs.renameSync(tmp, this.#file);
    } catch (error) {
      this.#logger.error(
        `Could not save the emulator state to ${this.#file}: ${
          (error as Error).message
        }`,
      );
    }
  }
}

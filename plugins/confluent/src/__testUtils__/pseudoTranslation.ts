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
import {
  TranslationApi,
  TranslationSnapshot,
} from '@backstage/core-plugin-api/alpha';

/**
 * A translation API for a pseudo-locale that shows each message's key and
 * values instead of its text (`⟦sinkDestination.label⟧`,
 * `⟦flinkSqlEditor.problem line=2⟧`): a test sees that a string goes
 * through `confluentTranslationRef`, so an app can translate it, rather
 * than being written into the component.
 */
export function pseudoTranslationApi(): TranslationApi {
  const t = (key: string, options?: Record<string, unknown>) => {
    const values = Object.entries(options ?? {}).map(([k, v]) => `${k}=${v}`);
    return `⟦${[key, ...values].join(' ')}⟧`;
  };
  const snapshot = { ready: true, t } as unknown as TranslationSnapshot<any>;
  return {
    getTranslation: () => snapshot,
    // The pseudo-locale never changes, so nothing is ever pushed.
    translation$: () =>
      ({
        subscribe: () => ({ unsubscribe() {}, closed: false }),
        [Symbol.observable]() {
          return this;
        },
      } as any),
  } as TranslationApi;
}

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
import { HumanDuration } from '@backstage/types';

/*
 * Durations are Backstage `HumanDuration`s: an object (`{ seconds: 5 }`), an
 * ISO 8601 duration (`PT5S`) or a string such as `5s` or `2 minutes`. The
 * older `…Seconds` keys are still read when the new key is not set, with a
 * deprecation warning.
 */
export interface Config {
  /**
   * The `confluent` block also holds the client configuration
   * (`@shiftleft/plugin-confluent-node`); these keys tune the entity cards'
   * backend (`@shiftleft/plugin-confluent-backend`).
   */
  confluent?: {
    /** (Optional) Live statement and connector status. */
    status?: {
      /**
       * (Optional) Time between two reads of one watched statement or
       * connector nobody has open in a browser (watched by services only).
       * However many people watch it and however many replicas run, the
       * deployment reads it once per interval and pushes each change once
       * to every viewer. 50 ms to 1 hour. Default: `{ seconds: 5 }`
       */
      pollInterval?: HumanDuration | string;
      /** @deprecated Use `pollInterval`. Seconds. */
      pollIntervalSeconds?: number;
      /**
       * (Optional) Time between two reads of a statement or connector
       * while a user has its page open (watched it within the idle
       * timeout): the pace that keeps a change's way to the browser under
       * two seconds. Never more than `pollInterval`. Default: `{ seconds: 1 }`
       */
      livePollInterval?: HumanDuration | string;
      /** @deprecated Use `livePollInterval`. Seconds. */
      livePollIntervalSeconds?: number;
      /**
       * (Optional) Time after the last viewer's last request before the
       * backend stops reading a statement or connector. Viewers on signals
       * renew well within it. Default: `{ minutes: 1 }`
       */
      idleTimeout?: HumanDuration | string;
      /** @deprecated Use `idleTimeout`. Seconds. */
      idleTimeoutSeconds?: number;
      /**
       * (Optional) Upper bound of the wait between reads after consecutive
       * failures (429, 5xx, timeouts): the wait doubles from the poll
       * interval up to this. Default: `{ minutes: 2 }`
       */
      maxBackoff?: HumanDuration | string;
      /** @deprecated Use `maxBackoff`. Seconds. */
      maxBackoffSeconds?: number;
    };
    /** (Optional) The schema card. */
    schema?: {
      /**
       * (Optional) How long a topic's flattened schema and its Stream
       * Catalog field tags are kept before they are read again.
       * Default: `{ minutes: 1 }`
       */
      cacheTtl?: HumanDuration | string;
      /** @deprecated Use `cacheTtl`. Seconds. */
      cacheSeconds?: number;
    };
  };
}

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

/*
 * What each state means, in English: the default messages of
 * `confluentTranslationRef` (`states.*`), kept apart from the chips' icons
 * so the translation ref does not import React components.
 */

/** Every Flink statement phase the API documents. */
export const STATEMENT_PHASE_TEXTS = {
  PENDING: 'Waiting to run',
  RUNNING: 'Running',
  DEGRADED: 'Running with reduced performance or partial failures',
  FAILING: 'Failing; not stopped yet',
  FAILED: 'Failed; it no longer runs',
  STOPPING: 'Stopping',
  STOPPED: 'Stopped; it can be resumed',
  COMPLETED: 'Finished',
  DELETING: 'Being deleted',
} as const;

/** Connector and task states. */
export const CONNECTOR_STATE_TEXTS = {
  PROVISIONING: 'Being provisioned',
  RUNNING: 'Running',
  DEGRADED: 'Running with failed tasks',
  FAILED: 'Failed',
  PAUSED: 'Paused',
  DELETED: 'Deleted',
  NONE: 'No state reported yet',
} as const;

/** A state this version does not know. */
export const UNKNOWN_STATE_TEXT =
  'A phase this version of the card does not know';

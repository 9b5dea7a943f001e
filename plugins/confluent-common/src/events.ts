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
 * The events contract between the packages that change Confluent (the
 * scaffolder actions) and the catalog entity provider: after creating or
 * deleting a resource, the scaffolder publishes one event per resource on
 * CONFLUENT_EVENTS_TOPIC through the Backstage events service; the provider
 * re-reads that resource at once and applies a delta mutation, so the new
 * data product shows in the catalog without waiting for the next scheduled
 * refresh.
 */

/**
 * The events service topic (`@backstage/plugin-events-node`) on which
 * changes to Confluent resources are published.
 * @public
 */
export const CONFLUENT_EVENTS_TOPIC = 'confluent.resources';

/**
 * What happened to the resource. `updated` covers changes that keep the
 * resource but change what the catalog shows (for example an ownership
 * record written on an existing topic).
 * @public
 */
export type ConfluentResourceEventAction = 'created' | 'updated' | 'deleted';

/**
 * The kind of Confluent resource an event is about.
 * @public
 */
export type ConfluentResourceEventKind = 'statement' | 'connector' | 'topic';

/**
 * The payload of an event on {@link CONFLUENT_EVENTS_TOPIC}.
 *
 * @example
 * ```ts
 * await events.publish({
 *   topic: CONFLUENT_EVENTS_TOPIC,
 *   eventPayload: {
 *     action: 'created',
 *     kind: 'statement',
 *     environmentId: 'env-q7m2xz',
 *     name: 'enriched-customer-materializer',
 *   } satisfies ConfluentResourceEvent,
 * });
 * ```
 * @public
 */
export interface ConfluentResourceEvent {
  action: ConfluentResourceEventAction;
  kind: ConfluentResourceEventKind;
  /** The environment (`env-…`) the resource lives in. */
  environmentId: string;
  /**
   * The Kafka cluster (`lkc-…`) of a connector or topic. Optional: when it
   * is missing, every configured cluster of the environment is searched.
   */
  kafkaClusterId?: string;
  /** The statement, connector or topic name. */
  name: string;
}

const ACTIONS: ReadonlySet<string> = new Set(['created', 'updated', 'deleted']);
const KINDS: ReadonlySet<string> = new Set(['statement', 'connector', 'topic']);

/**
 * Whether an event payload is a {@link ConfluentResourceEvent}. Consumers
 * check before trusting a payload, since any plugin can publish on a topic.
 * @public
 */
export function isConfluentResourceEvent(
  payload: unknown,
): payload is ConfluentResourceEvent {
  if (typeof payload !== 'object' || payload === null) {
    return false;
  }
  const p = payload as Record<string, unknown>;
  return (
    typeof p.action === 'string' &&
    ACTIONS.has(p.action) &&
    typeof p.kind === 'string' &&
    KINDS.has(p.kind) &&
    typeof p.environmentId === 'string' &&
    p.environmentId.length > 0 &&
    typeof p.name === 'string' &&
    p.name.length > 0 &&
    (p.kafkaClusterId === undefined ||
      (typeof p.kafkaClusterId === 'string' && p.kafkaClusterId.length > 0))
  );
}

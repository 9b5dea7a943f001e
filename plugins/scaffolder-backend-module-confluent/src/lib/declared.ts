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
import { DeclaredFingerprint } from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  DeclaredFingerprints,
} from '@shiftleft/plugin-confluent-node';
import { writeOnceIndexed } from './wait';

/**
 * Records what a run declared for a statement or connector (its declared
 * fingerprint, no secrets) in Stream Catalog business metadata on `topic`,
 * where the catalog provider and the drift route read it (see
 * `DeclaredFingerprints` in the node library for why there). A new topic
 * may take a moment to reach Stream Catalog: the write is repeated until
 * it is indexed, like the ownership record.
 */
export async function recordDeclared(options: {
  client: ConfluentClient;
  environmentId: string;
  kafkaClusterId: string;
  topic: string;
  fingerprint: DeclaredFingerprint;
  logger: LoggerService;
  signal?: AbortSignal;
  timeoutMs: number;
  intervalMs: number;
}): Promise<void> {
  const { client, environmentId, topic, fingerprint, signal } = options;
  const store = new DeclaredFingerprints({ client });
  await writeOnceIndexed({
    what: `topic ${topic} to appear in Stream Catalog`,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    signal,
    // Read and merged on every attempt: other resources declared on the
    // same topic keep their entries.
    write: async () =>
      client.catalog(environmentId).setBusinessMetadata(
        [
          await store.item({
            environmentId,
            kafkaClusterId: options.kafkaClusterId,
            topic,
            fingerprint,
            signal,
          }),
        ],
        { signal },
      ),
  });
  options.logger.info(
    `Recorded the declared ${fingerprint.kind} ${fingerprint.name} on topic ${topic}, to detect drift`,
  );
}

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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import { startTestEmulator } from '@shiftleft/confluent-emulator/testUtils';
import { makeProvider } from '../__testUtils__/harness';

// Throttled reads wait out Retry-After (a second at a time).
jest.setTimeout(120_000);

/** Each entity's ref with its owner and where the owner came from. */
function owners(entities: Entity[]) {
  return Object.fromEntries(
    entities.map(e => [
      stringifyEntityRef(e),
      `${e.spec?.owner} (${e.metadata.annotations?.['confluent.io/owner-source']})`,
    ]),
  );
}

describe('ConfluentEntityProvider under Stream Governance rate limits', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({
      seed: { large: { topics: 400, statements: 80, connectors: 20 } },
      // Far below Confluent's 75 reads a second, so that every refresh is
      // throttled.
      rateLimits: {
        catalog: { readPerSecond: 2, writePerSecond: 1 },
        schemaRegistry: { readPerSecond: 2, writePerSecond: 1 },
      },
    });
  });

  afterAll(() => emu.stop());

  it('finishes every refresh under 429s with the same entities and owners, none disappearing or flapping', async () => {
    const statuses: number[] = [];
    const { provider } = makeProvider(emu, {
      // The client's defaults: retries that honour Retry-After.
      confluent: { maxRetries: 4, retryMaxDelayMs: 5000 },
      provider: {
        defaultOwner: 'group:default/platform-team',
        ownership: [],
      },
      onResponse: r => {
        if (r.api === 'catalog' || r.api === 'schemaRegistry') {
          statuses.push(r.status);
        }
      },
    });

    const first = await provider.read();
    const second = await provider.read();
    const third = await provider.read();

    // The emulator did throttle, and the client waited and retried.
    expect(statuses.filter(s => s === 429).length).toBeGreaterThan(0);
    expect(first.entities.length).toBeGreaterThan(400);
    // Owners recorded in Stream Catalog made it through the throttling.
    expect(Object.values(owners(first.entities)).join()).toContain(
      '(metadata)',
    );
    for (const later of [second, third]) {
      expect(owners(later.entities)).toEqual(owners(first.entities));
      expect(later.entities).toEqual(first.entities);
    }
  });
});

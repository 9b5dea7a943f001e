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
 * Waits until the portal is ready, not merely listening: the catalog has
 * ingested the emulator's workshop organization (the entity provider's first
 * refresh and the catalog's processing take a while on a cold start), so no
 * test opens a page before its entity exists.
 */
const backend = 'http://localhost:7007';
const expected = [
  'api/default/enriched_customers',
  'api/default/thirty_day_customer_snapshot',
  'component/default/enriched-customer-materializer',
  'resource/default/postgres.onlinestoredb.public.thirty_day_customer_snapshot',
];

async function catalogHas(token: string, ref: string) {
  const res = await fetch(`${backend}/api/catalog/entities/by-name/${ref}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.ok;
}

export default async function globalSetup() {
  const deadline = Date.now() + 300_000;
  let missing = expected;
  while (Date.now() < deadline) {
    try {
      const { backstageIdentity } = await fetch(
        `${backend}/api/auth/guest/refresh`,
        { headers: { 'x-requested-with': 'XMLHttpRequest' } },
      ).then(r => r.json());
      const present = await Promise.all(
        expected.map(ref => catalogHas(backstageIdentity.token, ref)),
      );
      missing = expected.filter((_, i) => !present[i]);
      if (missing.length === 0) return;
    } catch {
      // The backend is still starting.
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(
    `The portal's catalog never ingested the workshop: missing ${missing.join(', ')}`,
  );
}

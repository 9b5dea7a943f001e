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
import * as pkg from '../index';

describe('action factory names', () => {
  it('exports every factory as createConfluent…Action, with the old name as an alias', () => {
    const pairs = [
      ['createCdcPreflightAction', 'createConfluentCdcPreflightAction'],
      ['createConnectorCreateAction', 'createConfluentConnectorCreateAction'],
      [
        'createFlinkStatementCreateAction',
        'createConfluentFlinkStatementCreateAction',
      ],
      ['createDataProductPlanAction', 'createConfluentDataProductPlanAction'],
      ['createCatalogRefreshAction', 'createConfluentCatalogRefreshAction'],
      [
        'createDataProductChangeAction',
        'createConfluentDataProductChangeAction',
      ],
      [
        'createDataProductPlanChangeAction',
        'createConfluentDataProductPlanChangeAction',
      ],
    ] as const;
    for (const [old, current] of pairs) {
      expect(typeof pkg[current]).toBe('function');
      expect(pkg[old]).toBe(pkg[current]);
    }
    const factories = Object.keys(pkg).filter(k => /^create\w*Action$/.test(k));
    expect(
      factories.filter(k => !k.startsWith('createConfluent')).sort(),
    ).toEqual(pairs.map(([old]) => old).sort());
  });
});

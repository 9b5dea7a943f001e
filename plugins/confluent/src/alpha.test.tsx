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
import { Entity } from '@backstage/catalog-model';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  confluentConnectorStatusCard,
  confluentSchemaCard,
  confluentStatementStatusCard,
} from './alpha';
import { connectorEntity, dataProduct } from './__testUtils__/render';

// The new frontend system places a card on an entity page when its filter
// accepts the entity.
describe('entity card filters', () => {
  const filterOf = (ext: any): ((entity: Entity) => boolean) =>
    createExtensionTester(ext).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as (entity: Entity) => boolean;

  it('shows the statement and schema cards on a data product', () => {
    expect(filterOf(confluentStatementStatusCard)(dataProduct())).toBe(true);
    expect(filterOf(confluentSchemaCard)(dataProduct())).toBe(true);
    expect(filterOf(confluentConnectorStatusCard)(dataProduct())).toBe(false);
  });

  it('shows the connector card on a connector', () => {
    expect(filterOf(confluentConnectorStatusCard)(connectorEntity())).toBe(
      true,
    );
    expect(filterOf(confluentStatementStatusCard)(connectorEntity())).toBe(
      false,
    );
    expect(filterOf(confluentSchemaCard)(connectorEntity())).toBe(false);
  });
});

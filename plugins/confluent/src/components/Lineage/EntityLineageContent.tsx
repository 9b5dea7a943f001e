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
import { useCallback } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useSearchParams } from 'react-router-dom';
import { LineageGraphView } from './LineageGraphView';

/**
 * The Lineage tab of an entity: its column lineage graph. The selected
 * column lives in the URL (`?column=email`), so a link can open it.
 * @public
 */
export function EntityLineageContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [params, setParams] = useSearchParams();
  const onSelect = useCallback(
    (selection?: { node: string; column: string }) => {
      setParams(
        current => {
          const next = new URLSearchParams(current);
          if (
            selection &&
            selection.node === entityRef.toLocaleLowerCase('en-US')
          ) {
            next.set('column', selection.column);
          } else {
            next.delete('column');
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams, entityRef],
  );
  return (
    <LineageGraphView
      entityRef={entityRef}
      column={params.get('column') ?? undefined}
      onSelect={onSelect}
    />
  );
}

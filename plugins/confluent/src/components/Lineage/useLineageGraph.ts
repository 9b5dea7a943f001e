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
import { useCallback, useEffect, useMemo, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  lineageDownstream,
  LineageGraphResponse,
  lineageUpstream,
} from '@shiftleft/plugin-confluent-common';
import useAsync from 'react-use/esm/useAsync';
import { confluentApiRef } from '../../api/ConfluentApi';
import { layoutLineage, PlacedNode, warmUpLayout } from './layout';
import { columnKey, LineageSelection } from './nodes';

/* The state of the lineage graph view: the graph read and laid out, and the
 * selected column with its path. */

/** A selected column of a box. */
export type SelectedColumn = { node: string; column: string };

/**
 * Reads the graph around `entityRef` to `depth` hops and lays it out.
 * `drawn` is set only once the layout of the graph just read is done: the
 * previous layout's boxes would not match its edges.
 */
export function useLaidOutLineage(entityRef: string, depth: number | 'all') {
  const api = useApi(confluentApiRef);
  useEffect(warmUpLayout, []);
  const fetched = useAsync(
    () =>
      api.getLineageGraph(parseEntityRef(entityRef), {
        upstream: depth,
        downstream: depth,
      }),
    [api, entityRef, depth],
  );
  // Laid out apart from the fetch, in a Web Worker: a large graph takes ELK
  // a second or more, and the page stays responsive meanwhile.
  const laidOut = useAsync(async () => {
    const laying = fetched.value;
    return laying
      ? { graph: laying, placed: await layoutLineage(laying) }
      : undefined;
  }, [fetched.value]);
  const drawn:
    | { graph: LineageGraphResponse; placed: PlacedNode[] }
    | undefined =
    laidOut.value && laidOut.value.graph === fetched.value
      ? laidOut.value
      : undefined;
  return {
    loading: fetched.loading,
    /** The graph read, while it is being laid out. */
    laying:
      !!fetched.value && !drawn && !laidOut.error ? fetched.value : undefined,
    error: fetched.error ?? laidOut.error,
    drawn,
  };
}

/**
 * The selected column and its upstream and downstream path. A `?column=`
 * link (`column`) selects that column of the root once the graph is drawn.
 */
export function useLineageSelection(options: {
  graph?: LineageGraphResponse;
  column?: string;
  onSelect?(selection?: SelectedColumn): void;
}) {
  const { graph, column, onSelect } = options;
  const [selected, setSelected] = useState<SelectedColumn | undefined>();

  useEffect(() => {
    if (!graph) return;
    const root = graph.nodes.find(n => n.id === graph.root);
    setSelected(current => {
      if (current && graph.nodes.some(n => n.id === current.node)) {
        return current;
      }
      return column && root?.columns.some(c => c.name === column)
        ? { node: root.id, column }
        : undefined;
    });
  }, [graph, column]);

  const select = useCallback(
    (node: string, col: string) => {
      setSelected({ node, column: col });
      onSelect?.({ node, column: col });
    },
    [onSelect],
  );
  const clear = useCallback(() => {
    setSelected(undefined);
    onSelect?.(undefined);
  }, [onSelect]);

  const path = useMemo(() => {
    if (!graph || !selected) {
      return {
        upstream: [],
        downstream: [],
        keys: new Set<string>(),
        edges: new Set<string>(),
      };
    }
    const upstream = lineageUpstream(graph, selected);
    const downstream = lineageDownstream(graph, selected);
    const hops = [...upstream, ...downstream];
    return {
      upstream,
      downstream,
      keys: new Set(hops.map(h => columnKey(h.node, h.column ?? ''))),
      edges: new Set(hops.map(h => h.edge!.id)),
    };
  }, [graph, selected]);

  const selection: LineageSelection = useMemo(
    () => ({ selected, onPath: path.keys, select }),
    [selected, path.keys, select],
  );
  return { selected, clear, path, selection };
}

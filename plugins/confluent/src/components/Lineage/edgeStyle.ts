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
import type { CSSProperties } from 'react';
import type { LineageGraphEdge } from '@shiftleft/plugin-confluent-common';

/** The dash pattern of an indirect input's edge. */
export const INDIRECT_DASH = '6 4';

/** The colours {@link lineageEdgeStyle} draws with (the theme's). */
export interface LineageEdgePalette {
  /** Flow edges between a dataset and its statement or connector. */
  flow: string;
  /** Column edges. */
  column: string;
  /** Edges on the selected column's path. */
  path: string;
}

/**
 * How an edge of the lineage graph is drawn. Column edges whose source's
 * value flows into the column (copied, computed or aggregated) are solid;
 * those whose source only takes part in a condition deciding the value
 * (OpenLineage's INDIRECT) are dashed. The selected column's path stands
 * out and the rest fades.
 */
export function lineageEdgeStyle(
  edge: Pick<LineageGraphEdge, 'kind' | 'input'>,
  options: {
    palette: LineageEdgePalette;
    /** The edge is on the selected column's path. */
    onPath: boolean;
    /** A column is selected. */
    active: boolean;
  },
): CSSProperties {
  const { palette, onPath, active } = options;
  const column = edge.kind === 'column';
  let stroke = column ? palette.column : palette.flow;
  let strokeWidth = column ? 1.25 : 1;
  let opacity = column ? 0.8 : 0.5;
  if (onPath) {
    stroke = palette.path;
    strokeWidth = 3;
    opacity = 1;
  } else if (active) {
    opacity = 0.2;
  }
  return {
    stroke,
    strokeWidth,
    strokeDasharray:
      column && edge.input === 'indirect' ? INDIRECT_DASH : undefined,
    opacity,
  };
}
